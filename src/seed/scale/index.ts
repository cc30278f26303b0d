// The scale seed: many approved, consented, published stories and a busy forum, written in bulk on top
// of the demo data, so that pages, indexes and search can be measured at the size of a large site.
import type { Payload } from 'payload'

import { fullTextIndexFor } from '../../db/search/index.js'
import { bulkWriter, type BulkWriter, type Inserter } from './bulkWrite.js'
import { LONG_THREAD_TITLE, planForum, posterOf, replyRow, threadRow, type SeedPoster } from './forum.js'
import { storyRows, type SeedAuthor, type SeedLocality, type SeedTag } from './stories.js'
import { pick, seededRandom, type Random } from './words.js'

export type ScaleOptions = { stories: number; replies: number; threads: number; seed: number; now?: Date }
export type ScaleProgress = { start: (total: number) => void; advance: (count: number, phase: string) => void; stop: () => void }
export type ScaleResult = {
  stories: number
  markedStories: number
  threads: number
  replies: number
  longThreadId: number | string | null
  longThreadReplies: number
  /** Seconds spent writing each part. */
  seconds: { stories: number; forum: number; indexes: number; search: number }
}

/** The tables the seed writes into: their secondary indexes are rebuilt once at the end. */
const TABLES = ['stories', 'consents', 'stories_themes', 'stories_content_warnings', 'stories_rels', 'threads', 'replies']
const STORIES_PER_TRANSACTION = 5_000
const REPLIES_PER_TRANSACTION = 20_000
const ROWS_PER_BATCH = 1_000

/** libsql answers synchronously: without a turn of the event loop now and then, the progress bar never redraws. */
const letTimersRun = () => new Promise((resolve) => setImmediate(resolve))

export class ScaleSeedRefused extends Error {}

/** Threads to hold `replies`: about fifty replies each, at least one. */
export const defaultThreadCount = (replies: number) => Math.max(1, Math.round(replies / 50))

type Cast = { now: Date; random: Random; posters: SeedPoster[]; authors: SeedAuthor[]; localities: SeedLocality[]; tags: SeedTag[] }

export async function seedAtScale(payload: Payload, options: ScaleOptions, progress: ScaleProgress): Promise<ScaleResult> {
  const previous = await payload.count({ collection: 'threads', where: { title: { equals: LONG_THREAD_TITLE } }, overrideAccess: true })
  if (previous.totalDocs > 0) throw new ScaleSeedRefused('This database already holds a scale seed (its long thread exists). Start from a fresh database.')
  const users = await payload.find({ collection: 'users', where: { isDemo: { equals: true } }, depth: 0, limit: 100, pagination: false, sort: 'id', overrideAccess: true })
  const posters: SeedPoster[] = users.docs.map((user) => posterOf(user as never))
  // Stories are told by ordinary members; staff post in the forum too.
  const authors = users.docs.filter((user) => (user.roles ?? []).every((role: string) => role === 'member'))
  const localityDocs = await payload.find({ collection: 'localities', depth: 0, limit: 100, pagination: false, sort: 'id', overrideAccess: true })
  const localities: SeedLocality[] = localityDocs.docs.map((l) => ({ id: l.id, slug: String(l.slug), forumVisibility: String(l.forumVisibility) }))
  if (authors.length === 0 || localities.length === 0) throw new ScaleSeedRefused('Run the demo seed first: the scale seed writes as its members, in its localities.')
  // The demo seed's experience tags, oldest first, so that the first (the most used) are the same each run.
  const tagDocs = await payload.find({ collection: 'story-tags', depth: 0, limit: 200, pagination: false, sort: 'id', overrideAccess: true })
  const tags: SeedTag[] = tagDocs.docs.map((tag) => ({ id: tag.id }))
  const cast: Cast = { now: options.now ?? new Date(), random: seededRandom(options.seed), posters, authors, localities, tags }

  const threads = options.replies > 0 ? Math.max(1, options.threads) : options.threads
  const writer = await bulkWriter(payload)
  try {
    progress.start(options.stories + threads + options.replies)
    const rebuildIndexes = await writer.dropIndexes(TABLES)
    let clock = Date.now()
    const lap = () => {
      const seconds = (Date.now() - clock) / 1000
      clock = Date.now()
      return seconds
    }
    const markedStories = await writeStories(writer, options.stories, cast, progress)
    const storySeconds = lap()
    const forum = await writeForum(writer, options.replies, threads, cast, progress)
    const forumSeconds = lap()
    progress.advance(0, 'indexes')
    await rebuildIndexes()
    const indexSeconds = lap()
    // The bulk rows skipped the hooks that keep search in step: fill it the way the migration does.
    progress.advance(0, 'search')
    await fullTextIndexFor(payload)?.refill()
    progress.stop()
    return { stories: options.stories, markedStories, threads, replies: options.replies, ...forum, seconds: { stories: storySeconds, forum: forumSeconds, indexes: indexSeconds, search: lap() } }
  } finally {
    await writer.close()
  }
}

async function writeStories(writer: BulkWriter, total: number, { now, random, authors, localities, tags }: Cast, progress: ScaleProgress): Promise<number> {
  let marked = 0
  const writeBatch = async (insert: Inserter, from: number, count: number) => {
    const batch = Array.from({ length: count }, (_, k) => storyRows(random, from + k, total, now, authors, localities, tags))
    const inserted = await insert(
      'stories',
      batch.map((b) => b.story),
      ['id', 'slug'],
    )
    const idOfSlug = new Map(inserted.map((row) => [row.slug, row.id as number | string]))
    const ids = batch.map((b) => idOfSlug.get(b.story.slug)!)
    await insert(
      'consents',
      batch.map((b, k) => b.consent(ids[k]!)),
    )
    await insert(
      'stories_themes',
      batch.flatMap((b, k) => b.themes.map((value, order) => ({ parent: ids[k], order: order + 1, value }))),
    )
    await insert(
      'stories_content_warnings',
      batch.flatMap((b, k) => b.warnings.map((value, order) => ({ parent: ids[k], order: order + 1, value }))),
    )
    // Experience tags live in the stories' relationships table, as Payload writes a hasMany relationship.
    await insert(
      'stories_rels',
      batch.flatMap((b, k) => b.tags.map((tag, order) => ({ parent: ids[k], order: order + 1, path: 'experienceTags', 'story-tagsID': tag }))),
    )
    marked += batch.filter((b) => b.marked).length
    progress.advance(count, 'stories')
    await letTimersRun()
  }
  for (let first = 0; first < total; first += STORIES_PER_TRANSACTION) {
    const last = Math.min(total, first + STORIES_PER_TRANSACTION)
    await writer.transaction(async (insert) => {
      for (let at = first; at < last; at += ROWS_PER_BATCH) await writeBatch(insert, at, Math.min(ROWS_PER_BATCH, last - at))
    })
  }
  return marked
}

async function writeForum(writer: BulkWriter, replies: number, threads: number, { now, random, posters, localities }: Cast, progress: ScaleProgress) {
  const plan = planForum(random, replies, threads, now)
  // The long thread is in a public forum, so that visitors read it too.
  const publicForum = localities.find((l) => l.forumVisibility === 'public') ?? localities[0]!
  const threadRefs: { id: number | string; locality: number | string }[] = []
  await writer.transaction(async (insert) => {
    for (let at = 0; at < threads; at += ROWS_PER_BATCH) {
      const rows = Array.from({ length: Math.min(ROWS_PER_BATCH, threads - at) }, (_, k) => threadRow(random, plan, at + k, at + k === 0 ? publicForum : pick(random, localities), posters))
      const inserted = await insert('threads', rows, ['id', 'title'])
      const idOfTitle = new Map(inserted.map((row) => [row.title, row.id as number | string]))
      threadRefs.push(...rows.map((row) => ({ id: idOfTitle.get(row.title)!, locality: row.locality })))
      progress.advance(rows.length, 'threads')
    }
  })
  for (let first = 0; first < replies; first += REPLIES_PER_TRANSACTION) {
    const last = Math.min(replies, first + REPLIES_PER_TRANSACTION)
    await writer.transaction(async (insert) => {
      for (let at = first; at < last; at += ROWS_PER_BATCH) {
        const rows = Array.from({ length: Math.min(ROWS_PER_BATCH, last - at) }, (_, k) => replyRow(random, plan, at + k, threadRefs[plan.threadOfReply[at + k]!]!, posters))
        await insert('replies', rows)
        progress.advance(rows.length, 'replies')
        await letTimersRun()
      }
    })
  }
  return { longThreadId: threadRefs[0]?.id ?? null, longThreadReplies: plan.replyCount[0] ?? 0 }
}
