// Hostile: private messages between members (issue 16) through every door.
//
// One real server (emails to its outbox). Members A and B are past the post queue (3 approved posts) and
// write to each other, starting from the "Message" link beside B's thread. N has a visible post but no
// approved posts: nobody may message N, and N may message nobody. A writes crisis words: that message is
// held (B never gets it; a safeguarding lead reads that message only, not the conversation). Outsiders
// (another member C, a visitor, a reporter, moderators, the unscoped demo moderator and the lead) try the
// pages, REST (lists, by id, where/select/sort/depth, counts, writes), GraphQL, search, the feeds and the
// sitemap. Then B blocks A (A can no longer write, and learns nothing but "closed"), unblocks; A reports
// the conversation, after which the moderators of A's area (and unscoped ones) can read it, others not,
// and nobody reads the held message but the lead. Emails never carry a word of any message and respect
// the member's choice; each export holds only what its member could read; A's erasure leaves B their copy
// with A's words "[removed]" and A's name gone.
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import {
  RELAXED_LIMITS,
  docIds,
  idOf,
  localityIds,
  makeMember,
  newThread,
  readOutbox,
  textOf,
  tryJson,
  updateSettings,
  waitForMail,
  type ApiResult,
  type Mail,
  type Member,
  type Who,
} from './forumHelpers.js'
import { settle, signedIn, unique, useHostileServer } from './helpers.js'
import { leaksIn, recordedDoors, secretPair, type Got } from './recordedDoors.js'

const hostile = useHostileServer('member-messages-doors')
const db = () => hostile.payload as any

const { answered, page, form, rest, pathOf } = recordedDoors(hostile)

// Each text carries a word to search with (q) and one that must never come back (s).
const pair = secretPair
const T = { first: pair('corrie'), answer: pair('sheiling'), held: pair('quernstone') }
const bodies = {
  first: `Hello, I liked your thread. ${T.first.q} ${T.first.s} How are you doing?`,
  answer: `Thanks for writing. ${T.answer.q} ${T.answer.s} Better this week.`,
  held: `${T.held.q} ${T.held.s} I want to kill myself tonight`,
}
const DELIVERED = () => [T.first.q, T.first.s, T.answer.q, T.answer.s]
const HELD = () => [T.held.q, T.held.s]
const ALL = () => [...DELIVERED(), ...HELD()]
const forged = unique('forged')

let loc: Record<string, number | string> = {}
let A: Member
let B: Member
let C: Member
let N: Member // a visible post, but no approved posts
let reporter: Member
let lead: Member
let northMod: Member
let eastMod: Member
let anyMod: Member // an unscoped moderator who is not a safeguarding lead
let D: Member // writes to B, and the first message is held
let bThread: number | string
let nThread: number | string
let conversationId: number | string = ''
let heldId: number | string = ''
let deliveredIds: (number | string)[] = []

const who = (m: { email: string; password: string }): Who => ({ email: m.email, password: m.password })
// The demo moderator is also a safeguarding lead: it reads held messages (that message only) by design.
const demoModerator = (): Who => ({ email: 'moderator@waymark.example', password: hostile.server.seedPassword })
const clients = new Map<string, WebClient>()
async function signIn(w: Who): Promise<WebClient> {
  if (!clients.has(w.email)) clients.set(w.email, await signedIn(hostile.server, w.email, w.password))
  return clients.get(w.email)!
}
const stored = async (collection: string, id: number | string) => (await db().find({ collection, where: { id: { equals: id } }, overrideAccess: true, depth: 0, limit: 1 })).docs[0] as any
const countOf = async (collection: string, where: Record<string, unknown> = {}) => (await db().count({ collection, where, overrideAccess: true })).totalDocs as number
const messagesOf = async (conversation: number | string) =>
  (await db().find({ collection: 'messages', where: { conversation: { equals: conversation } }, sort: 'createdAt', overrideAccess: true, depth: 0, pagination: false })).docs as any[]

async function writeIn(client: WebClient, name: string, id: number | string, body: string): Promise<Got> {
  const token = await client.csrfToken(`/account/messages`)
  return form(client, name, `/account/messages/${id}`, { _csrf: token, body })
}
async function act(client: WebClient, name: string, id: number | string, action: 'block' | 'unblock' | 'report', fields: Record<string, string> = {}): Promise<Got> {
  const token = await client.csrfToken(`/account/messages`)
  return form(client, name, `/account/messages/${id}/${action}`, { _csrf: token, ...fields })
}
async function startFrom(client: WebClient, name: string, collection: string, post: number | string, body: string): Promise<Got> {
  const token = await client.csrfToken('/account/messages')
  return form(client, name, '/account/messages/new', { _csrf: token, collection, post: String(post), body })
}

beforeAll(async () => {
  await updateSettings(hostile, RELAXED_LIMITS)
  loc = await localityIds(hostile)
  const scoped = async (slug: string, name: string) => {
    const m = await settle(() => createMember(hostile.payload, { roles: ['moderator'], displayName: `${name} ${unique('m')}`.slice(0, 40) }))
    await settle(() => db().update({ collection: 'users', id: m.id, data: { moderatorLocalities: [loc[slug]] }, overrideAccess: true }))
    return m
  }
  A = await makeMember(hostile, { established: true, name: 'Alder' })
  await settle(() => db().update({ collection: 'users', id: A.id, data: { homeLocality: loc['lancashire-north'] }, overrideAccess: true }))
  B = await makeMember(hostile, { established: true, name: 'Bramble' })
  C = await makeMember(hostile, { established: true, name: 'Clover' })
  N = await makeMember(hostile, { established: true, name: 'Newt' })
  reporter = await settle(() => createMember(hostile.payload, { displayName: `Reporter ${unique('r')}`, roles: ['member', 'reporter'] as never }))
  lead = await settle(() => createMember(hostile.payload, { displayName: `Lead ${unique('l')}` }))
  await settle(() => db().update({ collection: 'users', id: lead.id, data: { isSafeguardingLead: true }, overrideAccess: true }))
  northMod = await scoped('lancashire-north', 'North Mod')
  eastMod = await scoped('lancashire-east', 'East Mod')
  anyMod = await settle(() => createMember(hostile.payload, { roles: ['moderator'], displayName: `Any Mod ${unique('m')}`.slice(0, 40) }))
  D = await makeMember(hostile, { established: true, name: 'Dogrose' })
  bThread = (await newThread(hostile, who(B), loc['lancashire-north']!)).id
  nThread = (await newThread(hostile, who(N), loc['lancashire-north']!)).id
  // N's thread stays visible, but N has no approved posts (below the post queue threshold).
  await settle(() => db().update({ collection: 'users', id: N.id, data: { approvedPostCount: 0 }, overrideAccess: true }))
}, 240_000)

describe('who may start a conversation', () => {
  test('the "Message" link: A sees it beside B’s post and not beside N’s; N (no approved posts) and a visitor see none', async () => {
    const a = await page(await signIn(who(A)), 'A', `/threads/${bThread}`)
    expect(a.status).toBe(200)
    expect(a.text).toContain(`/account/messages/new?threads=${bThread}`)
    const aOnN = await page(await signIn(who(A)), 'A', `/threads/${nThread}`)
    expect(aOnN.text, 'no link to message a member without approved posts').not.toContain('/account/messages/new')
    const n = await page(await signIn(who(N)), 'N', `/threads/${bThread}`)
    expect(n.text, 'no link for a member without approved posts').not.toContain('/account/messages/new')
    const b = await page(await signIn(who(B)), 'B', `/threads/${bThread}`)
    expect(b.text, 'no link to message oneself').not.toContain('/account/messages/new')
    const v = await page(new WebClient(hostile.server.url), 'visitor', `/threads/${bThread}`)
    expect(v.text).not.toContain('/account/messages/new')
  })

  test('N cannot start one, nobody can start one with N, nor with themselves, nor through a post they cannot see; nothing is stored', async () => {
    const before = { conversations: await countOf('conversations'), messages: await countOf('messages') }
    const tries: [Who, string, number | string][] = [
      [who(N), 'threads', bThread],
      [who(A), 'threads', nThread],
      [who(B), 'threads', bThread],
      [who(A), 'threads', 987654321],
      [who(A), 'replies', 987654321],
      [who(A), 'stories', bThread],
      [who(A), 'threads', 'not-an-id'],
    ]
    const problems: string[] = []
    for (const [w, collection, id] of tries) {
      const client = await signIn(w)
      const shown = await page(client, w.email, `/account/messages/new?${collection}=${id}`)
      if (![400, 403, 404].includes(shown.status)) problems.push(`GET new ${w.email} ${collection}=${id}: ${shown.status}`)
      if (shown.text.includes('name="body"')) problems.push(`GET new ${w.email} ${collection}=${id}: shows the form`)
      const posted = await startFrom(client, w.email, collection, id, `Hello ${forged}`)
      if (![400, 403, 404].includes(posted.status)) problems.push(`POST new ${w.email} ${collection}=${id}: ${posted.status}`)
    }
    expect(problems).toEqual([])
    // The same words whatever the reason: a newcomer recipient reads like any other refusal.
    const refusalA = textOf((await page(await signIn(who(A)), 'A', `/account/messages/new?threads=${nThread}`)).text)
    const refusalN = textOf((await page(await signIn(who(N)), 'N', `/account/messages/new?threads=${bThread}`)).text)
    expect(refusalA).toContain('You cannot send this member a private message.')
    expect(refusalN).toContain('You cannot send this member a private message.')
    expect(await countOf('conversations')).toBe(before.conversations)
    expect(await countOf('messages')).toBe(before.messages)
    const v = new WebClient(hostile.server.url)
    const visitor = await page(v, 'visitor', `/account/messages/new?threads=${bThread}`)
    expect(visitor.status).toBe(303)
    expect(pathOf(visitor.headers.get('location'))).toBe('/login')
  })

  test('A starts one with B from B’s post; B reads it (header count, list) and answers', async () => {
    const a = await signIn(who(A))
    const shown = await page(a, 'A', `/account/messages/new?threads=${bThread}`)
    expect(shown.status).toBe(200)
    expect(textOf(shown.text)).toContain(`Message ${B.displayName}`)
    const blank = await startFrom(a, 'A', 'threads', bThread, '   ')
    expect(blank.status, 'a blank message is refused with the form again').toBe(400)
    expect(blank.text).toContain('Write a message first.')
    const blocked = await startFrom(a, 'A', 'threads', bThread, `selling gear cheap ${forged}`)
    expect(blocked.status, 'block words are refused like a forum post').toBe(422)
    expect(await countOf('conversations', { kind: { equals: 'member' } }), 'nothing half-saved').toBe(0)
    const sent = await startFrom(a, 'A', 'threads', bThread, bodies.first)
    expect(sent.status, textOf(sent.text).slice(0, 300)).toBe(303)
    conversationId = pathOf(sent.headers.get('location')).split('/').pop()!
    const conversation = await stored('conversations', conversationId)
    expect(conversation.kind).toBe('member')
    expect(String(idOf(conversation.member))).toBe(String(A.id))
    expect(String(idOf(conversation.otherMember))).toBe(String(B.id))
    expect(conversation.otherUnread).toBe(true)
    const again = await page(a, 'A', `/account/messages/new?threads=${bThread}`)
    expect(again.status, 'a second start goes to the same conversation').toBe(303)
    expect(pathOf(again.headers.get('location'))).toBe(`/account/messages/${conversationId}`)

    const b = await signIn(who(B))
    expect(textOf((await page(b, 'B', '/account')).text), 'the header counts it for B').toMatch(/Messages\s*1 new/)
    expect(textOf((await page(a, 'A', '/account')).text), 'not for A, who wrote it').not.toMatch(/Messages\s*\d+ new/)
    const list = await page(b, 'B', '/account/messages')
    expect(list.text).toContain(`href="/account/messages/${conversationId}"`)
    expect(textOf(list.text)).toContain(`Conversation with ${A.displayName}`)
    const read = await page(b, 'B', `/account/messages/${conversationId}`)
    expect(textOf(read.text)).toContain(bodies.first)
    expect(textOf((await page(b, 'B', '/account')).text), 'read: no longer new').not.toMatch(/Messages\s*\d+ new/)
    const answered_ = await writeIn(b, 'B', conversationId, bodies.answer)
    expect(answered_.status).toBe(303)
    expect(textOf((await page(a, 'A', '/account')).text)).toMatch(/Messages\s*1 new/)
    deliveredIds = (await messagesOf(conversationId)).map((m) => m.id)
    expect(deliveredIds).toHaveLength(2)
  })

  test('A writes crisis words: the crisis panel for A, the message held, an alert without the text, nothing for B', async () => {
    const a = await signIn(who(A))
    const got = await writeIn(a, 'A', conversationId, bodies.held)
    expect(got.status).toBe(200)
    expect(got.text).toMatch(/class="crisis-panel"/)
    const held = (await messagesOf(conversationId)).find((m) => m.body === bodies.held)
    expect(held?.crisisHold).toBe(true)
    heldId = held.id
    const alerts = (await db().find({ collection: 'crisis-alerts', where: { targetId: { equals: String(heldId) } }, overrideAccess: true })).docs as any[]
    expect(alerts).toHaveLength(1)
    expect(alerts[0].targetCollection).toBe('messages')
    expect(leaksIn(JSON.stringify(alerts[0]), HELD())).toEqual([])
    expect(textOf((await page(a, 'A', `/account/messages/${conversationId}`)).text), 'A still sees their own held message').toContain(T.held.s)
    const b = await signIn(who(B))
    const bPage = await page(b, 'B', `/account/messages/${conversationId}`)
    expect(leaksIn(bPage.text, HELD()), 'B never gets the held message').toEqual([])
    expect(textOf((await page(b, 'B', '/account')).text), 'nor a count for it').not.toMatch(/Messages\s*\d+ new/)
  })

  test('the lead reads the held message on its own page, not the conversation; nobody else reads it', async () => {
    const l = await signIn(who(lead))
    const one = await page(l, 'lead', `/account/messages/held/${heldId}`)
    expect(one.status).toBe(200)
    expect(one.text).toContain(T.held.s)
    expect(leaksIn(one.text, DELIVERED()), 'that message only').toEqual([])
    const whole = await page(l, 'lead', `/account/messages/${conversationId}`)
    expect(whole.status).toBe(404)
    expect(leaksIn(whole.text, ALL())).toEqual([])
    for (const [name, w] of [
      ['B', who(B)],
      ['C', who(C)],
      ['north moderator', who(northMod)],
      ['unscoped moderator', who(anyMod)],
    ] as const) {
      const got = await page(await signIn(w), name, `/account/messages/held/${heldId}`)
      expect(got.status, name).toBe(404)
      expect(leaksIn(got.text, ALL()), name).toEqual([])
    }
    for (const id of deliveredIds) expect((await page(l, 'lead', `/account/messages/held/${id}`)).status, 'a delivered message is not a held one').toBe(404)
  })
})

describe('a first message held for crisis words', () => {
  test('D’s first message to B is held: B sees no conversation anywhere; the demo moderator (a lead) reads that message; D’s later message opens it', async () => {
    const words = pair('sloeberry')
    const d = await signIn(who(D))
    const got = await startFrom(d, 'D', 'threads', bThread, `${words.q} ${words.s} I feel suicidal`)
    expect(got.status).toBe(303)
    const dConversation = pathOf(got.headers.get('location')).split('/').pop()!
    const [held] = await messagesOf(dConversation)
    expect(held.crisisHold).toBe(true)
    const b = await signIn(who(B))
    expect((await page(b, 'B', `/account/messages/${dConversation}`)).status).toBe(404)
    expect((await page(b, 'B', '/account/messages')).text).not.toContain(D.displayName)
    expect(docIds(await rest(who(B), 'GET', '/api/conversations?limit=100')), 'B’s REST list').not.toContain(String(dConversation))
    expect((await rest(who(B), 'GET', `/api/conversations/${dConversation}`)).status).toBe(404)
    const lead_ = await page(await signIn(demoModerator()), 'demo moderator (lead)', `/account/messages/held/${held.id}`)
    expect(lead_.status).toBe(200)
    expect(lead_.text).toContain(words.s)
    // D writes again, without crisis words: now B sees the conversation, without the held message.
    expect((await writeIn(d, 'D', dConversation, 'Sorry, that came out wrong. How are you?')).status).toBe(303)
    const now = await page(b, 'B', `/account/messages/${dConversation}`)
    expect(now.status).toBe(200)
    expect(textOf(now.text)).toContain('How are you?')
    expect(leaksIn(now.text, [words.q, words.s])).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// REST, GraphQL, search, feeds, sitemap: before any report
// ---------------------------------------------------------------------------------------------
type Viewer = { name: string; who: Who | null }
const outsiders = (): Viewer[] => [
  { name: 'visitor', who: null },
  { name: 'member C', who: who(C) },
  { name: 'member N', who: who(N) },
  { name: 'reporter', who: who(reporter) },
  { name: 'north moderator', who: who(northMod) },
  { name: 'east moderator', who: who(eastMod) },
  { name: 'unscoped moderator', who: who(anyMod) },
]

function doors(): string[] {
  const c = conversationId
  const list = [
    '/api/conversations?limit=500&depth=2',
    `/api/conversations/${c}?depth=2`,
    `/api/conversations/${c}?select[memberName]=true&select[otherMemberName]=true`,
    '/api/conversations?sort=-lastMessageAt&limit=500',
    '/api/conversations?sort=otherMemberName&limit=500',
    `/api/conversations?where[id][equals]=${c}`,
    '/api/conversations?where[kind][equals]=member',
    `/api/conversations?where[member][equals]=${A.id}`,
    `/api/conversations?where[otherMember][equals]=${B.id}`,
    `/api/conversations?where[otherMemberName][like]=${encodeURIComponent(B.displayName.split(' ')[0]!)}`,
    '/api/conversations?where[otherUnread][equals]=true',
    '/api/conversations?where[otherBlocked][equals]=false',
    '/api/conversations?where[reported][equals]=false',
    '/api/messages?limit=500&depth=2',
    '/api/messages?sort=body&limit=500',
    '/api/messages?select[body]=true&select[senderLabel]=true&limit=500',
    `/api/messages?where[conversation][equals]=${c}&depth=2`,
    '/api/messages?where[kind][equals]=member',
    `/api/messages?where[otherMember][equals]=${B.id}`,
    `/api/messages?where[sender][equals]=${A.id}`,
    '/api/messages?where[crisisHold][equals]=true',
    `/api/messages?where[conversation.otherMember][equals]=${B.id}`,
    '/api/conversations/versions',
    '/api/messages/versions',
  ]
  for (const key of Object.keys(T) as (keyof typeof T)[]) list.push(`/api/messages?where[body][like]=${T[key].q}`, `/api/messages?where[body][contains]=${T[key].q}`)
  for (const id of [...deliveredIds, heldId]) list.push(`/api/messages/${id}?depth=2`, `/api/messages?where[id][equals]=${id}`)
  return list
}

function shut(got: ApiResult, ids: (number | string)[]): boolean {
  if (got.status >= 400 && got.status < 500) return true
  if (got.status !== 200) return false
  if (ids.some((id) => docIds(got).includes(String(id)))) return false
  if (got.json && 'id' in got.json && ids.map(String).includes(String(got.json.id))) return false
  return true
}

describe('outsiders (moderators included, before any report) get nothing', () => {
  test('REST: lists, by id, where, select, sort, depth, versions', async () => {
    expect(heldId, 'the conversation and its held message exist').toBeTruthy()
    const problems: string[] = []
    for (const viewer of outsiders()) {
      for (const door of doors()) {
        const got = await rest(viewer.who, 'GET', door)
        const leaks = leaksIn(got.text, ALL())
        if (leaks.length) problems.push(`${viewer.name} ${door}: carries ${leaks.join(', ')}`)
        if (!shut(got, [conversationId, ...deliveredIds, heldId])) problems.push(`${viewer.name} ${door}: ${got.status} ${got.text.slice(0, 160)}`)
      }
      for (const door of ['/api/conversations/count?where[kind][equals]=member', `/api/messages/count?where[conversation][equals]=${conversationId}`]) {
        const got = await rest(viewer.who, 'GET', door)
        if (!(got.status >= 400 && got.status < 500) && got.json?.totalDocs !== 0) problems.push(`${viewer.name} ${door}: ${got.status} ${got.text.slice(0, 120)}`)
      }
      const graphql = await rest(viewer.who, 'POST', '/api/graphql', { query: '{ Messages { docs { id body } } Conversations { docs { id memberName } } }' })
      if (graphql.status === 200 || leaksIn(graphql.text, ALL()).length) problems.push(`${viewer.name} GraphQL: ${graphql.status}`)
    }
    expect(problems).toEqual([])
  })

  test('pages: the conversation is 404 and absent from their lists and counts', async () => {
    const problems: string[] = []
    for (const viewer of outsiders().filter((v) => v.who)) {
      const client = await signIn(viewer.who!)
      const got = await page(client, viewer.name, `/account/messages/${conversationId}`)
      if (got.status !== 404) problems.push(`${viewer.name}: ${got.status}`)
      const list = await page(client, viewer.name, '/account/messages')
      if (list.text.includes(`/account/messages/${conversationId}`) || leaksIn(list.text, [A.displayName, B.displayName]).length) problems.push(`${viewer.name}: the list shows it`)
      const written = await writeIn(client, viewer.name, conversationId, `Intruder ${forged}`)
      if (written.status !== 404) problems.push(`${viewer.name} writes: ${written.status}`)
      for (const action of ['block', 'report'] as const) {
        const done = await act(client, viewer.name, conversationId, action)
        if (done.status !== 404) problems.push(`${viewer.name} ${action}: ${done.status}`)
      }
      if (leaksIn(got.text + list.text, ALL()).length) problems.push(`${viewer.name}: carries text`)
    }
    expect(problems).toEqual([])
    expect((await stored('conversations', conversationId)).reported, 'an outsider cannot report it').toBe(false)
    expect(await countOf('messages', { body: { like: forged } })).toBe(0)
  })

  test('REST writes are refused for everyone, the two members included', async () => {
    const before = await messagesOf(conversationId)
    const problems: string[] = []
    for (const viewer of [...outsiders(), { name: 'A', who: who(A) }, { name: 'B', who: who(B) }]) {
      for (const [method, path, body] of [
        ['POST', '/api/conversations', { kind: 'member', member: C.id, otherMember: B.id, memberName: forged }],
        ['POST', '/api/messages', { conversation: conversationId, kind: 'member', member: A.id, otherMember: B.id, body: forged }],
        ['PATCH', `/api/conversations/${conversationId}`, { reported: true, otherBlocked: false, memberBlocked: false, otherMember: C.id }],
        ['PATCH', `/api/messages/${heldId}`, { crisisHold: false }],
        ['DELETE', `/api/messages/${deliveredIds[0]}`, undefined],
      ] as [string, string, unknown][]) {
        const got = await rest(viewer.who, method, path, body)
        if (![401, 403].includes(got.status)) problems.push(`${viewer.name} ${method} ${path}: ${got.status}`)
      }
    }
    expect(problems).toEqual([])
    expect((await messagesOf(conversationId)).map((m) => [m.id, m.body, m.crisisHold])).toEqual(before.map((m) => [m.id, m.body, m.crisisHold]))
  })

  test('the members over REST: each reads the delivered messages; only A reads A’s held one', async () => {
    const aList = await rest(who(A), 'GET', `/api/messages?where[conversation][equals]=${conversationId}&limit=50`)
    expect(docIds(aList).sort()).toEqual([...deliveredIds, heldId].map(String).sort())
    const bList = await rest(who(B), 'GET', `/api/messages?where[conversation][equals]=${conversationId}&limit=50&depth=2`)
    expect(docIds(bList).sort()).toEqual(deliveredIds.map(String).sort())
    expect(leaksIn(bList.text, HELD())).toEqual([])
    expect((await rest(who(B), 'GET', `/api/messages/${heldId}`)).status).toBe(404)
    expect(leaksIn(bList.text, [A.email]), 'no email address').toEqual([])
  })

  test('search, feeds and the sitemap carry nothing of it', async () => {
    const problems: string[] = []
    for (const [name, client] of [
      ['visitor', new WebClient(hostile.server.url)],
      ['A', await signIn(who(A))],
      ['B', await signIn(who(B))],
    ] as const) {
      for (const key of Object.keys(T) as (keyof typeof T)[]) {
        const got = await page(client, name, `/search?q=${T[key].q}`)
        const leaks = leaksIn(
          got.text,
          ALL().filter((s) => s !== T[key].q),
        )
        if (got.status !== 200 || leaks.length || got.text.includes('/account/messages/')) problems.push(`${name} /search ${key}: ${got.status} ${leaks.join(', ')}`)
      }
      for (const path of ['/feed.xml', '/sitemap.xml', ...Object.keys(loc).map((slug) => `/localities/${slug}/feed.xml`)]) {
        const got = await page(client, name, path)
        if (got.status >= 500 || leaksIn(got.text, ALL()).length || got.text.includes('/account/messages')) problems.push(`${name} ${path}`)
      }
    }
    expect(problems).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// Blocking
// ---------------------------------------------------------------------------------------------
describe('a block', () => {
  test('B blocks A: A cannot write or start again, and sees only "closed"; the block is not readable to A anywhere', async () => {
    const b = await signIn(who(B))
    const blocked = await act(b, 'B', conversationId, 'block')
    expect(blocked.status).toBe(303)
    expect(textOf((await page(b, 'B', `/account/messages/${conversationId}`)).text)).toContain(`You have blocked ${A.displayName}`)
    const a = await signIn(who(A))
    const aPage = await page(a, 'A', `/account/messages/${conversationId}`)
    expect(aPage.status).toBe(200)
    expect(textOf(aPage.text)).toContain('This conversation is closed.')
    expect(textOf(aPage.text), 'A is not told of the block').not.toMatch(/block(ed)? (you|by)/i)
    expect(aPage.text, 'no reply form').not.toContain('name="body"')
    const before = await countOf('messages')
    const written = await writeIn(a, 'A', conversationId, `Still here ${forged}`)
    expect(written.status).toBe(409)
    expect(textOf(written.text)).toContain('This conversation is closed.')
    const restarted = await startFrom(a, 'A', 'threads', bThread, `Again ${forged}`)
    expect([403, 409]).toContain(restarted.status)
    expect(await countOf('messages'), 'nothing stored').toBe(before)
    // The block is B's to see: A reads the conversation over REST without it, and a where on it tells nothing.
    const one = await rest(who(A), 'GET', `/api/conversations/${conversationId}`)
    expect(one.status).toBe(200)
    expect(one.json?.otherBlocked, 'B’s block (B is the second member)').toBeUndefined()
    expect(one.json?.memberBlocked, 'control: A reads their own side').toBe(false)
    const hit = await rest(who(A), 'GET', '/api/conversations?where[otherBlocked][equals]=true')
    const miss = await rest(who(A), 'GET', '/api/conversations?where[otherBlocked][equals]=false')
    expect((hit.status >= 400 && miss.status >= 400) || JSON.stringify(docIds(hit)) === JSON.stringify(docIds(miss)), `${hit.status} ${docIds(hit)} / ${miss.status} ${docIds(miss)}`).toBe(true)
    expect((await rest(who(B), 'GET', `/api/conversations/${conversationId}`)).json?.otherBlocked, 'control: B reads their own block').toBe(true)
    // The blocker cannot write either, until they unblock.
    expect((await writeIn(b, 'B', conversationId, `While blocking ${forged}`)).status).toBe(409)
  })

  test('B unblocks: both can write again', async () => {
    const b = await signIn(who(B))
    expect((await act(b, 'B', conversationId, 'unblock')).status).toBe(303)
    const a = await signIn(who(A))
    const aPage = await page(a, 'A', `/account/messages/${conversationId}`)
    expect(aPage.text).toContain('name="body"')
    const extra = pair('ferryman')
    expect((await writeIn(a, 'A', conversationId, `Glad to hear it ${extra.q}`)).status).toBe(303)
    deliveredIds = (await messagesOf(conversationId)).filter((m) => !m.crisisHold).map((m) => m.id)
    expect(deliveredIds).toHaveLength(3)
  })
})

// ---------------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------------
describe('a report', () => {
  test('A reports it: the moderators of A’s area and unscoped moderators read it (never the held message); others still do not', async () => {
    const a = await signIn(who(A))
    const reported = await act(a, 'A', conversationId, 'report', { reason: 'Too much' })
    expect(reported.status).toBe(303)
    expect((await stored('conversations', conversationId)).reported).toBe(true)
    for (const [name, w] of [
      ['north moderator', who(northMod)],
      ['unscoped moderator', who(anyMod)],
    ] as const) {
      const client = await signIn(w)
      const got = await page(client, name, `/account/messages/${conversationId}`)
      expect(got.status, name).toBe(200)
      expect(textOf(got.text), name).toContain(bodies.answer)
      expect(leaksIn(got.text, HELD()), `${name} never reads the held message`).toEqual([])
      expect(got.text, `${name} has no reply form`).not.toContain('name="body"')
      const list = await rest(w, 'GET', `/api/messages?where[conversation][equals]=${conversationId}&limit=50`)
      expect(docIds(list).sort(), name).toEqual(deliveredIds.map(String).sort())
      const before = await countOf('messages')
      const written = await writeIn(client, name, conversationId, `Moderator ${forged}`)
      expect([403, 404, 409], `${name} cannot write`).toContain(written.status)
      expect(await countOf('messages')).toBe(before)
    }
    for (const [name, w] of [
      ['east moderator', who(eastMod)],
      ['member C', who(C)],
      ['reporter', who(reporter)],
      ['lead', who(lead)],
    ] as const) {
      const got = await page(await signIn(w), name, `/account/messages/${conversationId}`)
      expect(got.status, name).toBe(404)
      expect(leaksIn(got.text, ALL()), name).toEqual([])
      // The lead reads the held message (that message only), none of the conversation.
      expect(docIds(await rest(w, 'GET', `/api/messages?where[conversation][equals]=${conversationId}`)), name).toEqual(name === 'lead' ? [String(heldId)] : [])
    }
    // B is not told that A reported it.
    const bView = await rest(who(B), 'GET', `/api/conversations/${conversationId}`)
    expect(bView.json?.reported).toBeUndefined()
    expect(textOf((await page(await signIn(who(B)), 'B', `/account/messages/${conversationId}`)).text)).not.toMatch(/has been reported|reported it/i)
  })
})

// ---------------------------------------------------------------------------------------------
// Email
// ---------------------------------------------------------------------------------------------
describe('email', () => {
  test('B and A are told there is a message, never what it says or who sent it; the lead is alerted without the text', async () => {
    await waitForMail(hostile, (m) => m.to.includes(A.email.toLowerCase()) && /private message/i.test(m.text.split('\n')[0]!), 60_000)
    await waitForMail(hostile, (m) => /^Urgent safeguarding check/.test(m.text) && m.to.includes(String(lead.email).toLowerCase()), 60_000)
    const aboutMessageToB = (m: Mail) => m.to.includes(B.email.toLowerCase()) && /private message/i.test(m.text.split('\n')[0]!)
    // The queue sends in no set order: wait for B's third email (or a minute), then count exactly.
    const deadline = Date.now() + 60_000
    while ((await readOutbox(hostile)).filter(aboutMessageToB).length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500))
    const mails = await readOutbox(hostile)
    expect(mails.filter((m) => leaksIn(m.text, ALL()).length > 0).map((m) => m.file)).toEqual([])
    const toB = mails.filter(aboutMessageToB)
    expect(toB.length, 'B was told of A’s two delivered messages and D’s one (the held ones not)').toBe(3)
    expect(toB.filter((m) => m.text.includes(`/account/messages/${conversationId}`)).length, 'two link to A’s conversation').toBe(2)
    for (const m of toB) {
      expect(leaksIn(m.text, [A.displayName, D.displayName]), 'no sender name').toEqual([])
      expect(m.text).toMatch(/unsubscribe/i)
    }
    for (const outsider of [C, N, reporter, eastMod]) expect(mails.filter((m) => m.to.includes(outsider.email.toLowerCase()) && /private/i.test(m.text.split('\n')[0]!)).map((m) => m.file)).toEqual([])
  })

  test('a member who turned these emails off gets none', async () => {
    await settle(() => db().update({ collection: 'users', id: B.id, data: { notifications: { notifyMessages: false } }, overrideAccess: true }))
    const aboutMessages = (m: { text: string }) => /private message/i.test(m.text.split('\n')[0]!)
    const mails = await readOutbox(hostile)
    const before = { b: mails.filter((m) => m.to.includes(B.email.toLowerCase())).length, a: mails.filter((m) => m.to.includes(A.email.toLowerCase()) && aboutMessages(m)).length }
    expect((await writeIn(await signIn(who(A)), 'A', conversationId, 'One more thing.')).status).toBe(303)
    // A control email in the same queue, sent after: once it is out, B's would have been too.
    expect((await writeIn(await signIn(who(B)), 'B', conversationId, 'Noted.')).status).toBe(303)
    const deadline = Date.now() + 30_000
    while ((await readOutbox(hostile)).filter((m) => m.to.includes(A.email.toLowerCase()) && aboutMessages(m)).length <= before.a && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500))
    expect((await readOutbox(hostile)).filter((m) => m.to.includes(A.email.toLowerCase()) && aboutMessages(m)).length, 'the control email arrived').toBeGreaterThan(before.a)
    await new Promise((r) => setTimeout(r, 3000))
    expect((await readOutbox(hostile)).filter((m) => m.to.includes(B.email.toLowerCase())).length).toBe(before.b)
  })
})

// ---------------------------------------------------------------------------------------------
// Export and erasure
// ---------------------------------------------------------------------------------------------
async function exportOf(client: WebClient): Promise<{ json: any; allText: string }> {
  await settle(() => db().updateGlobal({ slug: 'privacy-settings', data: { exportsPerDay: 50 }, overrideAccess: true }))
  const csrf = await client.csrfToken('/account/export')
  const made = await client.postForm('/account/export', { _csrf: csrf })
  expect(made.status).toBe(303)
  const zip = await client.get(made.headers.get('location') ?? '')
  expect(zip.status).toBe(200)
  const files = unzipSync(new Uint8Array(await zip.arrayBuffer()))
  const json = tryJson(files['waymark-export.json'] ? strFromU8(files['waymark-export.json']) : '')
  const allText = Object.entries(files)
    .filter(([name]) => !name.startsWith('media/'))
    .map(([, data]) => strFromU8(data))
    .join('\n')
  return { json, allText }
}

describe('export', () => {
  test('A’s export holds the conversation with A’s held message; B’s holds it without; C’s holds nothing of it', async () => {
    const mine = (json: any) => (json?.privateMessages ?? []).find((c: any) => String(c.id) === String(conversationId))
    const a = await exportOf(await signIn(who(A)))
    const aLine = mine(a.json)
    expect(aLine?.with).toBe(B.displayName)
    expect(aLine.messages.map((m: any) => m.body)).toEqual(expect.arrayContaining([bodies.first, bodies.answer, bodies.held]))
    expect(aLine.messages.find((m: any) => m.body === bodies.first).from).toBe('you')
    expect(aLine.messages.find((m: any) => m.body === bodies.answer).from).toBe(B.displayName)
    const b = await exportOf(await signIn(who(B)))
    const bLine = mine(b.json)
    expect(bLine?.with).toBe(A.displayName)
    expect(bLine.messages.map((m: any) => m.body)).toEqual(expect.arrayContaining([bodies.first, bodies.answer]))
    expect(leaksIn(b.allText, HELD()), 'another member’s held message is not in B’s export').toEqual([])
    expect(b.allText).not.toContain(A.email)
    const c = await exportOf(await signIn(who(C)))
    expect(leaksIn(c.allText, ALL())).toEqual([])
    expect(mine(c.json)).toBeUndefined()
  })
})

describe('erasure of one side', () => {
  test('A erases their account: B keeps the conversation, A’s words are "[removed]" from "A former member", and B cannot write', { timeout: 120_000 }, async () => {
    const a = await signIn(who(A))
    const token = await a.csrfToken('/account/delete')
    const erased = await form(a, 'A', '/account/delete', { _csrf: token, password: A.password, mode: 'keep-posts', confirm: 'on' })
    expect(erased.status, textOf(erased.text).slice(0, 300)).toBe(303)
    expect(pathOf(erased.headers.get('location'))).toBe('/account/deleted')
    const conversation = await stored('conversations', conversationId)
    expect(conversation, 'B’s copy stays').toBeTruthy()
    expect(String(idOf(conversation.member))).toBe(String(B.id))
    expect(idOf(conversation.otherMember) ?? null).toBeNull()
    const messages = await messagesOf(conversationId)
    expect(messages.map((m) => m.body)).toContain(bodies.answer)
    expect(messages.filter((m) => m.body === '[removed]').length).toBeGreaterThanOrEqual(2)
    expect(
      messages.some((m) => m.crisisHold),
      'the held message is gone',
    ).toBe(false)
    const all = JSON.stringify((await db().find({ collection: 'messages', overrideAccess: true, pagination: false, depth: 0 })).docs)
    expect(leaksIn(all, [T.first.s, T.held.s, A.displayName, A.email])).toEqual([])
    expect(leaksIn(JSON.stringify(conversation), [A.displayName, A.email])).toEqual([])
    const b = await signIn(who(B))
    const got = await page(b, 'B', `/account/messages/${conversationId}`)
    expect(got.status).toBe(200)
    expect(textOf(got.text)).toContain(bodies.answer)
    expect(textOf(got.text)).toContain('[removed]')
    expect(textOf(got.text)).toContain('A former member')
    expect(leaksIn(got.text, [T.first.s, T.held.s, A.displayName])).toEqual([])
    expect((await writeIn(b, 'B', conversationId, `To nobody ${forged}`)).status).toBe(409)
  })
})

describe('odd requests', () => {
  test('odd addresses are 404, never 500; nothing this file asked answered with a server error', async () => {
    const b = await signIn(who(B))
    for (const path of ['/account/messages/held/not-an-id', '/account/messages/held/987654321', `/account/messages/new?threads=1&threads=2`, '/account/messages/new?replies=%00']) {
      const got = await page(b, 'B', path)
      expect(got.status, path).toBeLessThan(500)
    }
    expect(answered.filter((a) => a.status >= 500)).toEqual([])
  })
})
