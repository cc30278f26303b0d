// Issue 17 A: the directory's CSV import checks every row and imports a file whole or not at all; the
// export reads back in; corrections apply on approval; erasure and export cover a member's suggestions.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { exportDirectoryCsv, importDirectoryCsv } from '../../src/commands/directory/csv.js'
import { decideSuggestion, suggestEntry } from '../../src/commands/directory/suggest.js'
import { collectMemberData } from '../../src/commands/privacy/exportData.js'
import { eraseMember } from '../../src/commands/privacy/eraseMember.js'
import { CSV_COLUMNS, parseCsv, toCsv } from '../../src/policies/directoryCsv.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, unique } from './helpers.js'

let payload: Payload
let moderator: any
let member: any
let kindSlug: string
let kindId: number | string
let localitySlug: string
let localityId: number | string

const count = async (where: Record<string, unknown> = {}) => (await payload.count({ collection: 'directory-entries', where: where as never, overrideAccess: true })).totalDocs

beforeAll(async () => {
  payload = await bootPayload()
  moderator = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
  member = await asUser(payload, await createMember(payload, { roles: ['member'] }))
  const u = unique()
  kindSlug = `aa-${u}`
  const kind = await payload.create({ collection: 'directory-kinds', data: { name: `Alcoholics Anonymous ${u}`, slug: kindSlug, group: 'mutual-aid' } as never, overrideAccess: true })
  kindId = kind.id
  localitySlug = `csv-town-${u}`
  const locality = await payload.create({ collection: 'localities', data: { name: `Csv Town ${u}`, slug: localitySlug } as never, overrideAccess: true })
  localityId = locality.id
})

/** Row i (0-based) of a 500-row file: good, or bad in one of several ways when `bad` says so. */
function row(i: number, bad: boolean): string[] {
  const cells: Record<string, string> = {
    id: '',
    name: `Tuesday Group ${i}`,
    kind: kindSlug,
    locality: localitySlug,
    address: `${i} Market Street, "The Hall"`,
    postcode: 'PR1 2AB',
    meets: i % 2 ? 'Tue 19:00' : '1st Sat 10:30; last Fri 18:00/120',
    meets_note: '',
    cost: 'Free',
    contact: '01772 000000',
    website: 'https://example.org/group',
    accessibility: 'step-free; bsl',
    description: 'A friendly meeting,\nwith tea.',
    checked_on: '2026-11-01',
    status: 'approved',
  }
  if (bad) {
    const kinds = [
      () => (cells.kind = 'no-such-kind'),
      () => (cells.meets = 'Tuesdays at 7pm'),
      () => (cells.postcode = 'NOT A CODE'),
      () => (cells.name = ''),
      () => (cells.accessibility = 'wheelchair'),
      () => (cells.checked_on = '31/12/2026'),
      () => (cells.website = 'javascript:alert(1)'),
      () => (cells.status = 'published'),
      () => (cells.id = '99999999'),
      () => (cells.locality = 'atlantis'),
    ]
    kinds[i % kinds.length]!()
  }
  return CSV_COLUMNS.map((c) => cells[c]!)
}

describe('CSV import', () => {
  const badRows = new Set(Array.from({ length: 20 }, (_, k) => 7 + k * 24)) // 20 rows spread through the file
  const file = (fixed: boolean) => toCsv([[...CSV_COLUMNS], ...Array.from({ length: 500 }, (_, i) => row(i, !fixed && badRows.has(i)))])

  it('a 500-row file with 20 bad rows reports exactly those rows, by number, and imports nothing', async () => {
    const before = await count()
    const result = await importDirectoryCsv(payload, moderator, file(false))
    expect(result.ok).toBe(false)
    if (result.ok) return
    // Spreadsheet row numbers: the header is row 1, so file row i is row i + 2.
    expect(result.problems.map((p) => p.row)).toEqual([...badRows].map((i) => i + 2))
    for (const problem of result.problems) expect(problem.reason.length).toBeGreaterThan(10)
    expect(await count()).toBe(before)
  }, 60_000)

  it('the fixed file imports all 500, and the export reads back the same rows', async () => {
    const before = await count()
    const result = await importDirectoryCsv(payload, moderator, file(true))
    expect(result).toEqual({ ok: true, created: 500, updated: 0 })
    expect(await count()).toBe(before + 500)
    expect(await count({ and: [{ locality: { equals: localityId } }, { status: { equals: 'approved' } }] })).toBe(500)

    const exported = await exportDirectoryCsv(payload, moderator)
    const parsed = parseCsv(exported)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const ours = parsed.rows.filter((r) => r[3] === localitySlug)
    expect(ours).toHaveLength(500)
    const sample = ours.find((r) => r[1] === 'Tuesday Group 2')!
    expect(sample.slice(1)).toEqual(row(2, false).slice(1))
    // The export, changed and imported again, updates rather than adds.
    const changed = [parsed.rows[0]!, ...ours.slice(0, 3).map((r) => r.map((c, i) => (i === 8 ? '£1' : c)))]
    expect(await importDirectoryCsv(payload, moderator, toCsv(changed))).toEqual({ ok: true, created: 0, updated: 3 })
    expect(await count()).toBe(before + 500)
  }, 120_000)

  it('a member cannot import, and a formula in a cell is exported harmless', async () => {
    const result = await importDirectoryCsv(payload, member, toCsv([[...CSV_COLUMNS], row(1, false)]))
    expect(result.ok).toBe(false)
    await payload.create({
      collection: 'directory-entries',
      data: { name: '=HYPERLINK("https://evil.example","x")', kind: kindId, locality: localityId } as never,
      overrideAccess: false,
      user: moderator,
    })
    const exported = await exportDirectoryCsv(payload, moderator)
    expect(exported).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`)
  })
})

describe('suggestions and corrections', () => {
  const values = () => ({
    name: `Hope Café ${unique()}`,
    kindId: String(kindId),
    localityId: String(localityId),
    address: '',
    postcode: '',
    meets: [{ frequency: 'weekly' as const, weekday: 'wed' as const, time: '10:00' }],
    meetsNote: '',
    cost: '',
    contact: '',
    website: '',
    accessibility: [],
    description: '',
  })

  it('a member’s suggestion waits; a correction, once approved, changes its entry; erasure takes the member’s name off', async () => {
    const suggester = await asUser(payload, await createMember(payload, { roles: ['member'] }))
    const { id } = await suggestEntry({ payload, user: suggester, values: values() })
    const stored = await payload.findByID({ collection: 'directory-entries', id, overrideAccess: true, depth: 0 })
    expect(stored).toMatchObject({ status: 'suggested', suggestionType: 'entry' })
    expect(String(stored.suggestedBy)).toBe(String(suggester.id))
    await expect(decideSuggestion({ payload, user: suggester, id, decision: 'approved' })).rejects.toThrow()
    await decideSuggestion({ payload, user: moderator, id, decision: 'approved' })
    const approved = await payload.findByID({ collection: 'directory-entries', id, overrideAccess: true, depth: 0 })
    expect(approved.status).toBe('approved')
    expect(approved.checkedOn).toBeTruthy()

    const correction = await suggestEntry({ payload, user: suggester, values: { ...values(), name: 'Hope Café (moved)', cost: '£1' }, correctionOf: id, correctionNote: 'It moved.' })
    await decideSuggestion({ payload, user: moderator, id: correction.id, decision: 'approved' })
    const corrected = await payload.findByID({ collection: 'directory-entries', id, overrideAccess: true, depth: 0 })
    expect(corrected).toMatchObject({ name: 'Hope Café (moved)', cost: '£1', suggestionType: 'entry', status: 'approved' })

    const pending = await suggestEntry({ payload, user: suggester, values: values() })
    const exported = await collectMemberData(payload, suggester.id)
    expect((exported.json.directorySuggestions as { id: unknown }[]).map((d) => String(d.id)).sort()).toEqual([id, correction.id, pending.id].map(String).sort())

    await eraseMember(payload, { memberId: suggester.id, mode: 'everything', actor: null })
    expect(await count({ id: { in: [pending.id, correction.id] } })).toBe(0)
    const kept = await payload.findByID({ collection: 'directory-entries', id, overrideAccess: true, depth: 0 })
    expect(kept.suggestedBy ?? null).toBeNull()
    expect(kept.name).toBe('Hope Café (moved)')
  }, 60_000)
})

describe('demo seed', () => {
  it('seeds a directory for the three localities and the county, once', async () => {
    const { seedDemoData } = await import('../../src/seed/demo.js')
    const { DEMO_DIRECTORY } = await import('../../src/seed/demoDirectory.js')
    await seedDemoData(payload, { password: 'seed-test-lantern-orchard-7' })
    const demo = { isDemo: { equals: true } }
    const first = await count(demo)
    expect(first).toBe(DEMO_DIRECTORY.length)
    await seedDemoData(payload, { password: 'seed-test-lantern-orchard-7' })
    expect(await count(demo)).toBe(first)
    const localities = await payload.find({
      collection: 'localities',
      where: { slug: { in: ['lancashire-north', 'lancashire-central', 'lancashire-east', 'lancashire-county'] } },
      overrideAccess: true,
    })
    for (const locality of localities.docs) expect(await count({ and: [demo, { locality: { equals: locality.id } }, { status: { equals: 'approved' } }] })).toBeGreaterThan(3)
    expect(await count({ and: [demo, { status: { equals: 'suggested' } }] })).toBe(2)
  }, 120_000)
})
