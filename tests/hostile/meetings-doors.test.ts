// Hostile: meetings, minutes, "you said, we did" and the commissioners' report (issue 5, "Tests → Hostile").
//
// One real server. Meetings are arranged through the Local API on its database; everything is then
// asked over HTTP the way an attacker would: pages, REST (by id, lists, depth, select, where-queries on
// the hidden fields, count), the three ICS feeds, the sitemap, search, the Atom feed, /you-said-we-did
// and /reports. Each secret (draft minutes, approved minutes, members-only minutes, online joining
// details) is a unique word; no response to someone who may not read it may carry it. Controls (public
// published minutes, a member reading members-only minutes, a moderator reading drafts, a reporter
// reading the report) prove that each check can fail.
import { beforeAll, describe, expect, test } from 'vitest'

import { giveConsent, submitStory, withdrawStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { MEMBER_TYPES } from '../../src/policies/memberTypes.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { RELAXED_LIMITS, api as restAs, docIds, localityIds, makeMember, newThread, textOf, updateSettings, type ApiResult, type Member, type Posted, type Who } from './forumHelpers.js'
import { emailsIn, settle, signedIn, unique, useHostileServer, userAsActor } from './helpers.js'

const hostile = useHostileServer('meetings-doors')
const db = () => hostile.payload as any

const DAY = 24 * 60 * 60 * 1000

// ---------------------------------------------------------------------------------------------
// Every response is recorded, so the last test can insist that nothing answered 5xx.
// ---------------------------------------------------------------------------------------------
type Got = { path: string; status: number; text: string; headers: Headers; json?: any }
const answered: { who: string; what: string; status: number }[] = []

async function page(client: WebClient, who: string, path: string): Promise<Got> {
  const response = await client.get(path)
  const text = await response.text()
  answered.push({ who, what: `GET ${path}`, status: response.status })
  return { path, status: response.status, text, headers: response.headers }
}

async function form(client: WebClient, who: string, path: string, fields: Record<string, string>): Promise<Got> {
  const response = await client.postForm(path, fields)
  const text = await response.text()
  answered.push({ who, what: `POST ${path}`, status: response.status })
  return { path, status: response.status, text, headers: response.headers }
}

async function rest(who: Who | null, method: string, path: string, body?: unknown): Promise<ApiResult & { path: string }> {
  const result = await restAs(hostile, who, method, path, body)
  answered.push({ who: who?.email ?? 'visitor', what: `${method} ${path}`, status: result.status })
  return { ...result, path }
}

/** ICS lines are folded at 75 octets ("\r\n "): a secret must not hide across a fold. */
const unfold = (text: string) => text.replace(/\r?\n[ \t]/g, '')
const leaksIn = (text: string, secrets: string[]) => secrets.filter((s) => text.includes(s) || unfold(text).includes(s))
const isRedirectToLogin = (got: Got) => [301, 302, 303, 307, 308].includes(got.status) && /\/login\b/.test(got.headers.get('location') ?? '')
const refusedOrSilent = (got: ApiResult, id: number | string) => (got.status >= 400 && got.status < 500) || (got.status === 200 && !docIds(got).includes(String(id)))

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------
const S = {
  draft: unique('draftminutes'),
  approved: unique('approvedminutes'),
  members: unique('membersminutes'),
  online: unique('joiningsecret'),
  pub: unique('publicminutes'),
}

type MeetingFixture = { id: number | string; title: string }
let loc: Record<string, number | string> = {}
let mDraft: MeetingFixture, mApproved: MeetingFixture, mMembers: MeetingFixture, mPublic: MeetingFixture, mFuture: MeetingFixture
let mClose: MeetingFixture, mWrite: MeetingFixture
let nosy: Member, reporter: Member, eastMod: Member, northMod: Member, threadAuthor: Member, storyAuthor: Member
const typedMembers: Member[] = []
let northThread: Posted, countyThread: Posted
type StoryFixture = { id: number | string; slug: string; title: string; titleMarker: string; summaryMarker: string }
let quoted: StoryFixture, unquoted: StoryFixture, withdrawn: StoryFixture, draftStory: StoryFixture
let penName = ''
let leakEmail = ''
const LEAK_PHONE = '07700 900123'
const actionDescriptions: Record<string, string> = {}
let actionNorthId: number | string

const who = (m: { email: string; password: string }): Who => ({ email: m.email, password: m.password })
const seededModerator = (): Who => ({ email: 'moderator@waymark.example', password: hostile.server.seedPassword })
const visitor = () => new WebClient(hostile.server.url)
const signIn = (m: Who) => signedIn(hostile.server, m.email, m.password)

const readMeeting = async (id: number | string) => (await db().findByID({ collection: 'meetings', id, overrideAccess: true, depth: 0 })) as any

async function makeMeeting(spec: {
  key: string
  days: number
  locality?: string
  status?: 'scheduled' | 'held'
  minutes?: string
  visibility?: 'public' | 'members'
  minutesTo?: 'draft' | 'approved' | 'published'
  agenda?: Record<string, unknown>[]
}): Promise<MeetingFixture> {
  const title = `Meeting ${spec.key} ${unique('mt')}`
  const start = new Date(Date.now() + spec.days * DAY)
  start.setUTCHours(17, 0, 0, 0)
  const held = spec.status === 'held'
  const doc: any = await settle(() =>
    db().create({
      collection: 'meetings',
      data: {
        locality: loc[spec.locality ?? 'lancashire-north'],
        title,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * 60 * 60 * 1000).toISOString(),
        venue: { name: `Hall ${unique('v')}`, address: '1 Church Street, Lancaster', accessibility: 'Step-free entrance; hearing loop.' },
        online: `Join at https://meet.example/${S.online} with passcode ${S.online}`,
        status: spec.status ?? 'scheduled',
        ...(held ? { attendance: { total: 30, firstTimers: 5 } } : {}),
        ...(spec.minutes ? { minutes: markdownToLexical(spec.minutes), minutesVisibility: spec.visibility ?? 'members' } : {}),
        ...(spec.agenda ? { agenda: spec.agenda } : {}),
      },
      overrideAccess: true,
    }),
  )
  const steps = spec.minutesTo === 'published' ? ['approved', 'published'] : spec.minutesTo === 'approved' ? ['approved'] : []
  for (const step of steps) await settle(() => db().update({ collection: 'meetings', id: doc.id, data: { minutesStatus: step }, overrideAccess: true }))
  const stored = await readMeeting(doc.id)
  if (spec.minutesTo && stored.minutesStatus !== spec.minutesTo) throw new Error(`Arrange failed: meeting ${spec.key} has minutes ${stored.minutesStatus}`)
  return { id: doc.id, title }
}

async function makeStory(key: string, consent: { quoteInReports: boolean; byline: 'anonymous' | 'pen-name'; penName?: string }, to: 'draft' | 'published' | 'withdrawn') {
  const titleMarker = unique(`${key}title`)
  const summaryMarker = unique(`${key}summary`)
  const author = await userAsActor(hostile.payload, storyAuthor.id)
  const summary = key === 'quoted' ? `${summaryMarker} The group helped. Write to ${leakEmail} or ring ${LEAK_PHONE}.` : `${summaryMarker} A week at a time.`
  const story = (await settle(() =>
    db().create({
      collection: 'stories',
      data: {
        title: `Story ${titleMarker}`,
        summary,
        body: markdownToLexical(`The long road back, ${unique('body')}.`),
        themes: ['hope'],
        locality: loc['lancashire-north'],
        contentWarnings: [],
      },
      overrideAccess: false,
      user: author,
    }),
  )) as any
  await settle(() => giveConsent(hostile.payload, author, story.id, { audience: 'public', ...consent }))
  if (to !== 'draft') {
    const moderator = (await db().find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, limit: 1 })).docs[0]
    await settle(() => submitStory(hostile.payload, author, story.id))
    await settle(() => moderateStory({ payload: hostile.payload, moderator: { ...moderator, collection: 'users' }, storyId: story.id, action: 'approve' }))
    if (to === 'withdrawn') await settle(() => withdrawStory(hostile.payload, author, story.id))
  }
  const stored = (await db().findByID({ collection: 'stories', id: story.id, overrideAccess: true, depth: 0 })) as any
  if (stored.status !== to) throw new Error(`Arrange failed: story ${key} is ${stored.status}, expected ${to}`)
  return { id: story.id, slug: String(stored.slug ?? ''), title: stored.title, titleMarker, summaryMarker }
}

beforeAll(async () => {
  await updateSettings(hostile, RELAXED_LIMITS)
  loc = await localityIds(hostile)
  leakEmail = `${unique('leak')}@example.org`
  penName = `Pen ${unique('pn')}`
  ;[nosy, reporter, eastMod, northMod, threadAuthor, storyAuthor] = await Promise.all([
    settle(() => createMember(hostile.payload, { displayName: `Nosy ${unique('n')}` })),
    settle(() => createMember(hostile.payload, { displayName: `Reporter ${unique('r')}`, roles: ['member', 'reporter'] as never })),
    settle(() => createMember(hostile.payload, { displayName: `East Mod ${unique('e')}`, roles: ['moderator'] })),
    settle(() => createMember(hostile.payload, { displayName: `North Mod ${unique('m')}`, roles: ['moderator'] })),
    makeMember(hostile, { established: true, name: 'Threads' }),
    settle(() => createMember(hostile.payload, { displayName: `Writer ${unique('w')}` })),
  ])
  for (const type of MEMBER_TYPES) typedMembers.push(await settle(() => createMember(hostile.payload, { memberType: type.value, displayName: `Type ${unique('t')}` })))
  await settle(() => db().update({ collection: 'users', id: eastMod.id, data: { moderatorLocalities: [loc['lancashire-east']] }, overrideAccess: true }))
  await settle(() => db().update({ collection: 'users', id: northMod.id, data: { moderatorLocalities: [loc['lancashire-north']] }, overrideAccess: true }))

  northThread = await newThread(hostile, who(threadAuthor), loc['lancashire-north']!) // members-only forum
  countyThread = await newThread(hostile, who(threadAuthor), loc['lancashire-county']!) // public forum

  mDraft = await makeMeeting({ key: 'draft', days: -40, status: 'held', minutes: `We agreed ${S.draft} for the spring.`, visibility: 'public', minutesTo: 'draft' })
  mApproved = await makeMeeting({ key: 'approved', days: -30, status: 'held', minutes: `We agreed ${S.approved} for the summer.`, visibility: 'public', minutesTo: 'approved' })
  mMembers = await makeMeeting({ key: 'members', days: -20, status: 'held', minutes: `Members noted ${S.members}.`, visibility: 'members', minutesTo: 'published' })
  mPublic = await makeMeeting({
    key: 'public',
    days: -10,
    status: 'held',
    minutes: `Everyone may read ${S.pub}.`,
    visibility: 'public',
    minutesTo: 'published',
    agenda: [{ title: `Hub update ${unique('ag')}`, presenter: 'The chair', thread: northThread.id }],
  })
  mFuture = await makeMeeting({ key: 'future', days: 9 })
  mClose = await makeMeeting({ key: 'close', days: -2 })
  mWrite = await makeMeeting({ key: 'write', days: 20 })

  quoted = await makeStory('quoted', { quoteInReports: true, byline: 'pen-name', penName }, 'published')
  unquoted = await makeStory('unquoted', { quoteInReports: false, byline: 'anonymous' }, 'published')
  withdrawn = await makeStory('withdrawn', { quoteInReports: true, byline: 'anonymous' }, 'withdrawn')
  draftStory = await makeStory('draftstory', { quoteInReports: false, byline: 'anonymous' }, 'draft')

  const actions: [string, Record<string, unknown>][] = [
    ['northThread', { thread: northThread.id, meeting: mPublic.id }],
    ['countyThread', { thread: countyThread.id }],
    ['draftStory', { story: draftStory.id, locality: loc['lancashire-north'] }],
    ['withdrawnStory', { story: withdrawn.id, locality: loc['lancashire-north'] }],
    ['publicStory', { story: quoted.id, locality: loc['lancashire-north'] }],
  ]
  for (const [key, links] of actions) {
    const description = `Raised ${unique(`${key.toLowerCase()}act`)}`
    actionDescriptions[key] = description
    const doc: any = await settle(() => db().create({ collection: 'actions', data: { description, owner: 'DAAT', status: 'open', ...links }, overrideAccess: true }))
    if (key === 'northThread') actionNorthId = doc.id
  }
}, 240_000)

// ---------------------------------------------------------------------------------------------
// The doors
// ---------------------------------------------------------------------------------------------
const meetingIds = () => [mDraft, mApproved, mMembers, mPublic, mFuture].map((m) => m.id)

function pageDoors(): string[] {
  return [
    ...meetingIds().map((id) => `/meetings/${id}`),
    `/meetings/${mDraft.id}?draft=true&preview=true`,
    '/meetings',
    '/meetings?locality=lancashire-north',
    '/meetings?page=2',
    '/localities/lancashire-north',
    '/',
    '/meetings.ics',
    '/localities/lancashire-north/meetings.ics',
    '/localities/lancashire-county/meetings.ics',
    ...meetingIds().map((id) => `/meetings/${id}/calendar.ics`),
    '/sitemap.xml',
    '/sitemap-1.xml',
    '/feed.xml',
    '/you-said-we-did',
    '/you-said-we-did?locality=lancashire-north',
    '/you-said-we-did?locality=lancashire-north&status=open',
  ]
}

function restDoors(): string[] {
  const doors = [
    '/api/meetings',
    '/api/meetings?limit=500&depth=2',
    '/api/meetings?limit=500&draft=true',
    '/api/meetings?limit=500&select[minutes]=true&select[online]=true&select[title]=true',
    `/api/meetings?where[locality][equals]=${loc['lancashire-north']}&limit=500&depth=1`,
    '/api/meetings?where[minutesStatus][in]=draft,approved&limit=500',
    '/api/actions?limit=500&depth=3',
    '/api/localities?limit=100&depth=3',
    '/api/meeting-reminders?limit=500&depth=2',
  ]
  for (const id of meetingIds()) {
    doors.push(`/api/meetings/${id}`, `/api/meetings/${id}?depth=3&draft=true`, `/api/meetings/${id}?select[minutes]=true&select[online]=true`)
    doors.push(`/api/meetings?where[id][equals]=${id}&depth=2`)
  }
  return doors
}

/** Where-queries on a hidden field: each must be refused (4xx) or answered without the meeting. */
function whereDoors(field: 'minutes' | 'online', secret: string, id: number | string): string[] {
  return [
    `/api/meetings?where[${field}][like]=${secret}`,
    `/api/meetings?where[${field}][contains]=${secret}`,
    `/api/meetings?where[${field}][equals]=${secret}`,
    `/api/meetings?where[and][0][id][equals]=${id}&where[and][1][${field}][like]=${secret}`,
    `/api/meetings?where[or][0][${field}][like]=${secret}&where[or][1][id][equals]=0`,
    `/api/meetings?where[and][0][id][equals]=${id}&where[and][1][${field}][exists]=true`,
    `/api/meetings/count?where[${field}][like]=${secret}`,
    `/api/actions?where[meeting.${field}][like]=${secret}&depth=0`,
  ]
}

async function leaksThroughDoors(viewer: { name: string; client: WebClient; rest: Who | null }, secrets: string[]): Promise<string[]> {
  const problems: string[] = []
  for (const path of pageDoors()) {
    const got = await page(viewer.client, viewer.name, path)
    if (got.status >= 500) problems.push(`${path} answered ${got.status}`)
    const words = leaksIn(got.text, secrets)
    if (words.length) problems.push(`${path} (${got.status}) carries ${words.join(', ')}`)
  }
  for (const path of restDoors()) {
    const got = await rest(viewer.rest, 'GET', path)
    if (got.status >= 500) problems.push(`${path} answered ${got.status}`)
    const words = leaksIn(got.text, secrets)
    if (words.length) problems.push(`${path} (${got.status}) carries ${words.join(', ')}`)
  }
  return problems
}

async function oracleProblems(viewer: Who | null, field: 'minutes' | 'online', secret: string, meetings: MeetingFixture[]): Promise<string[]> {
  const problems: string[] = []
  for (const m of meetings) {
    for (const path of whereDoors(field, secret, m.id)) {
      const got = await rest(viewer, 'GET', path)
      if (got.status >= 500) problems.push(`${path} answered ${got.status}`)
      if (leaksIn(got.text, [secret]).length) problems.push(`${path} (${got.status}) echoes the secret`)
      if (path.includes('/count?')) {
        if (got.status === 200 && Number(got.json?.totalDocs) !== 0) problems.push(`${path} counts ${got.json?.totalDocs}`)
      } else if (!path.startsWith('/api/actions') && !refusedOrSilent(got, m.id)) {
        problems.push(`${path} answered ${got.status} listing meeting ${m.id}`)
      }
    }
  }
  return problems
}

// ---------------------------------------------------------------------------------------------
// Draft and approved minutes
// ---------------------------------------------------------------------------------------------
describe('draft and approved minutes', () => {
  test('the meeting page shows them to no visitor or member; every moderator sees them, marked', async () => {
    const member = await signIn(who(nosy))
    for (const [name, client] of [
      ['visitor', visitor()],
      ['member', member],
    ] as const) {
      for (const m of [mDraft, mApproved]) {
        const got = await page(client, name, `/meetings/${m.id}`)
        expect(got.status, `${name} /meetings/${m.id}`).toBe(200)
        expect(got.text, `${name} sees the meeting itself`).toContain(m.title)
        expect(leaksIn(got.text, [S.draft, S.approved]), `${name} /meetings/${m.id}`).toEqual([])
      }
    }
    for (const [name, client] of [
      ['seeded moderator', await signIn(seededModerator())],
      ['moderator of another locality', await signIn(who(eastMod))],
    ] as const) {
      const draft = await page(client, name, `/meetings/${mDraft.id}`)
      expect(draft.text, `${name} sees the draft minutes`).toContain(S.draft)
      expect(textOf(draft.text).split(S.draft).join(''), `${name}: the draft is marked as such`).toMatch(/draft/i)
      const approved = await page(client, name, `/meetings/${mApproved.id}`)
      expect(approved.text, `${name} sees the approved minutes`).toContain(S.approved)
    }
  })

  test('no page, feed, calendar, list or REST read carries them (visitor and member)', async () => {
    const viewers = [
      { name: 'visitor', client: visitor(), rest: null },
      { name: 'member', client: await signIn(who(nosy)), rest: who(nosy) },
    ]
    for (const viewer of viewers) expect(await leaksThroughDoors(viewer, [S.draft, S.approved]), viewer.name).toEqual([])
    // Controls: the same doors do carry published public minutes, and the sitemap lists the meetings.
    const sitemap = await page(visitor(), 'visitor', '/sitemap-1.xml')
    expect(sitemap.text).toContain(`/meetings/${mFuture.id}`)
    expect(sitemap.text).toContain('/you-said-we-did')
    expect((await page(visitor(), 'visitor', `/meetings/${mPublic.id}`)).text).toContain(S.pub)
    expect((await rest(null, 'GET', `/api/meetings/${mPublic.id}`)).text).toContain(S.pub)
  })

  test('where-queries on minutes are refused or answer nothing: no yes/no oracle', async () => {
    for (const viewer of [null, who(nosy)]) {
      expect(await oracleProblems(viewer, 'minutes', S.draft, [mDraft]), viewer?.email ?? 'visitor').toEqual([])
      expect(await oracleProblems(viewer, 'minutes', S.approved, [mApproved]), viewer?.email ?? 'visitor').toEqual([])
    }
  })

  test('search finds nothing through them', async () => {
    for (const [name, client] of [
      ['visitor', visitor()],
      ['member', await signIn(who(nosy))],
    ] as const) {
      for (const [secret, m] of [
        [S.draft, mDraft],
        [S.approved, mApproved],
      ] as const) {
        const got = await page(client, name, `/search?q=${encodeURIComponent(secret)}`)
        expect(got.status, name).toBeLessThan(500)
        const remainder = got.text.split(secret).join('') // the page echoes the query back
        expect(remainder, `${name} search for ${secret}`).not.toContain(m.title)
        expect(remainder, `${name} search for ${secret}`).not.toMatch(new RegExp(`/meetings/${m.id}(?![0-9])`))
        expect(leaksIn(remainder, [S.draft, S.approved]), name).toEqual([])
      }
    }
  })
})

// ---------------------------------------------------------------------------------------------
// Members-only minutes and joining details, seen by a visitor
// ---------------------------------------------------------------------------------------------
describe('members-only minutes and online joining details', () => {
  test('the page: a visitor sees neither (and is asked to sign in); a member sees both', async () => {
    for (const m of [mMembers, mFuture]) {
      const got = await page(visitor(), 'visitor', `/meetings/${m.id}`)
      expect(got.status).toBe(200)
      expect(got.text).toContain(m.title)
      expect(leaksIn(got.text, [S.members, S.online]), `/meetings/${m.id}`).toEqual([])
    }
    expect(textOf((await page(visitor(), 'visitor', `/meetings/${mFuture.id}`)).text)).toMatch(/sign in to see how to join online/i)
    const member = await signIn(who(nosy))
    expect((await page(member, 'member', `/meetings/${mMembers.id}`)).text).toContain(S.members)
    expect((await page(member, 'member', `/meetings/${mFuture.id}`)).text).toContain(S.online)
  })

  test('no visitor door carries them: pages, lists, feeds, calendars, REST', async () => {
    expect(await leaksThroughDoors({ name: 'visitor', client: visitor(), rest: null }, [S.members, S.online])).toEqual([])
  })

  test('REST: find, findByID and where on online or minutes tell a visitor nothing; a member reads them', async () => {
    expect(await oracleProblems(null, 'online', S.online, [mFuture, mMembers])).toEqual([])
    expect(await oracleProblems(null, 'minutes', S.members, [mMembers])).toEqual([])
    const byId = await rest(who(nosy), 'GET', `/api/meetings/${mMembers.id}`)
    expect(byId.status).toBe(200)
    expect(byId.text).toContain(S.members)
    expect(byId.text).toContain(S.online)
    const list = await rest(who(nosy), 'GET', `/api/meetings?where[id][equals]=${mFuture.id}`)
    expect(list.text).toContain(S.online)
  })

  test('the ICS feeds never carry joining details or minutes, even for a signed-in member; they list the meetings', async () => {
    const member = await signIn(who(nosy))
    const feeds = ['/meetings.ics', '/localities/lancashire-north/meetings.ics', ...meetingIds().map((id) => `/meetings/${id}/calendar.ics`)]
    for (const [name, client] of [
      ['visitor', visitor()],
      ['member', member],
    ] as const) {
      for (const path of feeds) {
        const got = await page(client, name, path)
        expect(got.status, `${name} ${path}`).toBe(200)
        expect(got.headers.get('content-type') ?? '', path).toMatch(/^text\/calendar/)
        expect(leaksIn(got.text, [S.members, S.online, S.draft, S.approved, S.pub]), `${name} ${path}`).toEqual([])
      }
    }
    const all = unfold((await page(visitor(), 'visitor', '/meetings.ics')).text)
    expect(all).toContain(`UID:meeting-${mFuture.id}@`)
    expect(all).toContain(mFuture.title)
    const one = unfold((await page(visitor(), 'visitor', `/meetings/${mMembers.id}/calendar.ics`)).text)
    expect(one).toContain(`UID:meeting-${mMembers.id}@`)
  })
})

// ---------------------------------------------------------------------------------------------
// The commissioners' report
// ---------------------------------------------------------------------------------------------
describe('/reports', () => {
  test('members are refused whatever memberType they declare, even after trying to give themselves the role', async () => {
    for (const member of typedMembers) {
      const client = await signIn(who(member))
      for (const path of ['/reports', '/reports?months=24', '/reports.csv', '/reports.csv?months=3']) {
        const got = await page(client, `member (${member.memberType})`, path)
        expect(got.status, `${member.memberType} ${path}`).toBe(403)
        expect(got.text).not.toMatch(/scope,measure,category,value/)
      }
    }
    // An attacker tries to become a reporter, or a commissioner, through REST.
    const attacker = typedMembers.find((m) => m.memberType === 'professional')!
    await rest(who(attacker), 'PATCH', `/api/users/${attacker.id}`, { roles: ['member', 'reporter'], memberType: 'commissioner' })
    const stored = (await db().findByID({ collection: 'users', id: attacker.id, overrideAccess: true, depth: 0 })) as any
    expect(stored.roles).not.toContain('reporter')
    const client = await signIn(who(attacker))
    expect((await page(client, 'member (self-declared commissioner)', '/reports')).status).toBe(403)
    expect((await page(client, 'member (self-declared commissioner)', '/reports.csv')).status).toBe(403)
  })

  test('visitors are sent to sign in (page) or refused (CSV)', async () => {
    const pageAnswer = await page(visitor(), 'visitor', '/reports')
    expect(isRedirectToLogin(pageAnswer), `status ${pageAnswer.status} location ${pageAnswer.headers.get('location')}`).toBe(true)
    const csv = await page(visitor(), 'visitor', '/reports.csv')
    expect([401, 403].includes(csv.status) || isRedirectToLogin(csv), `status ${csv.status}`).toBe(true)
    expect(csv.text).not.toMatch(/scope,measure,category,value/)
  })

  test('a reporter and a moderator get the report and the CSV', async () => {
    for (const [name, client] of [
      ['reporter', await signIn(who(reporter))],
      ['moderator', await signIn(seededModerator())],
    ] as const) {
      const html = await page(client, name, '/reports')
      expect(html.status, name).toBe(200)
      expect(html.headers.get('content-type') ?? '').toMatch(/text\/html/)
      const csv = await page(client, name, '/reports.csv?months=24')
      expect(csv.status, name).toBe(200)
      expect(csv.headers.get('content-type') ?? '').toMatch(/^text\/csv/)
      expect(
        csv.text
          .split(/\r?\n/)[0]!
          .replace(/^\uFEFF/, '')
          .trim(),
      ).toBe('scope,measure,category,value')
    }
  })

  test('no personal data: no author email, display name, pen name or title; only current quoteInReports consents', async () => {
    const client = await signIn(who(reporter))
    const seededPeople = ['Sunrise Walker', 'Ribble Rover', 'Allotment Al', 'Kettle On', 'sunrise@waymark.example', 'ribble@waymark.example']
    const seededTitles = ['The first meeting I nearly walked out of', 'Volunteering gave my week a shape', 'Loving someone who is still using']
    const forbidden = [
      storyAuthor.email,
      storyAuthor.displayName,
      penName,
      leakEmail,
      LEAK_PHONE,
      ...[quoted, unquoted, withdrawn, draftStory].map((s) => s.titleMarker),
      unquoted.summaryMarker,
      withdrawn.summaryMarker,
      draftStory.summaryMarker,
      ...seededPeople,
      ...seededTitles,
      S.draft,
      S.approved,
      S.online,
    ]
    const bodies: Got[] = []
    for (const path of ['/reports', '/reports?months=24', '/reports?months=3', '/reports.csv', '/reports.csv?months=24']) {
      const got = await page(client, 'reporter', path)
      expect(got.status, path).toBe(200)
      bodies.push(got)
      const text = `${got.text}\n${textOf(got.text)}`
      expect(leaksIn(text, forbidden), path).toEqual([])
      expect(
        emailsIn(got.text).filter((e) => e !== reporter.email.toLowerCase()),
        path,
      ).toEqual([])
    }
    // Control: with at most five published stories on the site, the consented quote is among the five.
    const published = (await db().count({ collection: 'stories', where: { status: { equals: 'published' } }, overrideAccess: true })).totalDocs
    if (published <= 5) {
      const report = bodies[0]!.text
      expect(report, 'the consented quote appears in the report').toContain(quoted.summaryMarker)
      expect(report).toContain('[removed]')
    }
  })
})

// ---------------------------------------------------------------------------------------------
// You said, we did
// ---------------------------------------------------------------------------------------------
describe('/you-said-we-did', () => {
  test('never shows the title or link of a members-only thread or an unpublished or withdrawn story; shows public ones', async () => {
    // Unpublished and withdrawn stories: nobody but their author may read them, so no viewer sees them here.
    const storySecrets = [draftStory.titleMarker, withdrawn.titleMarker, ...(draftStory.slug ? [draftStory.slug] : []), ...(withdrawn.slug ? [withdrawn.slug] : [])]
    // The members-only thread: a visitor could not read it.
    const threadSecrets = [northThread.titleMarker, northThread.bodyMarker]
    const threadLink = new RegExp(`/threads/${northThread.id}(?![0-9])`)
    const member = await signIn(who(nosy))
    for (const [name, client] of [
      ['visitor', visitor()],
      ['member', member],
    ] as const) {
      for (const path of ['/you-said-we-did', '/you-said-we-did?locality=lancashire-north', '/you-said-we-did?locality=lancashire-north&status=open', '/you-said-we-did?status=open']) {
        const got = await page(client, name, path)
        expect(got.status, `${name} ${path}`).toBe(200)
        expect(leaksIn(got.text, storySecrets), `${name} ${path}`).toEqual([])
        if (name === 'visitor') {
          expect(leaksIn(got.text, threadSecrets), `${name} ${path}`).toEqual([])
          expect(got.text, `${name} ${path}`).not.toMatch(threadLink)
        }
      }
    }
    const north = await page(visitor(), 'visitor', '/you-said-we-did?locality=lancashire-north&status=open')
    for (const key of ['northThread', 'draftStory', 'withdrawnStory', 'publicStory']) expect(north.text, `action ${key} is listed`).toContain(actionDescriptions[key])
    expect(north.text, 'a public story is linked').toContain(`/stories/${quoted.slug}`)
    const county = await page(visitor(), 'visitor', '/you-said-we-did?locality=lancashire-county&status=open')
    expect(county.text).toContain(actionDescriptions.countyThread)
    expect(county.text, 'a public thread is linked').toMatch(new RegExp(`/threads/${countyThread.id}(?![0-9])`))
  })

  test('the meeting page shows the action and agenda without the members-only thread to a visitor; a member sees the thread', async () => {
    const got = await page(visitor(), 'visitor', `/meetings/${mPublic.id}`)
    expect(got.text).toContain(actionDescriptions.northThread)
    expect(leaksIn(got.text, [northThread.titleMarker, northThread.bodyMarker])).toEqual([])
    expect(got.text).not.toMatch(new RegExp(`/threads/${northThread.id}(?![0-9])`))
    const member = await page(await signIn(who(nosy)), 'member', `/meetings/${mPublic.id}`)
    expect(member.text, 'a member who can read the thread sees the agenda link').toMatch(new RegExp(`/threads/${northThread.id}(?![0-9])`))
  })
})

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------
const refusedWrite = (status: number) => [401, 403, 404, 405].includes(status)

describe('writes through REST', () => {
  test('members and visitors cannot create, update or delete meetings or actions, or generate a series', async () => {
    const before = await readMeeting(mWrite.id)
    for (const viewer of [null, who(nosy), who(reporter)]) {
      const name = viewer?.email ?? 'visitor'
      const marker = unique('forged')
      const created = await rest(viewer, 'POST', '/api/meetings', {
        locality: loc['lancashire-north'],
        title: `Forged ${marker}`,
        startsAt: new Date(Date.now() + 30 * DAY).toISOString(),
        endsAt: new Date(Date.now() + 30 * DAY + 3_600_000).toISOString(),
      })
      expect([401, 403], `${name} POST /api/meetings gave ${created.status}`).toContain(created.status)
      expect((await db().count({ collection: 'meetings', where: { title: { equals: `Forged ${marker}` } }, overrideAccess: true })).totalDocs).toBe(0)

      const patched = await rest(viewer, 'PATCH', `/api/meetings/${mWrite.id}`, { title: `Hacked ${marker}`, online: `evil ${marker}`, status: 'cancelled', cancellationReason: marker })
      expect(refusedWrite(patched.status), `${name} PATCH gave ${patched.status}`).toBe(true)
      const bulk = await rest(viewer, 'PATCH', `/api/meetings?where[id][equals]=${mWrite.id}`, { title: `Bulk ${marker}` })
      expect(bulk.status, name).toBeLessThan(500)
      const deleted = await rest(viewer, 'DELETE', `/api/meetings/${mWrite.id}`)
      expect(refusedWrite(deleted.status), `${name} DELETE gave ${deleted.status}`).toBe(true)
      const after = await readMeeting(mWrite.id)
      expect(after.title, name).toBe(before.title)
      expect(after.online, name).toBe(before.online)
      expect(after.status, name).toBe('scheduled')

      const action = await rest(viewer, 'POST', '/api/actions', { description: `Forged ${marker}`, meeting: mWrite.id })
      expect([401, 403], `${name} POST /api/actions gave ${action.status}`).toContain(action.status)
      expect((await db().count({ collection: 'actions', where: { description: { equals: `Forged ${marker}` } }, overrideAccess: true })).totalDocs).toBe(0)
      const actionPatch = await rest(viewer, 'PATCH', `/api/actions/${actionNorthId}`, { status: 'done', outcome: `Forged ${marker}` })
      expect(refusedWrite(actionPatch.status), `${name} PATCH action gave ${actionPatch.status}`).toBe(true)
      const storedAction = (await db().findByID({ collection: 'actions', id: actionNorthId, overrideAccess: true, depth: 0 })) as any
      expect(storedAction.status).toBe('open')
      expect(String(storedAction.outcome ?? '')).not.toContain(marker)

      const series = await rest(viewer, 'POST', '/api/meetings/generate-series', { locality: loc['lancashire-north'], count: 3, firstDate: '2030-01-07' })
      expect([401, 403], `${name} generate-series gave ${series.status}`).toContain(series.status)
      expect((await db().count({ collection: 'meetings', where: { nominalDate: { equals: '2030-01-07' } }, overrideAccess: true })).totalDocs).toBe(0)

      const ledger = await rest(viewer, 'GET', '/api/meeting-reminders')
      expect([401, 403], `${name} GET /api/meeting-reminders gave ${ledger.status}`).toContain(ledger.status)
    }
  })

  test("a moderator of another locality cannot touch this locality's meetings or actions, nor move one in", async () => {
    const east = who(eastMod)
    const before = await readMeeting(mWrite.id)
    const marker = unique('eastmod')
    const patched = await rest(east, 'PATCH', `/api/meetings/${mWrite.id}`, { title: `Taken ${marker}` })
    expect(refusedWrite(patched.status), `PATCH gave ${patched.status}`).toBe(true)
    expect((await readMeeting(mWrite.id)).title).toBe(before.title)
    const created = await rest(east, 'POST', '/api/meetings', {
      locality: loc['lancashire-north'],
      title: `North by east ${marker}`,
      startsAt: new Date(Date.now() + 40 * DAY).toISOString(),
      endsAt: new Date(Date.now() + 40 * DAY + 3_600_000).toISOString(),
    })
    expect([401, 403], `POST in north gave ${created.status}`).toContain(created.status)
    expect((await db().count({ collection: 'meetings', where: { title: { equals: `North by east ${marker}` } }, overrideAccess: true })).totalDocs).toBe(0)
    const action = await rest(east, 'PATCH', `/api/actions/${actionNorthId}`, { status: 'dropped' })
    expect(refusedWrite(action.status), `PATCH action gave ${action.status}`).toBe(true)
    expect(((await db().findByID({ collection: 'actions', id: actionNorthId, overrideAccess: true, depth: 0 })) as any).status).toBe('open')
    const series = await rest(east, 'POST', '/api/meetings/generate-series', { locality: loc['lancashire-north'], count: 2, firstDate: '2030-02-04' })
    expect([401, 403], `generate-series in north gave ${series.status}`).toContain(series.status)
    expect((await db().count({ collection: 'meetings', where: { nominalDate: { equals: '2030-02-04' } }, overrideAccess: true })).totalDocs).toBe(0)

    // Control: in their own locality they may; but they may not move that meeting into another locality.
    const own = await rest(east, 'POST', '/api/meetings', {
      locality: loc['lancashire-east'],
      title: `East own ${marker}`,
      startsAt: new Date(Date.now() + 50 * DAY).toISOString(),
      endsAt: new Date(Date.now() + 50 * DAY + 3_600_000).toISOString(),
    })
    expect(own.status, own.text.slice(0, 300)).toBe(201)
    const ownId = own.json?.doc?.id
    const moved = await rest(east, 'PATCH', `/api/meetings/${ownId}`, { locality: loc['lancashire-north'] })
    expect(refusedWrite(moved.status) || moved.status === 400, `moving it to north gave ${moved.status}`).toBe(true)
    expect(String((await readMeeting(ownId)).locality)).toBe(String(loc['lancashire-east']))
  })
})

describe('the close and minutes forms', () => {
  const closeFields = (token: string, marker: string, total: string, firstTimers: string) => ({
    _csrf: token,
    attendanceTotal: total,
    firstTimers,
    minutes: `Minutes kept ${marker} and more words`,
    minutesVisibility: 'public',
  })

  test("members get 403, visitors are sent to sign in, another locality's moderator gets 403; nothing is saved", async () => {
    const member = await signIn(who(nosy))
    const memberToken = await member.csrfToken('/account')
    const eastClient = await signIn(who(eastMod))
    const eastToken = await eastClient.csrfToken('/account')
    const anon = visitor()
    const anonToken = await anon.csrfToken('/login')
    const marker = unique('closeattack')

    for (const [name, client, token] of [
      ['member', member, memberToken],
      ['east moderator', eastClient, eastToken],
    ] as const) {
      expect((await page(client, name, `/meetings/${mClose.id}/close`)).status, `${name} GET close`).toBe(403)
      const closed = await form(client, name, `/meetings/${mClose.id}/close`, closeFields(token, marker, '40', '3'))
      expect(closed.status, `${name} POST close`).toBe(403)
      const decided = await form(client, name, `/meetings/${mApproved.id}/minutes`, { _csrf: token, decision: 'publish' })
      expect(decided.status, `${name} POST minutes publish`).toBe(403)
      const retracted = await form(client, name, `/meetings/${mPublic.id}/minutes`, { _csrf: token, decision: 'retract' })
      expect(retracted.status, `${name} POST minutes retract`).toBe(403)
    }
    const getClose = await page(anon, 'visitor', `/meetings/${mClose.id}/close`)
    expect(isRedirectToLogin(getClose), `visitor GET close gave ${getClose.status}`).toBe(true)
    for (const [path, fields] of [
      [`/meetings/${mClose.id}/close`, closeFields(anonToken, marker, '40', '3')],
      [`/meetings/${mApproved.id}/minutes`, { _csrf: anonToken, decision: 'publish' }],
      [`/meetings/${mPublic.id}/minutes`, { _csrf: anonToken, decision: 'retract' }],
    ] as const) {
      const got = await form(anon, 'visitor', path, fields)
      expect(isRedirectToLogin(got) || [401, 403].includes(got.status), `visitor POST ${path} gave ${got.status}`).toBe(true)
    }
    const close = await readMeeting(mClose.id)
    expect(close.status).toBe('scheduled')
    expect(close.attendance?.total ?? null).toBeNull()
    expect(JSON.stringify(close.minutes ?? null)).not.toContain(marker)
    expect((await readMeeting(mApproved.id)).minutesStatus).toBe('approved')
    expect((await readMeeting(mPublic.id)).minutesStatus).toBe('published')
  })

  test('bad numbers give a 400 page that keeps the typed minutes and saves nothing; a good close, approve and publish work', async () => {
    const mod = await signIn(who(northMod))
    const formPage = await page(mod, 'north moderator', `/meetings/${mClose.id}/close`)
    expect(formPage.status).toBe(200)
    const token = (formPage.text.match(/name="_csrf" value="([^"]+)"/) ?? [])[1] ?? (await mod.csrfToken('/account'))
    for (const [total, firstTimers] of [
      ['-3', '0'],
      ['10', '11'],
      ['ten', '2'],
      ['12', 'x'],
      ['5', '-1'],
    ]) {
      const marker = unique('kept')
      const got = await form(mod, 'north moderator', `/meetings/${mClose.id}/close`, closeFields(token, marker, total!, firstTimers!))
      expect(got.status, `total=${total} firstTimers=${firstTimers}`).toBe(400)
      expect(got.text, 'the typed minutes are kept').toContain(`Minutes kept ${marker} and more words`)
      expect(got.text).toMatch(/name="attendanceTotal"/)
      const stored = await readMeeting(mClose.id)
      expect(stored.status, `total=${total} firstTimers=${firstTimers}`).toBe('scheduled')
      expect(stored.attendance?.total ?? null).toBeNull()
      expect(JSON.stringify(stored.minutes ?? null)).not.toContain(marker)
    }

    const good = unique('goodminutes')
    const closed = await form(mod, 'north moderator', `/meetings/${mClose.id}/close`, closeFields(token, good, '25', '4'))
    expect([302, 303], `good close gave ${closed.status}: ${textOf(closed.text).slice(0, 300)}`).toContain(closed.status)
    let stored = await readMeeting(mClose.id)
    expect(stored.status).toBe('held')
    expect(Number(stored.attendance?.total)).toBe(25)
    expect(Number(stored.attendance?.firstTimers)).toBe(4)
    expect(stored.minutesStatus).toBe('draft')
    expect(JSON.stringify(stored.minutes)).toContain(good)
    expect((await page(visitor(), 'visitor', `/meetings/${mClose.id}`)).text, 'draft minutes stay hidden').not.toContain(good)

    // Draft straight to published is not a step the form may take.
    await form(mod, 'north moderator', `/meetings/${mClose.id}/minutes`, { _csrf: token, decision: 'publish' })
    expect((await readMeeting(mClose.id)).minutesStatus).toBe('draft')

    const approved = await form(mod, 'north moderator', `/meetings/${mClose.id}/minutes`, { _csrf: token, decision: 'approve' })
    expect(approved.status).toBe(303)
    expect(new URL(approved.headers.get('location') ?? '', hostile.server.url).pathname).toBe(`/meetings/${mClose.id}`)
    expect((await readMeeting(mClose.id)).minutesStatus).toBe('approved')
    expect((await page(visitor(), 'visitor', `/meetings/${mClose.id}`)).text, 'approved minutes stay hidden').not.toContain(good)
    const published = await form(mod, 'north moderator', `/meetings/${mClose.id}/minutes`, { _csrf: token, decision: 'publish' })
    expect(published.status).toBe(303)
    stored = await readMeeting(mClose.id)
    expect(stored.minutesStatus).toBe('published')
    expect((await page(visitor(), 'visitor', `/meetings/${mClose.id}`)).text, 'published public minutes are read by a visitor').toContain(good)
  })
})

describe('odd requests', () => {
  test('unknown or malformed meeting addresses are 404, never 500', async () => {
    const v = visitor()
    for (const path of [
      '/meetings/987654321',
      '/meetings/not-an-id',
      "/meetings/1'%20OR%201=1",
      '/meetings/987654321/calendar.ics',
      '/localities/nowhere-at-all/meetings.ics',
      '/meetings?locality=nowhere-at-all',
    ]) {
      const got = await page(v, 'visitor', path)
      expect(got.status, path).toBe(404)
    }
    for (const path of ['/meetings?page=-1', '/meetings?page=abc', '/you-said-we-did?status=bogus&locality=%27', '/reports?months=7']) {
      const got = await page(v, 'visitor', path)
      expect(got.status, path).toBeLessThan(500)
    }
    const ok = await page(await signIn(who(reporter)), 'reporter', '/reports?months=abc')
    expect(ok.status).toBeLessThan(500)
  })

  test('nothing this file asked answered with a server error', () => {
    expect(answered.length).toBeGreaterThan(100)
    expect(answered.filter((a) => a.status >= 500)).toEqual([])
  })
})
