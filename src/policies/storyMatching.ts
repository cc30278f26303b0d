// "Stories like mine" (issue 17): which stories match what a reader asked for, in what order, which
// filter values may be offered, and "more like this". Pure functions over the characteristics of the
// stories the viewer may see (the caller has read them as the viewer, filtered and bounded by the
// database: src/queries/storyMatching.ts); nothing here decides visibility.

/** A filter value, or a combination of them, narrowing to fewer stories than this is not offered to visitors. */
export const MIN_STORIES_FOR_FILTER = 5
/** How many matches a page shows, and how many stories "more like this" shows of each kind. */
export const MATCHES_SHOWN = 12
export const MORE_LIKE_THIS_SHOWN = 3

export type StoryTraits = {
  id: number | string
  narratorType: string | null
  themes: string[]
  tags: string[]
  stage: string | null
  tone: string | null
  warnings: string[]
  /** ISO date, for the newest first among equals. */
  publishedAt: string | null
}

export type MatchRequest = { narratorType: string; themes: string[]; tags: string[]; stage: string; tone: string }

export const EMPTY_REQUEST: MatchRequest = { narratorType: '', themes: [], tags: [], stage: '', tone: '' }

export const requestIsEmpty = (r: MatchRequest): boolean => !r.narratorType && !r.stage && !r.tone && r.themes.length === 0 && r.tags.length === 0

/**
 * A story matches when it has each chosen narrator type, stage and tone, at least one of the chosen
 * themes (if any) and at least one of the chosen tags (if any).
 */
export function matches(story: StoryTraits, r: MatchRequest): boolean {
  if (r.narratorType && story.narratorType !== r.narratorType) return false
  if (r.stage && story.stage !== r.stage) return false
  if (r.tone && story.tone !== r.tone) return false
  if (r.themes.length > 0 && !r.themes.some((t) => story.themes.includes(t))) return false
  if (r.tags.length > 0 && !r.tags.some((t) => story.tags.includes(t))) return false
  return true
}

/** How many of the chosen characteristics a story shares. */
export function sharedWithRequest(story: StoryTraits, r: MatchRequest): number {
  return (
    (r.narratorType && story.narratorType === r.narratorType ? 1 : 0) +
    (r.stage && story.stage === r.stage ? 1 : 0) +
    (r.tone && story.tone === r.tone ? 1 : 0) +
    r.themes.filter((t) => story.themes.includes(t)).length +
    r.tags.filter((t) => story.tags.includes(t)).length
  )
}

/** How many characteristics two stories share. */
export function sharedBetween(a: StoryTraits, b: StoryTraits): number {
  return (
    (a.narratorType && a.narratorType === b.narratorType ? 1 : 0) +
    (a.stage && a.stage === b.stage ? 1 : 0) +
    (a.tone && a.tone === b.tone ? 1 : 0) +
    a.themes.filter((t) => b.themes.includes(t)).length +
    a.tags.filter((t) => b.tags.includes(t)).length
  )
}

const newestFirst = (a: StoryTraits, b: StoryTraits) => String(b.publishedAt ?? '').localeCompare(String(a.publishedAt ?? '')) || String(b.id).localeCompare(String(a.id))

/**
 * How many of the newest visible stories a page reads first, in the order an index holds them. Most
 * questions are answered from these alone (see offerFromRecent, matchesInRecent); only the rest go to
 * the database one by one. A filter on a theme or tag is a join, and SQLite then reads every story
 * with that value and sorts them, however few are needed (EXPLAIN QUERY PLAN at 100,000 stories).
 */
export const RECENT_STORIES_READ = 400
/**
 * How many of the newest matching stories are ranked by shared characteristics and counted. Every
 * story in the window satisfies matches(); a story sharing more than these but older than the newest
 * MATCH_WINDOW matches is not shown first. The trade-off: bounded reads per request at any size,
 * against an exact "most shared of all" (which would read every match: the drizzle adapter has no
 * `all` operator to ask the database for "has every chosen theme" first).
 */
export const MATCH_WINDOW = 50
/**
 * How many matching stories the page counts at most: beyond it the page says "more than 50". The
 * window's read answers it (a count of every match read every matching row: 300–750 ms at 100,000).
 */
export const MATCH_COUNT_CAP = MATCH_WINDOW

/**
 * The values of a kind decided from the newest stories: their counts there, and the values still
 * undecided (fewer than storiesToOffer among them, while older stories exist), which the caller asks
 * the database about. A value carried by enough of the newest is carried by enough stories: exact.
 */
export function offerFromRecent(
  recent: StoryTraits[],
  kind: FilterKind,
  vocabulary: readonly { value: string }[],
  { visitor, complete }: { visitor: boolean; complete: boolean },
): { counts: Map<string, number>; undecided: string[] } {
  const counts = countsOf(recent, kind)
  const least = storiesToOffer({ visitor })
  const undecided = complete ? [] : vocabulary.map((entry) => entry.value).filter((value) => (counts.get(value) ?? 0) < least)
  return { counts, undecided }
}

/**
 * The newest `need` matches, from the newest stories read (newest first, `complete` when they are all
 * the stories there are), or null when they hold fewer and the database must be asked. Exact: the
 * newest stories hold the newest matches.
 */
export function matchesInRecent(recent: StoryTraits[], r: MatchRequest, { complete, need }: { complete: boolean; need: number }): StoryTraits[] | null {
  const found = recent.filter((story) => matches(story, r))
  return complete || found.length >= need ? found.slice(0, need) : null
}
/** How many stories "more like this" ranks, from each of its candidate reads (see src/queries/storyMatching.ts). */
export const SIMILAR_WINDOW = 60

/**
 * For visitors, a combination that narrows to fewer than MIN_STORIES_FOR_FILTER visible stories is
 * ignored, so that characteristics cannot be combined to single out an author. `found` may stop at
 * MIN_STORIES_FOR_FILTER: only "at least that many" matters.
 */
export const refusedForVisitor = (r: MatchRequest, { visitor, found }: { visitor: boolean; found: number }): boolean => visitor && !requestIsEmpty(r) && found < MIN_STORIES_FOR_FILTER

/** A count read up to `cap` + 1 rows: the number to show, and whether there are more than `cap`. */
export const boundedTotal = (found: number, cap = MATCH_COUNT_CAP): { total: number; more: boolean } => ({ total: Math.min(found, cap), more: found > cap })

/**
 * Ranks candidate stories (read newest first, already filtered by the database) for a request: those
 * failing matches() are left out (the database filter and this rule must agree; tests check it), then
 * most shared characteristics first, newest first among equals. An empty request keeps newest first.
 */
export function rankCandidates(candidates: StoryTraits[], r: MatchRequest, limit = MATCHES_SHOWN): (number | string)[] {
  if (requestIsEmpty(r))
    return [...candidates]
      .sort(newestFirst)
      .slice(0, limit)
      .map((s) => s.id)
  return candidates
    .filter((story) => matches(story, r))
    .map((story) => ({ story, score: sharedWithRequest(story, r) }))
    .sort((a, b) => b.score - a.score || newestFirst(a.story, b.story))
    .slice(0, limit)
    .map((entry) => entry.story.id)
}

export type FilterKind = 'narratorType' | 'themes' | 'tags' | 'stage' | 'tone'

/** How many stories carry each value of a kind. */
export function countsOf(stories: StoryTraits[], kind: FilterKind): Map<string, number> {
  const counts = new Map<string, number>()
  const bump = (value: string | null) => {
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1)
  }
  for (const story of stories) {
    if (kind === 'themes') story.themes.forEach(bump)
    else if (kind === 'tags') story.tags.forEach(bump)
    else if (kind === 'narratorType') bump(story.narratorType)
    else if (kind === 'stage') bump(story.stage)
    else bump(story.tone)
  }
  return counts
}

/**
 * The values of a kind that may be offered: to visitors only those at least MIN_STORIES_FOR_FILTER
 * stories carry; to members every value some story carries.
 */
export function offeredValues<T extends { value: string }>(stories: StoryTraits[], kind: FilterKind, vocabulary: readonly T[], { visitor }: { visitor: boolean }): (T & { count: number })[] {
  return offeredFrom(countsOf(stories, kind), vocabulary, { visitor })
}

/** How many stories a viewer needs to see carrying a value before it is offered to them. */
export const storiesToOffer = ({ visitor }: { visitor: boolean }): number => (visitor ? MIN_STORIES_FOR_FILTER : 1)

/**
 * The values offered, from counts that may stop at storiesToOffer (the database is asked "are there at
 * least that many?", never "how many?").
 */
export function offeredFrom<T extends { value: string }>(counts: ReadonlyMap<string, number>, vocabulary: readonly T[], { visitor }: { visitor: boolean }): (T & { count: number })[] {
  const least = storiesToOffer({ visitor })
  return vocabulary.map((entry) => ({ ...entry, count: counts.get(entry.value) ?? 0 })).filter((entry) => entry.count >= least)
}

/** A request keeps only values that were offered (a visitor cannot ask for a value hidden from them). */
export function keepOffered(r: MatchRequest, offered: Record<FilterKind, readonly { value: string }[]>): { request: MatchRequest; dropped: boolean } {
  const ok = (kind: FilterKind, value: string) => offered[kind].some((entry) => entry.value === value)
  const request: MatchRequest = {
    narratorType: r.narratorType && ok('narratorType', r.narratorType) ? r.narratorType : '',
    stage: r.stage && ok('stage', r.stage) ? r.stage : '',
    tone: r.tone && ok('tone', r.tone) ? r.tone : '',
    themes: r.themes.filter((t) => ok('themes', t)),
    tags: r.tags.filter((t) => ok('tags', t)),
  }
  const dropped = request.narratorType !== r.narratorType || request.stage !== r.stage || request.tone !== r.tone || request.themes.length !== r.themes.length || request.tags.length !== r.tags.length
  return { request, dropped }
}

/** Content-based "more like this": the visible stories sharing most with this one (at least one characteristic). */
export function similarStories(story: StoryTraits, others: StoryTraits[], limit = MORE_LIKE_THIS_SHOWN): (number | string)[] {
  return others
    .filter((other) => String(other.id) !== String(story.id))
    .map((other) => ({ other, score: sharedBetween(story, other) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || newestFirst(a.other, b.other))
    .slice(0, limit)
    .map((entry) => entry.other.id)
}

export type PairCount = { a: number | string; b: number | string; count: number }

/**
 * Collaborative "readers who found this helpful also found…": the other story of each pair with this
 * one counted by at least `minimum` readers, most readers first, among the stories the viewer may see
 * and not already shown.
 */
export function alsoFound(
  storyId: number | string,
  pairs: PairCount[],
  visibleIds: ReadonlySet<string>,
  exclude: ReadonlySet<string>,
  minimum: number,
  limit = MORE_LIKE_THIS_SHOWN,
): (number | string)[] {
  const out: { id: number | string; count: number }[] = []
  for (const pair of pairs) {
    if (pair.count < minimum) continue
    const other = String(pair.a) === String(storyId) ? pair.b : String(pair.b) === String(storyId) ? pair.a : null
    if (other === null || !visibleIds.has(String(other)) || exclude.has(String(other))) continue
    out.push({ id: other, count: pair.count })
  }
  return out
    .sort((x, y) => y.count - x.count || String(x.id).localeCompare(String(y.id)))
    .slice(0, limit)
    .map((entry) => entry.id)
}
