// The commissioners' report: figures per locality and county-wide, and quotes that authors agreed
// to. It reads with overrideAccess because it counts what nobody may list, and so it returns only
// counts, medians and anonymised quotes: never a name, an email, a title or an id (the shape is
// src/presenters/report.ts; the periods are src/policies/reportPeriods.ts).
import { canSeeReports } from '../policies/meetingAccess.js'
import type { Payload, Where } from 'payload'

import type { Count, Report, ScopeReport } from '../presenters/report.js'
import { ACTION_STATES, ACTION_STATE_LABELS, isActionState } from '../policies/actions.js'
import { STORY_THEMES } from '../policies/storyTaxonomy.js'
import { lexicalToPlainText } from '../richtext/index.js'
import { anonymiseQuote } from './anonymise.js'
import { median, periodStart } from './figures.js'
import { shownVolunteerTables, type VolunteerFigures } from './suppression.js'
import { OPPORTUNITY_KINDS } from '../policies/volunteering.js'
import { idOf } from '../db/relationId.js'

export const QUOTES_PER_SCOPE = 5
const HOUR = 60 * 60 * 1000

type Row = Record<string, any>

async function all(
  payload: Payload,
  collection: 'meetings' | 'stories' | 'actions' | 'consents' | 'moderation-events' | 'threads' | 'replies' | 'localities' | 'volunteer-interests',
  where: Where,
  select: Record<string, true>,
): Promise<Row[]> {
  const result = await payload.find({ collection, where, select: select as never, depth: 0, pagination: false, overrideAccess: true })
  return result.docs as Row[]
}

const counted = (keys: string[], labels: { key: string; label: string }[]): Count[] => {
  const tally = new Map<string, number>()
  for (const key of keys) tally.set(key, (tally.get(key) ?? 0) + 1)
  return labels.map(({ key, label }) => ({ key, label, count: tally.get(key) ?? 0 }))
}

const THEME_LABELS = [...STORY_THEMES.map((t) => ({ key: t.value as string, label: t.label as string })), { key: 'none', label: 'No theme given' }]
const ACTION_LABELS = ACTION_STATES.map((s) => ({ key: s, label: ACTION_STATE_LABELS[s] }))
const VOLUNTEER_KINDS = [...OPPORTUNITY_KINDS.map((k) => ({ key: k.value as string, label: k.label as string })), { key: 'all', label: 'All roles' }]

/** People (not interests: one person in two roles counts once per row) by kind; hidden where small later (shownVolunteerTables). */
function volunteerCounts(rows: Row[], within: (iso: unknown) => boolean): VolunteerFigures[] {
  return VOLUNTEER_KINDS.map(({ key, label }) => {
    const mine = key === 'all' ? rows : rows.filter((r) => r.kind === key)
    const active = new Set(mine.filter((r) => r.state === 'active').map((r) => String(idOf(r.member))))
    const started = new Set(mine.filter((r) => within(r.startedActiveAt)).map((r) => String(idOf(r.member))))
    return { key, label, active: active.size, newThisPeriod: started.size }
  })
}

export class ReportRefused extends Error {}

/** The report reads figures across every locality: only the people canSeeReports allows may have it built. */
export async function buildReport(payload: Payload, requester: Record<string, any> | null, months: number, now = new Date()): Promise<Report> {
  if (!canSeeReports(requester as never)) throw new ReportRefused('Reports are for moderators, admins and commissioners.')
  // The period is [since, now], both ends included; nothing after now counts, whatever its status.
  const sinceIso = periodStart(now, months).toISOString()
  const nowIso = now.toISOString()
  const inPeriod = (field: string): Where[] => [{ [field]: { greater_than_equal: sinceIso } }, { [field]: { less_than_equal: nowIso } }]

  const [localities, meetings, stories, actions, events, volunteering] = await Promise.all([
    all(payload, 'localities', {}, { name: true }),
    all(
      payload,
      'meetings',
      { and: [{ status: { equals: 'held' } }, { 'attendance.total': { exists: true } }, ...inPeriod('startsAt')] },
      { title: true, locality: true, startsAt: true, attendance: true },
    ),
    all(
      payload,
      'stories',
      { or: [{ and: inPeriod('publishedAt') }, { and: inPeriod('decidedAt') }] },
      {
        status: true,
        locality: true,
        themes: true,
        summary: true,
        body: true,
        submittedAt: true,
        decidedAt: true,
        publishedAt: true,
        consentVersion: true,
        consentWithdrawnAt: true,
        consentExpiresAt: true,
      },
    ),
    all(payload, 'actions', { and: inPeriod('raisedOn') }, { status: true, locality: true }),
    all(
      payload,
      'moderation-events',
      { and: [...inPeriod('at'), { targetCollection: { in: ['threads', 'replies'] } }, { fromState: { equals: 'pending' } }, { action: { in: ['approve', 'reject'] } }] },
      { targetCollection: true, targetId: true, at: true },
    ),
    // Active now, or became active in the period (and may since have stepped back): counted, never listed.
    all(
      payload,
      'volunteer-interests',
      { or: [{ state: { equals: 'active' } }, { and: inPeriod('startedActiveAt') }] },
      { member: true, kind: true, locality: true, state: true, startedActiveAt: true },
    ),
  ])

  // Forum decisions: from the post's creation to the moderator's first decision on it.
  const postIds = (collection: string) => [...new Set(events.filter((e) => e.targetCollection === collection).map((e) => e.targetId))]
  const [threads, replies] = await Promise.all(
    (['threads', 'replies'] as const).map((collection) =>
      postIds(collection).length ? all(payload, collection, { id: { in: postIds(collection) } }, { createdAt: true, locality: true }) : Promise.resolve([]),
    ),
  )
  const posts = new Map<string, Row>([...threads!.map((t) => [`threads:${t.id}`, t] as const), ...replies!.map((r) => [`replies:${r.id}`, r] as const)])
  const postDecisions = new Map<string, { hours: number; locality: string }>()
  for (const event of events.sort((a, b) => String(a.at).localeCompare(String(b.at)))) {
    const key = `${event.targetCollection}:${event.targetId}`
    const post = posts.get(key)
    if (!post || postDecisions.has(key)) continue
    postDecisions.set(key, { hours: (Date.parse(event.at) - Date.parse(post.createdAt)) / HOUR, locality: String(idOf(post.locality)) })
  }

  const within = (iso: unknown) => typeof iso === 'string' && Date.parse(iso) >= Date.parse(sinceIso) && Date.parse(iso) <= now.getTime()
  const published = stories.filter((s) => s.status === 'published' && within(s.publishedAt))
  const quotable = published.filter((s) => !s.consentWithdrawnAt && s.consentExpiresAt && s.consentExpiresAt > nowIso)
  const consents = quotable.length
    ? await all(payload, 'consents', { and: [{ story: { in: quotable.map((s) => s.id) } }, { quoteInReports: { equals: true } }] }, { story: true, version: true, withdrawnAt: true })
    : []
  const agreed = new Set(consents.filter((c) => !c.withdrawnAt).map((c) => `${idOf(c.story)}:${c.version}`))
  const quotes = quotable
    .filter((s) => agreed.has(`${s.id}:${s.consentVersion}`))
    .sort((a, b) => String(b.publishedAt).localeCompare(String(a.publishedAt)))
    .map((s) => ({ locality: String(idOf(s.locality)), text: anonymiseQuote(String(s.summary || lexicalToPlainText(s.body))) }))
    .filter((q) => q.text.length > 0)

  const scope = (name: string, localityId?: string): Omit<ScopeReport, 'volunteers'> & { volunteerFigures: VolunteerFigures[] } => {
    const mine = <T extends Row>(rows: T[], key = 'locality') => (localityId === undefined ? rows : rows.filter((row) => String(idOf(row[key])) === localityId))
    const decided = mine(stories).filter((s) => s.submittedAt && within(s.decidedAt))
    const postHours = [...postDecisions.values()].filter((d) => localityId === undefined || d.locality === localityId).map((d) => d.hours)
    const attendance = mine(meetings)
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
      .map((m) => ({ label: String(m.title), date: new Date(m.startsAt).toISOString(), total: Number(m.attendance?.total ?? 0), firstTimers: Number(m.attendance?.firstTimers ?? 0) }))
    return {
      name,
      totals: {
        meetings: attendance.length,
        attendance: attendance.reduce((sum, p) => sum + p.total, 0),
        firstTimers: attendance.reduce((sum, p) => sum + p.firstTimers, 0),
      },
      attendance,
      storiesByTheme: counted(
        mine(published).flatMap((s) => (Array.isArray(s.themes) && s.themes.length ? s.themes.map(String) : ['none'])),
        THEME_LABELS,
      ),
      actionsByStatus: counted(
        mine(actions).map((a) => (isActionState(a.status) ? a.status : 'open')),
        ACTION_LABELS,
      ),
      decisionHours: {
        stories: median(decided.map((s) => (Date.parse(s.decidedAt) - Date.parse(s.submittedAt)) / HOUR)),
        storiesDecided: decided.length,
        posts: median(postHours),
        postsDecided: postHours.length,
      },
      quotes: quotes
        .filter((q) => localityId === undefined || q.locality === localityId)
        .slice(0, QUOTES_PER_SCOPE)
        .map((q) => q.text),
      volunteerFigures: volunteerCounts(mine(volunteering), within),
    }
  }

  const scopes = [scope('County-wide (all localities)'), ...localities.sort((a, b) => String(a.name).localeCompare(String(b.name))).map((l) => scope(String(l.name), String(l.id)))]
  // Small numbers hidden, and with them whatever would give one away by subtraction from a total.
  const volunteers = shownVolunteerTables(scopes.map((s) => s.volunteerFigures))
  return {
    months,
    since: sinceIso,
    generatedAt: nowIso,
    scopes: scopes.map(({ volunteerFigures: _figures, ...rest }, index) => ({ ...rest, volunteers: volunteers[index]! })),
  }
}

/** Formula characters at the start of a cell are neutralised so a spreadsheet never runs them. */
const csvCell = (value: string | number) => {
  const text = String(value)
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function reportCsv(report: Report): string {
  const rows: (string | number)[][] = [['scope', 'measure', 'category', 'value']]
  for (const s of report.scopes) {
    rows.push([s.name, 'meetings_held', 'all', s.totals.meetings])
    rows.push([s.name, 'attendance_sum', 'all', s.totals.attendance])
    rows.push([s.name, 'first_timers_sum', 'all', s.totals.firstTimers])
    for (const p of s.attendance) {
      rows.push([s.name, 'attendance_total', p.date.slice(0, 10), p.total])
      rows.push([s.name, 'attendance_first_timers', p.date.slice(0, 10), p.firstTimers])
    }
    for (const t of s.storiesByTheme) rows.push([s.name, 'stories_published', t.label, t.count])
    for (const a of s.actionsByStatus) rows.push([s.name, 'actions', a.label, a.count])
    rows.push([s.name, 'median_hours_to_decision', 'stories', s.decisionHours.stories === null ? '' : s.decisionHours.stories.toFixed(1)])
    rows.push([s.name, 'decisions', 'stories', s.decisionHours.storiesDecided])
    rows.push([s.name, 'median_hours_to_decision', 'forum posts', s.decisionHours.posts === null ? '' : s.decisionHours.posts.toFixed(1)])
    rows.push([s.name, 'decisions', 'forum posts', s.decisionHours.postsDecided])
    for (const v of s.volunteers) {
      rows.push([s.name, 'volunteers_active', v.label, v.active])
      rows.push([s.name, 'volunteers_new_in_period', v.label, v.newThisPeriod])
    }
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
