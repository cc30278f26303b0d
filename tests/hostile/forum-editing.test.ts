// Hostile: editing and quoting forum posts (issue 16, B: "Editing", "Quoting").
//
// What an attacker would try: edit someone else's post (REST PATCH by id and in bulk, with a token or the
// browser's cookie, and the edit form), move a post while editing it, edit a removed post or one in a
// locked thread, read a post's earlier versions (REST by id and list, depth, select, where, draft,
// versions, GraphQL), find the replaced text on pages, in search or in feeds after an edit (also through
// a page that was cached before the edit), slip a watched word in through an edit, and read a hidden,
// pending or removed reply by quoting it. Each attack is checked in the database or on what the server
// answers, with a control showing the door works when it should.
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import {
  api,
  arrangeModeration,
  countStored,
  db,
  getPage,
  localityIds,
  makeMember,
  newReply,
  newThread,
  objectsIn,
  RELAXED_LIMITS,
  seededModerator,
  stored,
  textOf,
  updateSettings,
  type Member,
  type Posted,
  type Who,
} from './forumHelpers.js'
import { settle, signedIn, unique, useHostileServer } from './helpers.js'

const hostile = useHostileServer('forum-editing')

let loc: Record<string, number | string> = {}
let author: Member
let other: Member
beforeAll(async () => {
  loc = await localityIds(hostile)
  await updateSettings(hostile, RELAXED_LIMITS)
  author = await makeMember(hostile, { established: true, name: 'Editor' })
  other = await makeMember(hostile, { established: true, name: 'Nosy' })
})

const county = () => loc['lancashire-county']!
const signIn = (who: Who) => signedIn(hostile.server, who.email, who.password)
const visitor = () => new WebClient(hostile.server.url)

/** The author's edit, as a browser without JavaScript sends it. */
async function editByForm(client: WebClient, kind: 'threads' | 'replies', id: number | string, fields: Record<string, string>) {
  const form = await client.get(`/${kind}/${id}/edit`)
  const html = await form.text()
  const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? (await client.csrfToken('/account'))
  return client.postForm(`/${kind}/${id}/edit`, { _csrf: token, ...fields })
}

async function publishedThreadWithReply(): Promise<{ thread: Posted; reply: Posted }> {
  const thread = await newThread(hostile, author, county())
  const reply = await newReply(hostile, author, thread.id)
  for (const [collection, id] of [
    ['threads', thread.id],
    ['replies', reply.id],
  ] as const) {
    const doc = await stored(hostile, collection, id)
    if (doc?.status !== 'published') throw new Error(`Arrange failed: ${collection}/${id} is ${doc?.status}`)
  }
  return { thread, reply }
}

async function addWatchedWord(action: 'block' | 'require-approval' | 'flag') {
  // Letters only: digits inside a word are read as the letters they look like (k1ll), on both sides.
  const phrase = unique(`ww${action.slice(0, 3)}`)
    .toLowerCase()
    .replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)]!)
  await settle(() => db(hostile).create({ collection: 'watched-words', data: { phrase, action, kind: 'phrase', note: 'test' }, overrideAccess: true }))
  return phrase
}

describe('a member editing someone else’s post', () => {
  test('REST PATCH (by id and bulk, token and cookie) and the edit form change nothing; the author’s own edit works', async () => {
    const { thread, reply } = await publishedThreadWithReply()
    const before = { thread: await stored(hostile, 'threads', thread.id), reply: await stored(hostile, 'replies', reply.id) }
    const nosyClient = await signIn(other)
    const byId = [
      await api(hostile, other, 'PATCH', `/api/replies/${reply.id}`, { body: 'Taken over' }),
      await api(hostile, other, 'PATCH', `/api/threads/${thread.id}`, { title: 'Taken over', body: 'Taken over' }),
      await api(hostile, null, 'PATCH', `/api/replies/${reply.id}`, { body: 'Taken over' }),
    ]
    for (const result of byId) expect(result.status, result.text.slice(0, 200)).not.toBe(200)
    // In bulk, Payload answers for what the filter and access left: nothing.
    const bulk = [
      await api(hostile, other, 'PATCH', `/api/replies?where[id][equals]=${reply.id}`, { body: 'Taken over' }),
      await api(hostile, other, 'PATCH', `/api/threads?where[id][equals]=${thread.id}`, { title: 'Taken over' }),
    ]
    for (const result of bulk) expect(result.status === 200 ? (result.json?.docs ?? []) : [], result.text.slice(0, 200)).toEqual([])
    const cookiePatch = await nosyClient.json('PATCH', `/api/replies/${reply.id}`, { body: 'Taken over' }, { headers: { origin: new URL(hostile.server.url).origin } })
    expect(cookiePatch.status).not.toBe(200)

    // The form: the post is visible to them, so a refusal (not the form), and posting it changes nothing.
    const formPage = await getPage(nosyClient, `/replies/${reply.id}/edit`)
    expect(formPage.status).toBe(403)
    expect(formPage.html).not.toContain('name="body"')
    const posted = await nosyClient.postForm(`/replies/${reply.id}/edit`, { _csrf: await nosyClient.csrfToken(`/threads/${thread.id}`), body: 'Taken over' })
    expect(posted.status).toBe(403)
    expect((await nosyClient.postForm(`/threads/${thread.id}/edit`, { _csrf: await nosyClient.csrfToken(`/threads/${thread.id}`), title: 'Taken over', body: 'Taken over' })).status).toBe(403)
    // A visitor is sent to sign in.
    expect((await visitor().get(`/replies/${reply.id}/edit`)).status).toBe(303)

    const after = { thread: await stored(hostile, 'threads', thread.id), reply: await stored(hostile, 'replies', reply.id) }
    expect(after.reply?.body).toBe(before.reply?.body)
    expect(after.thread?.title).toBe(before.thread?.title)
    expect(after.thread?.body).toBe(before.thread?.body)
    expect(after.reply?.editHistory ?? []).toEqual([])

    // Control: the author's own PATCH (by id and in bulk) and form all edit.
    const own = await api(hostile, author, 'PATCH', `/api/replies/${reply.id}`, { body: `Own words ${unique('own')}` })
    expect(own.status, own.text.slice(0, 300)).toBe(200)
    const ownBulk = await api(hostile, author, 'PATCH', `/api/replies?where[id][equals]=${reply.id}`, { body: 'Own words in bulk.' })
    expect(ownBulk.status, ownBulk.text.slice(0, 300)).toBe(200)
    expect((await stored(hostile, 'replies', reply.id))?.body).toBe('Own words in bulk.')
    const ownForm = await editByForm(await signIn(author), 'threads', thread.id, { title: `Better title ${unique('t')}`, body: 'Better words.' })
    expect(ownForm.status).toBe(303)
    expect((await stored(hostile, 'threads', thread.id))?.body).toBe('Better words.')
  })

  test('an author cannot move their post while editing it (thread, locality), nor touch system fields', async () => {
    const { thread, reply } = await publishedThreadWithReply()
    const elsewhere = await newThread(hostile, other, county())
    await api(hostile, author, 'PATCH', `/api/replies/${reply.id}`, {
      body: `Moved? ${unique('m')}`,
      thread: elsewhere.id,
      locality: loc['lancashire-north'],
      status: 'published',
      editHistory: [],
      editedAt: null,
    })
    await api(hostile, author, 'PATCH', `/api/threads/${thread.id}`, { body: `Moved? ${unique('m')}`, locality: loc['lancashire-north'], pinned: true, editHistory: [] })
    const movedReply = await stored(hostile, 'replies', reply.id)
    const movedThread = await stored(hostile, 'threads', thread.id)
    expect(String(movedReply?.thread)).toBe(String(thread.id))
    expect(String(movedReply?.locality)).toBe(String(county()))
    expect(String(movedThread?.locality)).toBe(String(county()))
    expect(movedThread?.pinned).toBe(false)
    // The edits themselves were recorded (the history could not be wiped).
    expect(movedReply?.editHistory).toHaveLength(1)
    expect(movedThread?.editHistory).toHaveLength(1)
  })

  test('a removed post, or any post in a locked or removed thread, cannot be edited by its author (REST and form)', async () => {
    const locked = await publishedThreadWithReply()
    await arrangeModeration(hostile, 'threads', locked.thread.id, 'lock', 'published')
    const removed = await publishedThreadWithReply()
    await arrangeModeration(hostile, 'replies', removed.reply.id, 'remove', 'removed')
    const removedThread = await publishedThreadWithReply()
    await arrangeModeration(hostile, 'threads', removedThread.thread.id, 'remove', 'removed')
    const client = await signIn(author)
    const cases: ['threads' | 'replies', number | string][] = [
      ['threads', locked.thread.id],
      ['replies', locked.reply.id],
      ['replies', removed.reply.id],
      ['threads', removedThread.thread.id],
      ['replies', removedThread.reply.id],
    ]
    for (const [kind, id] of cases) {
      const before = await stored(hostile, kind, id)
      const rest = await api(hostile, author, 'PATCH', `/api/${kind}/${id}`, { body: `Sneaky ${unique('s')}` })
      expect(rest.status, `${kind}/${id}: ${rest.text.slice(0, 200)}`).not.toBe(200)
      const form = await getPage(client, `/${kind}/${id}/edit`)
      expect(form.status, `${kind}/${id} form`).toBe(409)
      expect(form.html).not.toContain('name="body"')
      const posted = await client.postForm(`/${kind}/${id}/edit`, { _csrf: await client.csrfToken('/account'), title: 'Sneaky title', body: 'Sneaky' })
      expect(posted.status).toBe(409)
      expect((await stored(hostile, kind, id))?.body).toBe(before?.body)
    }
    // Moderators keep their powers: the seeded moderator still corrects a post in the locked thread.
    const correction = await api(hostile, seededModerator(hostile), 'PATCH', `/api/replies/${locked.reply.id}`, { body: 'Corrected by a moderator.' })
    expect(correction.status, correction.text.slice(0, 200)).toBe(200)
    const corrected = await stored(hostile, 'replies', locked.reply.id)
    expect(corrected?.body).toBe('Corrected by a moderator.')
    expect(corrected?.editHistory?.[0]?.editorRole).toBe('moderator')
  })
})

describe('after an edit', () => {
  let thread: Posted
  let reply: Posted
  let oldReplyWord: string
  let oldThreadWord: string
  let newReplyWord: string
  let newThreadWord: string
  const moderator = () => seededModerator(hostile)

  beforeAll(async () => {
    ;({ thread, reply } = await publishedThreadWithReply())
    oldReplyWord = reply.bodyMarker
    oldThreadWord = thread.bodyMarker
    newReplyWord = unique('newre')
    newThreadWord = unique('newth')
    // Every door read (and the pages kept by the page cache) before the edit.
    for (const client of [visitor(), await signIn(other)]) {
      await getPage(client, `/threads/${thread.id}`)
      await getPage(client, `/threads/${thread.id}`)
      await getPage(client, `/search?q=${oldReplyWord}`)
      await getPage(client, '/localities/lancashire-county/feed.xml')
      await getPage(client, '/feed.xml')
    }
    await api(hostile, null, 'GET', `/api/replies/${reply.id}`)
    const client = await signIn(author)
    expect((await editByForm(client, 'replies', reply.id, { body: `Thanks, ${newReplyWord} helped me too.` })).status).toBe(303)
    expect((await editByForm(client, 'threads', thread.id, { title: `Thread ${thread.titleMarker}`, body: `A few words about ${newThreadWord} now.` })).status).toBe(303)
  })

  test('the pages, search and feeds show the new text and “Edited”, never the old one, to visitors and members', async () => {
    for (const client of [visitor(), await signIn(other), await signIn(author)]) {
      const page = await getPage(client, `/threads/${thread.id}`)
      expect(page.status).toBe(200)
      expect(page.html).toContain(newReplyWord)
      expect(page.html).toContain(newThreadWord)
      expect(textOf(page.html)).toMatch(/Edited \d/)
      for (const old of [oldReplyWord, oldThreadWord]) expect(page.html).not.toContain(old)
      for (const old of [oldReplyWord, oldThreadWord]) expect((await getPage(client, `/search?q=${old}`)).html).not.toContain(String(thread.titleMarker))
      expect((await getPage(client, `/search?q=${newReplyWord}`)).html).toContain(String(thread.titleMarker))
      for (const feed of ['/feed.xml', '/localities/lancashire-county/feed.xml']) {
        const xml = await getPage(client, feed)
        expect(xml.html).not.toContain(oldThreadWord)
      }
    }
    const feed = await getPage(visitor(), '/localities/lancashire-county/feed.xml')
    expect(feed.html).toContain(newThreadWord)
  })

  test('earlier versions reach no one but the moderators: REST (id, list, depth, select, where, draft, versions) and GraphQL', async () => {
    const doors = [
      `/api/replies/${reply.id}`,
      `/api/replies/${reply.id}?depth=3`,
      `/api/replies/${reply.id}?select[editHistory]=true&select[body]=true`,
      `/api/replies/${reply.id}?draft=true`,
      `/api/replies?where[id][equals]=${reply.id}&depth=2`,
      `/api/replies?where[thread][equals]=${thread.id}&select[editHistory]=true`,
      `/api/replies?where[editHistory.body][like]=${oldReplyWord}`,
      `/api/replies?where[or][0][editHistory.body][contains]=${oldReplyWord}&where[or][1][id][equals]=${reply.id}`,
      `/api/replies?sort=editHistory.replacedAt`,
      `/api/replies/versions`,
      `/api/replies/versions?where[parent][equals]=${reply.id}`,
      `/api/threads/${thread.id}?depth=3`,
      `/api/threads?where[id][equals]=${thread.id}&select[editHistory]=true`,
      `/api/threads?where[editHistory.title][exists]=true`,
      `/api/threads/versions`,
    ]
    for (const who of [null, other as Who, author as Who]) {
      for (const door of doors) {
        const result = await api(hostile, who, 'GET', door)
        expect(result.status, `${door} as ${who?.email ?? 'a visitor'}`).not.toBe(500)
        for (const old of [oldReplyWord, oldThreadWord]) expect(result.text, `${door} as ${who?.email ?? 'a visitor'}`).not.toContain(old)
        // Payload may leave the denied array as [] (never its rows).
        for (const doc of objectsIn(result.json)) expect(doc.editHistory ?? [], `${door}: a document with earlier versions`).toEqual([])
      }
      const graphql = await api(hostile, who, 'POST', '/api/graphql', { query: `{ Replies { docs { id body editHistory { body } } } Threads { docs { id editHistory { body title } } } }` })
      for (const old of [oldReplyWord, oldThreadWord]) expect(graphql.text).not.toContain(old)
    }
    // A bare id read still gives the "edited" time: the marker is public, the text is not.
    const publicRead = await api(hostile, null, 'GET', `/api/replies/${reply.id}`)
    expect(publicRead.json?.editedAt).toEqual(expect.any(String))
    // Control: the locality's moderator reads the history, in REST and on the page.
    const asModerator = await api(hostile, moderator(), 'GET', `/api/replies/${reply.id}`)
    expect(asModerator.text).toContain(oldReplyWord)
    expect(asModerator.json?.editHistory?.[0]?.editorRole).toBe('author')
    const moderatorPage = await getPage(await signIn(moderator()), `/threads/${thread.id}`)
    expect(moderatorPage.html).toContain(oldReplyWord)
    expect(moderatorPage.html).toContain('Earlier versions')
  })

  test('a scoped moderator of another locality does not see the history', async () => {
    const north = await makeMember(hostile, { roles: ['moderator'], established: true, name: 'NorthMod' })
    await settle(() => db(hostile).update({ collection: 'users', id: north.id, data: { moderatorLocalities: [loc['lancashire-north']] }, overrideAccess: true }))
    const result = await api(hostile, north, 'GET', `/api/replies/${reply.id}?depth=2`)
    expect(result.text).not.toContain(oldReplyWord)
    expect((await getPage(await signIn(north), `/threads/${thread.id}`)).html).not.toContain(oldReplyWord)
  })
})

describe('an edit is triaged like a new post', () => {
  test('a blocked word: the form is shown again (422) and nothing is saved; REST is refused too', async () => {
    const blocked = await addWatchedWord('block')
    const { reply } = await publishedThreadWithReply()
    const before = await stored(hostile, 'replies', reply.id)
    const response = await editByForm(await signIn(author), 'replies', reply.id, { body: `Now with ${blocked} in it` })
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('name="body"')
    expect(html).toContain(blocked) // what they wrote is still in the form
    const rest = await api(hostile, author, 'PATCH', `/api/replies/${reply.id}`, { body: `Now with ${blocked} in it` })
    expect(rest.status).toBe(400)
    const after = await stored(hostile, 'replies', reply.id)
    expect(after?.body).toBe(before?.body)
    expect(after?.editHistory ?? []).toEqual([])
    expect(after?.status).toBe('published')
  })

  test('a "require approval" word sends a published reply back to the queue: nobody else sees it until approved', async () => {
    const held = await addWatchedWord('require-approval')
    const { thread, reply } = await publishedThreadWithReply()
    const other1 = await signIn(other)
    await getPage(other1, `/threads/${thread.id}`) // kept by the page cache before the edit
    const marker = unique('heldedit')
    const response = await editByForm(await signIn(author), 'replies', reply.id, { body: `${marker} and ${held}` })
    expect(response.status).toBe(303)
    const after = await stored(hostile, 'replies', reply.id)
    expect(after?.status).toBe('pending')
    expect(after?.needsReview).toBe(true)
    expect((await stored(hostile, 'threads', thread.id))?.replyCount).toBe(0)
    for (const client of [visitor(), other1]) {
      const page = await getPage(client, `/threads/${thread.id}`)
      expect(page.html).not.toContain(marker)
      expect(page.html).not.toContain(reply.bodyMarker)
      expect((await getPage(client, `/search?q=${marker}`)).html).not.toContain(String(thread.titleMarker))
    }
    expect((await api(hostile, other, 'GET', `/api/replies/${reply.id}`)).status).not.toBe(200)
    // The author sees their post, awaiting review.
    const own = await getPage(await signIn(author), `/threads/${thread.id}`)
    expect(own.html).toContain(marker)
    expect(own.html).toContain('Awaiting review')
    // The same through REST PATCH, on the thread opener.
    const opener = await api(hostile, author, 'PATCH', `/api/threads/${thread.id}`, { body: `Opener ${held}` })
    expect(opener.status, opener.text.slice(0, 200)).toBe(200)
    expect((await stored(hostile, 'threads', thread.id))?.status).toBe('pending')
  })

  test('crisis words in an edit hold the post and alert the safeguarding leads, as on a new post', async () => {
    const { thread, reply } = await publishedThreadWithReply()
    const alertsBefore = await countStored(hostile, 'crisis-alerts', { and: [{ targetCollection: { equals: 'replies' } }, { targetId: { equals: String(reply.id) } }] })
    const marker = unique('crisisedit')
    const response = await editByForm(await signIn(author), 'replies', reply.id, { body: `${marker} I want to kill myself tonight` })
    expect(response.status).toBe(303)
    const after = await stored(hostile, 'replies', reply.id)
    expect(after?.crisisHold).toBe(true)
    expect(after?.status).toBe('pending')
    const alertsAfter = await countStored(hostile, 'crisis-alerts', { and: [{ targetCollection: { equals: 'replies' } }, { targetId: { equals: String(reply.id) } }] })
    expect(alertsAfter).toBe(alertsBefore + 1)
    for (const client of [visitor(), await signIn(other)]) expect((await getPage(client, `/threads/${thread.id}`)).html).not.toContain(marker)
    // The author is shown the crisis panel on their own held post.
    const own = await getPage(await signIn(author), `/threads/${thread.id}`)
    expect(own.html).toContain(marker)
    expect(own.html).toContain('crisis-panel-heading')
    for (const client of [visitor(), await signIn(other)]) expect((await getPage(client, `/threads/${thread.id}`)).html).not.toContain('crisis-panel-heading')
  })
})

describe('quoting', () => {
  test('a published reply is quoted under its public display name; a hidden, pending, removed or other thread’s reply reveals nothing', async () => {
    const { thread, reply } = await publishedThreadWithReply()
    const newcomer = await makeMember(hostile, { name: 'Newbie' })
    const pending = await newReply(hostile, newcomer, thread.id)
    const hidden = await newReply(hostile, author, thread.id)
    await arrangeModeration(hostile, 'replies', hidden.id, 'hide', 'hidden')
    const removed = await newReply(hostile, author, thread.id)
    await arrangeModeration(hostile, 'replies', removed.id, 'remove', 'removed')
    const otherThread = await publishedThreadWithReply()
    const authorName = String((await stored(hostile, 'users', author.id))?.displayName)
    const client = await signIn(other)

    const quoted = await getPage(client, `/threads/${thread.id}?quote=${reply.id}`)
    expect(quoted.status).toBe(200)
    const textarea = (html: string) => html.match(/<textarea[^>]*name="body"[^>]*>([\s\S]*?)<\/textarea>/)?.[1] ?? null
    expect(textarea(quoted.html)).toContain(`&gt; ${authorName} wrote:`)
    expect(textarea(quoted.html)).toContain(reply.bodyMarker)
    expect(quoted.html).not.toContain(author.email)

    const blank = textarea((await getPage(client, `/threads/${thread.id}`)).html)
    for (const [what, id] of [
      ['pending', pending.id],
      ['hidden', hidden.id],
      ['removed', removed.id],
      ['another thread’s', otherThread.reply.id],
      ['missing', 99_999_999],
      ['junk', 'abc'],
    ] as const) {
      const page = await getPage(client, `/threads/${thread.id}?quote=${id}`)
      expect(page.status, what).toBe(200)
      expect(textarea(page.html), what).toBe(blank)
      for (const marker of [pending.bodyMarker, hidden.bodyMarker, removed.bodyMarker]) expect(page.html, what).not.toContain(marker)
    }
    // A visitor has no form to fill, and learns nothing either.
    const asVisitor = await getPage(visitor(), `/threads/${thread.id}?quote=${hidden.id}`)
    expect(asVisitor.html).not.toContain(hidden.bodyMarker)
  })
})
