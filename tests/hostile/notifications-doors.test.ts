// Hostile: notifications, mentions, follows and unread counts leak nothing (issue 16 B, "Hostile: mentions
// leaking the existence of members-only content; unread and notification counts that leak anything").
//
// What an attacker tries: reading another member's notifications and thread places through REST, GraphQL
// and the page; marking someone else's notification read by guessing its id; writing notifications
// through REST; learning from a notification or a count about a reply that was later removed, a post that
// still waits for review, or a thread that was hidden; learning from how a mention is drawn whether a
// display name belongs to anyone. Controls (a live reply, a live mention) prove each check can fail.
import { beforeAll, describe, expect, test } from 'vitest'

import type { WebClient } from '../support/http.js'
import {
  RELAXED_LIMITS,
  api,
  arrangeModeration,
  countStored,
  db,
  getPage,
  localityIds,
  makeMember,
  mailsTo,
  newReply,
  newThread,
  readOutbox,
  seededModerator,
  textOf,
  updateSettings,
  waitForMail,
  type Member,
} from './forumHelpers.js'
import { signedIn, unique, useHostileServer } from './helpers.js'

const hostile = useHostileServer('notifications-doors')

let loc: Record<string, number | string> = {}
let author: Member // owns the threads
let replier: Member // established: replies go up at once
let mentioned: Member // the member others mention
let quiet: Member // mentioned, but opted out of mention emails
let nosy: Member // another member, the attacker
let newcomer: Member // pre-moderated: their posts wait for review

const signIn = (who: Member) => signedIn(hostile.server, who.email, who.password)
const clients = new Map<string, WebClient>()
async function clientOf(who: Member): Promise<WebClient> {
  if (!clients.has(who.email)) clients.set(who.email, await signIn(who))
  return clients.get(who.email)!
}

/** The header's unread notification count on a page, as the member sees it (0 when there is no badge). */
async function headerCount(who: Member, path = '/stories'): Promise<number> {
  const { html } = await getPage(await clientOf(who), path)
  const match = html.replace(/<!-- -->/g, '').match(/href="\/notifications"[^>]*>Notifications\s*<span class="badge badge--unread">(\d+) new<\/span>/)
  return match ? Number(match[1]) : 0
}

async function notificationsText(who: Member): Promise<string> {
  const { status, html } = await getPage(await clientOf(who), '/notifications')
  expect(status).toBe(200)
  return textOf(html)
}

const storedNotifications = (recipient: Member) => db(hostile).find({ collection: 'notifications', where: { recipient: { equals: recipient.id } }, overrideAccess: true, depth: 0, limit: 100 })

beforeAll(async () => {
  await updateSettings(hostile, RELAXED_LIMITS)
  loc = await localityIds(hostile)
  ;[author, replier, mentioned, quiet, nosy, newcomer] = await Promise.all([
    makeMember(hostile, { established: true, name: 'Author' }),
    makeMember(hostile, { established: true, name: 'Replier' }),
    makeMember(hostile, { established: true, name: 'Mentioned' }),
    makeMember(hostile, { established: true, name: 'Quiet' }),
    makeMember(hostile, { established: true, name: 'Nosy' }),
    makeMember(hostile, { established: false, name: 'Newcomer' }),
  ])
  await db(hostile).update({ collection: 'users', id: quiet.id, data: { notifications: { notifyMentions: false } }, overrideAccess: true })
}, 120_000)

describe('a reply later removed, a post still waiting, a thread hidden: nothing is told', () => {
  test('a live reply notifies the thread author (control); once removed it leaves the list and the count', async () => {
    const thread = await newThread(hostile, author, loc['lancashire-county']!)
    const before = await headerCount(author)
    const reply = await newReply(hostile, replier, thread.id)
    // Control: the live reply is on the author's page and in the header.
    expect(await headerCount(author)).toBe(before + 1)
    expect(await notificationsText(author)).toContain(`${replier.displayName} replied in “Thread ${thread.titleMarker}”`)

    await arrangeModeration(hostile, 'replies', reply.id, 'remove', 'removed', { reason: 'Off topic.' })
    expect(await headerCount(author)).toBe(before)
    const page = await notificationsText(author)
    expect(page).not.toContain(replier.displayName)
    for (const marker of reply.markers) expect(page).not.toContain(marker)
  })

  test('a reply waiting for review notifies nobody, not even by a count; approval then tells the author', async () => {
    const thread = await newThread(hostile, author, loc['lancashire-county']!)
    const before = await headerCount(author)
    const waiting = await newReply(hostile, newcomer, thread.id, { body: `Waiting words ${unique('w')} for @${mentioned.displayName}.` })
    expect((await db(hostile).findByID({ collection: 'replies', id: waiting.id, overrideAccess: true, depth: 0 })).status).toBe('pending')
    expect(await headerCount(author)).toBe(before)
    expect(await notificationsText(author)).not.toContain(newcomer.displayName)
    expect(await notificationsText(mentioned)).not.toContain(`Thread ${thread.titleMarker}`)
    expect((await storedNotifications(mentioned)).docs.filter((n: any) => String(n.thread) === String(thread.id))).toHaveLength(0)

    await arrangeModeration(hostile, 'replies', waiting.id, 'approve', 'published')
    expect(await headerCount(author)).toBe(before + 1)
    expect(await notificationsText(mentioned)).toContain(`${newcomer.displayName} mentioned you in “Thread ${thread.titleMarker}”`)
  })

  test('a thread hidden after a mention: the mention is gone from the list and the count', async () => {
    const before = await headerCount(mentioned)
    const thread = await newThread(hostile, replier, loc['lancashire-north']!, { body: `Members-only words ${unique('m')} with @${mentioned.displayName} in them.` })
    expect(await headerCount(mentioned)).toBe(before + 1)
    await arrangeModeration(hostile, 'threads', thread.id, 'hide', 'hidden', { reason: 'Checking.' })
    expect(await headerCount(mentioned)).toBe(before)
    expect(await notificationsText(mentioned)).not.toContain(thread.titleMarker)
  })

  test('a mention in a members-only forum: no sign of it for visitors, no email with its text', async () => {
    const words = unique('secret')
    const thread = await newThread(hostile, replier, loc['lancashire-north']!, { body: `${words} and hello @${mentioned.displayName}.` })
    const visitor = new (await import('../support/http.js')).WebClient(hostile.server.url)
    const page = await getPage(visitor, `/threads/${thread.id}`)
    expect(textOf(page.html)).not.toContain(words)
    expect(textOf(page.html)).not.toContain(thread.titleMarker)
    const mail = await waitForMail(hostile, (m) => m.to.includes(mentioned.email.toLowerCase()) && m.text.includes(thread.titleMarker), 150_000)
    expect(mail, 'control: the mentioned member is emailed').toBeDefined()
    expect(mail!.text).not.toContain(words)
  }, 180_000)

  test('a member who opted out of mention emails gets the notification but no email', async () => {
    const thread = await newThread(hostile, replier, loc['lancashire-county']!, { body: `Hello @${quiet.displayName}, and @${mentioned.displayName}.` })
    expect(await notificationsText(quiet)).toContain(`mentioned you in “Thread ${thread.titleMarker}”`)
    // Control: the other member mentioned in the same post is emailed (the same batch of jobs).
    expect(await waitForMail(hostile, (m) => m.to.includes(mentioned.email.toLowerCase()) && m.text.includes(thread.titleMarker), 150_000)).toBeDefined()
    expect(mailsTo(await readOutbox(hostile), quiet.email).filter((m) => m.text.includes(thread.titleMarker))).toHaveLength(0)
  }, 180_000)
})

describe('decisions on a member’s own posts', () => {
  test('a reply hidden by members’ flags tells its author it is held, naming only their own post', async () => {
    const thread = await newThread(hostile, replier, loc['lancashire-county']!)
    const reply = await newReply(hostile, author, thread.id)
    await updateSettings(hostile, { flagHideThreshold: 1 })
    try {
      const flagged = await api(hostile, nosy, 'POST', '/api/flags', { targetCollection: 'replies', targetId: String(reply.id), reason: 'spam' })
      expect(flagged.status).toBe(201)
    } finally {
      await updateSettings(hostile, { flagHideThreshold: 3 })
    }
    expect((await db(hostile).findByID({ collection: 'replies', id: reply.id, overrideAccess: true, depth: 0 })).status).toBe('hidden')
    const text = await notificationsText(author)
    expect(text).toContain(`Your reply in “Thread ${thread.titleMarker}” is held for a moderator to look at.`)
    // The flagger is never named, and the other members hear nothing of it.
    expect(text).not.toContain(nosy.displayName)
    expect(await notificationsText(replier)).not.toContain('is held')
  })
})

describe('mentions say nothing about who exists', () => {
  test('a mention of a real member and of a made-up name are drawn alike, as plain text', async () => {
    const madeUp = `Nobody ${unique('x')}`
    const thread = await newThread(hostile, replier, loc['lancashire-county']!, { body: `First @${mentioned.displayName} then @${madeUp} here.` })
    const { html } = await getPage(new (await import('../support/http.js')).WebClient(hostile.server.url), `/threads/${thread.id}`)
    const body = html.slice(html.indexOf('First @'), html.indexOf(' here.'))
    expect(body).toBe(`First @${mentioned.displayName} then @${madeUp}`)
    expect(body).not.toContain('<')
  })

  test('the author is told nothing about whom their mention reached', async () => {
    const response = await api(hostile, replier, 'POST', '/api/threads', { locality: loc['lancashire-county'], title: `Probe ${unique('p')}`, body: `Hi @${mentioned.displayName}` })
    const other = await api(hostile, replier, 'POST', '/api/threads', { locality: loc['lancashire-county'], title: `Probe ${unique('p')}`, body: `Hi @Nobody ${unique('y')}` })
    expect(response.status).toBe(201)
    expect(other.status).toBe(201)
    // The answer names the mentioned member only where the author typed the name, never their account.
    const doc = JSON.stringify(response.json.doc)
    expect(doc.split(mentioned.displayName).length - 1).toBe(1)
    expect(doc).not.toContain(mentioned.email)
    expect(Object.keys(response.json.doc).sort()).toEqual(Object.keys(other.json.doc).sort())
  })
})

describe("another member's notifications and thread places, through every door", () => {
  let victimNotification: string

  beforeAll(async () => {
    const thread = await newThread(hostile, author, loc['lancashire-county']!)
    await newReply(hostile, replier, thread.id)
    const rows = await storedNotifications(author)
    if (rows.docs.length === 0) throw new Error('Arrange failed: the author has no notification')
    victimNotification = String(rows.docs[0].id)
    await getPage(await clientOf(author), `/threads/${thread.id}`) // a thread-reads row of the author's
    if ((await countStored(hostile, 'thread-reads', { member: { equals: author.id } })) === 0) throw new Error('Arrange failed: no thread-reads row')
  })

  test('REST lists, by id, where and count give the attacker none of them', async () => {
    for (const collection of ['notifications', 'thread-reads']) {
      const list = await api(hostile, nosy, 'GET', `/api/${collection}?limit=100&depth=0`)
      expect(list.status).toBe(200)
      expect(list.json.docs.length).toBe(0)
      const count = await api(hostile, nosy, 'GET', `/api/${collection}/count`)
      expect(count.json?.totalDocs ?? 0).toBe(0)
      const asVisitor = await api(hostile, null, 'GET', `/api/${collection}?limit=100`)
      expect([200, 403]).toContain(asVisitor.status)
      expect(asVisitor.json?.docs?.length ?? 0).toBe(0)
    }
    const byId = await api(hostile, nosy, 'GET', `/api/notifications/${victimNotification}`)
    expect([403, 404]).toContain(byId.status)
    const where = await api(hostile, nosy, 'GET', `/api/notifications?where[recipient][equals]=${author.id}`)
    expect(where.json?.docs?.length ?? 0).toBe(0)
    // Control: the owner reads their own.
    const own = await api(hostile, author, 'GET', `/api/notifications/${victimNotification}`)
    expect(own.status).toBe(200)
  })

  test('moderators do not read members’ notifications either', async () => {
    const list = await api(hostile, seededModerator(hostile), 'GET', `/api/notifications?limit=100&where[recipient][equals]=${author.id}`)
    expect(list.json?.docs?.length ?? 0).toBe(0)
  })

  test('GraphQL is closed: no answer to anyone, the owner included', async () => {
    for (const who of [nosy, author]) {
      const response = await api(hostile, who, 'POST', '/api/graphql', { query: '{ Notifications(limit: 100) { docs { id kind } } ThreadReads(limit: 100) { docs { id } } }' })
      expect(response.status).not.toBe(200)
      expect(response.text).not.toContain(`"id":${victimNotification}`)
    }
  })

  test('nobody writes notifications or thread places through REST', async () => {
    const create = await api(hostile, nosy, 'POST', '/api/notifications', { recipient: author.id, kind: 'reply' })
    expect([401, 403]).toContain(create.status)
    const update = await api(hostile, author, 'PATCH', `/api/notifications/${victimNotification}`, { read: true })
    expect([401, 403, 404]).toContain(update.status)
    const follow = await api(hostile, nosy, 'POST', '/api/thread-reads', { member: author.id, following: true })
    expect([401, 403]).toContain(follow.status)
  })

  test('marking another member’s notification read (IDOR) changes nothing', async () => {
    const attacker = await clientOf(nosy)
    const token = await attacker.csrfToken('/notifications')
    const response = await attacker.postForm('/notifications/read', { _csrf: token, id: victimNotification })
    expect([303, 400, 404]).toContain(response.status)
    const row = await db(hostile).findByID({ collection: 'notifications', id: victimNotification, overrideAccess: true, depth: 0 })
    expect(row.read).toBe(false)
    // Control: the owner can.
    const owner = await clientOf(author)
    await owner.postForm('/notifications/read', { _csrf: await owner.csrfToken('/notifications'), id: victimNotification })
    expect((await db(hostile).findByID({ collection: 'notifications', id: victimNotification, overrideAccess: true, depth: 0 })).read).toBe(true)
  })

  test('the attacker’s notifications page shows none of the victim’s', async () => {
    const text = await notificationsText(nosy)
    expect(text).not.toContain(replier.displayName)
  })

  test('following a thread one cannot see is a 404 and stores nothing', async () => {
    const hidden = await newThread(hostile, replier, loc['lancashire-county']!)
    await arrangeModeration(hostile, 'threads', hidden.id, 'hide', 'hidden', { reason: 'Checking.' })
    const attacker = await clientOf(nosy)
    const response = await attacker.postForm(`/threads/${hidden.id}/follow`, { _csrf: await attacker.csrfToken('/notifications'), follow: 'yes' })
    expect(response.status).toBe(404)
    expect(await countStored(hostile, 'thread-reads', { and: [{ member: { equals: nosy.id } }, { thread: { equals: hidden.id } }] })).toBe(0)
    // Viewing it does not store a place either.
    await getPage(attacker, `/threads/${hidden.id}`)
    expect(await countStored(hostile, 'thread-reads', { and: [{ member: { equals: nosy.id } }, { thread: { equals: hidden.id } }] })).toBe(0)
  })
})

describe('unread counts and markers count only what the member may see', () => {
  test('a held reply is neither counted on the forum list nor marked as new in the thread', async () => {
    const thread = await newThread(hostile, author, loc['lancashire-county']!)
    const reader = await clientOf(nosy)
    await getPage(reader, `/threads/${thread.id}`) // first visit: the place is kept
    await newReply(hostile, newcomer, thread.id) // waits for review
    const live = await newReply(hostile, replier, thread.id)
    const hidden = await newReply(hostile, replier, thread.id)
    await arrangeModeration(hostile, 'replies', hidden.id, 'hide', 'hidden', { reason: 'Checking.' })

    const list = textOf((await getPage(reader, '/localities/lancashire-county')).html)
    const line = list.slice(list.indexOf(`Thread ${thread.titleMarker}`), list.indexOf(`Thread ${thread.titleMarker}`) + 200)
    expect(line).toContain('1 new reply') // the live one only (control: the count is there)

    const { html } = await getPage(reader, `/threads/${thread.id}`)
    expect(html).toContain('New since your last visit')
    const marker = html.indexOf('id="new-since-last-visit"')
    const article = html.lastIndexOf('<article', marker)
    expect(html.slice(article, marker)).toContain(`id="reply-${live.id}"`)
    for (const m of hidden.markers) expect(html).not.toContain(m)

    // Seen now: the next visit marks nothing, and the list counts nothing.
    expect((await getPage(reader, `/threads/${thread.id}`)).html).not.toContain('New since your last visit')
    const again = textOf((await getPage(reader, '/localities/lancashire-county')).html)
    expect(again.slice(again.indexOf(`Thread ${thread.titleMarker}`), again.indexOf(`Thread ${thread.titleMarker}`) + 200)).not.toContain('new repl')
  })
})
