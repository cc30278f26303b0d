// Hostile: volunteering interests and notes stay with the member and the coordinators of the role's
// locality (issue 17 B, "coordinator scope: a coordinator never sees another locality's interests; a
// member never sees anyone's interest").
//
// What an attacker tries: a coordinator of one locality reading another's interests through REST (list,
// by id, where queries, depth through the opportunity relation), GraphQL and the pages, or moving them;
// a member reading someone else's interest, moving their own, or making themselves a coordinator; a
// moderator of another locality choosing this locality's coordinators; and what erasure leaves behind.
// Controls (the coordinator reads their own locality's interest) prove each check can fail.
import { beforeAll, describe, expect, test } from 'vitest'

import { api, db, docIds, getPage, localityIds, makeMember, newThread, seededAdmin, textOf, type Member, type Who } from './forumHelpers.js'
import { WebClient } from '../support/http.js'
import { signedIn, unique, useHostileServer } from './helpers.js'

const hostile = useHostileServer('volunteering-doors')

let loc: Record<string, number | string> = {}
let eastRole: number | string // an open role in Lancashire East
let northRole: number | string // an open role in Lancashire North
let closedRole: number | string
let coordinatorEast: Member
let coordinatorNorth: Member
let moderatorNorth: Member // a scoped moderator who coordinates nothing
let east: Member // interested in the east role
let north: Member // interested in the north role, through the page form
let nosy: Member
let eastInterest: number | string
let northInterest: number | string
const eastNote = unique('eastnote')
const northNote = unique('northnote')
const coordinatorSecret = unique('coordnote')

const sign = (who: Who) => signedIn(hostile.server, who.email, who.password)
const stored = async (id: number | string) => db(hostile).findByID({ collection: 'volunteer-interests', id, overrideAccess: true, depth: 0 })
const storedUser = async (id: number | string) => db(hostile).findByID({ collection: 'users', id, overrideAccess: true, depth: 0 })
const coordinates = (user: Record<string, any>) => ((user.coordinatesFor ?? []) as unknown[]).map((l) => String(l && typeof l === 'object' ? (l as { id: unknown }).id : l))

async function makeRole(locality: number | string, open = true) {
  const role = await db(hostile).create({
    collection: 'volunteer-opportunities',
    data: { title: `Role ${unique('r')}`, kind: 'peer-mentor', locality, commitment: 'Weekly', contactRole: 'Volunteer coordinator', description: 'Test role.', open },
    overrideAccess: true,
  })
  return role.id
}

beforeAll(async () => {
  loc = await localityIds(hostile)
  eastRole = await makeRole(loc['lancashire-east']!)
  northRole = await makeRole(loc['lancashire-north']!)
  closedRole = await makeRole(loc['lancashire-east']!, false)
  ;[coordinatorEast, coordinatorNorth, moderatorNorth, east, north, nosy] = await Promise.all([
    makeMember(hostile, { name: 'CoordEast' }),
    makeMember(hostile, { name: 'CoordNorth' }),
    makeMember(hostile, { name: 'ModNorth', roles: ['moderator'] }),
    makeMember(hostile, { name: 'EastMember', established: true }),
    makeMember(hostile, { name: 'NorthMember' }),
    makeMember(hostile, { name: 'Nosy' }),
  ])
  await db(hostile).update({ collection: 'users', id: moderatorNorth.id, data: { moderatorLocalities: [loc['lancashire-north']] }, overrideAccess: true })
  // The admin makes the coordinators through the endpoint (the one door that sets the field).
  for (const [who, slug] of [
    [coordinatorEast, 'lancashire-east'],
    [coordinatorNorth, 'lancashire-north'],
  ] as const) {
    const r = await api(hostile, seededAdmin(hostile), 'POST', `/api/users/${who.id}/coordinates-for`, { localities: [loc[slug]] })
    expect(r.status, r.text.slice(0, 300)).toBe(200)
  }
  // East says so through REST, and tries to start as "active" with a coordinator's note of their own.
  const r = await api(hostile, east, 'POST', '/api/volunteer-interests', { opportunity: eastRole, note: eastNote, state: 'active', coordinatorNote: 'self-made', locality: loc['lancashire-north'] })
  expect(r.status, r.text.slice(0, 300)).toBe(201)
  eastInterest = r.json.doc.id
  // North through the page form, as a browser would.
  const client = await sign(north)
  const token = await client.csrfToken(`/volunteer/${northRole}`)
  const posted = await client.postForm(`/volunteer/${northRole}/interest`, { _csrf: token, note: northNote })
  expect(posted.status).toBe(303)
  northInterest = (await db(hostile).find({ collection: 'volunteer-interests', where: { member: { equals: north.id } }, overrideAccess: true, depth: 0 })).docs[0].id
}, 120_000)

describe('what is stored', () => {
  test('the state starts at interested and the locality comes from the role, whatever was sent', async () => {
    const doc = await stored(eastInterest)
    expect(doc.state).toBe('interested')
    expect(doc.coordinatorNote ?? null).toBeNull()
    expect(String(doc.locality)).toBe(String(loc['lancashire-east']))
    expect(String(doc.member)).toBe(String(east.id))
    expect(doc.note).toBe(eastNote)
  })

  test('every change of coordinators is in the moderation log', async () => {
    const events = await db(hostile).find({
      collection: 'moderation-events',
      where: { and: [{ action: { equals: 'set-volunteer-coordinator' } }, { targetId: { equals: String(coordinatorEast.id) } }] },
      overrideAccess: true,
    })
    expect(events.totalDocs).toBe(1)
    expect(events.docs[0].toState).toBe(String(loc['lancashire-east']))
  })

  test('bad input: a long note, no such role, twice, a closed role: clear 4xx, nothing stored', async () => {
    const before = (await db(hostile).count({ collection: 'volunteer-interests', overrideAccess: true })).totalDocs
    const long = await api(hostile, nosy, 'POST', '/api/volunteer-interests', { opportunity: eastRole, note: 'x'.repeat(501) })
    expect(long.status).toBe(400)
    const missing = await api(hostile, nosy, 'POST', '/api/volunteer-interests', { opportunity: 987654321 })
    expect(missing.status).toBe(404)
    const twice = await api(hostile, east, 'POST', '/api/volunteer-interests', { opportunity: eastRole })
    expect(twice.status).toBe(409)
    const closed = await api(hostile, nosy, 'POST', '/api/volunteer-interests', { opportunity: closedRole })
    expect([404, 409]).toContain(closed.status)
    const visitor = await api(hostile, null, 'POST', '/api/volunteer-interests', { opportunity: eastRole })
    expect(visitor.status).toBe(403)
    expect((await db(hostile).count({ collection: 'volunteer-interests', overrideAccess: true })).totalDocs).toBe(before)
  })
})

describe('a coordinator of East never sees North’s interests', () => {
  test('REST list: their locality’s interest (control) and never the other’s', async () => {
    const r = await api(hostile, coordinatorEast, 'GET', '/api/volunteer-interests?limit=100&depth=2')
    expect(r.status).toBe(200)
    expect(docIds(r)).toContain(String(eastInterest))
    expect(r.text).toContain(eastNote)
    expect(docIds(r)).not.toContain(String(northInterest))
    expect(r.text).not.toContain(northNote)
  })

  test('REST by id, with depth and populate through the opportunity', async () => {
    for (const path of [`/api/volunteer-interests/${northInterest}`, `/api/volunteer-interests/${northInterest}?depth=3`, `/api/volunteer-opportunities/${northRole}?depth=3`]) {
      const r = await api(hostile, coordinatorEast, 'GET', path)
      expect(r.text, path).not.toContain(northNote)
      if (path.includes('interests')) expect([403, 404], path).toContain(r.status)
    }
  })

  test('where queries: by locality, by note, through the opportunity relation', async () => {
    const queries = [
      `where[locality][equals]=${loc['lancashire-north']}`,
      `where[note][like]=${northNote.slice(0, 8)}`,
      `where[opportunity][equals]=${northRole}`,
      `where[opportunity.locality][equals]=${loc['lancashire-north']}`,
      `where[member][equals]=${north.id}`,
      `where[or][0][id][equals]=${northInterest}&where[or][1][locality][exists]=true`,
    ]
    for (const q of queries) {
      const r = await api(hostile, coordinatorEast, 'GET', `/api/volunteer-interests?${q}&limit=100`)
      expect(r.status, q).not.toBe(500)
      expect(docIds(r), q).not.toContain(String(northInterest))
      expect(r.text, q).not.toContain(northNote)
    }
  })

  test('GraphQL is closed', async () => {
    const r = await api(hostile, coordinatorEast, 'POST', '/api/graphql', { query: '{ VolunteerInterests { docs { id note memberName } } }' })
    expect(r.status).not.toBe(200)
    expect(r.text).not.toContain(northNote)
  })

  test('the coordinators’ page lists East’s interest (control), never North’s; North’s cannot be moved', async () => {
    const client = await sign(coordinatorEast)
    const { status, html } = await getPage(client, '/volunteer/coordinate')
    expect(status).toBe(200)
    expect(html).toContain(eastNote)
    expect(html).not.toContain(northNote)
    expect(textOf(html)).not.toContain(north.displayName)
    const token = await client.csrfToken('/volunteer/coordinate')
    const moved = await client.postForm(`/volunteer/coordinate/${northInterest}`, { _csrf: token, state: 'contacted' })
    expect(moved.status).toBe(404)
    const viaRest = await api(hostile, coordinatorEast, 'POST', `/api/volunteer-interests/${northInterest}/move`, { state: 'contacted' })
    expect(viaRest.status).toBe(404)
    expect((await stored(northInterest)).state).toBe('interested')
  })

  test('the coordinators’ page is never kept in the page cache', async () => {
    const client = await sign(coordinatorEast)
    for (let i = 0; i < 2; i++) {
      const response = await client.get('/volunteer/coordinate')
      expect(response.status).toBe(200)
      expect(response.headers.get('x-waymark-cache')).toBeNull()
      expect(response.headers.get('cache-control')).toContain('no-store')
    }
  })

  test('they move East’s along, with a note only coordinators read', async () => {
    const r = await api(hostile, coordinatorEast, 'POST', `/api/volunteer-interests/${eastInterest}/move`, { state: 'contacted', coordinatorNote: coordinatorSecret })
    expect(r.status, r.text).toBe(200)
    const skip = await api(hostile, coordinatorEast, 'POST', `/api/volunteer-interests/${eastInterest}/move`, { state: 'interested' })
    expect(skip.status).toBe(409)
    const junk = await api(hostile, coordinatorEast, 'POST', `/api/volunteer-interests/${eastInterest}/move`, { state: { $ne: 1 } })
    expect(junk.status).toBe(400)
    const doc = await stored(eastInterest)
    expect(doc.state).toBe('contacted')
    expect(doc.history.map((h: { state: string }) => h.state)).toEqual(['interested', 'contacted'])
  })
})

describe('members and moderators who do not coordinate', () => {
  test('the member reads their own interest and state, never the coordinators’ note', async () => {
    const r = await api(hostile, east, 'GET', `/api/volunteer-interests/${eastInterest}?depth=2`)
    expect(r.status).toBe(200)
    expect(r.json.note).toBe(eastNote)
    expect(r.text).not.toContain(coordinatorSecret)
    const page = await getPage(await sign(east), '/account')
    expect(page.html).toContain('Contacted')
    expect(page.html).not.toContain(coordinatorSecret)
  })

  test('another member sees nobody’s interest: list, id, where, page', async () => {
    const list = await api(hostile, nosy, 'GET', '/api/volunteer-interests?limit=100')
    expect(docIds(list)).toEqual([])
    for (const id of [eastInterest, northInterest]) {
      const r = await api(hostile, nosy, 'GET', `/api/volunteer-interests/${id}`)
      expect([403, 404]).toContain(r.status)
      expect(r.text).not.toMatch(new RegExp(`${eastNote}|${northNote}`))
    }
    const where = await api(hostile, nosy, 'GET', `/api/volunteer-interests?where[member][equals]=${east.id}`)
    expect(docIds(where)).toEqual([])
    const page = await getPage(await sign(nosy), '/volunteer/coordinate')
    expect(page.status).toBe(403)
    expect(page.html).not.toContain(eastNote)
    const visitor = await api(hostile, null, 'GET', '/api/volunteer-interests')
    expect(docIds(visitor)).toEqual([])
  })

  test('a moderator who is not a coordinator reads no interest and no note', async () => {
    const r = await api(hostile, moderatorNorth, 'GET', '/api/volunteer-interests?limit=100&depth=2')
    expect(docIds(r)).toEqual([])
    expect(r.text).not.toMatch(new RegExp(`${eastNote}|${northNote}`))
  })

  test('a member cannot change the state of their own interest, nor move it', async () => {
    const patched = await api(hostile, east, 'PATCH', `/api/volunteer-interests/${eastInterest}`, { state: 'active', startedActiveAt: new Date().toISOString() })
    expect(patched.status).toBe(403)
    const moved = await api(hostile, east, 'POST', `/api/volunteer-interests/${eastInterest}/move`, { state: 'in-training' })
    expect(moved.status).toBe(404)
    const doc = await stored(eastInterest)
    expect(doc.state).toBe('contacted')
    expect(doc.startedActiveAt ?? null).toBeNull()
  })

  test('a member cannot make themselves a coordinator, through the profile or the endpoint', async () => {
    const patched = await api(hostile, nosy, 'PATCH', `/api/users/${nosy.id}`, { coordinatesFor: [loc['lancashire-north']] })
    expect(patched.status).not.toBe(500)
    const endpoint = await api(hostile, nosy, 'POST', `/api/users/${nosy.id}/coordinates-for`, { localities: [loc['lancashire-north']] })
    expect(endpoint.status).toBe(403)
    expect(coordinates(await storedUser(nosy.id))).toEqual([])
    const list = await api(hostile, nosy, 'GET', '/api/volunteer-interests?limit=100')
    expect(docIds(list)).toEqual([])
  })

  test('a member cannot show a badge they have not earned', async () => {
    const r = await api(hostile, east, 'PATCH', `/api/users/${east.id}`, { volunteerBadge: 'peer-mentor' })
    expect(r.status).toBe(400)
    expect((await storedUser(east.id)).volunteerBadge ?? 'none').toBe('none')
  })

  test('a moderator of North chooses North’s coordinators (control) and never East’s', async () => {
    const refused = await api(hostile, moderatorNorth, 'POST', `/api/users/${nosy.id}/coordinates-for`, { localities: [loc['lancashire-east']] })
    expect(refused.status).toBe(403)
    const removeEast = await api(hostile, moderatorNorth, 'POST', `/api/users/${coordinatorEast.id}/coordinates-for`, { localities: [] })
    expect(removeEast.status).toBe(403)
    expect(coordinates(await storedUser(coordinatorEast.id))).toEqual([String(loc['lancashire-east'])])
    const allowed = await api(hostile, moderatorNorth, 'POST', `/api/users/${nosy.id}/coordinates-for`, { localities: [loc['lancashire-north']] })
    expect(allowed.status, allowed.text).toBe(200)
    expect(coordinates(await storedUser(nosy.id))).toEqual([String(loc['lancashire-north'])])
    const bad = await api(hostile, moderatorNorth, 'POST', `/api/users/${nosy.id}/coordinates-for`, { localities: 'north' })
    expect(bad.status).toBe(400)
    const events = await db(hostile).count({
      collection: 'moderation-events',
      where: { and: [{ action: { equals: 'set-volunteer-coordinator' } }, { targetId: { equals: String(nosy.id) } }] },
      overrideAccess: true,
    })
    expect(events.totalDocs).toBe(1)
  })
})

describe('the moderators’ page for choosing coordinators', () => {
  test('a scoped moderator is offered only their localities, and cannot add a coordinator elsewhere through the form', async () => {
    const client = await sign(moderatorNorth)
    const page = await getPage(client, '/volunteer/coordinators')
    expect(page.status).toBe(200)
    expect(page.html).toContain(`value="${loc['lancashire-north']}"`)
    expect(page.html).not.toContain(`value="${loc['lancashire-east']}"`)
    const target = await makeMember(hostile, { name: 'FormTarget' })
    const token = await client.csrfToken('/volunteer/coordinators')
    const refused = await client.postForm('/volunteer/coordinators', { _csrf: token, displayName: target.displayName, locality: String(loc['lancashire-east']), change: 'add' })
    expect(refused.status).toBe(400)
    expect(textOf(await refused.text())).toContain('Choose one of the localities you moderate.')
    expect(coordinates(await storedUser(target.id))).toEqual([])
    const added = await client.postForm('/volunteer/coordinators', {
      _csrf: await client.csrfToken('/volunteer/coordinators'),
      displayName: target.displayName,
      locality: String(loc['lancashire-north']),
      change: 'add',
    })
    expect(added.status, added.status === 303 ? '' : textOf(await added.text()).slice(0, 600)).toBe(303)
    expect(coordinates(await storedUser(target.id))).toEqual([String(loc['lancashire-north'])])
    const logged = await db(hostile).count({
      collection: 'moderation-events',
      where: { and: [{ action: { equals: 'set-volunteer-coordinator' } }, { targetId: { equals: String(target.id) } }] },
      overrideAccess: true,
    })
    expect(logged.totalDocs).toBe(1)
  })

  test('members and coordinators who are not moderators get nothing there', async () => {
    for (const who of [nosy, coordinatorEast]) {
      const client = await sign(who)
      const page = await getPage(client, '/volunteer/coordinators')
      expect(page.status).toBe(404)
      const token = await client.csrfToken('/volunteer')
      const posted = await client.postForm('/volunteer/coordinators', { _csrf: token, displayName: who.displayName, locality: String(loc['lancashire-east']), change: 'add' })
      expect(posted.status).toBe(404)
    }
    expect(coordinates(await storedUser(nosy.id))).toEqual([String(loc['lancashire-north'])])
  })
})

describe('the volunteer badge: opt-in, and only while earned', () => {
  const BADGE = 'badge--volunteer">Peer mentor'
  test('off by default; shown on posts once chosen while active; gone when the member steps back', async () => {
    const thread = await newThread(hostile, east, loc['lancashire-county']!)
    const visitor = new WebClient(hostile.server.url)
    expect((await getPage(visitor, `/threads/${thread.id}`)).html).not.toContain('badge--volunteer')
    const active = await api(hostile, coordinatorEast, 'POST', `/api/volunteer-interests/${eastInterest}/move`, { state: 'active' })
    expect(active.status, active.text).toBe(200)
    expect((await stored(eastInterest)).startedActiveAt).toBeTruthy()
    // Active, but not chosen: still no badge.
    expect((await getPage(visitor, `/threads/${thread.id}`)).html).not.toContain('badge--volunteer')
    const chosen = await api(hostile, east, 'PATCH', `/api/users/${east.id}`, { volunteerBadge: 'peer-mentor' })
    expect(chosen.status, chosen.text.slice(0, 300)).toBe(200)
    expect((await getPage(visitor, `/threads/${thread.id}`)).html.replace(/<!-- -->/g, '')).toContain(BADGE)
    const back = await api(hostile, coordinatorEast, 'POST', `/api/volunteer-interests/${eastInterest}/move`, { state: 'stepped-back' })
    expect(back.status, back.text).toBe(200)
    expect((await storedUser(east.id)).volunteerBadge).toBe('none')
    expect((await getPage(visitor, `/threads/${thread.id}`)).html).not.toContain('badge--volunteer')
  })
})

describe('erasure', () => {
  test('erasing a member removes their interests and notes', async () => {
    const r = await api(hostile, seededAdmin(hostile), 'POST', `/api/users/${north.id}/erase`, { mode: 'everything' })
    expect(r.status, r.text).toBe(200)
    expect((await db(hostile).count({ collection: 'volunteer-interests', where: { id: { equals: northInterest } }, overrideAccess: true })).totalDocs).toBe(0)
    const list = await api(hostile, coordinatorNorth, 'GET', '/api/volunteer-interests?limit=100')
    expect(list.text).not.toContain(northNote)
  })
})
