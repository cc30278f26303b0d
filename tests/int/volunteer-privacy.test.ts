// Issue 17 B: the member's data export carries their volunteering interests (their note and each step,
// never the coordinators' note), erasure removes them, and the demo seed is idempotent and fictional.
import { expect, test } from 'vitest'

import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'

test('export, erasure and the demo seed', async () => {
  const payload = await bootPayload()
  const { seedDemoData } = await import('../../src/seed/demo.js')
  const { collectMemberData, exportHtml } = await import('../../src/commands/privacy/exportData.js')
  const { eraseMember } = await import('../../src/commands/privacy/eraseMember.js')
  const { moveInterest } = await import('../../src/commands/volunteering/moveInterest.js')
  const { expressInterest } = await import('../../src/commands/volunteering/expressInterest.js')

  await seedDemoData(payload, { password: 'harbour-lantern-copper-91' })
  const count = async (collection: 'volunteer-opportunities' | 'volunteer-interests') => (await payload.count({ collection, overrideAccess: true })).totalDocs
  const before = { roles: await count('volunteer-opportunities'), interests: await count('volunteer-interests') }
  expect(before.roles).toBeGreaterThanOrEqual(7)
  expect(before.interests).toBeGreaterThanOrEqual(5)
  await seedDemoData(payload, { password: 'harbour-lantern-copper-91' })
  expect({ roles: await count('volunteer-opportunities'), interests: await count('volunteer-interests') }).toEqual(before)
  // The roles carry a contact role, never a person.
  const roles = await payload.find({ collection: 'volunteer-opportunities', overrideAccess: true, pagination: false })
  for (const role of roles.docs) expect(String(role.contactRole)).not.toMatch(/@|\d{5,}/)
  const moderator = (await payload.find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, depth: 0 })).docs[0]!
  const east = (await payload.find({ collection: 'localities', where: { slug: { equals: 'lancashire-east' } }, overrideAccess: true })).docs[0]!
  expect((moderator.coordinatesFor ?? []).map(String)).toEqual([String(east.id)])

  // A member says so, a coordinator moves it with a note of their own.
  const member = await createMember(payload)
  const eastRole = roles.docs.find((r) => String(typeof r.locality === 'object' ? r.locality?.id : r.locality) === String(east.id))!
  const note = 'Tuesdays after work suit me best.'
  const { id } = await expressInterest({ payload, user: { ...member, collection: 'users' }, opportunityId: eastRole.id, note })
  await moveInterest(payload, { actor: { ...moderator, collection: 'users' }, interestId: String(id), to: 'contacted', coordinatorNote: 'Phoned, call back in May.' })

  const { json } = await collectMemberData(payload, member.id)
  expect(json.volunteering).toHaveLength(1)
  expect(json.volunteering[0]).toMatchObject({ opportunity: eastRole.title, note, state: 'contacted' })
  expect(json.volunteering[0].history.map((h: { state: string }) => h.state)).toEqual(['interested', 'contacted'])
  const html = exportHtml(json)
  expect(html).toContain(note)
  expect(JSON.stringify(json) + html).not.toContain('call back in May')

  await eraseMember(payload, { memberId: member.id, mode: 'everything', actor: null, actorRole: 'system' })
  expect((await payload.count({ collection: 'volunteer-interests', where: { id: { equals: id } }, overrideAccess: true })).totalDocs).toBe(0)
})
