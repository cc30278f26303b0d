// Hostile: nothing leaks from the forums (issue 4, "Tests → Hostile → Nothing leaks").
//
// A members-only forum (lancashire-north) asked by a visitor; pending and hidden threads and replies
// asked by another member; the author relationship; and the flagger's identity. Every door is tried:
// pages, REST (lists, by id, where queries, depth, count), search, the Atom feed and the outbox. Each
// secret carries unique marker words; a published thread in the public lancashire-county forum is the
// control that proves each door's check can fail.
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import {
  BANNER,
  RELAXED_LIMITS,
  api,
  arrangeModeration,
  docIds,
  drainJobs,
  expectStatus,
  getPage,
  localityIds,
  mailsTo,
  makeMember,
  newReply,
  newThread,
  objectsIn,
  readOutbox,
  sameId,
  seededModerator,
  stored,
  textOf,
  updateSettings,
  type Member,
  type Posted,
  type Who,
} from './forumHelpers.js'
import { emailsIn, signedIn, useHostileServer } from './helpers.js'

const hostile = useHostileServer('forum-visibility')

let loc: Record<string, number | string> = {}
let author: Member // established: publishes at once
let replier: Member // established
let newcomer: Member // no approved posts: pre-moderated
let nosy: Member // another ordinary member, the viewer who must not see
let north: Posted, northReply: Posted, county: Posted, countyReply: Posted
let pendingThread: Posted, pendingReply: Posted, hiddenThread: Posted, hiddenReply: Posted

const visitor = () => new WebClient(hostile.server.url)
const signIn = (who: Who) => signedIn(hostile.server, who.email, who.password)
const secretsOfPendingAndHidden = () => [...pendingThread.markers, ...pendingReply.markers, ...hiddenThread.markers, ...hiddenReply.markers]
const foundIn = (text: string, markers: string[]) => markers.filter((m) => text.includes(m))

beforeAll(async () => {
  await updateSettings(hostile, RELAXED_LIMITS) // this file tests visibility, not rate limits
  loc = await localityIds(hostile)
  ;[author, replier, newcomer, nosy] = await Promise.all([
    makeMember(hostile, { established: true, name: 'Author' }),
    makeMember(hostile, { established: true, name: 'Replier' }),
    makeMember(hostile, { established: false, name: 'Newcomer' }),
    makeMember(hostile, { established: true, name: 'Nosy' }),
  ])
  north = await newThread(hostile, author, loc['lancashire-north']!)
  northReply = await newReply(hostile, replier, north.id)
  county = await newThread(hostile, author, loc['lancashire-county']!)
  countyReply = await newReply(hostile, replier, county.id)
  pendingThread = await newThread(hostile, newcomer, loc['lancashire-county']!)
  pendingReply = await newReply(hostile, newcomer, county.id)
  hiddenThread = await newThread(hostile, author, loc['lancashire-county']!)
  hiddenReply = await newReply(hostile, replier, county.id)
  for (const [c, p] of [
    ['threads', north],
    ['replies', northReply],
    ['threads', county],
    ['replies', countyReply],
  ] as const)
    await expectStatus(hostile, c, p.id, 'published')
  await expectStatus(hostile, 'threads', pendingThread.id, 'pending')
  await expectStatus(hostile, 'replies', pendingReply.id, 'pending')
  await arrangeModeration(hostile, 'threads', hiddenThread.id, 'hide', 'hidden')
  await arrangeModeration(hostile, 'replies', hiddenReply.id, 'hide', 'hidden')
}, 180_000)

/** REST reads an attacker would try against one thread (and its replies). */
function restDoorsFor(thread: Posted, reply: Posted, localityId: number | string) {
  return [
    `/api/threads?limit=500&depth=2`,
    `/api/threads?limit=500&pagination=false&draft=true`,
    `/api/threads/${thread.id}`,
    `/api/threads/${thread.id}?depth=3&draft=true`,
    `/api/threads?where[id][equals]=${thread.id}`,
    `/api/threads?where[locality][equals]=${localityId}&depth=1`,
    `/api/threads?where[locality.slug][equals]=lancashire-north`,
    `/api/threads?where[title][like]=${thread.titleMarker}`,
    `/api/threads?where[body][contains]=${thread.bodyMarker}`,
    `/api/threads?where[status][equals]=pending&limit=500`,
    `/api/threads?where[status][in]=pending,hidden,removed&limit=500`,
    `/api/threads?where[status][not_equals]=published&limit=500`,
    `/api/threads?where[or][0][status][equals]=hidden&where[or][1][status][exists]=true&limit=500`,
    `/api/replies?limit=500&depth=2`,
    `/api/replies/${reply.id}?depth=2`,
    `/api/replies?where[thread][equals]=${thread.id}&depth=2`,
    `/api/replies?where[locality][equals]=${localityId}`,
    `/api/replies?where[body][like]=${reply.bodyMarker}`,
    `/api/replies?where[status][in]=pending,hidden,removed&limit=500`,
    `/api/replies?where[thread.title][like]=${thread.titleMarker}`,
    `/api/localities?depth=3&limit=100`,
  ]
}

async function restLeaks(viewer: Who | null, paths: string[], secrets: string[], secretIds: { collection: string; id: number | string }[]) {
  const problems: string[] = []
  for (const p of paths) {
    const r = await api(hostile, viewer, 'GET', p)
    const words = foundIn(r.text, secrets)
    if (words.length) problems.push(`${p} (${r.status}) carries ${words.join(', ')}`)
    for (const s of secretIds) {
      if (p === `/api/${s.collection}/${s.id}` || p.startsWith(`/api/${s.collection}/${s.id}?`)) {
        if (r.status === 200) problems.push(`${p} answers 200`)
      } else if (p.startsWith(`/api/${s.collection}?`) && docIds(r).includes(String(s.id))) problems.push(`${p} lists ${s.collection}/${s.id}`)
    }
  }
  return problems
}

describe('a members-only forum seen by a visitor', () => {
  test('the forum page shows only "join to take part" (a member sees the threads; county is public)', async () => {
    const v = visitor()
    for (const p of ['/localities/lancashire-north', '/localities/lancashire-north?page=2']) {
      const page = await getPage(v, p)
      expect(page.html, p).toMatch(/join to take part/i)
      expect(foundIn(page.html, [...north.markers, ...northReply.markers]), p).toEqual([])
    }
    expect((await getPage(v, '/localities/lancashire-county')).html).toContain(county.titleMarker)
    const member = await getPage(await signIn(nosy), '/localities/lancashire-north')
    expect(member.html).toContain(north.titleMarker)
  })

  test('the thread page is 404 for a visitor, like a missing one (the public thread is 200)', async () => {
    const v = visitor()
    const missing = await getPage(v, '/threads/987654321')
    expect(missing.status).toBe(404)
    for (const p of [`/threads/${north.id}`, `/threads/${north.id}?page=2`]) {
      const page = await getPage(v, p)
      expect(page.status, p).toBe(404)
      expect(foundIn(page.html, [...north.markers, ...northReply.markers]), p).toEqual([])
    }
    const control = await getPage(v, `/threads/${county.id}`)
    expect(control.status).toBe(200)
    expect(control.html).toContain(county.titleMarker)
    expect(control.html).toContain(countyReply.bodyMarker)
  })

  test('REST gives a visitor none of it, whatever the query (the public thread is readable)', async () => {
    const paths = restDoorsFor(north, northReply, loc['lancashire-north']!)
    const problems = await restLeaks(
      null,
      paths,
      [...north.markers, ...northReply.markers],
      [
        { collection: 'threads', id: north.id },
        { collection: 'replies', id: northReply.id },
      ],
    )
    expect(problems).toEqual([])
    for (const p of [`/api/threads/count?where[locality][equals]=${loc['lancashire-north']}`, `/api/replies/count?where[thread][equals]=${north.id}`]) {
      const r = await api(hostile, null, 'GET', p)
      expect(r.status === 200 ? r.json?.totalDocs : 0, p).toBe(0)
    }
    const control = await api(hostile, null, 'GET', `/api/threads?where[title][like]=${county.titleMarker}`)
    expect(docIds(control)).toContain(String(county.id))
    const replies = await api(hostile, null, 'GET', `/api/replies?where[thread][equals]=${county.id}`)
    expect(replies.text).toContain(countyReply.bodyMarker)
  })

  test('search finds nothing of it for a visitor (a member finds it; the public thread is found)', async () => {
    const v = visitor()
    for (const word of [north.titleMarker, north.bodyMarker, northReply.bodyMarker]) {
      const page = await getPage(v, `/search?q=${word}`)
      expect(
        foundIn(page.html, [...north.markers, ...northReply.markers]).filter((m) => m !== word),
        word,
      ).toEqual([])
      expect(page.html, word).not.toMatch(new RegExp(`/threads/${north.id}\\b`))
    }
    expect((await getPage(v, `/search?q=${county.bodyMarker}`)).html).toContain(county.titleMarker)
    expect((await getPage(await signIn(nosy), `/search?q=${north.bodyMarker}`)).html).toContain(north.titleMarker)
  })

  test('the members-only feed is 404 (the public feed lists the public thread)', async () => {
    for (const client of [visitor(), await signIn(nosy)]) {
      const feed = await getPage(client, '/localities/lancashire-north/feed.xml')
      expect(feed.status).toBe(404)
      expect(foundIn(feed.html, north.markers)).toEqual([])
    }
    const control = await getPage(visitor(), '/localities/lancashire-county/feed.xml')
    expect(control.status).toBe(200)
    expect(control.html).toContain(county.titleMarker)
  })
})

describe('pending and hidden posts seen by another member (and a visitor)', () => {
  test('pages: 404 for the posts, and absent from the thread and the forum list', async () => {
    for (const [name, client] of [
      ['member', await signIn(nosy)],
      ['visitor', visitor()],
    ] as const) {
      for (const t of [pendingThread, hiddenThread]) {
        const page = await getPage(client, `/threads/${t.id}`)
        expect(page.status, `${name} /threads/${t.id}`).toBe(404)
        expect(foundIn(page.html, t.markers)).toEqual([])
      }
      const thread = await getPage(client, `/threads/${county.id}`)
      expect(thread.html, name).toContain(countyReply.bodyMarker)
      expect(foundIn(thread.html, secretsOfPendingAndHidden()), name).toEqual([])
      expect(thread.html).not.toMatch(new RegExp(`reply-(${pendingReply.id}|${hiddenReply.id})\\b`))
      const list = await getPage(client, '/localities/lancashire-county')
      expect(list.html, name).toContain(county.titleMarker)
      expect(foundIn(list.html, secretsOfPendingAndHidden()), name).toEqual([])
    }
  })

  test('REST: no list, id, status query or count shows them to another member or a visitor', async () => {
    const paths = [...restDoorsFor(pendingThread, pendingReply, loc['lancashire-county']!), ...restDoorsFor(hiddenThread, hiddenReply, loc['lancashire-county']!)]
    const ids = [
      { collection: 'threads', id: pendingThread.id },
      { collection: 'threads', id: hiddenThread.id },
      { collection: 'replies', id: pendingReply.id },
      { collection: 'replies', id: hiddenReply.id },
    ]
    for (const viewer of [nosy, null]) {
      expect(await restLeaks(viewer, paths, secretsOfPendingAndHidden(), ids)).toEqual([])
      for (const c of ['threads', 'replies']) {
        const r = await api(hostile, viewer, 'GET', `/api/${c}/count?where[status][in]=pending,hidden`)
        expect(r.status === 200 ? r.json?.totalDocs : 0, c).toBe(0)
      }
    }
    const control = await api(hostile, nosy, 'GET', `/api/replies?where[thread][equals]=${county.id}&limit=100`)
    expect(docIds(control)).toContain(String(countyReply.id))
  })

  test('search and the feed do not find them', async () => {
    for (const client of [await signIn(nosy), visitor()]) {
      for (const word of secretsOfPendingAndHidden()) {
        const page = await getPage(client, `/search?q=${word}`)
        expect(
          foundIn(page.html, secretsOfPendingAndHidden()).filter((m) => m !== word),
          word,
        ).toEqual([])
        expect(page.html).not.toMatch(new RegExp(`/threads/(${pendingThread.id}|${hiddenThread.id})\\b`))
      }
      expect((await getPage(client, `/search?q=${countyReply.bodyMarker}`)).html).toMatch(new RegExp(`/threads/${county.id}\\b`))
    }
    const feed = await getPage(visitor(), '/localities/lancashire-county/feed.xml')
    expect(feed.html).toContain(county.titleMarker)
    expect(foundIn(feed.html, secretsOfPendingAndHidden())).toEqual([])
  })

  test('the author sees their own pending/hidden posts with the banner; a moderator sees them too', async () => {
    const own = await signIn(newcomer)
    const ownThread = await getPage(own, `/threads/${pendingThread.id}`)
    expect(ownThread.status).toBe(200)
    expect(ownThread.html).toContain(pendingThread.titleMarker)
    expect(textOf(ownThread.html)).toContain(BANNER)
    const ownReply = await getPage(own, `/threads/${county.id}`)
    expect(ownReply.html).toContain(pendingReply.bodyMarker)
    expect(textOf(ownReply.html)).toContain(BANNER)
    expect(ownReply.html).not.toContain(hiddenReply.bodyMarker) // someone else's hidden reply
    const account = await getPage(own, '/account')
    expect(account.html).toContain(pendingThread.titleMarker)
    expect(textOf(account.html)).toContain(BANNER)
    expect((await api(hostile, newcomer, 'GET', `/api/threads/${pendingThread.id}`)).status).toBe(200)

    const hiddenOwn = await getPage(await signIn(author), `/threads/${hiddenThread.id}`)
    expect(hiddenOwn.status).toBe(200)
    expect(textOf(hiddenOwn.html)).toContain(BANNER)

    const moderator = await signIn(seededModerator(hostile))
    expect((await getPage(moderator, `/threads/${pendingThread.id}`)).html).toContain(pendingThread.titleMarker)
    const modThread = await getPage(moderator, `/threads/${county.id}`)
    expect(modThread.html).toContain(pendingReply.bodyMarker)
    expect(modThread.html).toContain(hiddenReply.bodyMarker)
    // Marked as not public, so a moderator does not take them for published posts.
    expect(textOf(modThread.html)).toMatch(/Waiting for review\s*:\s*only the moderators and its author can see this\./)
    expect(textOf(modThread.html)).toMatch(/Hidden\s*:\s*only the moderators and its author can see this\./)
    expect(textOf(ownReply.html), 'the author sees their own banner, not the moderators’ marker').not.toContain('only the moderators and its author')
    expect((await api(hostile, seededModerator(hostile), 'GET', `/api/threads/${hiddenThread.id}`)).status).toBe(200)
  })
})

describe('the author relationship never leaves the server', () => {
  const AUTHOR_KEYS = ['author', 'authorId', 'createdBy', 'owner', 'user', 'userId', 'email']

  test('REST threads and replies carry authorByline only: no author key, no author id, no email', async () => {
    const paths = [
      `/api/threads/${county.id}`,
      `/api/threads/${county.id}?depth=3`,
      `/api/threads?where[id][equals]=${county.id}&depth=2`,
      `/api/threads?where[id][equals]=${county.id}&select[author]=true&select[title]=true`,
      `/api/replies/${countyReply.id}?depth=3`,
      `/api/replies?where[thread][equals]=${county.id}&depth=2&limit=100`,
    ]
    for (const viewer of [null, nosy] as const) {
      for (const p of paths) {
        const r = await api(hostile, viewer, 'GET', p)
        expect(r.status, p).toBe(200)
        const problems: string[] = []
        for (const o of objectsIn(r.json)) {
          for (const k of AUTHOR_KEYS) if (k in o) problems.push(`key ${k}`)
          if (o.authorByline) {
            if (!o.authorByline.displayName) problems.push('authorByline without displayName')
            for (const v of Object.values(o.authorByline)) if (sameId(v, author.id) || sameId(v, replier.id)) problems.push('authorByline carries an id')
            if ('id' in o.authorByline || 'email' in o.authorByline) problems.push('authorByline has id/email')
          }
        }
        const emails = emailsIn(r.text).filter((e) => e !== nosy.email.toLowerCase())
        expect({ p, problems, emails }).toEqual({ p, problems: [], emails: [] })
      }
    }
    const one = await api(hostile, null, 'GET', `/api/threads/${county.id}`)
    expect(one.json?.authorByline?.displayName).toBe(author.displayName)
    const reply = await api(hostile, null, 'GET', `/api/replies/${countyReply.id}`)
    expect(reply.json?.authorByline?.displayName).toBe(replier.displayName)
  })

  test('querying on the author is no oracle (refused, or the same answer for anyone)', async () => {
    const probes = (id: number | string, email: string) => [
      `/api/threads?where[author][equals]=${id}&limit=500`,
      `/api/threads?where[author.email][equals]=${encodeURIComponent(email)}&limit=500`,
      `/api/replies?where[author][equals]=${id}&limit=500`,
      `/api/threads?where[author][in]=${id}&limit=500`,
    ]
    for (const viewer of [null, nosy] as const) {
      const target = probes(author.id, author.email)
      const other = probes(newcomer.id, newcomer.email)
      for (let i = 0; i < target.length; i++) {
        const a = await api(hostile, viewer, 'GET', target[i]!)
        const b = await api(hostile, viewer, 'GET', other[i]!)
        expect(a.status, target[i]).toBeLessThan(500)
        if (a.status === 200 && b.status === 200) expect(docIds(a).sort(), target[i]).toEqual(docIds(b).sort())
        else expect(a.status === 200 && docIds(a).length > 0, target[i]).toBe(false)
      }
    }
  })

  test('pages, search and feed show the display name but no email or user id', async () => {
    for (const [name, client, own] of [
      ['visitor', visitor(), ''],
      ['member', await signIn(nosy), nosy.email.toLowerCase()],
    ] as const) {
      for (const p of [`/threads/${county.id}`, '/localities/lancashire-county', `/search?q=${county.bodyMarker}`, '/localities/lancashire-county/feed.xml']) {
        const page = await getPage(client, p)
        expect(
          emailsIn(page.html).filter((e) => e !== own),
          `${name} ${p}`,
        ).toEqual([])
        expect(page.html, `${name} ${p}`).not.toMatch(new RegExp(`users/(${author.id}|${replier.id})\\b`))
      }
      const thread = await getPage(client, `/threads/${county.id}`)
      expect(thread.html).toContain(author.displayName)
      expect(thread.html).toContain(replier.displayName)
    }
  })
})

describe("the flagger's identity", () => {
  let flagged: Member, flagger: Member, target: Posted, flagId: number | string

  beforeAll(async () => {
    ;[flagged, flagger] = await Promise.all([makeMember(hostile, { established: true, name: 'Flagged' }), makeMember(hostile, { established: true, name: 'Flagger' })])
    target = await newThread(hostile, flagged, loc['lancashire-county']!)
    const r = await api(hostile, flagger, 'POST', '/api/flags', { targetCollection: 'threads', targetId: String(target.id), reason: 'spam' })
    flagId = r.json?.doc?.id
    if (r.status !== 201 || flagId == null) throw new Error(`Arrange failed: POST /api/flags gave ${r.status}: ${r.text.slice(0, 300)}`)
  }, 60_000)

  const secretsOf = (m: Member) => [m.displayName, m.email, m.email.toLowerCase()]

  test('REST /api/flags tells the author nothing about who flagged (the flagger and a moderator can see it)', async () => {
    const paths = [
      '/api/flags?limit=500&depth=2',
      `/api/flags/${flagId}?depth=2`,
      `/api/flags?where[flagger][equals]=${flagger.id}&depth=1`,
      `/api/flags?where[targetId][equals]=${target.id}&depth=2`,
      `/api/flags?where[flagger.email][equals]=${encodeURIComponent(flagger.email)}`,
      `/api/flags?where[flagger.displayName][like]=${encodeURIComponent(flagger.displayName.split(' ')[1]!)}`,
      `/api/moderation-events?limit=500&depth=2`,
      `/api/threads/${target.id}?depth=3`,
    ]
    for (const p of paths) {
      const r = await api(hostile, flagged, 'GET', p)
      expect(foundIn(r.text, secretsOf(flagger)), p).toEqual([])
      for (const o of objectsIn(r.json)) expect('flagger' in o && sameId(o.flagger, flagger.id), p).toBe(false)
    }
    const a = await api(hostile, flagged, 'GET', `/api/flags?where[flagger][equals]=${flagger.id}`)
    const b = await api(hostile, flagged, 'GET', `/api/flags?where[flagger][equals]=${flagged.id}`)
    if (a.status === 200 && b.status === 200) expect(docIds(a)).toEqual(docIds(b))
    else expect(a.status === 200 && docIds(a).length > 0).toBe(false)

    const own = await api(hostile, flagger, 'GET', `/api/flags/${flagId}`)
    expect(own.status).toBe(200)
    expect(String(own.json?.targetId)).toBe(String(target.id))
    const moderator = await api(hostile, seededModerator(hostile), 'GET', `/api/flags/${flagId}`)
    expect(sameId(moderator.json?.flagger, flagger.id)).toBe(true)
  })

  test('the pages and every email the author gets say nothing about the flagger', async () => {
    const client = await signIn(flagged)
    for (const p of [`/threads/${target.id}`, '/account', `/search?q=${target.titleMarker}`]) {
      const page = await getPage(client, p)
      expect(page.status, p).toBe(200)
      expect(foundIn(page.html, secretsOf(flagger)), p).toEqual([])
    }
    await drainJobs(hostile)
    const mails = mailsTo(await readOutbox(hostile), flagged.email)
    expect(mails.filter((m) => foundIn(m.text, secretsOf(flagger)).length).map((m) => m.file)).toEqual([])
  })

  test('when three members flag a thread it is hidden, and still nothing names them to its author', async () => {
    const item = await newThread(hostile, flagged, loc['lancashire-county']!)
    const flaggers = [flagger, await makeMember(hostile, { established: true, name: 'FlagTwo' }), await makeMember(hostile, { established: true, name: 'FlagThree' })]
    const form = await signIn(flaggers[2]!)
    for (const f of flaggers.slice(0, 2)) {
      const r = await api(hostile, f, 'POST', '/api/flags', { targetCollection: 'threads', targetId: String(item.id), reason: 'other', note: 'Does not feel right' })
      expect(r.status, r.text.slice(0, 200)).toBe(201)
    }
    const viaForm = await form.postForm('/flags', { _csrf: await form.csrfToken(`/threads/${item.id}`), targetCollection: 'threads', targetId: String(item.id), reason: 'harmful', note: '' })
    expect(viaForm.status).toBe(303)
    let status: string | undefined
    for (let i = 0; i < 20 && status !== 'hidden'; i++) {
      status = (await stored(hostile, 'threads', item.id))?.status
      if (status !== 'hidden') await new Promise((r) => setTimeout(r, 500))
    }
    expect(status, 'control: three distinct flags hide the thread').toBe('hidden')

    const secrets = flaggers.flatMap(secretsOf)
    const client = await signIn(flagged)
    const page = await getPage(client, `/threads/${item.id}`)
    expect(page.status).toBe(200)
    expect(textOf(page.html)).toContain(BANNER)
    expect(foundIn(page.html, secrets)).toEqual([])
    expect(foundIn((await getPage(client, '/account')).html, secrets)).toEqual([])
    for (const p of [`/api/threads/${item.id}?depth=3`, `/api/flags?where[targetId][equals]=${item.id}&depth=2`]) {
      expect(foundIn((await api(hostile, flagged, 'GET', p)).text, secrets), p).toEqual([])
    }
    await drainJobs(hostile)
    const mails = mailsTo(await readOutbox(hostile), flagged.email)
    expect(mails.filter((m) => foundIn(m.text, secrets).length).map((m) => m.file)).toEqual([])
  }, 120_000)
})
