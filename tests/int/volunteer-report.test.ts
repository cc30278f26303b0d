// Issue 17 B: the commissioners' report counts people active in volunteering by kind and locality, and
// those who became active in the period. Counts only, never names; under 5 reads "fewer than 5".
import { expect, test } from 'vitest'

import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'

test('volunteers by kind and locality, new in the period, with small numbers suppressed and no names', async () => {
  const payload = await bootPayload()
  const { buildReport, reportCsv } = await import('../../src/reports/buildReport.js')
  const { VOLUNTEER_SYSTEM_WRITE } = await import('../../collections/VolunteerInterests/hooks/prepareInterest.js')
  const reporter = await createMember(payload, { roles: ['member', 'reporter'] as never })
  const [north, east] = await Promise.all(
    ['Report North', 'Report East'].map((name) => payload.create({ collection: 'localities', data: { name, slug: name.toLowerCase().replace(' ', '-') } as never, overrideAccess: true })),
  )
  const role = (locality: number | string, kind: string) =>
    payload.create({
      collection: 'volunteer-opportunities',
      data: { title: `${kind} role`, kind, locality, commitment: 'Weekly', contactRole: 'Volunteer coordinator', description: 'x' } as never,
      overrideAccess: true,
    })
  const northMentor = await role(north!.id, 'peer-mentor')
  const eastMentor = await role(east!.id, 'peer-mentor')
  const northCafe = await role(north!.id, 'volunteer')

  const now = Date.now()
  const day = 24 * 3600 * 1000
  const members: Record<string, any>[] = []
  async function interest(opportunity: number | string, state: string, startedDaysAgo: number | null) {
    const member = await createMember(payload)
    members.push(member)
    const at = startedDaysAgo === null ? null : new Date(now - startedDaysAgo * day).toISOString()
    await payload.create({
      collection: 'volunteer-interests',
      data: { opportunity, member: member.id, state, history: [{ state, at: at ?? new Date(now).toISOString() }], startedActiveAt: at } as never,
      overrideAccess: true,
      context: { [VOLUNTEER_SYSTEM_WRITE]: true },
    })
    return member
  }
  // North peer mentors: 5 active this month, 1 active since last year, 1 only interested.
  for (let i = 0; i < 5; i++) await interest(northMentor.id, 'active', 10)
  await interest(northMentor.id, 'active', 400)
  await interest(northMentor.id, 'interested', null)
  // East peer mentors: 2 active, both new.
  for (let i = 0; i < 2; i++) await interest(eastMentor.id, 'active', 5)
  // One North peer mentor also volunteers at the café: counted once in "All roles".
  await payload.create({
    collection: 'volunteer-interests',
    data: {
      opportunity: northCafe.id,
      member: members[0]!.id,
      state: 'active',
      history: [{ state: 'active', at: new Date(now - 3 * day).toISOString() }],
      startedActiveAt: new Date(now - 3 * day).toISOString(),
    } as never,
    overrideAccess: true,
    context: { [VOLUNTEER_SYSTEM_WRITE]: true },
  })

  const report = await buildReport(payload, reporter, 3, new Date(now))
  const scope = (name: string) => report.scopes.find((s) => s.name === name)!
  const row = (name: string, key: string) => scope(name).volunteers.find((v) => v.key === key)!

  // North's 6 (and 5 new) would give East's 2 away by subtraction from the county's 8 (and 7): withheld.
  expect(row('Report North', 'peer-mentor')).toMatchObject({ active: 'withheld', newThisPeriod: 'withheld' })
  expect(row('Report North', 'volunteer')).toMatchObject({ active: 'fewer than 5', newThisPeriod: 'fewer than 5' })
  expect(row('Report North', 'all')).toMatchObject({ active: 'withheld', newThisPeriod: 'withheld' })
  expect(row('Report East', 'peer-mentor')).toMatchObject({ active: 'fewer than 5', newThisPeriod: 'fewer than 5' })
  expect(row('County-wide (all localities)', 'peer-mentor')).toMatchObject({ active: '8', newThisPeriod: '7' })
  // The subtraction attack: the county's figure minus every locality's shown figure never leaves exactly one hidden.
  for (const key of ['peer-mentor', 'all']) {
    const localities = report.scopes.slice(1).map((s) => s.volunteers.find((v) => v.key === key)!.active)
    expect(localities.filter((v) => !/^\d+$/.test(v)).length, key).not.toBe(1)
  }
  expect(row('County-wide (all localities)', 'recovery-champion')).toMatchObject({ active: 'fewer than 5', newThisPeriod: 'fewer than 5' })

  // Never a name, an email or an id; and the CSV carries no small number for the suppressed rows.
  const everything = JSON.stringify(report) + reportCsv(report)
  for (const m of members) {
    expect(everything).not.toContain(m.displayName)
    expect(everything).not.toContain(m.email)
  }
  const csv = reportCsv(report)
  expect(csv).toContain('Report East,volunteers_active,Peer mentor,fewer than 5')
  expect(csv).toContain('Report North,volunteers_active,Peer mentor,withheld')
  expect(csv).toContain('County-wide (all localities),volunteers_active,Peer mentor,8')
  expect(csv).not.toMatch(/volunteers_[a-z_]+,[^,]+,[1-4]\r\n/)
})
