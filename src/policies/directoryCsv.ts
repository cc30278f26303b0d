// The directory as a spreadsheet (CSV, RFC 4180): the columns moderators export and import, reading and
// writing the text, and checking every row before anything is imported. Row numbers are the spreadsheet's:
// the header is row 1, so the first entry is row 2.
import { ENTRY_STATES, formatMeetingTime, isAccessibilityTag, parseMeetingTimes, type MeetingTime } from './directory.js'
import { isIsoDate } from './londonTime.js'

export const CSV_COLUMNS = [
  'id',
  'name',
  'kind',
  'locality',
  'address',
  'postcode',
  'meets',
  'meets_note',
  'cost',
  'contact',
  'website',
  'accessibility',
  'description',
  'checked_on',
  'status',
] as const
export type CsvColumn = (typeof CSV_COLUMNS)[number]
const REQUIRED: readonly CsvColumn[] = ['name', 'kind', 'locality']
const LIMITS: Partial<Record<CsvColumn, number>> = { name: 140, address: 300, postcode: 10, meets: 300, meets_note: 200, cost: 120, contact: 200, website: 300, description: 1000 }
export const MAX_IMPORT_ROWS = 5000

/** Reads CSV text into rows of cells: quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsv(input: string): { ok: true; rows: string[][] } | { ok: false; error: string } {
  const text = input.replace(/^\uFEFF/, '')
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      cell += ch
      i++
      continue
    }
    if (ch === '"' && cell === '') {
      quoted = true
      i++
    } else if (ch === ',') {
      row.push(cell)
      cell = ''
      i++
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1
    } else {
      cell += ch
      i++
    }
  }
  if (quoted) return { ok: false, error: `A quoted cell in row ${rows.length + 1} is never closed.` }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return { ok: true, rows: rows.filter((r) => r.some((c) => c.trim() !== '')) }
}

/**
 * A cell as CSV. Text a spreadsheet would run as a formula (=, +, -, @ first) is written with a leading
 * apostrophe: the directory holds member-suggested text, and a spreadsheet is where moderators open it.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** Undoes csvCell's apostrophe on the way back in. */
const unguard = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value)

export const toCsv = (rows: readonly (readonly string[])[]): string => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'

export type DirectoryRecord = {
  id: string | null
  name: string
  kind: string
  locality: string
  address: string | null
  postcode: string | null
  meets: MeetingTime[]
  meetsNote: string | null
  cost: string | null
  contact: string | null
  website: string | null
  accessibility: string[]
  description: string | null
  checkedOn: string | null
  status: (typeof ENTRY_STATES)[number]
}

/** A stored entry as a CSV row, in CSV_COLUMNS order. */
export function recordToRow(record: DirectoryRecord): string[] {
  const cells: Record<CsvColumn, string> = {
    id: record.id ?? '',
    name: record.name,
    kind: record.kind,
    locality: record.locality,
    address: record.address ?? '',
    postcode: record.postcode ?? '',
    meets: record.meets.map(formatMeetingTime).join('; '),
    meets_note: record.meetsNote ?? '',
    cost: record.cost ?? '',
    contact: record.contact ?? '',
    website: record.website ?? '',
    accessibility: record.accessibility.join('; '),
    description: record.description ?? '',
    checked_on: record.checkedOn ?? '',
    status: record.status,
  }
  return CSV_COLUMNS.map((column) => cells[column])
}

export type RowProblem = { row: number; reason: string }
export type ImportCheck = { ok: true; records: (DirectoryRecord & { row: number })[] } | { ok: false; problems: RowProblem[] }

export type ImportContext = {
  kinds: readonly string[]
  localities: readonly string[]
  /** Ids of entries that exist (and the importer may change). */
  existingIds: ReadonlySet<string>
  /** Localities the importer may write to (a scoped moderator's). */
  mayWriteLocality: (slug: string) => boolean
}

/** Checks every row; returns all the records, or every problem (one reason per bad row, by its row number). */
export function checkImport(text: string, context: ImportContext): ImportCheck {
  const parsed = parseCsv(text)
  if (!parsed.ok) return { ok: false, problems: [{ row: 0, reason: parsed.error }] }
  const [header, ...rows] = parsed.rows
  if (!header) return { ok: false, problems: [{ row: 1, reason: 'The file is empty: it needs a header row and at least one entry.' }] }
  const columns = header.map((h) => h.trim().toLowerCase())
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c))
  if (unknown.length > 0) return { ok: false, problems: [{ row: 1, reason: `Unknown column(s): ${unknown.join(', ')}. The columns are: ${CSV_COLUMNS.join(', ')}.` }] }
  const missing = REQUIRED.filter((c) => !columns.includes(c))
  if (missing.length > 0) return { ok: false, problems: [{ row: 1, reason: `Missing column(s): ${missing.join(', ')}.` }] }
  if (new Set(columns).size !== columns.length) return { ok: false, problems: [{ row: 1, reason: 'A column is named twice.' }] }
  if (rows.length === 0) return { ok: false, problems: [{ row: 1, reason: 'The file has no entries under its header.' }] }
  if (rows.length > MAX_IMPORT_ROWS) return { ok: false, problems: [{ row: 0, reason: `A file may hold at most ${MAX_IMPORT_ROWS} entries.` }] }

  const problems: RowProblem[] = []
  const records: (DirectoryRecord & { row: number })[] = []
  const seenIds = new Set<string>()
  rows.forEach((cells, index) => {
    const row = index + 2
    const problem = (reason: string) => problems.push({ row, reason })
    if (cells.length !== columns.length) return problem(`It has ${cells.length} cells; the header has ${columns.length}.`)
    const get = (column: CsvColumn) => {
      const at = columns.indexOf(column)
      return at < 0 ? '' : unguard(cells[at]!.trim())
    }
    for (const column of CSV_COLUMNS) {
      const limit = LIMITS[column]
      if (limit && get(column).length > limit) return problem(`"${column}" is longer than ${limit} characters.`)
    }
    const id = get('id')
    if (id && !context.existingIds.has(id)) return problem(`There is no entry with id ${id} for you to change.`)
    if (id && seenIds.has(id)) return problem(`Entry ${id} appears twice in the file.`)
    const name = get('name')
    if (!name) return problem('The name is empty.')
    const kind = get('kind')
    if (!context.kinds.includes(kind)) return problem(`"${kind}" is not a kind. Use one of: ${context.kinds.join(', ')}.`)
    const locality = get('locality')
    if (!context.localities.includes(locality)) return problem(`"${locality}" is not a locality. Use one of: ${context.localities.join(', ')}.`)
    if (!context.mayWriteLocality(locality)) return problem(`You do not moderate the locality "${locality}".`)
    const postcode = get('postcode')
    if (postcode && !/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i.test(postcode)) return problem(`"${postcode}" is not a UK postcode.`)
    const meets = parseMeetingTimes(get('meets'))
    if (!meets.ok) return problem(meets.error)
    const website = get('website')
    if (website && !/^https:\/\/[^\s<>"]+$/.test(website)) return problem(`"${website}" is not an https:// address.`)
    const accessibility = get('accessibility')
      .split(/[;|]/)
      .map((t) => t.trim())
      .filter(Boolean)
    const badTag = accessibility.find((t) => !isAccessibilityTag(t))
    if (badTag) return problem(`"${badTag}" is not an accessibility tag.`)
    const checkedOn = get('checked_on')
    if (checkedOn && !isIsoDate(checkedOn)) return problem(`"${checkedOn}" is not a date written YYYY-MM-DD.`)
    const status = get('status') || 'approved'
    if (!(ENTRY_STATES as readonly string[]).includes(status)) return problem(`"${status}" is not a status (suggested, approved or rejected).`)
    if (id) seenIds.add(id)
    const orNull = (v: string) => (v === '' ? null : v)
    records.push({
      row,
      id: id || null,
      name,
      kind,
      locality,
      address: orNull(get('address')),
      postcode: postcode ? postcode.toUpperCase() : null,
      meets: meets.value,
      meetsNote: orNull(get('meets_note')),
      cost: orNull(get('cost')),
      contact: orNull(get('contact')),
      website: orNull(website),
      accessibility: [...new Set(accessibility)],
      description: orNull(get('description')),
      checkedOn: orNull(checkedOn),
      status: status as DirectoryRecord['status'],
    })
  })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, records }
}
