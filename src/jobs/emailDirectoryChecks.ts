// Once a week, each moderator is emailed the directory entries due a check (unchecked for six months):
// those of the localities they moderate, and the county-wide ones. Names and links only: no member data.
// One email per moderator per week, whatever the number of runs: its idempotency key names the week and
// the moderator (src/policies/directoryChecks.ts), and the send task skips a key already delivered.
import type { Payload, TaskConfig } from 'payload'

import { idOf } from '../db/relationId.js'
import { alreadyDelivered } from '../email/deliveries.js'
import { composeEmail, link, list, paragraph } from '../email/compose.js'
import { queueEmail } from '../email/queue.js'
import { serverURL } from '../env.js'
import { STALE_AFTER_MONTHS, staleBefore } from '../policies/directory.js'
import { checkWeekOf, directoryCheckKey, entriesDueFor, type DueEntry } from '../policies/directoryChecks.js'

export const EMAIL_DIRECTORY_CHECKS_TASK = 'emailDirectoryChecks'
/** As many as the moderators' directory page lists. */
const MAX_DUE_ENTRIES = 500

/** Approved entries unchecked for six months (or never checked), oldest check first: the moderators' page's list. */
async function dueEntries(payload: Payload, now: Date): Promise<DueEntry[]> {
  const found = await payload.find({
    collection: 'directory-entries',
    where: {
      and: [
        { status: { equals: 'approved' } },
        { suggestionType: { equals: 'entry' } },
        { or: [{ checkedOn: { less_than_equal: `${staleBefore(now)}T23:59:59.999Z` } }, { checkedOn: { exists: false } }] },
      ],
    },
    select: { name: true, locality: true },
    sort: 'checkedOn',
    depth: 0,
    limit: MAX_DUE_ENTRIES,
    overrideAccess: true,
  })
  return (found.docs as Record<string, any>[]).map((doc) => ({ id: doc.id, name: String(doc.name ?? ''), locality: idOf(doc.locality) ?? null }))
}

export async function emailDirectoryChecks(payload: Payload, now = new Date()): Promise<number> {
  const entries = await dueEntries(payload, now)
  if (entries.length === 0) return 0
  const [county, moderators] = await Promise.all([
    payload.find({ collection: 'localities', where: { isCountyWide: { equals: true } }, select: { slug: true }, depth: 0, limit: 20, overrideAccess: true }),
    payload.find({
      collection: 'users',
      where: { and: [{ roles: { contains: 'moderator' } }, { _verified: { equals: true } }] },
      select: { email: true, roles: true, moderatorLocalities: true },
      depth: 0,
      limit: 1000,
      overrideAccess: true,
    }),
  ])
  const countyWide = new Set(county.docs.map((l) => String(l.id)))
  const week = checkWeekOf(now)
  let queued = 0
  for (const moderator of moderators.docs as Record<string, any>[]) {
    const theirs = entriesDueFor(moderator as never, entries, countyWide)
    if (theirs.length === 0 || !moderator.email) continue
    const key = directoryCheckKey(week, moderator.id)
    if (await alreadyDelivered(payload, key)) continue
    const count = `${theirs.length} directory ${theirs.length === 1 ? 'entry is' : 'entries are'}`
    await queueEmail(payload, {
      to: String(moderator.email),
      subject: `Waymark: ${count} due a check`,
      key,
      body: composeEmail([
        paragraph(`These directory entries have not been checked for ${STALE_AFTER_MONTHS} months. Please check each is still right (times, place, contact), correct it if not, and mark it checked.`),
        list(theirs.map((entry) => [link(`${serverURL}/directory/${entry.id}`, entry.name)])),
        paragraph('Mark them checked on ', link(`${serverURL}/directory/moderate`, 'the moderators’ directory page'), '.'),
      ]),
    })
    queued++
  }
  return queued
}

export const emailDirectoryChecksTask: TaskConfig<typeof EMAIL_DIRECTORY_CHECKS_TASK> = {
  slug: EMAIL_DIRECTORY_CHECKS_TASK,
  retries: 2,
  // Mondays at 07:30 (the server's clock); the key keeps it to one email a week whenever it runs.
  schedule: [{ cron: '0 30 7 * * 1', queue: 'default' }],
  handler: async ({ req }) => {
    await emailDirectoryChecks(req.payload)
    return { output: {} }
  },
}
