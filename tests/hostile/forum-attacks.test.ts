// Hostile: forum attacks that must not succeed (issue 4, "Tests → Hostile → none of these attacks succeed").
//
// A lancashire-north moderator acting on lancashire-east; rate limits bypassed through REST (and the
// other doors); a newcomer publishing their own pending post; a member changing someone else's post;
// notification emails carrying replies the recipient may not see; cross-site form posts. Each attack is
// checked in the database, and each has a control showing the same door works when it should.
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import {
  api,
  arrangeModeration,
  countStored,
  db,
  drainJobs,
  expectStatus,
  getPage,
  idOf,
  localityIds,
  mailsTo,
  makeMember,
  moderate,
  moderatorEmails,
  newReply,
  newThread,
  readOutbox,
  seededModerator,
  stored,
  withSettings,
  type Mail,
  type Member,
  type Posted,
  type Who,
} from './forumHelpers.js'
import { EVIL_ORIGIN, settle, signedIn, unique, useHostileServer } from './helpers.js'

const hostile = useHostileServer('forum-attacks')

let loc: Record<string, number | string> = {}
beforeAll(async () => {
  loc = await localityIds(hostile)
})

const signIn = (who: Who) => signedIn(hostile.server, who.email, who.password)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const county = () => loc['lancashire-county']!
const threadData = (prefix: string) => ({ locality: county(), title: `Thread ${unique(prefix)}`, body: `Some words ${unique(`${prefix}b`)} here.` })

/** The fields an attacker would like to change, normalised. */
async function snapshot(collection: 'threads' | 'replies', id: number | string) {
  const d = await stored(hostile, collection, id)
  return d && { status: d.status, pinned: !!d.pinned, locked: !!d.locked, isFirstPost: !!d.isFirstPost, title: d.title, body: d.body, author: String(idOf(d.author)) }
}

const eventsFor = (collection: string, id: number | string) => countStored(hostile, 'moderation-events', { and: [{ targetCollection: { equals: collection } }, { targetId: { equals: String(id) } }] })

/** REST with the session cookie (the browser's door), same-origin. */
async function cookieJson(client: WebClient, method: string, path: string, body?: unknown) {
  return client.json(method, path, body, { headers: { origin: new URL(hostile.server.url).origin } })
}

describe('a lancashire-north moderator acting on lancashire-east', () => {
  let scoped: Member
  beforeAll(async () => {
    scoped = await makeMember(hostile, { roles: ['moderator'], established: true, name: 'NorthMod' })
    await settle(() => db(hostile).update({ collection: 'users', id: scoped.id, data: { moderatorLocalities: [loc['lancashire-north']] }, overrideAccess: true }))
  })

  test('thread actions on east are 403 and change nothing; the same actions in north work', async () => {
    const east = loc['lancashire-east']!
    const eastPending = await newThread(hostile, await makeMember(hostile), east)
    const eastPublished = await newThread(hostile, await makeMember(hostile, { established: true }), east)
    await expectStatus(hostile, 'threads', eastPending.id, 'pending')
    for (const [t, action] of [
      [eastPending, 'approve'],
      [eastPending, 'reject'],
      [eastPublished, 'hide'],
      [eastPublished, 'lock'],
      [eastPublished, 'pin'],
      [eastPublished, 'remove'],
    ] as const) {
      const before = await snapshot('threads', t.id)
      const events = await eventsFor('threads', t.id)
      const r = await moderate(hostile, scoped, 'threads', t.id, action, { reason: 'Not welcome here' })
      expect(r.status, `${action} ${r.text.slice(0, 200)}`).toBe(403)
      expect(await snapshot('threads', t.id), action).toEqual(before)
      expect(await eventsFor('threads', t.id), action).toBe(events)
    }
    const before = await snapshot('threads', eastPublished.id)
    await api(hostile, scoped, 'PATCH', `/api/threads/${eastPublished.id}`, { status: 'hidden', pinned: true, locked: true, title: 'Moved by north' })
    expect(await snapshot('threads', eastPublished.id)).toEqual(before)

    const north = loc['lancashire-north']!
    const northPending = await newThread(hostile, await makeMember(hostile), north)
    expect((await moderate(hostile, scoped, 'threads', northPending.id, 'approve')).status).toBe(200)
    expect((await stored(hostile, 'threads', northPending.id))?.status).toBe('published')
    for (const action of ['lock', 'pin']) expect((await moderate(hostile, scoped, 'threads', northPending.id, action)).status, action).toBe(200)
    expect(await snapshot('threads', northPending.id)).toMatchObject({ locked: true, pinned: true })
    expect(await eventsFor('threads', northPending.id)).toBeGreaterThanOrEqual(3)
  })

  test('reply actions on east are 403 and change nothing; in north they work', async () => {
    const eastThread = await newThread(hostile, await makeMember(hostile, { established: true }), loc['lancashire-east']!)
    const pending = await newReply(hostile, await makeMember(hostile), eastThread.id)
    const published = await newReply(hostile, await makeMember(hostile, { established: true }), eastThread.id)
    for (const [r, action] of [
      [pending, 'approve'],
      [pending, 'reject'],
      [published, 'hide'],
      [published, 'remove'],
    ] as const) {
      const before = await snapshot('replies', r.id)
      const result = await moderate(hostile, scoped, 'replies', r.id, action, { reason: 'Not welcome here' })
      expect(result.status, action).toBe(403)
      expect(await snapshot('replies', r.id), action).toEqual(before)
    }
    const northThread = await newThread(hostile, await makeMember(hostile, { established: true }), loc['lancashire-north']!)
    const northPending = await newReply(hostile, await makeMember(hostile), northThread.id)
    expect((await moderate(hostile, scoped, 'replies', northPending.id, 'approve')).status).toBe(200)
    expect((await stored(hostile, 'replies', northPending.id))?.status).toBe('published')
  })

  test('resolving a flag on east content is 403; a flag on north content resolves', async () => {
    const flagOn = async (localityId: number | string) => {
      const t = await newThread(hostile, await makeMember(hostile, { established: true }), localityId)
      const r = await api(hostile, await makeMember(hostile, { established: true }), 'POST', '/api/flags', { targetCollection: 'threads', targetId: String(t.id), reason: 'spam' })
      if (r.status !== 201) throw new Error(`Arrange failed: POST /api/flags gave ${r.status}: ${r.text.slice(0, 200)}`)
      return r.json.doc.id as number | string
    }
    const eastFlag = await flagOn(loc['lancashire-east']!)
    const r = await api(hostile, scoped, 'POST', `/api/flags/${eastFlag}/resolve`, { status: 'resolved', moderatorNote: 'north says fine' })
    expect(r.status).toBe(403)
    expect(await stored(hostile, 'flags', eastFlag)).toMatchObject({ status: 'open' })
    expect((await stored(hostile, 'flags', eastFlag))?.moderatorNote ?? '').not.toContain('north says fine')
    const northFlag = await flagOn(loc['lancashire-north']!)
    expect((await api(hostile, scoped, 'POST', `/api/flags/${northFlag}/resolve`, { status: 'resolved', moderatorNote: 'checked' })).status).toBe(200)
    expect((await stored(hostile, 'flags', northFlag))?.status).toBe('resolved')
  })
})

describe('rate limits cannot be bypassed through REST', () => {
  test('a new member posting again within 30 s gets 429 at every door, and nothing is stored', async () => {
    const host = await newThread(hostile, await makeMember(hostile, { established: true }), county())
    const fresh = await makeMember(hostile)
    await newThread(hostile, fresh, county()) // the first post is accepted
    const viaJwt = threadData('rl1')
    const second = await api(hostile, fresh, 'POST', '/api/threads', viaJwt)
    expect(second.status, second.text.slice(0, 200)).toBe(429)
    const replyMarker = unique('rlr')
    expect((await api(hostile, fresh, 'POST', '/api/replies', { thread: host.id, body: `Me too ${replyMarker}` })).status).toBe(429)
    const client = await signIn(fresh)
    const viaCookie = threadData('rl2')
    expect((await cookieJson(client, 'POST', '/api/threads', viaCookie)).status).toBe(429)
    const viaForm = threadData('rl3')
    const form = await client.postForm('/threads', {
      _csrf: await client.csrfToken('/threads/new?locality=lancashire-county'),
      title: viaForm.title,
      body: viaForm.body,
      locality: 'lancashire-county',
    })
    expect(form.status).toBe(429)
    expect(form.headers.get('retry-after')).toBeTruthy()
    expect(await form.text()).toContain(viaForm.body.split(' ')[2]!) // the form keeps the text
    for (const d of [viaJwt, viaCookie, viaForm]) expect(await countStored(hostile, 'threads', { title: { equals: d.title } }), d.title).toBe(0)
    expect(await countStored(hostile, 'replies', { body: { contains: replyMarker } })).toBe(0)
    expect(await countStored(hostile, 'threads', { author: { equals: fresh.id } })).toBe(1)
  })

  test('joined less than 24 h ago counts as new even with approved posts (second post within 30 s is 429)', async () => {
    const member = await makeMember(hostile, { established: true })
    await newThread(hostile, member, county())
    const again = threadData('rl4')
    expect((await api(hostile, member, 'POST', '/api/threads', again)).status).toBe(429)
    expect(await countStored(hostile, 'threads', { title: { equals: again.title } })).toBe(0)
  })

  test('the same text twice within 5 minutes is refused through REST (different text is accepted)', async () => {
    await withSettings(hostile, { newMemberPostIntervalSeconds: 0, memberPostIntervalSeconds: 0 }, async () => {
      const member = await makeMember(hostile, { established: true })
      const data = threadData('dup')
      expect((await api(hostile, member, 'POST', '/api/threads', data)).status).toBe(201)
      const again = await api(hostile, member, 'POST', '/api/threads', { ...data })
      expect(again.status).toBeGreaterThanOrEqual(400)
      expect(again.status).toBeLessThan(500)
      expect(await countStored(hostile, 'threads', { title: { equals: data.title } })).toBe(1)
      const host = await newThread(hostile, await makeMember(hostile, { established: true }), county())
      const body = `Same reply ${unique('dupr')}`
      expect((await api(hostile, member, 'POST', '/api/replies', { thread: host.id, body })).status).toBe(201)
      const replyAgain = await api(hostile, member, 'POST', '/api/replies', { thread: host.id, body })
      expect(replyAgain.status).toBeGreaterThanOrEqual(400)
      expect(replyAgain.status).toBeLessThan(500)
      expect(await countStored(hostile, 'replies', { body: { contains: body.split(' ')[2]! } })).toBe(1)
      expect((await api(hostile, member, 'POST', '/api/replies', { thread: host.id, body: `Other words ${unique('ok')}` })).status).toBe(201)
    })
  })

  test("a new member's 4th thread in 24 h is refused through REST and the form (a reply still goes through)", async () => {
    await withSettings(hostile, { newMemberPostIntervalSeconds: 0 }, async () => {
      const member = await makeMember(hostile)
      for (let i = 0; i < 3; i++) await newThread(hostile, member, county())
      const fourth = threadData('cap')
      const r = await api(hostile, member, 'POST', '/api/threads', fourth)
      expect(r.status).toBeGreaterThanOrEqual(400)
      expect(r.status).toBeLessThan(500)
      const client = await signIn(member)
      const viaForm = threadData('capf')
      const form = await client.postForm('/threads', {
        _csrf: await client.csrfToken('/threads/new?locality=lancashire-county'),
        title: viaForm.title,
        body: viaForm.body,
        locality: 'lancashire-county',
      })
      expect(form.status).toBe(429)
      expect(await countStored(hostile, 'threads', { author: { equals: member.id } })).toBe(3)
      const host = await newThread(hostile, await makeMember(hostile, { established: true }), county())
      expect((await api(hostile, member, 'POST', '/api/replies', { thread: host.id, body: `Reply ${unique('capr')}` })).status).toBe(201)
    })
  })

  test("a new member's 11th reply in 24 h is refused through REST", async () => {
    await withSettings(hostile, { newMemberPostIntervalSeconds: 0 }, async () => {
      const host = await newThread(hostile, await makeMember(hostile, { established: true }), county())
      const member = await makeMember(hostile)
      for (let i = 0; i < 10; i++) await newReply(hostile, member, host.id)
      const r = await api(hostile, member, 'POST', '/api/replies', { thread: host.id, body: `One more ${unique('cap11')}` })
      expect(r.status).toBeGreaterThanOrEqual(400)
      expect(r.status).toBeLessThan(500)
      expect(await countStored(hostile, 'replies', { author: { equals: member.id } })).toBe(10)
    })
  })
})

describe('a newcomer cannot publish their own pending post', () => {
  const pendingShape = { status: 'pending', pinned: false, locked: false, isFirstPost: false }

  test('threads: status/pinned/author at create, PATCH (one and bulk, JWT and cookie), and /moderate are all ignored or refused', async () => {
    const newcomer = await makeMember(hostile)
    const victim = await makeMember(hostile, { established: true })
    const t = await newThread(hostile, newcomer, county(), { status: 'published', pinned: true, locked: true, isFirstPost: true, replyCount: 99, author: victim.id })
    expect(await snapshot('threads', t.id)).toMatchObject({ ...pendingShape, author: String(newcomer.id) })
    const client = await signIn(newcomer)
    const attempts: [string, () => Promise<{ status: number }>][] = [
      ['PATCH status', () => api(hostile, newcomer, 'PATCH', `/api/threads/${t.id}`, { status: 'published' })],
      ['PATCH flags', () => api(hostile, newcomer, 'PATCH', `/api/threads/${t.id}`, { isFirstPost: true, pinned: true, locked: true })],
      ['bulk PATCH', () => api(hostile, newcomer, 'PATCH', `/api/threads?where[id][equals]=${t.id}`, { status: 'published' })],
      ['cookie PATCH', () => cookieJson(client, 'PATCH', `/api/threads/${t.id}`, { status: 'published' })],
      ['moderate approve', () => moderate(hostile, newcomer, 'threads', t.id, 'approve')],
      ['moderate pin', () => moderate(hostile, newcomer, 'threads', t.id, 'pin')],
      ['cookie moderate approve', () => cookieJson(client, 'POST', `/api/threads/${t.id}/moderate`, { action: 'approve' })],
    ]
    for (const [name, attempt] of attempts) {
      const r = await attempt()
      if (name.includes('moderate')) expect(r.status, name).toBe(403)
      expect(await snapshot('threads', t.id), name).toMatchObject(pendingShape)
    }
    expect((await stored(hostile, 'users', newcomer.id))?.approvedPostCount ?? 0).toBe(0)
    const control = await newThread(hostile, await makeMember(hostile, { established: true }), county())
    expect((await stored(hostile, 'threads', control.id))?.status).toBe('published')
  })

  test('replies: status at create, PATCH and /moderate by the author leave it pending', async () => {
    const host = await newThread(hostile, await makeMember(hostile, { established: true }), county())
    const newcomer = await makeMember(hostile)
    const r = await newReply(hostile, newcomer, host.id, { status: 'published', isFirstPost: true })
    expect(await snapshot('replies', r.id)).toMatchObject({ status: 'pending', isFirstPost: false })
    await api(hostile, newcomer, 'PATCH', `/api/replies/${r.id}`, { status: 'published', isFirstPost: true })
    await api(hostile, newcomer, 'PATCH', `/api/replies?where[id][equals]=${r.id}`, { status: 'published' })
    expect((await moderate(hostile, newcomer, 'replies', r.id, 'approve')).status).toBe(403)
    expect(await snapshot('replies', r.id)).toMatchObject({ status: 'pending', isFirstPost: false })
  })

  test('the form ignores status/pinned fields smuggled into POST /threads', async () => {
    const newcomer = await makeMember(hostile)
    const client = await signIn(newcomer)
    const data = threadData('smug')
    const form = await client.postForm('/threads', {
      _csrf: await client.csrfToken('/threads/new?locality=lancashire-county'),
      title: data.title,
      body: data.body,
      locality: 'lancashire-county',
      status: 'published',
      pinned: 'on',
      isFirstPost: 'true',
    })
    expect(form.status).toBe(303)
    const found = await db(hostile).find({ collection: 'threads', where: { title: { equals: data.title } }, overrideAccess: true, depth: 0 })
    expect(found.docs).toHaveLength(1)
    expect(await snapshot('threads', found.docs[0].id)).toMatchObject(pendingShape)
  })
})

describe("a member changing someone else's post through REST", () => {
  test("PATCH and DELETE (one and bulk) on another's thread and reply change nothing, even by the thread's author", async () => {
    const owner = await makeMember(hostile, { established: true })
    const replier = await makeMember(hostile, { established: true })
    const attacker = await makeMember(hostile, { established: true })
    const t = await newThread(hostile, owner, county())
    const r = await newReply(hostile, replier, t.id)
    const beforeT = await snapshot('threads', t.id)
    const beforeR = await snapshot('replies', r.id)
    const cases: [Who, string, string, unknown][] = [
      [attacker, 'PATCH', `/api/threads/${t.id}`, { title: 'Hijacked thread title', body: 'pwned', status: 'hidden', locked: true }],
      [attacker, 'PATCH', `/api/threads?where[id][equals]=${t.id}`, { title: 'Hijacked thread title', body: 'pwned' }],
      [attacker, 'DELETE', `/api/threads/${t.id}`, undefined],
      [attacker, 'DELETE', `/api/threads?where[id][equals]=${t.id}`, undefined],
      [attacker, 'PATCH', `/api/replies/${r.id}`, { body: 'pwned reply', status: 'hidden' }],
      [attacker, 'PATCH', `/api/replies?where[id][equals]=${r.id}`, { body: 'pwned reply' }],
      [attacker, 'DELETE', `/api/replies/${r.id}`, undefined],
      [attacker, 'DELETE', `/api/replies?where[thread][equals]=${t.id}`, undefined],
      [owner, 'PATCH', `/api/replies/${r.id}`, { body: 'the thread author rewrote this', status: 'hidden' }],
      [owner, 'DELETE', `/api/replies/${r.id}`, undefined],
    ]
    for (const [who, method, path, body] of cases) {
      const result = await api(hostile, who, method, path, body)
      if (!path.includes('?')) {
        expect(result.status, `${method} ${path}`).toBeGreaterThanOrEqual(400)
        expect(result.status, `${method} ${path}`).toBeLessThan(500)
      }
      expect(await snapshot('threads', t.id), `${method} ${path}`).toEqual(beforeT)
      expect(await snapshot('replies', r.id), `${method} ${path}`).toEqual(beforeR)
    }
  })
})

describe('notifications never carry a reply the recipient may not see', () => {
  test('pending, rejected, hidden and crisis-held replies reach no email to the thread author', async () => {
    const A = await makeMember(hostile, { established: true, name: 'ThreadAuthor' })
    const T = await newThread(hostile, A, county())
    const aboutT = (m: Mail) => m.to.includes(A.email.toLowerCase()) && (m.text.includes(T.titleMarker) || new RegExp(`/threads/${T.id}\\b`).test(m.text))
    const countAboutT = async () => (await readOutbox(hostile)).filter(aboutT).length
    const mentions = (m: Mail, p: Posted, who: Member) => m.text.includes(p.bodyMarker) || m.text.includes(who.displayName) || new RegExp(`reply-${p.id}\\b`).test(m.text)

    const N1 = await makeMember(hostile, { name: 'Pending' })
    const R1 = await newReply(hostile, N1, T.id)
    await expectStatus(hostile, 'replies', R1.id, 'pending')
    const P = await newReply(hostile, await makeMember(hostile, { established: true }), T.id) // published: A is told (control)
    await expectStatus(hostile, 'replies', P.id, 'published')
    for (let i = 0; i < 120 && (await countAboutT()) < 1; i++) await sleep(500)
    await drainJobs(hostile)
    await sleep(1500)
    expect(await countAboutT(), 'control: the published reply notified the thread author exactly once').toBe(1)
    expect(
      mailsTo(await readOutbox(hostile), A.email)
        .filter((m) => mentions(m, R1, N1))
        .map((m) => m.file),
    ).toEqual([])

    const approve = await moderate(hostile, seededModerator(hostile), 'replies', R1.id, 'approve')
    expect(approve.status).toBe(200)
    for (let i = 0; i < 120 && (await countAboutT()) < 2; i++) await sleep(500)
    expect(await countAboutT(), 'control: once approved, the reply is notified').toBe(2)

    const N2 = await makeMember(hostile, { name: 'Rejected' })
    const R2 = await newReply(hostile, N2, T.id)
    const reason = `Please keep it kind ${unique('why')}`
    expect((await moderate(hostile, seededModerator(hostile), 'replies', R2.id, 'reject', { reason })).status).toBe(200)
    const N3 = await makeMember(hostile, { name: 'Hidden' })
    const R3 = await newReply(hostile, N3, T.id)
    const hidden = await moderate(hostile, seededModerator(hostile), 'replies', R3.id, 'hide')
    if (hidden.status !== 200) await arrangeModeration(hostile, 'replies', R3.id, 'remove', 'removed')
    const N4 = await makeMember(hostile, { established: true, name: 'Crisis' })
    const crisisMarker = unique('crisis')
    const R4 = { ...(await newReply(hostile, N4, T.id, { body: `Some nights I want to die. ${crisisMarker}` })), bodyMarker: crisisMarker }
    expect((await stored(hostile, 'replies', R4.id))?.status, 'arrange: a crisis reply is held').toBe('pending')

    const toN2 = await (async () => {
      for (let i = 0; i < 120; i++) {
        const m = mailsTo(await readOutbox(hostile), N2.email).find((x) => x.text.includes(reason.split(' ').pop()!))
        if (m) return m
        await sleep(500)
      }
    })()
    expect(toN2, 'control: the rejected author is told the reason').toBeTruthy()
    await drainJobs(hostile)
    await sleep(1500)
    expect(await countAboutT()).toBe(2)
    const staff = await moderatorEmails(hostile)
    const problems: string[] = []
    for (const m of await readOutbox(hostile)) {
      for (const [p, who] of [
        [R2, N2],
        [R3, N3],
        [R4, N4],
      ] as const) {
        if (!m.text.includes(p.bodyMarker)) continue
        const strangers = m.to.filter((to) => to !== who.email.toLowerCase() && !staff.has(to))
        if (strangers.length) problems.push(`${m.file} to ${strangers.join(', ')} carries ${p.bodyMarker}`)
      }
      if (
        m.to.includes(A.email.toLowerCase()) &&
        [
          [R2, N2],
          [R3, N3],
          [R4, N4],
        ].some(([p, who]) => mentions(m, p as Posted, who as Member))
      )
        problems.push(`${m.file} to the thread author names a hidden reply`)
    }
    expect(problems).toEqual([])
  }, 240_000)
})

describe('cross-site form posts', () => {
  const raw = (path: string, client: WebClient, fields: Record<string, string>, headers: Record<string, string>) =>
    fetch(new URL(path, hostile.server.url), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: client.cookieHeader(), ...headers },
      body: new URLSearchParams(fields).toString(),
    })
  const variants: Record<string, string>[] = [{ origin: EVIL_ORIGIN, 'sec-fetch-site': 'cross-site' }, { origin: EVIL_ORIGIN }, { origin: EVIL_ORIGIN, 'sec-fetch-site': 'same-origin' }]

  test('POST /threads and POST /threads/:id/replies from an evil origin are 403 and store nothing', async () => {
    const host = await newThread(hostile, await makeMember(hostile, { established: true }), county())
    const member = await makeMember(hostile, { established: true })
    const client = await signIn(member)
    const token = await client.csrfToken('/threads/new?locality=lancashire-county')
    for (const headers of variants) {
      const data = threadData('csrf')
      const r = await raw('/threads', client, { _csrf: token, title: data.title, body: data.body, locality: 'lancashire-county' }, headers)
      expect(r.status, JSON.stringify(headers)).toBe(403)
      expect(await countStored(hostile, 'threads', { title: { equals: data.title } })).toBe(0)
      const marker = unique('csrfr')
      const reply = await raw(`/threads/${host.id}/replies`, client, { _csrf: token, body: `Forged ${marker}` }, headers)
      expect(reply.status, JSON.stringify(headers)).toBe(403)
      expect(await countStored(hostile, 'replies', { body: { contains: marker } })).toBe(0)
    }
    const control = threadData('csrfok')
    const ok = await client.postForm('/threads', { _csrf: token, title: control.title, body: control.body, locality: 'lancashire-county' })
    expect(ok.status).toBe(303)
    expect(await countStored(hostile, 'threads', { title: { equals: control.title } })).toBe(1)
  })

  test('POST /flags from an evil origin is 403 and stores nothing', async () => {
    const host = await newThread(hostile, await makeMember(hostile, { established: true }), county())
    const member = await makeMember(hostile, { established: true })
    const client = await signIn(member)
    const token = await client.csrfToken(`/threads/${host.id}`)
    const fields = { _csrf: token, targetCollection: 'threads', targetId: String(host.id), reason: 'spam', note: '' }
    for (const headers of variants) {
      expect((await raw('/flags', client, fields, headers)).status, JSON.stringify(headers)).toBe(403)
      expect(await countStored(hostile, 'flags', { flagger: { equals: member.id } })).toBe(0)
    }
    expect((await client.postForm('/flags', fields)).status).toBe(303)
    expect(await countStored(hostile, 'flags', { flagger: { equals: member.id } })).toBe(1)
    expect((await getPage(client, `/threads/${host.id}`)).status).toBe(200)
  })
})
