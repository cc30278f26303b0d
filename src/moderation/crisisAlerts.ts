// Raising and closing crisis alerts (collections/CrisisAlerts; a lead handles one with
// src/commands/safeguarding/handleCrisisAlert.ts). Raising one records the fact (ids and
// the watched-word entries, never the text), tells the route through req.context so the author sees the
// crisis panel at once, and emails the safeguarding leads through the urgent queue. A second match on
// the same item while its alert is open adds to that alert instead of emailing again.
import type { PayloadRequest } from 'payload'

import { serverURL } from '../env.js'
import { emailSafeguardingLeads } from './alertSafeguardingLeads.js'
import { appendModerationEvent } from './events.js'
import { TEXT_DOORS, type TextDoorCollection } from './textDoors.js'
import type { TriageMatch } from './watchedWords.js'

export type CrisisTarget = TextDoorCollection

export type RaiseCrisisAlert = {
  member: number | string | null
  targetCollection: CrisisTarget
  targetId: number | string
  locality: number | string | null
  matches: readonly TriageMatch[]
  /** Text in a draft only its author can read: moderators are told it exists, not what it says. */
  privateDraft?: boolean
  /** How to name the member when their display name is itself the text that matched. */
  memberName?: string
}

/** What the route that took the text reads to show the crisis panel (and which locality's services). */
export type CrisisSeen = { targetCollection: CrisisTarget; locality: number | string | null }
type CrisisReport = { seen: CrisisSeen | null }
const CRISIS_CONTEXT_KEY = 'crisisReport'

/**
 * A context for a Local API call whose route wants to know whether crisis words were seen. The report is
 * an object inside the context because nested Local API calls copy the context (shallowly): the report
 * itself is shared by every copy.
 */
export const crisisReportingContext = (): Record<string, unknown> => ({ [CRISIS_CONTEXT_KEY]: { seen: null } satisfies CrisisReport })
export const crisisSeen = (context: Record<string, unknown>): CrisisSeen | null => (context[CRISIS_CONTEXT_KEY] as CrisisReport | undefined)?.seen ?? null

const WHAT = Object.fromEntries(Object.entries(TEXT_DOORS).map(([k, v]) => [k, v.what])) as Record<CrisisTarget, string>

export async function raiseCrisisAlert(req: PayloadRequest, alert: RaiseCrisisAlert): Promise<void> {
  const report = req.context[CRISIS_CONTEXT_KEY] as CrisisReport | undefined
  if (report) report.seen = { targetCollection: alert.targetCollection, locality: alert.locality }
  // What matched, said as the entries' notes ("ideation: want to die") so moderators and leads can read it.
  const phrases = [...new Set(alert.matches.filter((m) => m.action === 'crisis').map((m) => m.note || m.phrase))]
  const now = new Date().toISOString()
  const open = await req.payload.find({
    collection: 'crisis-alerts',
    where: { and: [{ targetCollection: { equals: alert.targetCollection } }, { targetId: { equals: String(alert.targetId) } }, { status: { equals: 'open' } }] },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const existing = open.docs[0]
  if (existing) {
    const matched = [...new Set([...((existing.matched as string[] | null) ?? []), ...phrases])]
    await req.payload.update({
      collection: 'crisis-alerts',
      id: existing.id,
      data: { matched, matchCount: Number(existing.matchCount ?? 1) + 1, lastMatchedAt: now, privateDraft: alert.privateDraft === true },
      overrideAccess: true,
      req,
    })
    return
  }
  const outcome = TEXT_DOORS[alert.targetCollection].outcome
  // A display name is public (a byline); kept here so leads who do not read member records know who it is.
  const member = alert.member === null ? null : await req.payload.findByID({ collection: 'users', id: alert.member, depth: 0, overrideAccess: true, req }).catch(() => null)
  const created = await req.payload.create({
    collection: 'crisis-alerts',
    data: {
      member: alert.member as never,
      memberName: alert.memberName ?? (member ? String(member.displayName) : 'A former member'),
      targetCollection: alert.targetCollection,
      targetId: String(alert.targetId),
      locality: alert.locality as never,
      outcome,
      privateDraft: alert.privateDraft === true,
      matched: phrases,
      matchCount: 1,
      lastMatchedAt: now,
      status: 'open',
    },
    overrideAccess: true,
    req,
  })
  await appendModerationEvent(req.payload, req, {
    actor: null,
    actorRole: 'system',
    targetCollection: 'crisis-alerts',
    targetId: created.id,
    action: 'crisis-alert',
    toState: 'open',
    locality: alert.locality,
  })
  const what = WHAT[alert.targetCollection]
  const readable = !alert.privateDraft && alert.targetCollection !== 'messages'
  await emailSafeguardingLeads(
    req,
    `Urgent safeguarding check: crisis words in a member’s ${what}`,
    [
      `A member wrote words in their ${what} on Waymark that suggest they may be in danger.`,
      outcome === 'hold' ? 'It is held: nobody but the author and the moderators can see it until a moderator marks it safe.' : 'It is not published anywhere.',
      alert.privateDraft ? 'It is in a private draft, so moderators cannot read it; you can still send the member a private message from the queue.' : '',
      'The author was shown the crisis numbers. This email does not quote them. Please look at it now.',
    ].filter(Boolean),
    [
      { label: 'The crisis queue', href: `${serverURL}/admin/queue#crisis-${created.id}` },
      ...(readable ? [{ label: `The ${what}`, href: `${serverURL}/admin/collections/${alert.targetCollection}/${alert.targetId}` }] : []),
    ],
  )
}

/** Marking a held item safe closes its open alerts: the moderator has looked at it. */
export async function closeCrisisAlertsFor(req: PayloadRequest, targetCollection: CrisisTarget, targetId: number | string, actorId: number | string | null) {
  const open = await req.payload.find({
    collection: 'crisis-alerts',
    where: { and: [{ targetCollection: { equals: targetCollection } }, { targetId: { equals: String(targetId) } }, { status: { equals: 'open' } }] },
    limit: 100,
    depth: 0,
    overrideAccess: true,
    req,
  })
  for (const alert of open.docs) {
    await req.payload.update({
      collection: 'crisis-alerts',
      id: alert.id,
      data: { status: 'handled', handledBy: actorId as never, handledAt: new Date().toISOString(), handledNote: 'Marked safe' },
      overrideAccess: true,
      req,
    })
  }
}
