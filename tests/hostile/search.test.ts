// Hostile: /search over HTTP against the real server (full-text search, src/db/search).
// - The query language of SQLite FTS5 and of PostgreSQL's to_tsquery is never the visitor's: quotes, *,
//   NEAR, :, &, |, !, parentheses, a 500-character query, odd ?page= values and repeated parameters all
//   answer 200 (results or "no results"), never a server error. The control: the same page finds the story.
// - A story withdrawn after it was indexed: /search no longer shows it to anyone, and its words are gone
//   from the index table itself (not merely filtered out on the way to the page).
import { sql } from '@payloadcms/db-sqlite'
import { beforeAll, describe, expect, test } from 'vitest'

import { giveConsent, submitStory, withdrawStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { findUserByEmail, settle, signedIn, unique, useHostileServer, userAsActor } from './helpers.js'

const hostile = useHostileServer('search')

type Story = { id: number | string; slug: string; title: string; marker: string }

let author: Awaited<ReturnType<typeof createMember>>
let moderator: any

async function publishedStory(): Promise<Story> {
  const marker = unique('srch')
  const user = await userAsActor(hostile.payload, author.id)
  const story = (await settle(() =>
    hostile.payload.create({
      collection: 'stories',
      data: { title: `Story ${marker}`, summary: 'A summary.', body: markdownToLexical(`The body goes on about ${marker} and the road back.`), themes: [] } as never,
      overrideAccess: false,
      user,
    }),
  )) as any
  await settle(() => giveConsent(hostile.payload, user, story.id, { audience: 'public', byline: 'anonymous', quoteInReports: false }))
  await settle(() => submitStory(hostile.payload, user, story.id))
  await settle(() => moderateStory({ payload: hostile.payload, moderator, storyId: story.id, action: 'approve', quiet: true }))
  const stored = (await hostile.payload.findByID({ collection: 'stories', id: story.id, overrideAccess: true, depth: 0 })) as any
  return { id: story.id, slug: stored.slug, title: stored.title, marker }
}

/** Index entries holding the word, read from the FTS5 table itself (the test servers run on SQLite). */
async function indexEntriesHolding(word: string): Promise<number> {
  const rows = await settle(() => (hostile.payload.db as any).drizzle.all(sql`SELECT rowid FROM search_fts WHERE search_fts MATCH ${`"${word}"`}`))
  return (rows as unknown[]).length
}

const linksTo = (html: string, story: Story) => html.includes(`href="/stories/${story.slug}"`)

let story: Story

beforeAll(async () => {
  author = await createMember(hostile.payload, { roles: ['member'] })
  moderator = await userAsActor(hostile.payload, (await findUserByEmail(hostile.payload, 'moderator@waymark.example'))!.id)
  story = await publishedStory()
}, 120_000)

describe('/search takes any input: results or "no results", never a server error', () => {
  test('FTS5 and tsquery syntax, long queries, odd pages and repeated parameters', async () => {
    const client = new WebClient(hostile.server.url)
    const m = story.marker
    const queries = [
      '"',
      `"${m}`,
      `${m}*`,
      '*',
      `NEAR(${m} road)`,
      'NEAR',
      `title:${m}`,
      `${m}:*`,
      '&',
      `${m} & road`,
      '|',
      `${m} | x`,
      '!',
      `!${m}`,
      '(',
      `(${m}`,
      `${m})`,
      `(${m} OR road) AND NOT x`,
      "'",
      `'${m}'`,
      '<->',
      '\\',
      '%',
      '%00',
      '😀',
      'x'.repeat(500),
      `${m} ${'y'.repeat(500)}`,
    ]
    const paths = [
      ...queries.map((q) => `/search?q=${encodeURIComponent(q)}`),
      `/search?q=${m}&page=0`,
      `/search?q=${m}&page=-1`,
      `/search?q=${m}&page=abc`,
      `/search?q=${m}&page=99999999999999999999`,
      `/search?q=${m}&page[]=1`,
      `/search?q=${m}&q=other`,
      `/search?q[]=${m}`,
      `/search?q[a]=${m}`,
    ]
    const problems: string[] = []
    for (const p of paths) {
      const response = await client.get(p)
      if (response.status !== 200) problems.push(`${p}: ${response.status}`)
      await response.arrayBuffer()
    }
    expect(problems).toEqual([])
    // The control: where the word survives as a word, the page finds the story.
    for (const q of [m, `"${m}`, `${m}*`, `!${m}`, `(${m}`, `'${m}'`, `${m} & road`]) {
      expect(linksTo(await (await client.get(`/search?q=${encodeURIComponent(q)}`)).text(), story), q).toBe(true)
    }
  })
})

describe('a story withdrawn after it was indexed', () => {
  test('is not found through /search by anyone, and its words are gone from the index table', async () => {
    const gone = await publishedStory()
    const visitor = new WebClient(hostile.server.url)
    const viewers = [visitor, await signedIn(hostile.server, author.email, author.password)]
    for (const client of viewers) expect(linksTo(await (await client.get(`/search?q=${gone.marker}`)).text(), gone), 'control: found before').toBe(true)
    expect(await indexEntriesHolding(gone.marker)).toBe(1)

    const user = await userAsActor(hostile.payload, author.id)
    await settle(() => withdrawStory(hostile.payload, user, gone.id, { quiet: true }))

    for (const client of viewers) {
      const response = await client.get(`/search?q=${gone.marker}`)
      expect(response.status).toBe(200)
      expect(linksTo(await response.text(), gone)).toBe(false)
    }
    expect(await indexEntriesHolding(gone.marker)).toBe(0)
    // The other story is still found: the index was not simply emptied.
    expect(linksTo(await (await visitor.get(`/search?q=${story.marker}`)).text(), story)).toBe(true)
  })
})
