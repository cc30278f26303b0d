// Hostile: crisis outranks everything, on every text door (issue 10, part 3), over HTTP.
//
// The demo member writes crisis words through every page form that takes text (a thread, a reply, a
// flag's note, the profile's display name, a story draft, a story's pen name). Each time the page they
// land on shows the crisis panel (the locality's own services first), a safeguarding lead gets an urgent
// email on real SMTP that quotes nothing the member wrote, and whatever is held is invisible to a visitor
// and to another member at every door: the page, REST (lists, by id, where, depth), /search, the
// locality's feed, /feed.xml and /sitemap.xml. Ordinary posts by the same member are the controls that
// prove each door's check can fail. Then crisis alerts and crisis services are attacked through REST.
import type { ParsedMail } from 'mailparser'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { startTestServer, type TestServer } from '../support/server.js'
import { addressesOf, startSmtp, type Mailbox } from '../support/smtp.js'
import { RELAXED_LIMITS, api, docIds, idOf, localityIds, makeMember, newThread, readSettings, textOf, updateSettings, type Member, type Who } from './forumHelpers.js'
import { saveServerLogs, settle, signedIn, unique, type HostileServer } from './helpers.js'

// Sentences the shipped crisis lexicon holds, with the words of each that are the member's own.
const CRISIS = [
  { text: 'I want to kill myself tonight', words: ['kill', 'myself', 'tonight'] },
  { text: "I'm going to take all my tablets tonight", words: ['tablets', 'tonight'] },
  { text: 'I feel suicidal', words: ['suicidal'] },
  { text: "I've written my goodbye letters", words: ['written', 'goodbye', 'letters'] },
] as const
type Crisis = (typeof CRISIS)[number]
const ORDINARY = 'Had a lovely brew at the recovery cafe'

// One server with real SMTP on loopback; the fixture object is what forumHelpers' REST helpers take.
const hostile = {} as HostileServer
let server: TestServer
let payload: Payload
let mailbox: Mailbox
const db = () => payload as any

let loc: Record<string, number | string> = {}
let demoMember: Who & { id: number | string }
let demoModerator: Who
let seededApprovedPostCount = 0 // what the seed gave: the arrangement below tops it up
let postQueueThreshold = 3
let lead: Member // a safeguarding lead who is not a moderator
let nosy: Member // another ordinary member: a viewer who must not see held items
let threadStarter: Member // someone else's published thread, for replies and flags
let countyThread: { id: number | string }
let eastModerator: Member, northModerator: Member, countyModerator: Member

beforeAll(async () => {
  mailbox = await startSmtp()
  server = await startTestServer({ smtpUrl: mailbox.url })
  payload = await bootPayload({ databaseUrl: server.databaseUrl, dataDir: server.dataDir, mediaDir: server.mediaDir })
  Object.assign(hostile, { server, payload })

  await updateSettings(hostile, RELAXED_LIMITS) // this file tests crisis doors, not rate limits
  postQueueThreshold = Number((await readSettings(hostile)).postQueueThreshold ?? 3)
  loc = await localityIds(hostile)
  demoModerator = { email: 'moderator@waymark.example', password: server.seedPassword }
  const demo = (await db().find({ collection: 'users', where: { email: { equals: 'member@waymark.example' } }, overrideAccess: true, depth: 0, limit: 1 })).docs[0]
  if (!demo) throw new Error('Arrange failed: no seeded demo member')
  demoMember = { email: 'member@waymark.example', password: server.seedPassword, id: demo.id }
  seededApprovedPostCount = Number(demo.approvedPostCount ?? 0)
  // The controls need an established author (their ordinary posts go straight up). The seed's demo member
  // is a newcomer (0 approved posts), so it is made established here, as the forum journey test does.
  if (seededApprovedPostCount < postQueueThreshold) {
    await settle(() => db().update({ collection: 'users', id: demo.id, data: { approvedPostCount: postQueueThreshold + 2 }, overrideAccess: true }))
  }

  lead = await settle(() => createMember(payload, { displayName: `Lead ${unique('l')}`.slice(0, 40) }))
  await settle(() => db().update({ collection: 'users', id: lead.id, data: { isSafeguardingLead: true }, overrideAccess: true }))
  nosy = await makeMember(hostile, { established: true, name: 'Nosy' })
  threadStarter = await makeMember(hostile, { established: true, name: 'Starter' })
  countyThread = await newThread(hostile, threadStarter, loc['lancashire-county']!)

  const scopedModerator = async (slug: string) => {
    const m = await settle(() => createMember(payload, { roles: ['moderator'], displayName: `Mod ${slug.slice(11, 16)} ${unique('m')}`.slice(0, 40) }))
    await settle(() => db().update({ collection: 'users', id: m.id, data: { moderatorLocalities: [loc[slug]] }, overrideAccess: true }))
    return m
  }
  eastModerator = await scopedModerator('lancashire-east')
  northModerator = await scopedModerator('lancashire-north')
  countyModerator = await scopedModerator('lancashire-county')
}, 240_000)

afterAll(async () => {
  saveServerLogs(server, 'crisis-doors')
  await server?.stop()
  await mailbox?.close()
})

// ---------------------------------------------------------------------------------------------
// Tools
// ---------------------------------------------------------------------------------------------
const visitor = () => new WebClient(server.url)
const signIn = (who: Who) => signedIn(server, who.email, who.password)

/** The page a form lands on: the response itself, or the page its redirect leads to (followed as the same browser). */
async function landing(client: WebClient, response: Response): Promise<{ status: number; html: string; url: string }> {
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location') ?? ''
    const next = await client.get(location)
    return { status: next.status, html: await next.text(), url: location }
  }
  return { status: response.status, html: await response.text(), url: '' }
}

const panelHtml = (html: string) => html.match(/<section[^>]*class="crisis-panel"[^>]*>[\s\S]*?<\/section>/)?.[0] ?? null
const panelText = (html: string) => textOf(html).replace(/\u00a0/g, ' ')

/** Names of a locality's crisis services, in the order the panel should list them. */
async function localServices(localityId: number | string): Promise<string[]> {
  const found = await db().find({ collection: 'crisis-services', where: { locality: { equals: localityId } }, sort: 'order', depth: 0, limit: 10, overrideAccess: true })
  return (found.docs as any[]).map((s) => String(s.name))
}

/**
 * The crisis panel: its heading, the national numbers, and the locality's own services before Samaritans.
 * Soft assertions, so that a door without its panel still goes on to report what else it gets wrong.
 */
function expectCrisisPanel(html: string, local: string[], where: string) {
  const panel = panelHtml(html)
  expect.soft(panel, `${where}: a <section class="crisis-panel"> on the page`).not.toBeNull()
  if (!panel) return
  expect.soft(panel, `${where}: the panel's heading`).toMatch(/<h2[^>]*>\s*Are you safe right now\?\s*<\/h2>/)
  const text = panelText(panel)
  expect.soft(text, `${where}: Samaritans`).toMatch(/Samaritans\W+116 123/)
  expect.soft(text, `${where}: NHS 111 option 2`).toMatch(/NHS\W+111,? option 2/)
  expect.soft(text, `${where}: 999`).toMatch(/\b999\b/)
  const samaritans = text.indexOf('Samaritans')
  for (const name of local) {
    const at = text.indexOf(name)
    expect.soft(at, `${where}: the local service "${name}" is on the panel`).toBeGreaterThanOrEqual(0)
    expect.soft(at, `${where}: the local service "${name}" comes before Samaritans`).toBeLessThan(samaritans)
  }
}

const leadAddress = () => String(lead.email).toLowerCase()
const mailText = (mail: ParsedMail) => `${mail.subject ?? ''}\n${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`

/** Waits for the first email to the lead that arrived after `from` messages had. */
async function nextLeadMail(from: number, timeoutMs = 60_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = mailbox.messages.slice(from).find((mail) => addressesOf(mail).includes(leadAddress()))
    if (found) return found
    if (Date.now() > deadline) throw new Error(`No email reached the safeguarding lead ${leadAddress()} within ${timeoutMs} ms (${mailbox.messages.length - from} other new messages)`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

const wordIn = (haystack: string, word: string) => new RegExp(`\\b${word.replace(/[^a-z0-9]/gi, '')}\\b`, 'i').test(haystack)

/** The member's words in a text: distinctive words of the crisis sentence, the whole sentence, and the item's marker words. */
function memberWordsIn(haystack: string, crisis: Crisis, markers: string[]): string[] {
  const found: string[] = crisis.words.filter((word) => wordIn(haystack, word))
  if (haystack.toLowerCase().includes(crisis.text.toLowerCase())) found.push(crisis.text)
  for (const marker of markers) if (haystack.toLowerCase().includes(marker.toLowerCase())) found.push(marker)
  return found
}

/** An urgent email reached the lead, and neither it nor any other email to a lead since quotes the member. */
async function expectLeadAlertedWithoutText(from: number, crisis: Crisis, markers: string[], where: string) {
  const mail = await nextLeadMail(from)
  expect(memberWordsIn(mailText(mail), crisis, markers), `${where}: the lead's email (subject and body) quotes the member`).toEqual([])
  const leads = (await db().find({ collection: 'users', where: { isSafeguardingLead: { equals: true } }, overrideAccess: true, depth: 0, limit: 100 })).docs.map((u: any) =>
    String(u.email).toLowerCase(),
  )
  for (const other of mailbox.messages.slice(from).filter((m) => addressesOf(m).some((a) => leads.includes(a)))) {
    expect(memberWordsIn(mailText(other), crisis, markers), `${where}: an email to a lead (${other.subject}) quotes the member`).toEqual([])
  }
}

const alertsFor = async (targetCollection: string, targetId: unknown) =>
  (
    await db().find({
      collection: 'crisis-alerts',
      where: { and: [{ targetCollection: { equals: targetCollection } }, { targetId: { equals: String(targetId) } }] },
      depth: 0,
      limit: 10,
      overrideAccess: true,
    })
  ).docs as any[]

const storedDoc = async (collection: string, id: unknown) => (await db().find({ collection, where: { id: { equals: id } }, overrideAccess: true, depth: 0, limit: 1 })).docs[0] as any

const idFromPath = (url: string, pattern: RegExp) => url.match(pattern)?.[1]

// ---------------------------------------------------------------------------------------------
// The doors a held item must not come through, with the probe that shows it when it does
// ---------------------------------------------------------------------------------------------
type Door = { path: string; probes: string[]; rest?: { collection: string; id: string; byId: boolean }; controlled: boolean }

function threadDoors(id: number | string, marker: string): Door[] {
  const sid = String(id)
  return [
    { path: `/threads/${sid}`, probes: [marker], controlled: true },
    { path: '/localities/lancashire-county', probes: [marker], controlled: true },
    { path: '/api/threads', probes: [marker], rest: { collection: 'threads', id: sid, byId: false }, controlled: false },
    { path: `/api/threads?limit=500&depth=2`, probes: [marker], rest: { collection: 'threads', id: sid, byId: false }, controlled: true },
    { path: `/api/threads/${sid}`, probes: [marker], rest: { collection: 'threads', id: sid, byId: true }, controlled: true },
    { path: `/api/threads/${sid}?depth=2`, probes: [marker], rest: { collection: 'threads', id: sid, byId: true }, controlled: true },
    { path: `/api/threads?where[title][like]=${marker}`, probes: [marker], rest: { collection: 'threads', id: sid, byId: false }, controlled: true },
    { path: `/api/threads?where[id][equals]=${sid}&depth=1`, probes: [marker], rest: { collection: 'threads', id: sid, byId: false }, controlled: true },
    // /search echoes the query, so only the link to the thread counts there.
    { path: `/search?q=${marker}`, probes: [`/threads/${sid}"`], controlled: true },
    { path: '/localities/lancashire-county/feed.xml', probes: [marker, `/threads/${sid}<`], controlled: true },
    { path: '/sitemap-1.xml', probes: [`/threads/${sid}<`], controlled: true },
    { path: '/feed.xml', probes: [marker], controlled: false },
  ]
}

function replyDoors(id: number | string, threadId: number | string, marker: string): Door[] {
  const sid = String(id)
  return [
    { path: `/threads/${threadId}`, probes: [marker, `reply-${sid}"`], controlled: true },
    { path: '/api/replies', probes: [marker], rest: { collection: 'replies', id: sid, byId: false }, controlled: false },
    { path: `/api/replies?limit=500&depth=2`, probes: [marker], rest: { collection: 'replies', id: sid, byId: false }, controlled: true },
    { path: `/api/replies/${sid}`, probes: [marker], rest: { collection: 'replies', id: sid, byId: true }, controlled: true },
    { path: `/api/replies/${sid}?depth=2`, probes: [marker], rest: { collection: 'replies', id: sid, byId: true }, controlled: true },
    { path: `/api/replies?where[body][like]=${marker}`, probes: [marker], rest: { collection: 'replies', id: sid, byId: false }, controlled: true },
    { path: `/api/replies?where[thread][equals]=${threadId}&depth=2`, probes: [marker], rest: { collection: 'replies', id: sid, byId: false }, controlled: true },
    { path: `/search?q=${marker}`, probes: [`reply-${sid}"`], controlled: true },
    { path: '/localities/lancashire-county/feed.xml', probes: [marker], controlled: false },
    { path: '/feed.xml', probes: [marker], controlled: false },
    { path: '/sitemap-1.xml', probes: [marker], controlled: false },
  ]
}

function storyDoors(id: number | string, slug: string, marker: string): Door[] {
  const sid = String(id)
  return [
    { path: `/stories/${slug}`, probes: [marker], controlled: true },
    { path: '/stories', probes: [marker, `/stories/${slug}"`], controlled: true },
    { path: '/api/stories', probes: [marker], rest: { collection: 'stories', id: sid, byId: false }, controlled: false },
    { path: `/api/stories?limit=500&depth=2`, probes: [marker], rest: { collection: 'stories', id: sid, byId: false }, controlled: true },
    { path: `/api/stories/${sid}`, probes: [marker], rest: { collection: 'stories', id: sid, byId: true }, controlled: true },
    { path: `/api/stories/${sid}?depth=2`, probes: [marker], rest: { collection: 'stories', id: sid, byId: true }, controlled: true },
    { path: `/api/stories?where[title][like]=${marker}`, probes: [marker], rest: { collection: 'stories', id: sid, byId: false }, controlled: true },
    { path: `/api/stories?where[slug][equals]=${slug}&depth=1`, probes: [marker], rest: { collection: 'stories', id: sid, byId: false }, controlled: true },
    { path: `/search?q=${marker}`, probes: [`/stories/${slug}"`], controlled: true },
    { path: '/feed.xml', probes: [marker, `/stories/${slug}`], controlled: true },
    { path: '/sitemap-1.xml', probes: [`/stories/${slug}<`], controlled: true },
    { path: '/localities/lancashire-county/feed.xml', probes: [marker], controlled: false },
  ]
}

/** What a door gives this viewer of the item: the probes it shows, and for REST whether it lists or answers with the id. */
async function seenAt(client: WebClient, door: Door): Promise<string[]> {
  const response = await client.get(door.path)
  const body = await response.text()
  const seen = door.probes.filter((probe) => body.includes(probe))
  if (door.rest) {
    if (door.rest.byId && response.status === 200) seen.push(`answers 200 for ${door.rest.collection}/${door.rest.id}`)
    let json: any
    try {
      json = JSON.parse(body)
    } catch {
      json = undefined
    }
    if (!door.rest.byId && docIds({ status: response.status, text: body, json, headers: response.headers }).includes(door.rest.id)) seen.push(`lists ${door.rest.collection}/${door.rest.id}`)
  }
  return seen
}

async function viewers(): Promise<[string, WebClient][]> {
  return [
    ['a visitor', visitor()],
    ['another member', await signIn(nosy)],
  ]
}

/** A held item comes through none of its doors, for a visitor or another member. */
async function expectHiddenEverywhere(doors: Door[]) {
  const leaks: string[] = []
  for (const [who, client] of await viewers()) {
    for (const door of doors) {
      const seen = await seenAt(client, door)
      if (seen.length > 0) leaks.push(`${who} at ${door.path}: ${seen.join(', ')}`)
    }
  }
  expect(leaks, 'held item seen').toEqual([])
}

/** The control: an ordinary item by the same member comes through each door that lists such items. */
async function expectShownEverywhere(doors: Door[]) {
  const missing: string[] = []
  for (const [who, client] of await viewers()) {
    for (const door of doors.filter((d) => d.controlled)) {
      if ((await seenAt(client, door)).length === 0) missing.push(`${who} at ${door.path}`)
    }
  }
  expect(missing, 'the ordinary control is missing from these doors, so their checks prove nothing').toEqual([])
}

// The forms, as a browser without JavaScript sends them.
async function postThread(client: WebClient, locality: string, title: string, body: string) {
  const token = await client.csrfToken(`/threads/new?locality=${locality}`)
  return client.postForm('/threads', { _csrf: token, locality, title, body })
}

async function postReply(client: WebClient, threadId: number | string, body: string) {
  const token = await client.csrfToken(`/threads/${threadId}`)
  return client.postForm(`/threads/${threadId}/replies`, { _csrf: token, body })
}

async function postStory(client: WebClient, fields: Record<string, string>) {
  const token = await client.csrfToken('/stories/new')
  const form = new FormData()
  for (const [key, value] of Object.entries({ _csrf: token, summary: 'Spring mornings by the canal.', locality: String(loc['lancashire-county']), ...fields })) form.append(key, value)
  return client.request('/stories/new', { method: 'POST', body: form, headers: { origin: new URL(client.baseUrl).origin } })
}

const PUBLIC_CONSENT = { audience: 'public', quoteInReports: 'no', agree: 'on' }

// ---------------------------------------------------------------------------------------------
// The page form doors
// ---------------------------------------------------------------------------------------------
describe('crisis words through every page form door, as the demo member', () => {
  test('a new thread: held, the crisis panel with the county services first, the lead emailed without the text, hidden at every door', async () => {
    const client = await signIn(demoMember)
    const crisis = CRISIS[0]
    // The control: the same member's ordinary thread in the same public forum is shown everywhere.
    const controlMarker = unique('thctl')
    const control = await landing(client, await postThread(client, 'lancashire-county', `Canal walk ${controlMarker}`, ORDINARY))
    const controlId = idFromPath(control.url, /\/threads\/(\w+)/)
    expect(controlId, 'the ordinary thread was made').toBeDefined()
    expect(panelHtml(control.html), 'no crisis panel for an ordinary post').toBeNull()
    await expectShownEverywhere(threadDoors(controlId!, controlMarker))

    const marker = unique('thcri')
    const before = mailbox.messages.length
    const response = await postThread(client, 'lancashire-county', `Rough week ${marker}`, crisis.text)
    const page = await landing(client, response)
    expectCrisisPanel(page.html, await localServices(loc['lancashire-county']!), 'after posting the thread')
    const id = idFromPath(page.url, /\/threads\/(\w+)/) ?? (await db().find({ collection: 'threads', where: { title: { like: marker } }, overrideAccess: true, depth: 0 })).docs[0]?.id
    expect(id, 'the crisis thread was stored').toBeDefined()
    const stored = await storedDoc('threads', id)
    expect(stored.crisisHold).toBe(true)
    expect(stored.status).not.toBe('published')
    expect(await alertsFor('threads', id), 'one crisis alert for the thread').toHaveLength(1)

    await expectLeadAlertedWithoutText(before, crisis, [marker, 'Rough week'], 'thread')
    await expectHiddenEverywhere(threadDoors(id!, marker))
  })

  test('a reply: held, the crisis panel on the thread page, the lead emailed without the text, hidden at every door', async () => {
    const client = await signIn(demoMember)
    const crisis = CRISIS[1]
    const controlMarker = unique('rectl')
    await landing(client, await postReply(client, countyThread.id, `${controlMarker} ${ORDINARY}`))
    const controlReply = (await db().find({ collection: 'replies', where: { body: { like: controlMarker } }, overrideAccess: true, depth: 0 })).docs[0]
    expect(controlReply?.status, 'the ordinary reply went straight up').toBe('published')
    await expectShownEverywhere(replyDoors(controlReply.id, countyThread.id, controlMarker))

    const marker = unique('recri')
    const before = mailbox.messages.length
    const page = await landing(client, await postReply(client, countyThread.id, `${marker} ${crisis.text}`))
    expectCrisisPanel(page.html, await localServices(loc['lancashire-county']!), 'after replying')
    const reply = (await db().find({ collection: 'replies', where: { body: { like: marker } }, overrideAccess: true, depth: 0 })).docs[0]
    expect(reply, 'the crisis reply was stored').toBeDefined()
    expect(reply.crisisHold).toBe(true)
    expect(reply.status).not.toBe('published')
    expect(await alertsFor('replies', reply.id)).toHaveLength(1)

    await expectLeadAlertedWithoutText(before, crisis, [marker], 'reply')
    await expectHiddenEverywhere(replyDoors(reply.id, countyThread.id, marker))
  })

  test('a flag’s note: nothing to hold, but the crisis panel shows and the lead is emailed without the text', async () => {
    const client = await signIn(demoMember)
    const crisis = CRISIS[2]
    const marker = unique('flcri')
    const before = mailbox.messages.length
    const token = await client.csrfToken(`/threads/${countyThread.id}`)
    const response = await client.postForm('/flags', { _csrf: token, targetCollection: 'threads', targetId: String(countyThread.id), reason: 'other', note: `${marker} ${crisis.text}` })
    const page = await landing(client, response)
    expect(page.status).toBeLessThan(400)
    // The flag is filed under the flagged thread's locality.
    expectCrisisPanel(page.html, await localServices(loc['lancashire-county']!), 'after reporting')
    const flag = (await db().find({ collection: 'flags', where: { note: { like: marker } }, overrideAccess: true, depth: 0 })).docs[0]
    expect(flag, 'the report was saved (nothing is held)').toBeDefined()
    const [alert] = await alertsFor('flags', flag.id)
    expect(alert?.outcome).toBe('alert')
    await expectLeadAlertedWithoutText(before, crisis, [marker], 'flag note')
  })

  test('the profile’s display name: saved, the crisis panel with the home locality’s services first, the lead emailed without it', async () => {
    const client = await signIn(demoMember)
    const crisis = CRISIS[3]
    const before = mailbox.messages.length
    const token = await client.csrfToken('/account')
    const response = await client.postForm('/account', {
      _csrf: token,
      displayName: crisis.text,
      memberType: 'in-recovery',
      homeLocality: String(loc['lancashire-north']),
      digest: 'never',
      replyDelivery: 'immediately',
    })
    try {
      const page = await landing(client, response)
      // A profile belongs to no locality: the member's home locality (north) decides the services.
      expectCrisisPanel(page.html, await localServices(loc['lancashire-north']!), 'after saving the profile')
      expect((await storedDoc('users', demoMember.id)).displayName, 'nothing is held: the name is saved').toBe(crisis.text)
      const [alert] = await alertsFor('users', demoMember.id)
      expect(alert?.outcome).toBe('alert')
      expect(String(idOf(alert?.locality)), 'the alert goes to the home locality').toBe(String(loc['lancashire-north']))
      await expectLeadAlertedWithoutText(before, crisis, [], 'display name')
      // The alert as the lead reads it through REST names the entries that matched, not the new name.
      const asLead = await api(hostile, lead, 'GET', `/api/crisis-alerts/${alert.id}?depth=0`)
      expect(asLead.status).toBe(200)
      const { matched: _entries, ...rest } = asLead.json ?? {}
      expect(memberWordsIn(JSON.stringify(rest), crisis, []), 'the alert as REST gives it quotes the member').toEqual([])
    } finally {
      // Later tests look for these words in emails and pages; put the demo name back.
      await settle(() => db().update({ collection: 'users', id: demoMember.id, data: { displayName: 'Demo Member' }, overrideAccess: true, context: { disableEmail: true } }))
    }
  })

  test('a story draft: held, the crisis panel (draft) on the author’s page, the lead emailed without the title or text', async () => {
    const client = await signIn(demoMember)
    const crisis = CRISIS[0]
    const marker = unique('stdra')
    const before = mailbox.messages.length
    const page = await landing(client, await postStory(client, { title: `Lantern mornings ${marker}`, body: `${marker} ${crisis.text}` }))
    const id = idFromPath(page.url, /\/account\/stories\/(\w+)/)
    expect(id, `the form redirects to the author's page for the story (got ${page.status} ${page.url})`).toBeDefined()
    expectCrisisPanel(page.html, await localServices(loc['lancashire-county']!), "on the author's story page")
    const story = await storedDoc('stories', id)
    expect(story.crisisHold).toBe(true)
    expect(await alertsFor('stories', id)).toHaveLength(1)
    await expectLeadAlertedWithoutText(before, crisis, [marker, 'Lantern'], 'story draft')
    await expectHiddenEverywhere(storyDoors(id!, story.slug, marker))
  })

  test('a story’s pen name: the submitted story is held (a moderator cannot approve it), the panel shows, the lead is emailed without it, hidden at every door', async () => {
    const client = await signIn(demoMember)
    const crisis = CRISIS[2]

    // The control: the same member's ordinary story, submitted the same way and approved, is shown everywhere.
    const controlMarker = unique('stctl')
    const controlPage = await landing(
      client,
      await postStory(client, { title: `Bandstand Sundays ${controlMarker}`, body: ORDINARY, intent: 'submit', byline: 'pen-name', penName: 'Canal Walker', ...PUBLIC_CONSENT }),
    )
    const controlId = idFromPath(controlPage.url, /\/account\/stories\/(\w+)/)
    expect(controlId, `the control story was made (got ${controlPage.status})`).toBeDefined()
    expect(panelHtml(controlPage.html), 'no crisis panel for an ordinary story').toBeNull()
    const approved = await api(hostile, demoModerator, 'POST', `/api/stories/${controlId}/moderate`, { action: 'approve' })
    expect(approved.status, `approving the control: ${approved.text.slice(0, 200)}`).toBe(200)
    await expectShownEverywhere(storyDoors(controlId!, (await storedDoc('stories', controlId)).slug, controlMarker))

    const marker = unique('stpen')
    const before = mailbox.messages.length
    const page = await landing(
      client,
      await postStory(client, { title: `Bandstand evenings ${marker}`, body: `A quiet week ${marker}.`, intent: 'submit', byline: 'pen-name', penName: crisis.text, ...PUBLIC_CONSENT }),
    )
    const id = idFromPath(page.url, /\/account\/stories\/(\w+)/)
    expect(id, `the form redirects to the author's page for the story (got ${page.status} ${page.url})`).toBeDefined()
    expectCrisisPanel(page.html, await localServices(loc['lancashire-county']!), "on the author's story page")
    const story = await storedDoc('stories', id)
    expect(story.crisisHold, 'the story the pen name signs is held').toBe(true)
    const consent = (await db().find({ collection: 'consents', where: { story: { equals: id } }, sort: '-version', overrideAccess: true, depth: 0, limit: 1 })).docs[0]
    expect(await alertsFor('consents', consent?.id), 'one crisis alert for the consent that carries the pen name').toHaveLength(1)
    await expectLeadAlertedWithoutText(before, crisis, [marker, 'Bandstand'], 'pen name')

    const refused = await api(hostile, demoModerator, 'POST', `/api/stories/${id}/moderate`, { action: 'approve' })
    expect(refused.status, 'a moderator cannot approve a held story').not.toBe(200)
    expect((await storedDoc('stories', id)).status).not.toBe('published')
    await expectHiddenEverywhere(storyDoors(id!, story.slug, marker))
  })
})

describe('crisis words in the directory and volunteering forms (nothing public to hold)', () => {
  /** An approved entry of the seed, in the locality given. */
  const seededEntry = async (slug: string) => {
    const where = { and: [{ status: { equals: 'approved' } }, { locality: { equals: loc[slug] } }, { suggestionType: { equals: 'entry' } }] }
    const doc = (await db().find({ collection: 'directory-entries', where, overrideAccess: true, depth: 0, limit: 1 })).docs[0]
    if (!doc) throw new Error(`Arrange failed: no seeded directory entry in ${slug}`)
    return doc as { id: number | string }
  }

  test('a directory suggestion: saved, the crisis panel with the locality’s services first, the lead emailed without the text; an ordinary one gets the usual page', async () => {
    const client = await signIn(demoMember)
    const fields = { kind: 'recovery-cafe', locality: 'lancashire-north', meets: 'Tue 19:00' }
    // The control: ordinary words land on the usual thank-you page, with no panel.
    const ordinaryToken = await client.csrfToken('/directory/suggest')
    const ordinary = await landing(client, await client.postForm('/directory/suggest', { _csrf: ordinaryToken, ...fields, name: unique('dsok'), description: ORDINARY }))
    expect(ordinary.status).toBe(200)
    expect(ordinary.html).toContain('Thank you for your suggestion')
    expect(panelHtml(ordinary.html), 'no panel for ordinary words').toBeNull()
    const crisis = CRISIS[0]
    const marker = unique('dscri')
    const before = mailbox.messages.length
    const token = await client.csrfToken('/directory/suggest')
    const page = await landing(client, await client.postForm('/directory/suggest', { _csrf: token, ...fields, name: marker, description: crisis.text }))
    expect(page.status).toBe(200)
    expect(page.html).toContain('Thank you for your suggestion')
    expectCrisisPanel(page.html, await localServices(loc['lancashire-north']!), 'after suggesting an entry')
    const entry = (await db().find({ collection: 'directory-entries', where: { name: { equals: marker } }, overrideAccess: true, depth: 0 })).docs[0]
    expect(entry?.status, 'the suggestion is saved, waiting for a moderator').toBe('suggested')
    expect((await alertsFor('directory-entries', entry.id))[0]?.outcome).toBe('alert')
    await expectLeadAlertedWithoutText(before, crisis, [marker], 'directory suggestion')
  })

  test('a correction to a directory entry: the crisis panel with the entry’s locality services first, the lead emailed', async () => {
    const client = await signIn(demoMember)
    const target = await seededEntry('lancashire-east')
    const crisis = CRISIS[2]
    const marker = unique('dccri')
    const before = mailbox.messages.length
    const token = await client.csrfToken(`/directory/${target.id}/correct`)
    const response = await client.postForm(`/directory/${target.id}/correct`, {
      _csrf: token,
      name: marker,
      kind: 'recovery-cafe',
      locality: 'lancashire-east',
      meets: 'Wed 18:30',
      correctionNote: crisis.text,
    })
    const page = await landing(client, response)
    expect(page.status).toBe(200)
    expectCrisisPanel(page.html, await localServices(loc['lancashire-east']!), 'after suggesting a correction')
    const correction = (await db().find({ collection: 'directory-entries', where: { name: { equals: marker } }, overrideAccess: true, depth: 0 })).docs[0]
    expect(String(idOf(correction?.correctionOf)), 'saved as a correction of the entry').toBe(String(target.id))
    await expectLeadAlertedWithoutText(before, crisis, [marker], 'directory correction')
  })

  test('a volunteering interest note: sent, the crisis panel with the role’s locality services first, the lead emailed without the note', async () => {
    const client = await signIn(demoMember)
    // Two open roles the demo member has not yet said they are interested in (saying so twice is refused).
    const theirs = (await db().find({ collection: 'volunteer-interests', where: { member: { equals: demoMember.id } }, overrideAccess: true, depth: 0, limit: 100 })).docs.map((i: any) =>
      idOf(i.opportunity),
    )
    const roles = (await db().find({ collection: 'volunteer-opportunities', where: { and: [{ open: { equals: true } }, { id: { not_in: theirs } }] }, overrideAccess: true, depth: 0, limit: 2 }))
      .docs as any[]
    if (roles.length < 2) throw new Error('Arrange failed: two open roles are needed')
    const [role, other] = roles as [any, any]
    const crisis = CRISIS[1]
    const marker = unique('vicri')
    const before = mailbox.messages.length
    const token = await client.csrfToken(`/volunteer/${role.id}`)
    const page = await landing(client, await client.postForm(`/volunteer/${role.id}/interest`, { _csrf: token, note: `${marker} ${crisis.text}` }))
    expect(page.status).toBe(200)
    expectCrisisPanel(page.html, await localServices(idOf(role.locality)), 'after saying I am interested')
    const interest = (await db().find({ collection: 'volunteer-interests', where: { note: { like: marker } }, overrideAccess: true, depth: 0 })).docs[0]
    expect(interest, 'the interest is saved (nothing is held)').toBeDefined()
    expect((await alertsFor('volunteer-interests', interest.id))[0]?.outcome).toBe('alert')
    await expectLeadAlertedWithoutText(before, crisis, [marker], 'volunteering note')
    // The control: an ordinary note on another role lands on the role's page, with no panel.
    const otherToken = await client.csrfToken(`/volunteer/${other.id}`)
    const ordinary = await landing(client, await client.postForm(`/volunteer/${other.id}/interest`, { _csrf: otherToken, note: ORDINARY }))
    expect(ordinary.status).toBe(200)
    expect(ordinary.url).toBe(`/volunteer/${other.id}`)
    expect(panelHtml(ordinary.html), 'no panel for an ordinary note').toBeNull()
  })
})

describe('local crisis services come first', () => {
  test('a service a locality’s moderator adds through REST is listed before Samaritans on the panel for a post in that forum', async () => {
    const name = `Pendle Night Line ${unique('svc')}`
    const created = await api(hostile, eastModerator, 'POST', '/api/crisis-services', {
      locality: loc['lancashire-east'],
      name,
      phone: '01282 000 111',
      hours: '6pm to 6am',
      note: 'Talk to someone local',
      order: -1,
    })
    expect(created.status, `the east moderator adds a service to east: ${created.text.slice(0, 200)}`).toBe(201)

    const client = await signIn(demoMember)
    const page = await landing(client, await postThread(client, 'lancashire-east', `Late shift ${unique('east')}`, CRISIS[1].text))
    expectCrisisPanel(page.html, [name], 'after posting in the east forum')
  })
})

// ---------------------------------------------------------------------------------------------
// Crisis alerts and services through REST
// ---------------------------------------------------------------------------------------------
describe('crisis alerts through REST', () => {
  let alertId: string
  let alertMarker: string
  let countyAlertThread: number | string

  beforeAll(async () => {
    // A fresh held thread in the county forum, so this block does not depend on the tests above.
    const client = await signIn(demoMember)
    const marker = unique('alrt')
    alertMarker = marker
    await landing(client, await postThread(client, 'lancashire-county', `Quiet evening ${marker}`, CRISIS[3].text))
    const thread = (await db().find({ collection: 'threads', where: { title: { like: marker } }, overrideAccess: true, depth: 0 })).docs[0]
    if (!thread) throw new Error('Arrange failed: the crisis thread was not stored')
    countyAlertThread = thread.id
    const [alert] = await alertsFor('threads', thread.id)
    if (!alert) throw new Error('Arrange failed: no crisis alert for the held thread')
    alertId = String(alert.id)
  })

  const listPaths = () => [
    '/api/crisis-alerts',
    '/api/crisis-alerts?depth=2&limit=500',
    `/api/crisis-alerts?where[targetId][equals]=${countyAlertThread}`,
    `/api/crisis-alerts?where[targetCollection][equals]=threads&where[status][equals]=open`,
    `/api/crisis-alerts?where[member][equals]=${demoMember.id}`,
  ]

  test('not readable by a visitor, another member, the author themself, or a moderator of another locality', async () => {
    // `none`: this viewer may read no crisis alert at all. A moderator of lancashire-north may read alerts
    // filed under north (the demo member's profile, for one), just not this county one.
    const who: [string, Who | null, 'none' | 'not-this-one'][] = [
      ['a visitor', null, 'none'],
      ['another member', nosy, 'none'],
      ['the author', demoMember, 'none'],
      ['a moderator of lancashire-north', northModerator, 'not-this-one'],
    ]
    const leaks: string[] = []
    for (const [name, viewer, rule] of who) {
      const byId = await api(hostile, viewer, 'GET', `/api/crisis-alerts/${alertId}?depth=2`)
      if (byId.status === 200) leaks.push(`${name}: GET /api/crisis-alerts/${alertId} answers 200`)
      for (const p of listPaths()) {
        const r = await api(hostile, viewer, 'GET', p)
        const ids = docIds(r)
        if (ids.includes(alertId) || (rule === 'none' && ids.length > 0)) leaks.push(`${name}: ${p} lists ${ids.join(', ')}`)
      }
      if (rule === 'none') {
        const count = await api(hostile, viewer, 'GET', '/api/crisis-alerts/count')
        if (count.status === 200 && Number(count.json?.totalDocs) > 0) leaks.push(`${name}: /api/crisis-alerts/count says ${count.json.totalDocs}`)
      }
    }
    expect(leaks).toEqual([])

    // The controls: the lead and a moderator of the alert's own locality read it, and it quotes nothing.
    const asLead = await api(hostile, lead, 'GET', `/api/crisis-alerts/${alertId}?depth=0`)
    expect(asLead.status, 'the lead').toBe(200)
    const { matched: _entries, ...rest } = asLead.json ?? {}
    expect(memberWordsIn(JSON.stringify(rest), CRISIS[3], [alertMarker, 'Quiet evening']), 'the alert as REST gives it quotes the member').toEqual([])
    expect((await api(hostile, countyModerator, 'GET', `/api/crisis-alerts/${alertId}`)).status, 'a moderator of lancashire-county').toBe(200)
  })

  test('no one but its handlers can change or close it; a moderator of another locality cannot close it, the lead can', async () => {
    for (const [name, viewer] of [
      ['a visitor', null],
      ['the author', demoMember],
      ['a moderator of lancashire-north', northModerator],
    ] as const) {
      const handle = await api(hostile, viewer, 'POST', `/api/crisis-alerts/${alertId}/handle`, { note: 'Closing it.' })
      expect([401, 403, 404], `${name}: POST handle gave ${handle.status} ${handle.text.slice(0, 120)}`).toContain(handle.status)
      const patch = await api(hostile, viewer, 'PATCH', `/api/crisis-alerts/${alertId}`, { status: 'handled' })
      expect(patch.status, `${name}: PATCH`).not.toBe(200)
      expect((await storedDoc('crisis-alerts', alertId)).status, `after ${name} tried`).toBe('open')
    }
    // Not even a lead creates, edits or deletes alerts through REST: they are made by the server only.
    expect((await api(hostile, lead, 'POST', '/api/crisis-alerts', { targetCollection: 'threads', targetId: '1', outcome: 'hold', status: 'open' })).status).not.toBe(201)
    expect((await api(hostile, lead, 'PATCH', `/api/crisis-alerts/${alertId}`, { status: 'handled' })).status).not.toBe(200)
    expect((await api(hostile, lead, 'DELETE', `/api/crisis-alerts/${alertId}`)).status).not.toBe(200)

    const handled = await api(hostile, lead, 'POST', `/api/crisis-alerts/${alertId}/handle`, { note: 'Phoned the member; they are safe.' })
    expect(handled.status, handled.text.slice(0, 200)).toBe(200)
    const after = await storedDoc('crisis-alerts', alertId)
    expect(after.status).toBe('handled')
    expect(String(idOf(after.handledBy))).toBe(String(lead.id))
  })

  test('GraphQL is disabled: no second query language to read alerts through', async () => {
    for (const viewer of [null, demoMember, northModerator] as const) {
      const r = await api(hostile, viewer, 'POST', '/api/graphql', { query: '{ CrisisAlerts { docs { id targetId matched } } }' })
      expect(r.status, `POST /api/graphql as ${viewer?.email ?? 'a visitor'}`).not.toBe(200)
    }
  })
})

describe('crisis services through REST', () => {
  test('a member cannot add one (403, nothing stored)', async () => {
    const name = `Member Line ${unique('svc')}`
    const r = await api(hostile, nosy, 'POST', '/api/crisis-services', { locality: loc['lancashire-county'], name, phone: '0800 000 000' })
    expect(r.status).toBe(403)
    expect((await db().count({ collection: 'crisis-services', where: { name: { equals: name } }, overrideAccess: true })).totalDocs).toBe(0)
  })

  test('a moderator of lancashire-east cannot add one for lancashire-north (and can for east)', async () => {
    const name = `Wrong Place Line ${unique('svc')}`
    const r = await api(hostile, eastModerator, 'POST', '/api/crisis-services', { locality: loc['lancashire-north'], name, phone: '0800 000 001' })
    expect(r.status).toBe(403)
    expect((await db().count({ collection: 'crisis-services', where: { name: { equals: name } }, overrideAccess: true })).totalDocs).toBe(0)

    const own = await api(hostile, eastModerator, 'POST', '/api/crisis-services', { locality: loc['lancashire-east'], name: `Right Place Line ${unique('svc')}`, phone: '0800 000 002' })
    expect(own.status, own.text.slice(0, 200)).toBe(201)
    // Nor can they move their own service to a locality they do not moderate.
    const moved = await api(hostile, eastModerator, 'PATCH', `/api/crisis-services/${own.json.doc.id}`, { locality: loc['lancashire-north'] })
    expect(String(idOf((await storedDoc('crisis-services', own.json.doc.id)).locality)), `PATCH gave ${moved.status}`).toBe(String(loc['lancashire-east']))
  })
})
