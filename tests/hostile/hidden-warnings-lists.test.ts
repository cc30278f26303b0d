// Hostile: a reader's "hide stories with these warnings" holds in every story list (issue 17: "content
// warnings stay in force in every list and match"): the home page, /stories (with and without filters), a
// locality page and search, for a visitor's session choice and a member's account choice, through the page
// cache (two sessions with different choices get different pages, each from its own cache entry). A story
// reached directly still shows, with its warning. Everything is arranged before the first page is read.
import { beforeAll, describe, expect, test } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { readPage } from '../support/pageCache.js'
import { settle, unique, useHostileServer, userAsActor } from './helpers.js'

const hostile = useHostileServer('hidden-warnings-lists')

type Story = { title: string; slug: string }
const S: Record<'plain' | 'relapse' | 'selfHarm' | 'both', Story> = {} as never
let localitySlug: string
/** A word only these four stories hold, so search finds exactly them. */
const WORD = `heronsong${Date.now().toString(36)}`

async function story(key: string, warnings: string[], localityId: number | string, author: { id: number | string }): Promise<Story> {
  const title = `Story ${unique(key)}`
  const user = await userAsActor(hostile.payload, author.id)
  const created = (await settle(async () =>
    hostile.payload.create({
      collection: 'stories',
      data: { title, summary: `About ${key}`, body: markdownToLexical(`A story about the ${WORD} and ${key}.`), themes: ['identity'], contentWarnings: warnings, locality: localityId } as any,
      overrideAccess: false,
      user,
    }),
  )) as any
  await settle(async () => giveConsent(hostile.payload, user, created.id, { audience: 'public', byline: 'anonymous', quoteInReports: false }))
  await settle(async () => submitStory(hostile.payload, user, created.id))
  const moderator = (await hostile.payload.find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, limit: 1 })).docs[0] as any
  await settle(async () => moderateStory({ payload: hostile.payload, moderator, storyId: created.id, action: 'approve' }))
  const stored = (await hostile.payload.findByID({ collection: 'stories', id: created.id, overrideAccess: true, depth: 0 })) as any
  expect(stored.status, `${key} is published`).toBe('published')
  return { title, slug: stored.slug }
}

async function chooseToHide(client: WebClient, hide: string) {
  const token = await client.csrfToken('/stories/like-mine')
  const saved = await client.postForm('/stories/warnings', { _csrf: token, hide, next: '/stories' })
  expect(saved.status).toBe(303)
}

const pages = () => ['/', '/stories', '/stories?theme=identity', `/stories?locality=${localitySlug}`, `/localities/${localitySlug}`, `/search?q=${WORD}`]

beforeAll(async () => {
  const author = await createMember(hostile.payload)
  const locality = (await hostile.payload.find({ collection: 'localities', overrideAccess: true, limit: 1, sort: 'slug' })).docs[0] as any
  localitySlug = locality.slug
  // Published last, so they are the newest: the home page's four and the head of every list.
  S.plain = await story('plain', [], locality.id, author)
  S.relapse = await story('relapse', ['relapse'], locality.id, author)
  S.selfHarm = await story('selfharm', ['self-harm'], locality.id, author)
  // Two warnings, one hidden: left out too (a join row per warning must not let it through).
  S.both = await story('both', ['relapse', 'self-harm'], locality.id, author)
}, 240_000)

describe('hidden content warnings hold in every story list', () => {
  test('a visitor who hides "self-harm" sees no such story on /, /stories, a locality page or search; another visitor still does', async () => {
    const careful = new WebClient(hostile.server.url)
    const other = new WebClient(hostile.server.url)
    await chooseToHide(careful, 'self-harm')
    for (const path of pages()) {
      const seen = await readPage(other, path)
      expect(seen.status, path).toBe(200)
      for (const key of ['plain', 'relapse', 'selfHarm', 'both'] as const) expect(seen.body, `${path}: ${key} (the control)`).toContain(S[key].title)
      const hidden = await readPage(careful, path)
      expect(hidden.status, path).toBe(200)
      expect(hidden.body, `${path}: self-harm hidden`).not.toContain(S.selfHarm.title)
      expect(hidden.body, `${path}: self-harm among two warnings hidden`).not.toContain(S.both.title)
      // Only the chosen warning is hidden, and a story without warnings is not lost with it.
      expect(hidden.body, `${path}: plain`).toContain(S.plain.title)
      expect(hidden.body, `${path}: relapse only`).toContain(S.relapse.title)
    }
  })

  test('through the page cache: each choice has its own entry, and both are served from it', async () => {
    const careful = new WebClient(hostile.server.url)
    const other = new WebClient(hostile.server.url)
    await chooseToHide(careful, 'self-harm')
    for (const path of ['/', '/stories', `/localities/${localitySlug}`]) {
      await readPage(other, path)
      await readPage(careful, path)
      const [again, carefulAgain] = [await readPage(other, path), await readPage(careful, path)]
      expect(again.cache, `${path}: the other visitor's page is cached`).toBe('hit')
      expect(carefulAgain.cache, `${path}: the careful visitor's page is cached`).toBe('hit')
      expect(again.body).toContain(S.selfHarm.title)
      expect(carefulAgain.body).not.toContain(S.selfHarm.title)
    }
  })

  test("a member's account choice holds in every list too", async () => {
    const m = await createMember(hostile.payload)
    const member = new WebClient(hostile.server.url)
    const signed = await member.signIn(m.email, m.password)
    expect([302, 303]).toContain(signed.status)
    expect(await (await member.get('/')).text(), 'the control').toContain(S.selfHarm.title)
    await chooseToHide(member, 'self-harm')
    for (const path of pages()) {
      const body = await (await member.get(path)).text()
      expect(body, path).not.toContain(S.selfHarm.title)
      expect(body, path).not.toContain(S.both.title)
      expect(body, path).toContain(S.plain.title)
    }
  })

  test('hiding is for lists: the story reached directly still shows, with its warning', async () => {
    const careful = new WebClient(hostile.server.url)
    await chooseToHide(careful, 'self-harm')
    const page = await readPage(careful, `/stories/${S.selfHarm.slug}`)
    expect(page.status).toBe(200)
    expect(page.body).toContain(S.selfHarm.title)
    expect(page.body).toContain('Self-harm')
  })
})
