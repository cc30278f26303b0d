// Localities: anyone reads, only admins write; defaults; and the demo seed.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { seedDemoData } from '../../src/seed/demo.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, outboxFiles, refusedOr, unique } from './helpers.js'

let payload: Payload
let member: any, moderator: any, admin: any

const SEED_PASSWORD = 'seed-test-lantern-orchard-7'

const readBack = (id: number | string) => payload.findByID({ collection: 'localities', id, overrideAccess: true, depth: 0 }) as Promise<any>
const makeLocality = (extra: Record<string, unknown> = {}) => {
  const u = unique()
  return payload.create({ collection: 'localities', data: { name: `Test Place ${u}`, slug: `test-place-${u}`, ...extra } as any, overrideAccess: true })
}

beforeAll(async () => {
  payload = await bootPayload()
  member = await asUser(payload, await createMember(payload, { roles: ['member'] }))
  moderator = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
  admin = await asUser(payload, await createMember(payload, { roles: ['admin'] }))
})

describe('reading', () => {
  it('anyone reads localities: visitor, member, moderator', async () => {
    const made = await makeLocality()
    for (const user of [undefined, member, moderator]) {
      const found = await payload.find({ collection: 'localities', overrideAccess: false, user, depth: 0, limit: 1000 })
      expect(found.docs.map((d) => String(d.id))).toContain(String(made.id))
      const one = await payload.findByID({ collection: 'localities', id: made.id, overrideAccess: false, user, depth: 0 })
      expect(one.name).toBe(made.name)
    }
  })
})

describe('writing', () => {
  it.each([
    ['visitor', () => undefined],
    ['member', () => member],
    ['moderator', () => moderator],
  ])('a %s cannot create a locality', async (_n, who) => {
    const slug = `nope-${unique()}`
    await expect(payload.create({ collection: 'localities', data: { name: `Nope ${slug}`, slug } as any, overrideAccess: false, user: who() })).rejects.toThrow()
    const count = await payload.count({ collection: 'localities', overrideAccess: true, where: { slug: { equals: slug } } })
    expect(count.totalDocs).toBe(0)
  })

  it.each([
    ['visitor', () => undefined],
    ['member', () => member],
    ['moderator', () => moderator],
  ])('a %s cannot update a locality', async (_n, who) => {
    const made = await makeLocality()
    await refusedOr(payload.update({ collection: 'localities', id: made.id, data: { name: 'Hijacked', forumVisibility: 'public' } as any, overrideAccess: false, user: who() }))
    const stored = await readBack(made.id)
    expect(stored.name).toBe(made.name)
    expect(stored.forumVisibility).toBe('members')
  })

  it.each([
    ['visitor', () => undefined],
    ['member', () => member],
    ['moderator', () => moderator],
  ])('a %s cannot delete a locality', async (_n, who) => {
    const made = await makeLocality()
    await refusedOr(payload.delete({ collection: 'localities', id: made.id, overrideAccess: false, user: who() }))
    expect((await readBack(made.id)).name).toBe(made.name)
  })

  it('a moderator cannot bulk-update localities', async () => {
    const made = await makeLocality()
    await refusedOr(payload.update({ collection: 'localities', where: { id: { equals: made.id } }, data: { name: 'Bulk hijack' } as any, overrideAccess: false, user: moderator }))
    expect((await readBack(made.id)).name).toBe(made.name)
  })

  it('an admin creates, updates and deletes a locality', async () => {
    const u = unique()
    const made = await payload.create({ collection: 'localities', data: { name: `Admin Place ${u}`, slug: `admin-place-${u}` } as any, overrideAccess: false, user: admin })
    await payload.update({ collection: 'localities', id: made.id, data: { name: `Renamed ${u}`, forumVisibility: 'public' } as any, overrideAccess: false, user: admin })
    const stored = await readBack(made.id)
    expect(stored.name).toBe(`Renamed ${u}`)
    expect(stored.forumVisibility).toBe('public')
    await payload.delete({ collection: 'localities', id: made.id, overrideAccess: false, user: admin })
    const count = await payload.count({ collection: 'localities', overrideAccess: true, where: { id: { equals: made.id } } })
    expect(count.totalDocs).toBe(0)
  })
})

describe('defaults', () => {
  it('forumVisibility defaults to members and meetingCadenceWeeks to 6', async () => {
    const made = await makeLocality()
    const stored = await readBack(made.id)
    expect(stored.forumVisibility).toBe('members')
    expect(stored.meetingCadenceWeeks).toBe(6)
  })

  it('forumVisibility is members or public, nothing else', async () => {
    await expect(makeLocality({ forumVisibility: 'everyone' })).rejects.toThrow()
  })
})

describe('the demo seed', () => {
  let first: Awaited<ReturnType<typeof seedDemoData>>
  let second: Awaited<ReturnType<typeof seedDemoData>>
  let emailsBefore: number
  let emailsAfter: number
  let countsAfterFirst: { localities: number; users: number }
  let countsAfterSecond: { localities: number; users: number }

  const counts = async () => ({
    localities: (await payload.count({ collection: 'localities', overrideAccess: true })).totalDocs,
    users: (await payload.count({ collection: 'users', overrideAccess: true })).totalDocs,
  })

  beforeAll(async () => {
    emailsBefore = outboxFiles().length
    first = await seedDemoData(payload, { password: SEED_PASSWORD })
    countsAfterFirst = await counts()
    second = await seedDemoData(payload, { password: SEED_PASSWORD })
    countsAfterSecond = await counts()
    await new Promise((r) => setTimeout(r, 500)) // give any stray email time to land
    emailsAfter = outboxFiles().length
  })

  it('creates the four Lancashire localities', async () => {
    const found = await payload.find({ collection: 'localities', overrideAccess: true, depth: 0, limit: 1000 })
    const names = found.docs.map((d: any) => d.name)
    for (const name of ['Lancashire North', 'Lancashire Central', 'Lancashire East', 'Lancashire (county-wide)']) expect(names).toContain(name)
    expect(first.createdLocalities).toBe(4)
  })

  it('the county-wide locality is county-wide and meets quarterly (13 weeks); the others every 6 weeks', async () => {
    const found = await payload.find({ collection: 'localities', overrideAccess: true, depth: 0, limit: 1000, where: { name: { like: 'Lancashire' } } })
    const byName = new Map(found.docs.map((d: any) => [d.name, d]))
    const county: any = byName.get('Lancashire (county-wide)')
    expect(county.isCountyWide).toBe(true)
    expect(county.meetingCadenceWeeks).toBe(13)
    for (const name of ['Lancashire North', 'Lancashire Central', 'Lancashire East']) {
      const l: any = byName.get(name)
      expect(Boolean(l.isCountyWide), name).toBe(false)
      expect(l.meetingCadenceWeeks, name).toBe(6)
    }
  })

  it('creates demo admin, moderator and member accounts that can sign in with the seed password', async () => {
    for (const [email, role] of <[string, string][]>[
      ['admin@waymark.example', 'admin'],
      ['moderator@waymark.example', 'moderator'],
      ['member@waymark.example', 'member'],
    ]) {
      const found = await payload.find({ collection: 'users', overrideAccess: true, depth: 0, where: { email: { equals: email } } })
      expect(found.docs, email).toHaveLength(1)
      expect(found.docs[0]!.roles, email).toContain(role)
      if (role === 'member') expect(found.docs[0]!.roles).not.toContain('admin')
      const result = await payload.login({ collection: 'users', data: { email, password: SEED_PASSWORD } })
      expect(String(result.user?.id)).toBe(String(found.docs[0]!.id))
    }
  })

  it('creates members of every member type', async () => {
    const found = await payload.find({ collection: 'users', overrideAccess: true, depth: 0, limit: 1000, where: { isDemo: { equals: true } } })
    const types = new Set(found.docs.map((d: any) => d.memberType))
    for (const t of ['in-recovery', 'family-carer', 'professional', 'commissioner', 'supporter']) expect(types, t).toContain(t)
  })

  it('marks everything it made as demo data', async () => {
    const localities = await payload.find({ collection: 'localities', overrideAccess: true, depth: 0, limit: 1000, where: { name: { like: 'Lancashire' } } })
    expect(localities.docs.length).toBeGreaterThanOrEqual(4)
    for (const l of localities.docs as any[]) expect(l.isDemo, l.name).toBe(true)
    const demoUsers = await payload.find({ collection: 'users', overrideAccess: true, depth: 0, limit: 1000, where: { email: { like: '@waymark.example' } } })
    expect(demoUsers.docs.length).toBe(first.createdUsers)
    for (const u of demoUsers.docs as any[]) expect(u.isDemo, u.email).toBe(true)
    // Accounts made by tests (not the seed) are not marked.
    const notDemo = await payload.find({ collection: 'users', overrideAccess: true, depth: 0, limit: 1000, where: { email: { like: '@example.org' } } })
    for (const u of notDemo.docs as any[]) expect(Boolean(u.isDemo), u.email).toBe(false)
  })

  it('is idempotent: the second run creates nothing', () => {
    expect(first.createdUsers).toBeGreaterThanOrEqual(3 + 5)
    expect(second.createdLocalities).toBe(0)
    expect(second.createdUsers).toBe(0)
    expect(countsAfterSecond).toEqual(countsAfterFirst)
  })

  it('sends no email', () => {
    expect(emailsAfter).toBe(emailsBefore)
  })

  it('demo accounts are verified (so they can post)', async () => {
    const found = await payload.find({ collection: 'users', overrideAccess: true, depth: 0, where: { email: { equals: 'member@waymark.example' } } })
    expect((found.docs[0] as any)._verified).toBe(true)
  })
})
