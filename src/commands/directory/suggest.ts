// A member suggests a directory entry, or a correction to one; a moderator approves or rejects. Every
// write goes through the collection's access as the person acting (overrideAccess false), so a member's
// record is a suggestion whatever they send (collections/DirectoryEntries/hooks/checkEntry.ts).
import type { Payload } from 'payload'

import { toId } from '../../db/relationId.js'
import { crisisReportingContext, crisisSeen, type CrisisSeen } from '../../moderation/crisisAlerts.js'
import { canApproveEntry, type MeetingTime } from '../../policies/directory.js'
import { CommandRefusal } from '../errors.js'

type User = Record<string, any> & { id: number | string }

export type EntryValues = {
  name: string
  kindId: string
  localityId: string
  address: string
  postcode: string
  meets: MeetingTime[]
  meetsNote: string
  cost: string
  contact: string
  website: string
  accessibility: string[]
  description: string
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim())

export function entryData(values: EntryValues): Record<string, unknown> {
  return {
    name: values.name.trim(),
    kind: toId(values.kindId),
    locality: toId(values.localityId),
    address: blankToNull(values.address),
    postcode: blankToNull(values.postcode)?.toUpperCase() ?? null,
    meets: values.meets.map((m) => ({
      frequency: m.frequency,
      weekday: m.weekday,
      week: m.frequency === 'monthly' ? String(m.week ?? 1) : null,
      time: m.time,
      durationMinutes: m.durationMinutes ?? null,
    })),
    meetsNote: blankToNull(values.meetsNote),
    cost: blankToNull(values.cost),
    contact: blankToNull(values.contact),
    website: blankToNull(values.website),
    accessibility: values.accessibility,
    description: blankToNull(values.description),
  }
}

export type SuggestProps = { payload: Payload; user: User; values: EntryValues; correctionOf?: number | string; correctionNote?: string }

/** Saves the suggestion; says which locality's crisis services to show when crisis words were written in it. */
export async function suggestEntry({ payload, user, values, correctionOf, correctionNote }: SuggestProps): Promise<{ id: string; crisis: CrisisSeen | null }> {
  const data = { ...entryData(values), ...(correctionOf !== undefined ? { correctionOf: toId(String(correctionOf)), correctionNote: blankToNull(correctionNote ?? '') } : {}), status: 'suggested' }
  const context = crisisReportingContext()
  const created = await payload.create({ collection: 'directory-entries', data: data as never, overrideAccess: false, user, depth: 0, context })
  return { id: String(created.id), crisis: crisisSeen(context) }
}

export type DecideProps = { payload: Payload; user: User; id: number | string; decision: 'approved' | 'rejected' }

/** A moderator approves (a correction is then applied to its entry) or rejects a suggestion. */
export async function decideSuggestion({ payload, user, id, decision }: DecideProps): Promise<void> {
  const found = await payload.find({ collection: 'directory-entries', where: { id: { equals: id } }, limit: 1, depth: 0, overrideAccess: false, user })
  const doc = found.docs[0] as Record<string, any> | undefined
  if (!doc || !canApproveEntry(user as never, doc)) throw new CommandRefusal('There is no suggestion for you to decide at that address.', 404)
  if (doc.status !== 'suggested') throw new CommandRefusal('That suggestion has been decided already.', 409)
  await payload.update({ collection: 'directory-entries', id, data: { status: decision } as never, overrideAccess: false, user, depth: 0 })
}

/** A moderator confirms an entry is still right: it counts as checked today. */
export async function markChecked({ payload, user, id, today }: { payload: Payload; user: User; id: number | string; today: string }): Promise<void> {
  const found = await payload.find({ collection: 'directory-entries', where: { id: { equals: id } }, limit: 1, depth: 0, overrideAccess: false, user })
  const doc = found.docs[0] as Record<string, any> | undefined
  if (!doc || !canApproveEntry(user as never, doc)) throw new CommandRefusal('There is no entry for you to check at that address.', 404)
  await payload.update({ collection: 'directory-entries', id, data: { checkedOn: today } as never, overrideAccess: false, user, depth: 0 })
}
