// Moderators export the directory as CSV and import it back (directories live in spreadsheets). An import
// checks every row first and reports each bad row by its number; then it writes every row in one
// transaction, so a file is imported whole or not at all. Reads and writes run as the moderator.
import type { Payload } from 'payload'

import { idOf, toId } from '../../db/relationId.js'
import { inTransaction } from '../../db/transaction.js'
import { checkImport, CSV_COLUMNS, recordToRow, toCsv, type DirectoryRecord, type RowProblem } from '../../policies/directoryCsv.js'
import { moderatesLocality } from '../../policies/roles.js'
import { meetingTimesOf } from '../../presenters/directory.js'
import { entryData } from './suggest.js'

type User = Record<string, any> & { id: number | string }
type Doc = Record<string, any>

async function lookups(payload: Payload, user: User) {
  const [kinds, localities] = await Promise.all([
    payload.find({ collection: 'directory-kinds', limit: 500, pagination: false, depth: 0, overrideAccess: false, user }),
    payload.find({ collection: 'localities', limit: 100, pagination: false, depth: 0, overrideAccess: false, user }),
  ])
  return { kinds: kinds.docs as Doc[], localities: localities.docs as Doc[] }
}

/** Entries (not suggestions or corrections) this moderator may read, at depth 0. */
async function entriesOf(payload: Payload, user: User): Promise<Doc[]> {
  const found = await payload.find({
    collection: 'directory-entries',
    where: { suggestionType: { equals: 'entry' } },
    sort: 'name',
    limit: 0,
    pagination: false,
    depth: 0,
    overrideAccess: false,
    user,
  })
  return found.docs as Doc[]
}

export async function exportDirectoryCsv(payload: Payload, user: User): Promise<string> {
  const [{ kinds, localities }, entries] = await Promise.all([lookups(payload, user), entriesOf(payload, user)])
  const kindSlug = new Map(kinds.map((k) => [String(k.id), String(k.slug)]))
  const localitySlug = new Map(localities.map((l) => [String(l.id), String(l.slug)]))
  const rows = entries.map((doc) =>
    recordToRow({
      id: String(doc.id),
      name: String(doc.name),
      kind: kindSlug.get(String(idOf(doc.kind))) ?? '',
      locality: localitySlug.get(String(idOf(doc.locality))) ?? '',
      address: doc.address ?? null,
      postcode: doc.postcode ?? null,
      meets: meetingTimesOf(doc),
      meetsNote: doc.meetsNote ?? null,
      cost: doc.cost ?? null,
      contact: doc.contact ?? null,
      website: doc.website ?? null,
      accessibility: doc.accessibility ?? [],
      description: doc.description ?? null,
      checkedOn: typeof doc.checkedOn === 'string' ? doc.checkedOn.slice(0, 10) : null,
      status: doc.status,
    }),
  )
  return toCsv([[...CSV_COLUMNS], ...rows])
}

export type ImportResult = { ok: true; created: number; updated: number } | { ok: false; problems: RowProblem[] }

export async function importDirectoryCsv(payload: Payload, user: User, text: string): Promise<ImportResult> {
  const [{ kinds, localities }, entries] = await Promise.all([lookups(payload, user), entriesOf(payload, user)])
  const localityBySlug = new Map(localities.map((l) => [String(l.slug), l]))
  const kindBySlug = new Map(kinds.map((k) => [String(k.slug), k]))
  const existing = new Map(entries.filter((doc) => moderatesLocality(user as never, idOf(doc.locality))).map((doc) => [String(doc.id), doc]))
  const check = checkImport(text, {
    kinds: [...kindBySlug.keys()],
    localities: [...localityBySlug.keys()],
    existingIds: new Set(existing.keys()),
    mayWriteLocality: (slug) => moderatesLocality(user as never, localityBySlug.get(slug)?.id),
  })
  if (!check.ok) return check
  let current: DirectoryRecord & { row: number } = check.records[0]!
  try {
    return await inTransaction(payload, user, async (req) => {
      let created = 0
      let updated = 0
      for (const record of check.records) {
        current = record
        const data = {
          ...entryData({
            name: record.name,
            kindId: String(kindBySlug.get(record.kind)!.id),
            localityId: String(localityBySlug.get(record.locality)!.id),
            address: record.address ?? '',
            postcode: record.postcode ?? '',
            meets: record.meets,
            meetsNote: record.meetsNote ?? '',
            cost: record.cost ?? '',
            contact: record.contact ?? '',
            website: record.website ?? '',
            accessibility: record.accessibility,
            description: record.description ?? '',
          }),
          status: record.status,
          ...(record.checkedOn ? { checkedOn: record.checkedOn } : {}),
        }
        if (record.id) {
          await payload.update({ collection: 'directory-entries', id: toId(record.id), data: data as never, overrideAccess: false, user: req.user, req, depth: 0 })
          updated++
        } else {
          await payload.create({ collection: 'directory-entries', data: data as never, overrideAccess: false, user: req.user, req, depth: 0 })
          created++
        }
      }
      return { ok: true as const, created, updated }
    })
  } catch (error) {
    // A row the checks passed but the database refused: nothing was kept (the transaction rolled back).
    const reason = (error as { data?: { errors?: { message?: string }[] } }).data?.errors?.[0]?.message ?? (error as Error).message ?? 'The database refused it.'
    return { ok: false, problems: [{ row: current.row, reason }] }
  }
}
