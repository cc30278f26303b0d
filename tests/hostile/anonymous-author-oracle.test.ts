// Hostile: unmasking an anonymous author through a neighbouring collection (issue 11, "Tests to write" 2).
//
// The attack in the issue, end to end. A story is published anonymously; a "you said, we did" action
// links to it; the author also writes in the public forum. The attacker never asks for the story: they
// ask the actions collection yes/no questions through the relationship (`story.author`, a sort on it,
// `story.revision.title` for an edit still awaiting review, `story.reasonForAuthor` for a moderator's
// private reason), and then the replies collection (`thread.author`) to turn the id into a display name.
//
// Each question is asked twice, once with the truth and once with a wrong guess, through find, count
// and the method-override door, by a visitor, a member and a moderator scoped to another locality.
// The two answers must carry no information: both 400, or exactly the same. A sort is asked ascending
// and descending: both 400, or the same order. Controls: the same question through the Local API, and
// from an admin over REST, does tell the truth, so each comparison can fail.
import { beforeAll, describe, expect, test } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { localityIds, makeMember, RELAXED_LIMITS, tryJson, updateSettings, type Member } from './forumHelpers.js'
import { settle, signedIn, unique, useHostileServer, userAsActor } from './helpers.js'

const hostile = useHostileServer('anonymous-author-oracle')
const db = () => hostile.payload as any

let loc: Record<string, number | string> = {}
let author: Member, otherAuthor: Member, wrongGuess: Member, replier: Member
let storyA: number | string, storyB: number | string
let actionA: number | string, actionB: number | string
let threadA: number | string
const revisionMarker = unique('awaitingreview')
const reasonMarker = unique('privatereason')

type Viewer = { name: string; client: WebClient }
let viewers: Viewer[] = []
let adminClient: WebClient

const asUser = (id: number | string) => userAsActor(hostile.payload, id)
const readStory = async (id: number | string) => (await db().findByID({ collection: 'stories', id, overrideAccess: true, depth: 0 })) as any

/** A published, anonymous, public story in Lancashire North, written through the author's own doors. */
async function publishAnonymousStory(writer: Member): Promise<number | string> {
  const user = await asUser(writer.id)
  const story = (await settle(() =>
    db().create({
      collection: 'stories',
      data: {
        title: `Story ${unique('anon')}`,
        summary: 'A year at a time.',
        body: markdownToLexical(`The long road back, ${unique('body')}.`),
        themes: ['hope'],
        locality: loc['lancashire-north'],
        contentWarnings: [],
      },
      overrideAccess: false,
      user,
    }),
  )) as any
  await settle(() => giveConsent(hostile.payload, user, story.id, { audience: 'public', byline: 'anonymous', quoteInReports: false }))
  await settle(() => submitStory(hostile.payload, user, story.id))
  await settle(async () => moderateStory({ payload: hostile.payload, moderator: await seededModeratorUser(), storyId: story.id, action: 'approve' }))
  return story.id
}

async function seededModeratorUser() {
  const found = await db().find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, limit: 1 })
  return { ...found.docs[0], collection: 'users' }
}

/** The author edits their published story: the edit waits for review while the approved text stays live. */
async function authorEdits(id: number | string, title: string) {
  await settle(async () => db().update({ collection: 'stories', id, data: { title }, overrideAccess: false, user: await asUser(author.id) }))
}

async function makeAction(data: Record<string, unknown>): Promise<number | string> {
  const doc = await settle(() => db().create({ collection: 'actions', data: { description: `Raised ${unique('act')}`, status: 'open', ...data }, overrideAccess: true }))
  return (doc as any).id
}

beforeAll(async () => {
  await updateSettings(hostile, RELAXED_LIMITS)
  loc = await localityIds(hostile)
  ;[author, otherAuthor, replier] = [
    await makeMember(hostile, { established: true, name: 'Anon Author' }),
    await makeMember(hostile, { established: true, name: 'Other Author' }),
    await makeMember(hostile, { established: true, name: 'Replier' }),
  ]
  // A real member who wrote nothing: the attacker's wrong guess.
  wrongGuess = await makeMember(hostile, { established: true, name: 'Wrong Guess' })
  const nosy = await settle(() => createMember(hostile.payload, { displayName: `Nosy ${unique('n')}` }))
  const eastModerator = await settle(() => createMember(hostile.payload, { displayName: `East Mod ${unique('e')}`, roles: ['moderator'] }))
  await settle(() => db().update({ collection: 'users', id: eastModerator.id, data: { moderatorLocalities: [loc['lancashire-east']] }, overrideAccess: true }))

  // The anonymous story, with an edit awaiting review and a moderator's private reason.
  storyA = await publishAnonymousStory(author)
  await authorEdits(storyA, `Story ${unique('firstedit')}`)
  await settle(async () => moderateStory({ payload: hostile.payload, moderator: await seededModeratorUser(), storyId: storyA, action: 'request_changes', reason: `Please take out ${reasonMarker}.` }))
  await authorEdits(storyA, `Story ${revisionMarker}`)
  const stored = await readStory(storyA)
  if (
    stored.status !== 'published' ||
    stored.consentByline !== 'anonymous' ||
    stored.revisionState !== 'submitted' ||
    !String(stored.revision?.title).includes(revisionMarker) ||
    !String(stored.reasonForAuthor).includes(reasonMarker)
  ) {
    throw new Error(
      `Arrange failed: story A is ${JSON.stringify({ status: stored.status, byline: stored.consentByline, revisionState: stored.revisionState, revision: stored.revision?.title, reason: stored.reasonForAuthor })}`,
    )
  }
  // A second anonymous story, by someone else, so that a sort has two authors to order.
  storyB = await publishAnonymousStory(otherAuthor)

  actionA = await makeAction({ story: storyA, locality: loc['lancashire-north'] })
  actionB = await makeAction({ story: storyB, locality: loc['lancashire-north'] })

  // The author's own thread in the public county forum, with replies: the road from an id to a name.
  const thread = (await settle(async () =>
    db().create({
      collection: 'threads',
      data: { title: `Thread ${unique('th')}`, body: 'A few words about the week.', locality: loc['lancashire-county'] },
      overrideAccess: false,
      user: await asUser(author.id),
    }),
  )) as any
  threadA = thread.id
  for (const writer of [replier, author]) {
    await settle(async () => db().create({ collection: 'replies', data: { thread: threadA, body: `Thanks, ${unique('re')}.` }, overrideAccess: false, user: await asUser(writer.id) }))
  }
  const published = await db().count({ collection: 'replies', where: { and: [{ thread: { equals: threadA } }, { status: { equals: 'published' } }] }, overrideAccess: true })
  if ((await db().findByID({ collection: 'threads', id: threadA, overrideAccess: true })).status !== 'published' || published.totalDocs !== 2) {
    throw new Error('Arrange failed: the author’s thread and its two replies are not all published')
  }
  await makeAction({ thread: threadA }) // an action raised from the author's thread

  viewers = [
    { name: 'visitor', client: new WebClient(hostile.server.url) },
    { name: 'member', client: await signedIn(hostile.server, nosy.email, nosy.password) },
    { name: 'moderator of Lancashire East', client: await signedIn(hostile.server, eastModerator.email, eastModerator.password) },
  ]
  adminClient = await signedIn(hostile.server, 'admin@waymark.example', hostile.server.seedPassword)
})

// ---------------------------------------------------------------------------------------------
// The questions. `query(guess)` is the query string; `truth` and `wrong` are the two guesses.
// ---------------------------------------------------------------------------------------------
type Question = { name: string; collection: string; query: (guess: string) => string; truth: () => string; wrong: () => string }

const q = (name: string, collection: string, query: (guess: string) => string, truth: () => string, wrong: () => string): Question => ({ name, collection, query, truth, wrong })
const e = encodeURIComponent

function questions(): Question[] {
  const A = String(author.id)
  const W = String(wrongGuess.id)
  return [
    q(
      'story + story.author equals (the issue’s example)',
      'actions',
      (n) => `where[story][equals]=${storyA}&where[story.author][equals]=${n}`,
      () => A,
      () => W,
    ),
    q(
      'story.author equals',
      'actions',
      (n) => `where[story.author][equals]=${n}`,
      () => A,
      () => W,
    ),
    q(
      'story.author in',
      'actions',
      (n) => `where[story.author][in]=${n}`,
      () => A,
      () => W,
    ),
    q(
      'story.author not_equals',
      'actions',
      (n) => `where[story][equals]=${storyA}&where[story.author][not_equals]=${n}`,
      () => A,
      () => W,
    ),
    q(
      'story.author inside or',
      'actions',
      (n) => `where[or][0][story.author][equals]=${n}`,
      () => A,
      () => W,
    ),
    q(
      'story.author inside and',
      'actions',
      (n) => `where[and][0][story][equals]=${storyA}&where[and][1][story.author][equals]=${n}`,
      () => A,
      () => W,
    ),
    // Bisection: "is the author's id at least n?"
    q(
      'story.author range',
      'actions',
      (n) => `where[story][equals]=${storyA}&where[story.author][greater_than_equal]=${n}`,
      () => A,
      () => String(Number(author.id) + 1),
    ),
    q(
      'story.author.id equals',
      'actions',
      (n) => `where[story.author.id][equals]=${n}`,
      () => A,
      () => W,
    ),
    q(
      'story.author.displayName equals',
      'actions',
      (n) => `where[story.author.displayName][equals]=${e(n)}`,
      () => author.displayName,
      () => wrongGuess.displayName,
    ),
    q(
      'story.author.email like',
      'actions',
      (n) => `where[story.author.email][like]=${e(n)}`,
      () => author.email,
      () => wrongGuess.email,
    ),
    q(
      'story.revision.title like (an edit awaiting review)',
      'actions',
      (n) => `where[story.revision.title][like]=${n}`,
      () => revisionMarker,
      () => unique('nothing'),
    ),
    q(
      'story.reasonForAuthor like (a moderator’s private reason)',
      'actions',
      (n) => `where[story.reasonForAuthor][like]=${n}`,
      () => reasonMarker,
      () => unique('nothing'),
    ),
    q(
      'story.revisionState equals',
      'actions',
      (n) => `where[story][equals]=${storyA}&where[story.revisionState][equals]=${n}`,
      () => 'submitted',
      () => 'changes_requested',
    ),
    q(
      'thread.author equals on actions',
      'actions',
      (n) => `where[thread.author][equals]=${n}`,
      () => A,
      () => W,
    ),
    q(
      'thread.author equals on replies (id to display name)',
      'replies',
      (n) => `where[thread.author][equals]=${n}`,
      () => A,
      () => W,
    ),
    q(
      'author equals on threads',
      'threads',
      (n) => `where[author][equals]=${n}`,
      () => A,
      () => W,
    ),
  ]
}

type Answer = { status: number; text: string }
type Door = 'find' | 'count' | 'method-override'

async function ask(client: WebClient, collection: string, door: Door, query: string): Promise<Answer> {
  const response =
    door === 'method-override'
      ? await client.request(`/api/${collection}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-payload-http-method-override': 'GET' },
          body: query,
        })
      : await client.get(`/api/${collection}${door === 'count' ? '/count' : ''}?${query}`)
  return { status: response.status, text: await response.text() }
}

/** The same answer, whatever the guess: both refused with 400, or byte-for-byte the same JSON. */
function sameAnswer(a: Answer, b: Answer): boolean {
  if (a.status >= 500 || b.status >= 500) return false
  if (a.status === 400 && b.status === 400) return true
  const canonical = (x: Answer) => JSON.stringify(tryJson(x.text) ?? x.text)
  return a.status === b.status && canonical(a) === canonical(b)
}

const brief = (x: Answer) => `${x.status} ${x.text.slice(0, 90)}`

// ---------------------------------------------------------------------------------------------
describe('2. an anonymous author cannot be unmasked through a neighbouring collection', () => {
  test('control: the story itself is public and hides its author, and the questions do tell the truth when nobody guards them', async () => {
    // The story's own page, as a member: the story is there, its author and private fields are not.
    const slug = (await readStory(storyA)).slug
    const page = await viewers[1]!.client.get(`/stories/${slug}`)
    const html = await page.text()
    expect(page.status).toBe(200)
    for (const secret of [author.displayName, revisionMarker, reasonMarker]) expect(html).not.toContain(secret)

    // The data really answers each question (Local API, access ignored).
    const count = async (collection: string, where: Record<string, unknown>) => (await db().count({ collection, where, overrideAccess: true })).totalDocs
    expect(await count('actions', { and: [{ story: { equals: storyA } }, { 'story.author': { equals: author.id } }] })).toBe(1)
    expect(await count('actions', { and: [{ story: { equals: storyA } }, { 'story.author': { equals: wrongGuess.id } }] })).toBe(0)
    expect(await count('replies', { 'thread.author': { equals: author.id } })).toBe(2)
    expect(await count('replies', { 'thread.author': { equals: wrongGuess.id } })).toBe(0)

    // Staff are not held to the allow-list: an admin's answers differ, so the comparisons below can fail.
    for (const question of questions()) {
      const truth = await ask(adminClient, question.collection, 'count', question.query(question.truth()))
      const wrong = await ask(adminClient, question.collection, 'count', question.query(question.wrong()))
      expect(sameAnswer(truth, wrong), `admin: ${question.name} (${brief(truth)} vs ${brief(wrong)})`).toBe(false)
    }
  })

  test('yes/no questions through a relationship give no information to a visitor, a member or an out-of-locality moderator', async () => {
    const problems: string[] = []
    for (const viewer of viewers) {
      for (const question of questions()) {
        for (const door of ['find', 'count', 'method-override'] as const) {
          const truth = await ask(viewer.client, question.collection, door, question.query(question.truth()))
          const wrong = await ask(viewer.client, question.collection, door, question.query(question.wrong()))
          if (!sameAnswer(truth, wrong)) problems.push(`${viewer.name}, ${door} /api/${question.collection}, ${question.name}: truth ${brief(truth)} | wrong guess ${brief(wrong)}`)
        }
      }
    }
    expect(problems).toEqual([])
  }, 180_000)

  test('a sort through a relationship gives no information (ascending and descending answer alike)', async () => {
    const sorts = ['story.author', 'story.author.displayName', 'story.author.id', 'story.revision.title', 'story.reasonForAuthor', 'story.revisionState']
    const ours = new Set([String(actionA), String(actionB)])
    const orderOf = (answer: Answer) => ((tryJson(answer.text)?.docs ?? []) as any[]).map((d) => String(d?.id)).filter((id) => ours.has(id))
    const problems: string[] = []
    for (const viewer of viewers) {
      for (const sort of sorts) {
        for (const door of ['find', 'method-override'] as const) {
          const up = await ask(viewer.client, 'actions', door, `sort=${sort}`)
          const down = await ask(viewer.client, 'actions', door, `sort=-${sort}`)
          if (up.status >= 500 || down.status >= 500) problems.push(`${viewer.name}, ${door} sort=${sort}: ${brief(up)} | ${brief(down)}`)
          else if (up.status === 400 && down.status === 400) continue
          else if (up.status !== down.status || orderOf(up).join() !== orderOf(down).join()) {
            problems.push(`${viewer.name}, ${door} sort=${sort}: ascending ${up.status} [${orderOf(up)}] vs descending ${down.status} [${orderOf(down)}]`)
          }
        }
      }
    }
    // The admin's sort does order them (the control for this comparison).
    const adminUp = orderOf(await ask(adminClient, 'actions', 'find', 'sort=story.author'))
    const adminDown = orderOf(await ask(adminClient, 'actions', 'find', 'sort=-story.author'))
    expect(adminUp.length, 'control: the admin sees both actions').toBe(2)
    expect(adminUp.join(), 'control: the admin’s sort by story.author orders them').not.toBe(adminDown.join())
    expect(problems).toEqual([])
  }, 120_000)
})
