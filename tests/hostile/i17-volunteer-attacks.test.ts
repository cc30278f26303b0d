// Hostile, written from issue 17 (B) without reading the implementation: volunteering as an attacker meets
// it. A coordinator for one locality tries every REST trick and page to read another locality's interests
// and notes; a member tries to read another member's interest, to make themselves a coordinator and to
// move their own interest along; the commissioners' report is read for names and small numbers; a note
// with crisis words is looked for on every public door.
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { formsOn } from '../support/pageCache.js'
import { api, makeMember, seededAdmin, seededModerator, textOf, type Member } from './forumHelpers.js'
import { signedIn, unique, useHostileServer } from './helpers.js'

const hostile = useHostileServer('i17-volunteer-attacks')
const admin = () => seededAdmin(hostile)

let localities: Record<string, number>
let eastOpp: number // an open role in Lancashire East (coordinator X's)
let northOpp: number // an open role in Lancashire North (coordinator Y's)
let coordinatorX: Member
let coordinatorY: Member
let memberEast: Member // interested in the East role
let memberNorth: Member // interested in the North role
let clientX: WebClient
let clientEast: WebClient
let clientNorth: WebClient
let interestEast: string
let interestNorth: string
const noteEast = unique('volnoteE')
const noteNorth = unique('volnoteN')

/** Sends the "I'm interested" form on a role's page, as a browser does; returns the interest's id (read as the member). */
async function expressInterest(client: WebClient, member: Member, opportunity: number, note: string): Promise<string> {
  const html = await (await client.get(`/volunteer/${opportunity}`)).text()
  const form = formsOn(html, new RegExp(`^/volunteer/${opportunity}/`))[0]
  if (!form) throw new Error(`Arrange failed: no interest form on /volunteer/${opportunity}: ${textOf(html).slice(0, 300)}`)
  const noteField = Object.keys(form.fields).find((name) => /note/i.test(name))
  if (!noteField) throw new Error(`Arrange failed: no note field in ${JSON.stringify(form.fields)}`)
  const response = await client.postForm(form.action, { ...form.fields, [noteField]: note })
  // 303 back to the role; a note with crisis words is answered with the crisis panel instead (200).
  if (response.status !== 303 && response.status !== 200) throw new Error(`Arrange failed: interest gave ${response.status}: ${textOf(await response.text()).slice(0, 300)}`)
  const own = await api(hostile, member, 'GET', `/api/volunteer-interests?where[member][equals]=${member.id}&depth=0`)
  const doc = own.json?.docs?.find((d: any) => String(d.opportunity?.id ?? d.opportunity) === String(opportunity))
  if (!doc) throw new Error(`Arrange failed: the member cannot find their own interest (${own.status} ${own.text.slice(0, 200)})`)
  return String(doc.id)
}

const interestAsAdmin = async (id: string) => (await api(hostile, admin(), 'GET', `/api/volunteer-interests/${id}?depth=0`)).json
const userAsAdmin = async (id: number | string) => (await api(hostile, admin(), 'GET', `/api/users/${id}?depth=0`)).json
const coordinates = (user: any) => ((user?.coordinatesFor ?? []) as any[]).map((l) => Number(l?.id ?? l)).sort()

async function openRoleIn(localityId: number): Promise<number> {
  const found = await api(hostile, admin(), 'GET', `/api/volunteer-opportunities?where[locality][equals]=${localityId}&where[open][equals]=true&depth=0&limit=10`)
  const doc = found.json?.docs?.[0]
  if (!doc) throw new Error(`Arrange failed: no open role in locality ${localityId} (${found.status})`)
  return Number(doc.id)
}

beforeAll(async () => {
  const list = await api(hostile, null, 'GET', '/api/localities?limit=50&depth=0')
  localities = Object.fromEntries(list.json.docs.map((d: any) => [d.slug, Number(d.id)]))
  eastOpp = await openRoleIn(localities['lancashire-east']!)
  northOpp = await openRoleIn(localities['lancashire-north']!)
  coordinatorX = await makeMember(hostile, { name: 'Vol coordX' })
  coordinatorY = await makeMember(hostile, { name: 'Vol coordY' })
  memberEast = await makeMember(hostile, { name: 'Vol east' })
  memberNorth = await makeMember(hostile, { name: 'Vol north' })
  // The admin makes X the coordinator for East and Y for North (the README's REST door, as the admin's pages use it).
  for (const [who, slug] of [
    [coordinatorX, 'lancashire-east'],
    [coordinatorY, 'lancashire-north'],
  ] as const) {
    const set = await api(hostile, admin(), 'POST', `/api/users/${who.id}/coordinates-for`, { localities: [localities[slug]] })
    if (set.status >= 300) throw new Error(`Arrange failed: coordinates-for gave ${set.status}: ${set.text.slice(0, 300)}`)
  }
  clientX = await signedIn(hostile.server, coordinatorX.email, coordinatorX.password)
  clientEast = await signedIn(hostile.server, memberEast.email, memberEast.password)
  clientNorth = await signedIn(hostile.server, memberNorth.email, memberNorth.password)
  interestEast = await expressInterest(clientEast, memberEast, eastOpp, noteEast)
  interestNorth = await expressInterest(clientNorth, memberNorth, northOpp, noteNorth)
})

describe('a coordinator for one locality', () => {
  test('control: X sees the East interest and its note', async () => {
    const own = await api(hostile, coordinatorX, 'GET', `/api/volunteer-interests/${interestEast}`)
    expect(own.status).toBe(200)
    expect(own.text).toContain(noteEast)
    const page = await (await clientX.get('/volunteer/coordinate')).text()
    expect(page).toContain(noteEast)
  })

  test("never sees North's interest or note, through REST tricks or pages", async () => {
    const north = localities['lancashire-north']
    const doors = [
      `/api/volunteer-interests/${interestNorth}`,
      `/api/volunteer-interests/${interestNorth}?depth=2`,
      '/api/volunteer-interests?limit=1000&depth=2',
      `/api/volunteer-interests?where[opportunity.locality][equals]=${north}`,
      `/api/volunteer-interests?where[locality][equals]=${north}`,
      `/api/volunteer-interests?where[opportunity][equals]=${northOpp}`,
      `/api/volunteer-interests?where[member][equals]=${memberNorth.id}`,
      `/api/volunteer-interests?where[note][like]=${noteNorth}`,
      `/api/volunteer-interests?where[or][0][id][equals]=${interestNorth}&where[or][1][id][equals]=${interestEast}`,
      '/api/volunteer-interests?sort=note&limit=1000',
      '/api/volunteer-interests?sort=-note&limit=1000',
      '/api/volunteer-interests?select[note]=true&limit=1000',
      '/api/volunteer-interests/count',
      `/api/volunteer-interests/count?where[locality][equals]=${north}`,
      `/api/volunteer-opportunities/${northOpp}?depth=3`,
      `/api/volunteer-opportunities?depth=3&limit=100`,
      `/api/users/${memberNorth.id}?depth=3`,
      `/api/users/${coordinatorX.id}?depth=3`,
      '/api/users/me?depth=3',
    ]
    const leaks: string[] = []
    for (const door of doors) {
      const answer = await api(hostile, coordinatorX, 'GET', door)
      expect(answer.status, door).toBeLessThan(500)
      if (answer.text.includes(noteNorth)) leaks.push(`note via ${door}`)
      if (answer.status === 200 && Array.isArray(answer.json?.docs) && /volunteer-interests/.test(door) && answer.json.docs.some((d: any) => String(d.id) === interestNorth))
        leaks.push(`interest via ${door}`)
      if (/count/.test(door) && answer.status === 200 && /locality/.test(door) && answer.json?.totalDocs > 0) leaks.push(`count via ${door}: ${answer.json.totalDocs}`)
    }
    const graphql = await api(hostile, coordinatorX, 'POST', '/api/graphql', { query: '{ VolunteerInterests(limit: 1000) { docs { id note } } }' })
    if (graphql.text.includes(noteNorth)) leaks.push('GraphQL')
    for (const path of ['/volunteer/coordinate', `/volunteer/coordinate?locality=lancashire-north`, `/volunteer/coordinate/${interestNorth}`, `/volunteer/${northOpp}`, '/account']) {
      const body = await (await clientX.get(path)).text()
      if (body.includes(noteNorth) || body.includes(memberNorth.displayName)) leaks.push(`page ${path}`)
    }
    expect(leaks).toEqual([])
  })

  test("cannot move North's interest, nor give themselves North", async () => {
    const move = await api(hostile, coordinatorX, 'POST', `/api/volunteer-interests/${interestNorth}/move`, { state: 'contacted', coordinatorNote: 'x' })
    expect([401, 403, 404]).toContain(move.status)
    const token = await clientX.csrfToken('/volunteer/coordinate')
    const form = await clientX.postForm(`/volunteer/coordinate/${interestNorth}`, { _csrf: token, state: 'contacted', coordinatorNote: 'x' })
    expect(form.status).toBeLessThan(500)
    expect((await interestAsAdmin(interestNorth)).state).toBe('interested')

    const self = await api(hostile, coordinatorX, 'POST', `/api/users/${coordinatorX.id}/coordinates-for`, { localities: [localities['lancashire-east'], localities['lancashire-north']] })
    expect([400, 401, 403, 404]).toContain(self.status)
    const patch = await api(hostile, coordinatorX, 'PATCH', `/api/users/${coordinatorX.id}`, { coordinatesFor: [localities['lancashire-east'], localities['lancashire-north']] })
    expect(patch.status).toBeLessThan(500)
    expect(coordinates(await userAsAdmin(coordinatorX.id))).toEqual([localities['lancashire-east']])
  })

  test('moves the East interest along; the member sees each state in their account, not the coordinators note', async () => {
    const coordinatorNote = unique('volcnote')
    const contacted = await api(hostile, coordinatorX, 'POST', `/api/volunteer-interests/${interestEast}/move`, { state: 'contacted', coordinatorNote })
    expect(contacted.status, contacted.text.slice(0, 300)).toBeLessThan(300)
    const account = textOf(await (await clientEast.get('/account')).text())
    expect(account).toMatch(/Contacted/)
    expect(account).not.toContain(coordinatorNote)
    const own = await api(hostile, memberEast, 'GET', `/api/volunteer-interests/${interestEast}?depth=2`)
    expect(own.status).toBe(200)
    expect(own.text).not.toContain(coordinatorNote)
  })
})

describe('a member', () => {
  test("never sees another member's interest", async () => {
    const doors = [
      `/api/volunteer-interests/${interestEast}`,
      `/api/volunteer-interests?where[member][equals]=${memberEast.id}`,
      `/api/volunteer-interests?where[opportunity][equals]=${eastOpp}`,
      '/api/volunteer-interests?limit=1000&depth=2',
      `/api/volunteer-opportunities/${eastOpp}?depth=3`,
      `/api/users/${memberEast.id}?depth=3`,
    ]
    const leaks: string[] = []
    for (const door of doors) {
      const answer = await api(hostile, memberNorth, 'GET', door)
      expect(answer.status, door).toBeLessThan(500)
      if (answer.text.includes(noteEast) || (Array.isArray(answer.json?.docs) && /interests/.test(door) && answer.json.docs.some((d: any) => String(d.id) === interestEast))) leaks.push(door)
    }
    for (const path of ['/volunteer/coordinate', `/volunteer/${eastOpp}`, '/volunteer']) {
      const body = await (await clientNorth.get(path)).text()
      if (body.includes(noteEast)) leaks.push(`page ${path}`)
    }
    expect(leaks).toEqual([])
  })

  test('cannot make themselves a coordinator through any door', async () => {
    const east = localities['lancashire-east']!
    const patch = await api(hostile, memberNorth, 'PATCH', `/api/users/${memberNorth.id}`, { coordinatesFor: [east] })
    expect(patch.status).toBeLessThan(500)
    const rest = await api(hostile, memberNorth, 'POST', `/api/users/${memberNorth.id}/coordinates-for`, { localities: [east] })
    expect([400, 401, 403, 404]).toContain(rest.status)
    const token = await clientNorth.csrfToken('/account')
    const form = await clientNorth.postForm('/volunteer/coordinators', { _csrf: token, displayName: memberNorth.displayName, locality: String(east), change: 'add' })
    expect(form.status).toBeLessThan(500)
    const account = await clientNorth.postForm('/account', { _csrf: token, displayName: memberNorth.displayName, memberType: 'in-recovery', coordinatesFor: String(east) })
    expect(account.status).toBeLessThan(500)
    expect(coordinates(await userAsAdmin(memberNorth.id))).toEqual([])
    const page = await (await clientNorth.get('/volunteer/coordinate')).text()
    expect(page).not.toContain(noteEast)
  })

  test('cannot move their own interest along', async () => {
    const before = (await interestAsAdmin(interestNorth)).state
    const move = await api(hostile, memberNorth, 'POST', `/api/volunteer-interests/${interestNorth}/move`, { state: 'active' })
    expect([400, 401, 403, 404]).toContain(move.status)
    const patch = await api(hostile, memberNorth, 'PATCH', `/api/volunteer-interests/${interestNorth}`, { state: 'active', startedActiveAt: new Date().toISOString() })
    expect(patch.status).toBeLessThan(500)
    const token = await clientNorth.csrfToken('/account')
    const form = await clientNorth.postForm(`/volunteer/coordinate/${interestNorth}`, { _csrf: token, state: 'active' })
    expect(form.status).toBeLessThan(500)
    // A second interest in the same role, "already active".
    const again = await api(hostile, memberNorth, 'POST', '/api/volunteer-interests', { opportunity: northOpp, note: 'again', state: 'active', member: memberEast.id })
    expect(again.status).toBeLessThan(500)
    const stored = await interestAsAdmin(interestNorth)
    expect(stored.state).toBe(before)
    expect(stored.startedActiveAt ?? null).toBeNull()
    const all = await api(hostile, admin(), 'GET', `/api/volunteer-interests?where[opportunity][equals]=${northOpp}&limit=100&depth=0`)
    expect(all.json.docs.filter((d: any) => ['active'].includes(d.state) && String(d.member?.id ?? d.member) === String(memberEast.id))).toEqual([])
  })
})

describe("the commissioners' report", () => {
  test('shows no names and no count below 5 as a number, on the page and in the CSV', async () => {
    // Make the East member active, so that the report has a small number to hide.
    const active = await api(hostile, coordinatorX, 'POST', `/api/volunteer-interests/${interestEast}/move`, { state: 'active' })
    expect(active.status, active.text.slice(0, 300)).toBeLessThan(300)
    const moderator = await signedIn(hostile.server, seededModerator(hostile).email, seededModerator(hostile).password)
    const names = [memberEast.displayName, memberNorth.displayName, 'Canal Volunteer', 'Sunrise Walker', 'Ribble Rover']
    const html = await (await moderator.get('/reports')).text()
    const start = html.search(/Volunteers, peer mentors/)
    expect(start, 'the report has a volunteering section').toBeGreaterThan(-1)
    const section = html.slice(start, html.indexOf('</table>', start))
    const cells = [...section.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]!).trim())
    expect(cells.length).toBeGreaterThan(0)
    for (const cell of cells) expect(cell, `a volunteering count cell: "${cell}"`).toMatch(/^(fewer than 5|([5-9]|\d{2,}))$/)
    for (const name of names) expect(textOf(section)).not.toContain(name)

    const csv = await (await moderator.get('/reports.csv?months=12')).text()
    const lines = csv.split(/\r?\n/).filter((l) => /volunteers_/.test(l))
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) {
      const last = line.split(',').pop()!.replace(/"/g, '').trim()
      expect(last, line).toMatch(/^(fewer than 5|([5-9]|\d{2,}))$/)
    }
    for (const name of names) expect(csv).not.toContain(name)
  })
})

describe('a note with crisis words', () => {
  test('appears on no public door', async () => {
    const writer = await makeMember(hostile, { name: 'Vol crisis' })
    const client = await signedIn(hostile.server, writer.email, writer.password)
    const marker = unique('volcrisis')
    const note = `${marker} I want to kill myself, I have pills saved up and I can't go on`
    await expressInterest(client, writer, eastOpp, note)
    const visitor = new WebClient(hostile.server.url)
    const outsider = await makeMember(hostile, { name: 'Vol outsider' })
    const seen: string[] = []
    for (const path of ['/volunteer', `/volunteer/${eastOpp}`, '/localities/lancashire-east', `/search?q=${marker.slice(0, -2)}`, '/feed.xml', '/sitemap-1.xml', '/stories', '/']) {
      if ((await (await visitor.get(path)).text()).includes(marker)) seen.push(`visitor ${path}`)
    }
    for (const [who, label] of [
      [null, 'visitor'],
      [outsider, 'member'],
    ] as const) {
      for (const door of ['/api/volunteer-interests?limit=1000', `/api/volunteer-opportunities/${eastOpp}?depth=3`, '/api/crisis-alerts?limit=100&depth=2', '/api/notifications?limit=100&depth=2']) {
        const answer = await api(hostile, who, 'GET', door)
        if (answer.text.includes(marker)) seen.push(`${label} ${door}`)
      }
    }
    expect(seen).toEqual([])
  })
})

describe('who may set coordinators', () => {
  test("each admin change is written to the moderation log, and a member's attempt is not a change", async () => {
    const before = (await api(hostile, admin(), 'GET', '/api/moderation-events?limit=1000&depth=0')).text.split('set-volunteer-coordinator').length
    const set = await api(hostile, admin(), 'POST', `/api/users/${coordinatorY.id}/coordinates-for`, { localities: [localities['lancashire-north'], localities['lancashire-central']] })
    expect(set.status).toBeLessThan(300)
    const after = (await api(hostile, admin(), 'GET', '/api/moderation-events?limit=1000&depth=0')).text.split('set-volunteer-coordinator').length
    expect(after).toBeGreaterThan(before)
    // The log's entries about coordinators are not readable by members.
    const asMember = await api(hostile, memberEast, 'GET', '/api/moderation-events?limit=1000&depth=0')
    expect(asMember.text).not.toContain('set-volunteer-coordinator')
  })
})

describe('the demo moderator, who coordinates Lancashire East only', () => {
  test("sees no North interest, and cannot make themselves North's coordinator", async () => {
    const moderator = seededModerator(hostile)
    const leaks: string[] = []
    for (const door of [
      `/api/volunteer-interests/${interestNorth}`,
      '/api/volunteer-interests?limit=1000&depth=2',
      `/api/volunteer-interests?where[locality][equals]=${localities['lancashire-north']}`,
      '/api/volunteer-interests?sort=note',
    ]) {
      const answer = await api(hostile, moderator, 'GET', door)
      expect(answer.status, door).toBeLessThan(500)
      if (answer.text.includes(noteNorth)) leaks.push(door)
    }
    const client = await signedIn(hostile.server, moderator.email, moderator.password)
    for (const path of ['/volunteer/coordinate', '/admin/collections/volunteer-interests', `/admin/collections/volunteer-interests/${interestNorth}`]) {
      if ((await (await client.get(path)).text()).includes(noteNorth)) leaks.push(path)
    }
    expect(leaks).toEqual([])

    const me = (await api(hostile, moderator, 'GET', '/api/users/me?depth=0')).json.user
    const before = coordinates(await userAsAdmin(me.id))
    const self = await api(hostile, moderator, 'POST', `/api/users/${me.id}/coordinates-for`, { localities: [...before, localities['lancashire-north']] })
    expect([400, 401, 403, 404]).toContain(self.status)
    const token = await client.csrfToken('/volunteer/coordinators')
    const form = await client.postForm('/volunteer/coordinators', { _csrf: token, displayName: me.displayName, locality: String(localities['lancashire-north']), change: 'add' })
    expect(form.status).toBeLessThan(500)
    expect(coordinates(await userAsAdmin(me.id))).toEqual(before)
  })
})

describe('saying you are interested', () => {
  test('a hostile locality filter is never a 500 and adds no markup', async () => {
    const visitor = new WebClient(hostile.server.url)
    const evil = encodeURIComponent('</script><script>alert(1)</script>"><img src=x onerror=alert(1)>')
    for (const path of [`/volunteer?locality=${evil}`, `/volunteer?locality[]=${evil}`, `/volunteer/${evil}`]) {
      const response = await visitor.get(path)
      const body = await response.text()
      expect(response.status, path).toBeLessThan(500)
      expect(body, path).not.toMatch(/<script>alert|<img src=x onerror/i)
    }
  })

  test('a visitor stores nothing; a member cannot send a second interest, a note over 500 characters, or one for someone else', async () => {
    const count = async () => (await api(hostile, admin(), 'GET', `/api/volunteer-interests?where[opportunity][equals]=${eastOpp}&limit=1000&depth=0`)).json.docs.length as number
    const before = await count()
    const visitor = new WebClient(hostile.server.url)
    const token = await visitor.csrfToken('/login')
    const asVisitor = await visitor.postForm(`/volunteer/${eastOpp}/interest`, { _csrf: token, note: 'visitor note' })
    expect(asVisitor.status).toBeLessThan(500)
    const restVisitor = await api(hostile, null, 'POST', '/api/volunteer-interests', { opportunity: eastOpp, note: 'visitor rest' })
    expect(restVisitor.status).toBeGreaterThanOrEqual(400)
    expect(await count()).toBe(before)

    // memberEast already said they are interested in the East role.
    const again = await api(hostile, memberEast, 'POST', '/api/volunteer-interests', { opportunity: eastOpp, note: 'again' })
    expect(again.status).toBeGreaterThanOrEqual(400)
    expect(again.status).toBeLessThan(500)
    expect(await count()).toBe(before)

    const longWriter = await makeMember(hostile, { name: 'Vol long' })
    const tooLong = await api(hostile, longWriter, 'POST', '/api/volunteer-interests', { opportunity: eastOpp, note: 'x'.repeat(501) })
    expect(tooLong.status).toBeGreaterThanOrEqual(400)
    expect(tooLong.status).toBeLessThan(500)
    const forOther = await api(hostile, longWriter, 'POST', '/api/volunteer-interests', { opportunity: eastOpp, note: 'for other', member: memberNorth.id, memberName: 'Someone Else' })
    if (forOther.status < 300) {
      const stored = await interestAsAdmin(String(forOther.json.doc.id))
      expect(String(stored.member?.id ?? stored.member)).toBe(String(longWriter.id))
      expect(stored.memberName).not.toBe('Someone Else')
      expect(stored.state).toBe('interested')
    } else expect(forOther.status).toBeLessThan(500)
  })
})

describe('erasure', () => {
  test('a member who deletes their account takes their interest and note with them', async () => {
    const leaver = await makeMember(hostile, { name: 'Vol leaver' })
    const client = await signedIn(hostile.server, leaver.email, leaver.password)
    const note = unique('volleave')
    const id = await expressInterest(client, leaver, eastOpp, note)
    // Control: the coordinator sees it before.
    expect((await api(hostile, coordinatorX, 'GET', `/api/volunteer-interests/${id}`)).text).toContain(note)
    const html = await (await client.get('/account/delete')).text()
    const form = formsOn(html, '/account/delete')[0]
    expect(form, 'a delete form on /account/delete').toBeDefined()
    const passwordField = [...html.matchAll(/<input\b[^>]*type="password"[^>]*>/g)].map((m) => m[0].match(/name="([^"]+)"/)?.[1]).find(Boolean)!
    const fields: Record<string, string> = { ...form!.fields, [passwordField]: leaver.password }
    // Tick every box and take the first choice of each question (what happens to forum posts).
    for (const m of html.matchAll(/<input\b[^>]*type="(checkbox|radio)"[^>]*>/g)) {
      const name = m[0].match(/name="([^"]+)"/)?.[1]
      if (name && (m[1] === 'checkbox' || !(name in fields) || fields[name] === '')) fields[name] = m[0].match(/value="([^"]*)"/)?.[1] ?? 'on'
    }
    const response = await client.postForm(form!.action, fields)
    expect(response.status, textOf(await response.text()).slice(0, 900)).toBe(303)
    const after = await api(hostile, admin(), 'GET', `/api/volunteer-interests?where[id][equals]=${id}&depth=0`)
    expect(after.status).toBe(200)
    expect(after.text).not.toContain(note)
    expect((await api(hostile, coordinatorX, 'GET', '/api/volunteer-interests?limit=1000')).text).not.toContain(note)
    expect(textOf(await (await clientX.get('/volunteer/coordinate')).text())).not.toContain(note)
  })
})
