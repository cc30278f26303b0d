// Hostile: writes a member must not be able to make through REST (issue 3, "Tests → Hostile").
// - A member cannot publish their own story: not with `status`, not with `_status`, not through a
//   moderation endpoint, not by restoring a version, not in bulk, not by creating it published, and
//   cannot lift a crisis hold or widen/extend consent by writing the copied consent fields.
// - Consent records are append-only: nobody (member, admin, another member) updates or deletes one
//   through REST, and even the Local API with overrideAccess: true refuses.
// Every outcome is re-read from the database; the HTTP status alone proves nothing.
import { beforeAll, describe, expect, test } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { restToken, settle, signedIn, unique, useHostileServer, userAsActor } from './helpers.js'

const hostile = useHostileServer('stories-rest-writes')
const CRISIS_PHRASE = "I don't want to wake up tomorrow"
const FUTURE = '2099-01-01T00:00:00.000Z'

type Member = Awaited<ReturnType<typeof createMember>>
type Actor = { name: string; client: WebClient; headers: Record<string, string> }

const asUser = (id: number | string) => userAsActor(hostile.payload, id)

const readStory = async (id: number | string) => (await hostile.payload.findByID({ collection: 'stories', id, overrideAccess: true, depth: 0 })) as any
const readConsent = async (id: number | string) => (await hostile.payload.findByID({ collection: 'consents', id, overrideAccess: true, depth: 0 })) as any
const consentCount = async () => (await hostile.payload.count({ collection: 'consents', overrideAccess: true })).totalDocs

let author: Member
let other: Member
let moderatorUser: any
let authorCookie: Actor
let authorJwt: Actor
let otherCookie: Actor
let adminCookie: Actor
let adminJwt: Actor
const visitor = () => new WebClient(hostile.server.url)

type Made = { id: number | string; slug: string; title: string; consentId: number | string }

async function makeStory(options: { crisis?: boolean; audience?: 'public' | 'members' } = {}): Promise<Made> {
  const user = await asUser(author.id)
  const title = `Attempt ${unique('pub')}`
  const story = (await settle(async () =>
    hostile.payload.create({
      collection: 'stories',
      data: {
        title,
        summary: 'A summary.',
        body: markdownToLexical(`A body about the first year.${options.crisis ? ` Most nights ${CRISIS_PHRASE}.` : ''}`),
        themes: ['hope'],
      } as any,
      overrideAccess: false,
      user,
    }),
  )) as any
  const consent = (await settle(async () => giveConsent(hostile.payload, user, story.id, { audience: options.audience ?? 'public', byline: 'anonymous', quoteInReports: false }))) as any
  if (!consent?.id) throw new Error('Arrange failed: giveConsent returned no record')
  return { id: story.id, slug: (await readStory(story.id)).slug, title, consentId: consent.id }
}

const send = (actor: Actor, method: string, path: string, body?: unknown) => actor.client.json(method, path, body, { headers: actor.headers })

/** The fields that decide whether and to whom a story is shown. */
const gate = (s: any) => ({
  status: s.status,
  crisisHold: s.crisisHold,
  publishedAt: s.publishedAt ?? null,
  consentAudience: s.consentAudience ?? null,
  consentExpiresAt: s.consentExpiresAt ?? null,
  consentWithdrawnAt: s.consentWithdrawnAt ?? null,
})

beforeAll(async () => {
  const payload = hostile.payload
  author = await createMember(payload)
  other = await createMember(payload)
  const mods = await payload.find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, limit: 1 })
  moderatorUser = { ...mods.docs[0], collection: 'users' }
  authorCookie = { name: 'author (cookie)', client: await signedIn(hostile.server, author.email, author.password), headers: {} }
  authorJwt = { name: 'author (JWT)', client: new WebClient(hostile.server.url), headers: { authorization: `JWT ${await restToken(hostile.server, author.email, author.password)}` } }
  otherCookie = { name: 'another member (cookie)', client: await signedIn(hostile.server, other.email, other.password), headers: {} }
  adminCookie = { name: 'admin (cookie)', client: await signedIn(hostile.server, 'admin@waymark.example', hostile.server.seedPassword), headers: {} }
  adminJwt = {
    name: 'admin (JWT)',
    client: new WebClient(hostile.server.url),
    headers: { authorization: `JWT ${await restToken(hostile.server, 'admin@waymark.example', hostile.server.seedPassword)}` },
  }
}, 120_000)

describe('control: the REST credentials used below work', () => {
  test.each(['author (cookie)', 'author (JWT)', 'another member (cookie)', 'admin (cookie)', 'admin (JWT)'])('%s is recognised by /api/users/me', async (name) => {
    const actor = [authorCookie, authorJwt, otherCookie, adminCookie, adminJwt].find((a) => a.name === name)!
    const response = await send(actor, 'GET', '/api/users/me')
    const body = (await response.json()) as any
    expect(response.status).toBe(200)
    expect(body.user?.id, `${name} is signed in over REST`).toBeTruthy()
  })
})

// ---------------------------------------------------------------------------------------------
// A member cannot publish their own story
// ---------------------------------------------------------------------------------------------
describe('a member cannot publish their own story through REST', () => {
  const states = [
    ['draft', async () => makeStory()],
    [
      'submitted',
      async () => {
        const s = await makeStory()
        await settle(async () => submitStory(hostile.payload, await asUser(author.id), s.id))
        return s
      },
    ],
    [
      'crisis-held',
      async () => {
        const s = await makeStory({ crisis: true })
        await settle(async () => submitStory(hostile.payload, await asUser(author.id), s.id))
        if (!(await readStory(s.id)).crisisHold) throw new Error('Arrange failed: not held')
        return s
      },
    ],
    [
      'changes_requested',
      async () => {
        const s = await makeStory()
        await settle(async () => submitStory(hostile.payload, await asUser(author.id), s.id))
        await settle(async () => moderateStory({ payload: hostile.payload, moderator: moderatorUser, storyId: s.id, action: 'request_changes', reason: 'Please remove the street name.' }))
        return s
      },
    ],
  ] as const

  const attempts: [string, (s: Made) => [string, string, unknown]][] = [
    ['PATCH status: published', (s) => ['PATCH', `/api/stories/${s.id}`, { status: 'published' }]],
    ['PATCH _status: published', (s) => ['PATCH', `/api/stories/${s.id}`, { _status: 'published' }]],
    ['PATCH ?draft=false with _status and status', (s) => ['PATCH', `/api/stories/${s.id}?draft=false`, { _status: 'published', status: 'published' }]],
    ['PATCH ?draft=true with _status', (s) => ['PATCH', `/api/stories/${s.id}?draft=true`, { _status: 'published' }]],
    [
      'PATCH everything that gates visibility',
      (s) => [
        'PATCH',
        `/api/stories/${s.id}`,
        { status: 'published', publishedAt: new Date().toISOString(), crisisHold: false, consentAudience: 'public', consentExpiresAt: FUTURE, consentWithdrawnAt: null, triageAction: null },
      ],
    ],
    ['PATCH bulk where[id]', (s) => ['PATCH', `/api/stories?where[id][equals]=${s.id}`, { status: 'published', _status: 'published' }]],
    ['POST /moderate approve', (s) => ['POST', `/api/stories/${s.id}/moderate`, { action: 'approve' }]],
    ['POST /moderate mark_safe', (s) => ['POST', `/api/stories/${s.id}/moderate`, { action: 'mark_safe' }]],
    ['POST /moderate approve (storyId in body)', () => ['POST', `/api/stories/moderate`, { action: 'approve' }]],
    ['version restore 1', () => ['POST', `/api/stories/versions/1`, {}]],
    ['version restore 2', () => ['POST', `/api/stories/versions/2`, {}]],
    ['version restore 3', () => ['POST', `/api/stories/versions/3`, {}]],
    ['version restore ?draft=false', () => ['POST', `/api/stories/versions/1?draft=false`, {}]],
  ]

  describe.each(states)('from %s', (stateName, arrange) => {
    let story: Made
    let before: ReturnType<typeof gate>
    beforeAll(async () => {
      story = await arrange()
      before = gate(await readStory(story.id))
    }, 60_000)

    test.each(['author (cookie)', 'author (JWT)'])('as %s: every attempt leaves the story unpublished and unseen', async (actorName) => {
      const actor = actorName === 'author (cookie)' ? authorCookie : authorJwt
      const changed: string[] = []
      for (const [name, build] of attempts) {
        const [method, path, body] = build(story)
        const response = await send(actor, method, path, body)
        const answer = (await response.text()).slice(0, 200)
        const now = gate(await readStory(story.id))
        if (JSON.stringify(now) !== JSON.stringify(before)) changed.push(`${name} [${response.status} ${answer}]: ${JSON.stringify(before)} → ${JSON.stringify(now)}`)
        const page = await visitor().get(`/stories/${story.slug}`)
        const pageText = await page.text()
        if (page.status === 200 || pageText.includes(story.title)) changed.push(`${name}: the visitor now sees the story (${page.status})`)
      }
      expect(changed, `${stateName}: state after each attempt`).toEqual([])
      expect((await readStory(story.id)).status).not.toBe('published')
    })
  })

  test('creating a story that is already published (POST /api/stories) does not publish it', async () => {
    for (const actor of [authorCookie, authorJwt]) {
      const title = `Born published ${unique('born')}`
      const response = await send(actor, 'POST', '/api/stories', {
        title,
        summary: 'A summary.',
        body: markdownToLexical('A body.'),
        themes: [],
        status: 'published',
        _status: 'published',
        publishedAt: new Date().toISOString(),
        consentAudience: 'public',
        consentByline: 'display-name',
        consentExpiresAt: FUTURE,
        consentVersion: 1,
        crisisHold: false,
        author: other.id,
        slug: `chosen-${unique('slug')}`,
      })
      const text = await response.text()
      const found = await hostile.payload.find({ collection: 'stories', where: { title: { equals: title } }, overrideAccess: true, depth: 0 })
      for (const doc of found.docs as any[]) {
        expect(doc.status, `${actor.name}: created story status (${response.status} ${text.slice(0, 200)})`).not.toBe('published')
        expect(doc.consentAudience ?? null, `${actor.name}: consent fields without a consent record`).toBeNull()
        expect(String((doc.author as any)?.id ?? doc.author), `${actor.name}: author forged as another member`).toBe(String(author.id))
        const page = await visitor().get(`/stories/${doc.slug}`)
        expect(page.status, `${actor.name}: visitor on the new story's page`).not.toBe(200)
      }
      const list = await (await visitor().get('/stories')).text()
      expect(list).not.toContain(title)
    }
  })

  test("a member cannot widen a published members-only story's audience, or revive an expired one, by writing the copied consent fields", async () => {
    const payload = hostile.payload
    const membersOnly = await makeStory({ audience: 'members' })
    await settle(async () => submitStory(payload, await asUser(author.id), membersOnly.id))
    await settle(async () => moderateStory({ payload, moderator: moderatorUser, storyId: membersOnly.id, action: 'approve' }))
    const expired = await makeStory()
    await settle(async () => submitStory(payload, await asUser(author.id), expired.id))
    await settle(async () => moderateStory({ payload, moderator: moderatorUser, storyId: expired.id, action: 'approve' }))
    await payload.update({ collection: 'stories', id: expired.id, data: { consentExpiresAt: '2020-01-01T00:00:00.000Z' } as any, overrideAccess: true, context: { storyCommand: true } })
    const beforeMembers = gate(await readStory(membersOnly.id))
    const beforeExpired = gate(await readStory(expired.id))
    expect(beforeMembers.status).toBe('published')
    expect(beforeMembers.consentAudience).toBe('members')
    expect(beforeExpired.status).toBe('published')

    const problems: string[] = []
    for (const actor of [authorCookie, authorJwt]) {
      for (const body of [{ consentAudience: 'public' }, { consentAudience: 'public', consentVersion: 99, consentExpiresAt: FUTURE }, { revision: { title: 'x' }, consentAudience: 'public' }]) {
        const r = await send(actor, 'PATCH', `/api/stories/${membersOnly.id}`, body)
        const now = gate(await readStory(membersOnly.id))
        if (JSON.stringify(now) !== JSON.stringify(beforeMembers)) problems.push(`${actor.name} members-only ${JSON.stringify(body)} [${r.status}] → ${JSON.stringify(now)}`)
      }
      for (const body of [{ consentExpiresAt: FUTURE }, { consentExpiresAt: FUTURE, consentWithdrawnAt: null, status: 'published' }]) {
        const r = await send(actor, 'PATCH', `/api/stories/${expired.id}`, body)
        const now = gate(await readStory(expired.id))
        if (JSON.stringify(now) !== JSON.stringify(beforeExpired)) problems.push(`${actor.name} expired ${JSON.stringify(body)} [${r.status}] → ${JSON.stringify(now)}`)
      }
    }
    expect(problems).toEqual([])
    for (const s of [membersOnly, expired]) {
      const page = await visitor().get(`/stories/${s.slug}`)
      expect(page.status, `visitor on ${s.title}`).toBe(404)
      expect(await page.text()).not.toContain(s.title)
    }
  })
})

// ---------------------------------------------------------------------------------------------
// Consents are append-only
// ---------------------------------------------------------------------------------------------
describe('consent records are append-only, through every door, admins included', () => {
  let story: Made
  let consentId: number | string
  let original: any
  let count: number

  beforeAll(async () => {
    story = await makeStory({ audience: 'members' })
    consentId = story.consentId
    original = await readConsent(consentId)
    count = await consentCount()
    if (!original?.id) throw new Error('Arrange failed: consent not stored')
  }, 60_000)

  const unchanged = async (what: string) => {
    const now = await readConsent(consentId).catch(() => undefined)
    expect(now, `${what}: the consent record still exists`).toBeTruthy()
    expect(now, `${what}: the consent record is unchanged`).toEqual(original)
    expect(await consentCount(), `${what}: no consent record removed`).toBe(count)
  }

  const edit = { audience: 'public', byline: 'display-name', quoteInReports: true, expiresAt: FUTURE, withdrawnAt: null, statementText: 'Edited after the fact.', givenAt: '2020-01-01T00:00:00.000Z' }

  test.each(['author (cookie)', 'author (JWT)', 'another member (cookie)', 'admin (cookie)', 'admin (JWT)'])('%s cannot PATCH or DELETE a consent record over REST', async (name) => {
    const actor = [authorCookie, authorJwt, otherCookie, adminCookie, adminJwt].find((a) => a.name === name)!
    const answers: string[] = []
    for (const [method, path, body] of [
      ['PATCH', `/api/consents/${consentId}`, edit],
      ['PATCH', `/api/consents/${consentId}`, { withdrawnAt: new Date().toISOString() }],
      ['PATCH', `/api/consents?where[id][equals]=${consentId}`, edit],
      ['PATCH', `/api/consents?where[story][equals]=${story.id}`, edit],
      ['DELETE', `/api/consents/${consentId}`, undefined],
      ['DELETE', `/api/consents?where[id][equals]=${consentId}`, undefined],
      ['DELETE', `/api/consents?where[story][equals]=${story.id}`, undefined],
    ] as const) {
      const response = await send(actor, method, path, body)
      answers.push(`${method} ${path} → ${response.status}`)
      await unchanged(`${name} ${method} ${path} (${response.status}: ${(await response.text()).slice(0, 160)})`)
    }
    // And the story still carries the consent it had.
    const s = await readStory(story.id)
    expect(s.consentAudience, answers.join('\n')).toBe('members')
  })

  test("another member cannot create a consent record for someone else's story", async () => {
    const beforeStory = gate(await readStory(story.id))
    for (const body of [
      {
        story: story.id,
        author: other.id,
        version: 99,
        audience: 'public',
        byline: 'display-name',
        quoteInReports: true,
        statementVersion: 'x',
        statementText: 'x',
        givenAt: new Date().toISOString(),
        expiresAt: FUTURE,
      },
      {
        story: story.id,
        author: author.id,
        version: 99,
        audience: 'public',
        byline: 'display-name',
        quoteInReports: true,
        statementVersion: 'x',
        statementText: 'x',
        givenAt: new Date().toISOString(),
        expiresAt: FUTURE,
      },
    ]) {
      const response = await send(otherCookie, 'POST', '/api/consents', body)
      const forged = await hostile.payload.find({ collection: 'consents', where: { story: { equals: story.id } }, overrideAccess: true, depth: 0 })
      expect(
        forged.docs.map((d: any) => d.id),
        `POST /api/consents as another member → ${response.status} ${(await response.text()).slice(0, 200)}`,
      ).toEqual([consentId])
    }
    expect(gate(await readStory(story.id))).toEqual(beforeStory)
  })

  test('the Local API with overrideAccess: true refuses to update a consent (by id and by where)', async () => {
    const payload = hostile.payload
    await expect(payload.update({ collection: 'consents', id: consentId, data: edit as any, overrideAccess: true }), 'update by id must throw').rejects.toThrow()
    await unchanged('Local API update by id')
    let bulkRefused = false
    try {
      const result = (await payload.update({ collection: 'consents', where: { id: { equals: consentId } }, data: edit as any, overrideAccess: true })) as any
      bulkRefused = (result?.errors?.length ?? 0) > 0 && (result?.docs?.length ?? 0) === 0
    } catch {
      bulkRefused = true
    }
    expect(bulkRefused, 'update by where must be refused').toBe(true)
    await unchanged('Local API update by where')
  })

  test('the Local API with overrideAccess: true refuses to delete a consent (by id and by where)', async () => {
    const payload = hostile.payload
    await expect(payload.delete({ collection: 'consents', id: consentId, overrideAccess: true }), 'delete by id must throw').rejects.toThrow()
    await unchanged('Local API delete by id')
    let bulkRefused = false
    try {
      const result = (await payload.delete({ collection: 'consents', where: { id: { equals: consentId } }, overrideAccess: true })) as any
      bulkRefused = (result?.errors?.length ?? 0) > 0 && (result?.docs?.length ?? 0) === 0
    } catch {
      bulkRefused = true
    }
    expect(bulkRefused, 'delete by where must be refused').toBe(true)
    await unchanged('Local API delete by where')
  })
})
