// The pure forum rule canSeePost(viewer, facts) (src/policies/forumVisibility.ts) and the database rule
// (the threads/replies read access, as the Local API applies it with overrideAccess: false) must agree,
// viewer by viewer and post by post, over every post status, every thread status under a reply, both
// kinds of forum (members / public), and every kind of viewer: visitor, author, another member, an
// unverified member, a moderator scoped to one locality, an unscoped moderator, an admin.
// Also: the `author` relation never reaches a viewer who is neither the author nor a moderator.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { canSeePost, type PostFacts, type PostState } from '../../src/policies/forumVisibility.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, idOf, sameId, unique } from './helpers.js'

const STATES: PostState[] = ['pending', 'published', 'hidden', 'removed']
type Visibility = 'members' | 'public'
type Kind = 'threads' | 'replies'

let payload: Payload
const api = () => payload as any

const localities: Record<Visibility, any> = {} as any
let author: any, otherMember: any, unverified: any, scopedModerator: any, unscopedModerator: any, admin: any

type Post = {
  kind: Kind
  id: string
  label: string
  status: PostState
  authorId: string
  localityId: string
  forumVisibility: Visibility
  threadStatus?: PostState
}
const posts: Post[] = []
const arrangementErrors: string[] = []

const viewers = (): [string, any][] => [
  ['visitor', null],
  ['author', author],
  ['other member', otherMember],
  ['unverified member', unverified],
  ['scoped moderator (members forum only)', scopedModerator],
  ['unscoped moderator', unscopedModerator],
  ['admin', admin],
]

const postThread = (user: any, locality: any, label: string) =>
  api().create({
    collection: 'threads',
    data: { locality: locality.id, title: `Thread ${label} ${unique()}`, body: `Some thoughts on ${label}, ${unique()}.` },
    user,
    overrideAccess: false,
  }) as Promise<any>

const postReply = (user: any, thread: unknown, label: string) =>
  api().create({ collection: 'replies', data: { thread, body: `A reply: ${label}, ${unique()}.` }, user, overrideAccess: false }) as Promise<any>

/** Test arrangement only: put a post straight into a status, as the system would. */
const setStatus = (collection: Kind, id: unknown, status: PostState) => api().update({ collection, id, data: { status }, overrideAccess: true, context: { forumSystemWrite: true } })

const stored = (collection: Kind, id: unknown) => api().findByID({ collection, id, overrideAccess: true, depth: 0 }) as Promise<any>

async function established(roles: ('member' | 'moderator' | 'admin')[] = ['member'], verified = true) {
  const doc = await createMember(payload, { roles, verified })
  await payload.update({ collection: 'users', id: doc.id, data: { approvedPostCount: 3 } as any, overrideAccess: true })
  return doc
}

/** The facts canSeePost takes, read from what is stored (not from what the arrangement meant). */
async function factsOf(post: Post): Promise<PostFacts> {
  const doc = await stored(post.kind, post.id)
  const locality = await api().findByID({ collection: 'localities', id: idOf(doc.locality), overrideAccess: true, depth: 0 })
  const facts: PostFacts = {
    status: doc.status,
    authorId: idOf(doc.author),
    localityId: idOf(doc.locality),
    forumVisibility: locality.forumVisibility,
  }
  if (post.kind === 'replies') facts.threadStatus = (await stored('threads', idOf(doc.thread))).status
  return facts
}

/** Does the database read rule let `viewer` have this post? Through find and through count. */
async function databaseSees(viewer: any, post: Post) {
  const refusals: string[] = []
  const args = { collection: post.kind, where: { id: { equals: post.id } }, overrideAccess: false, user: viewer ?? undefined }
  let found: any[] | 'refused'
  try {
    found = (await api().find({ ...args, depth: 0, limit: 10 })).docs
  } catch (error: any) {
    found = 'refused'
    refusals.push(`find refused: ${error?.message}`)
  }
  let counted: number | 'refused'
  try {
    counted = (await api().count(args)).totalDocs
  } catch (error: any) {
    counted = 'refused'
    refusals.push(`count refused: ${error?.message}`)
  }
  const doc = Array.isArray(found) ? found.find((d) => sameId(d.id, post.id)) : undefined
  return { doc, findSees: Boolean(doc), countSees: counted === 'refused' ? false : counted > 0, counted: refusals.length ? `${counted}; ${refusals.join('; ')}` : counted }
}

beforeAll(async () => {
  payload = await bootPayload()
  // Posting limits are not what this file tests.
  await api().updateGlobal({
    slug: 'moderation-settings',
    data: {
      newMemberPostIntervalSeconds: 0,
      memberPostIntervalSeconds: 0,
      newMemberMaxThreadsPerDay: 10_000,
      newMemberMaxRepliesPerDay: 10_000,
    },
    overrideAccess: true,
  })
  for (const visibility of ['members', 'public'] as const) {
    const u = unique()
    localities[visibility] = await api().create({
      collection: 'localities',
      data: { name: `Agreement ${visibility} ${u}`, slug: `agreement-${visibility}-${u}`, forumVisibility: visibility },
      overrideAccess: true,
    })
  }

  const authorDoc = await established()
  const otherDoc = await established()
  const unverifiedDoc = await established(['member'], false)
  const scopedDoc = await established(['moderator'])
  await payload.update({ collection: 'users', id: scopedDoc.id, data: { moderatorLocalities: [localities.members.id] } as any, overrideAccess: true })
  const unscopedDoc = await established(['moderator'])
  const adminDoc = await established(['admin'])
  author = await asUser(payload, authorDoc)
  otherMember = await asUser(payload, otherDoc)
  unverified = await asUser(payload, unverifiedDoc)
  scopedModerator = await asUser(payload, scopedDoc)
  unscopedModerator = await asUser(payload, unscopedDoc)
  admin = await asUser(payload, adminDoc)
  if ((scopedModerator.moderatorLocalities ?? []).length !== 1) throw new Error('Arrange failed: the scoped moderator has no scope')

  const names = new Map<string, string>([
    [String(author.id), 'author'],
    [String(otherMember.id), 'other'],
  ])

  // In each forum, threads by each of the two members in each status; under each thread a reply by the
  // other member in each status, plus a published reply by the thread's own author.
  for (const visibility of ['members', 'public'] as const) {
    const locality = localities[visibility]
    for (const [threadAuthor, replyAuthor] of [
      [author, otherMember],
      [otherMember, author],
    ]) {
      for (const threadStatus of STATES) {
        const tLabel = `${visibility}/thread by ${names.get(String(threadAuthor.id))} ${threadStatus}`
        const thread = await postThread(threadAuthor, locality, tLabel)
        if (thread.status !== 'published') arrangementErrors.push(`${tLabel}: an established member's new thread was ${thread.status}, not published`)
        const replies: { id: unknown; status: PostState; by: any; label: string }[] = []
        for (const replyStatus of STATES) {
          const label = `${tLabel} › reply by ${names.get(String(replyAuthor.id))} ${replyStatus}`
          const reply = await postReply(replyAuthor, thread.id, label)
          replies.push({ id: reply.id, status: replyStatus, by: replyAuthor, label })
        }
        const ownLabel = `${tLabel} › reply by ${names.get(String(threadAuthor.id))} (thread author) published`
        const own = await postReply(threadAuthor, thread.id, ownLabel)
        replies.push({ id: own.id, status: 'published', by: threadAuthor, label: ownLabel })

        // Statuses last: replies can only be made while the thread is published.
        for (const r of replies) if (r.status !== 'published') await setStatus('replies', r.id, r.status)
        if (threadStatus !== 'published') await setStatus('threads', thread.id, threadStatus)

        posts.push({ kind: 'threads', id: String(thread.id), label: tLabel, status: threadStatus, authorId: String(threadAuthor.id), localityId: String(locality.id), forumVisibility: visibility })
        for (const r of replies) {
          posts.push({
            kind: 'replies',
            id: String(r.id),
            label: r.label,
            status: r.status,
            authorId: String(r.by.id),
            localityId: String(locality.id),
            forumVisibility: visibility,
            threadStatus,
          })
        }
      }
    }
  }
}, 600_000)

describe('the matrix', () => {
  it('holds every status, under every thread status, in both kinds of forum, as arranged', async () => {
    expect(posts.filter((p) => p.kind === 'threads')).toHaveLength(16)
    expect(posts.filter((p) => p.kind === 'replies')).toHaveLength(80)
    const wrong: string[] = [...arrangementErrors]
    for (const post of posts) {
      const facts = await factsOf(post)
      if (facts.status !== post.status) wrong.push(`${post.label}: stored status ${facts.status}`)
      if (String(facts.authorId) !== post.authorId) wrong.push(`${post.label}: stored author ${facts.authorId}`)
      if (String(facts.localityId) !== post.localityId) wrong.push(`${post.label}: stored locality ${facts.localityId}`)
      if (facts.forumVisibility !== post.forumVisibility) wrong.push(`${post.label}: forum ${facts.forumVisibility}`)
      if (post.kind === 'replies' && facts.threadStatus !== post.threadStatus) wrong.push(`${post.label}: thread status ${facts.threadStatus}`)
    }
    expect(wrong, wrong.join('\n')).toEqual([])
  })

  it('is not trivial: every viewer sees some posts and (except the unscoped moderator and the admin) misses some', async () => {
    for (const [name, viewer] of viewers()) {
      const verdicts = await Promise.all(posts.map(async (p) => canSeePost(viewer, await factsOf(p))))
      expect(verdicts.some(Boolean), `${name} sees something`).toBe(true)
      if (name !== 'unscoped moderator' && name !== 'admin')
        expect(
          verdicts.some((v) => !v),
          `${name} misses something`,
        ).toBe(true)
    }
  })
})

describe('canSeePost says what the issue says', () => {
  /** The issue's table (visitor / author / moderators, plus locality scopes), written independently. */
  function issueTable(viewer: any, post: Post): boolean {
    const roles: string[] = viewer?.roles ?? []
    const admin = roles.includes('admin')
    const moderator = admin || roles.includes('moderator')
    const scope: string[] = (viewer?.moderatorLocalities ?? []).map((l: any) => String(typeof l === 'object' ? l.id : l))
    if (admin || (moderator && (scope.length === 0 || scope.includes(post.localityId)))) return true
    if (viewer && String(viewer.id) === post.authorId) return true
    if (post.status !== 'published') return false
    if (post.kind === 'replies' && post.threadStatus !== 'published') return false
    return post.forumVisibility === 'public' || Boolean(viewer)
  }

  it('for every viewer and every post', async () => {
    const disagreements: string[] = []
    for (const [name, viewer] of viewers()) {
      for (const post of posts) {
        const pure = canSeePost(viewer, await factsOf(post))
        const table = issueTable(viewer, post)
        if (pure !== table) disagreements.push(`${name} × ${post.kind} ${post.label}: canSeePost=${pure}, issue=${table}`)
      }
    }
    expect(disagreements, `${disagreements.length} disagreement(s):\n${disagreements.join('\n')}`).toEqual([])
  })
})

describe('the database read rule agrees with canSeePost', () => {
  it.each(viewers().map(([name]) => name))('%s: find() and count() by id return a post exactly when canSeePost allows', async (name) => {
    const viewer = viewers().find(([n]) => n === name)![1]
    const mismatches: string[] = []
    for (const post of posts) {
      const pure = canSeePost(viewer, await factsOf(post))
      const { findSees, countSees, counted } = await databaseSees(viewer, post)
      if (findSees !== pure) mismatches.push(`find  ${post.kind} ${post.label}: database=${findSees}, canSeePost=${pure}`)
      if (countSees !== pure) mismatches.push(`count ${post.kind} ${post.label}: database=${countSees} (${counted}), canSeePost=${pure}`)
    }
    expect(mismatches, `${name}: ${mismatches.length} mismatch(es):\n${mismatches.join('\n')}`).toEqual([])
  })

  it.each(viewers().map(([name]) => name))('%s: an unfiltered find() over the matrix returns exactly the posts canSeePost allows', async (name) => {
    const viewer = viewers().find(([n]) => n === name)![1]
    const mismatches: string[] = []
    for (const kind of ['threads', 'replies'] as const) {
      const mine = posts.filter((p) => p.kind === kind)
      const expected = new Set<string>()
      for (const post of mine) if (canSeePost(viewer, await factsOf(post))) expected.add(post.id)
      const found = await api().find({ collection: kind, overrideAccess: false, user: viewer ?? undefined, depth: 0, pagination: false })
      const got = new Set<string>((found.docs as any[]).map((d) => String(d.id)).filter((id) => mine.some((p) => p.id === id)))
      for (const post of mine) {
        if (expected.has(post.id) !== got.has(post.id)) mismatches.push(`${kind} ${post.label}: database=${got.has(post.id)}, canSeePost=${expected.has(post.id)}`)
      }
      const counted = await api().count({ collection: kind, overrideAccess: false, user: viewer ?? undefined })
      if (counted.totalDocs !== expected.size) mismatches.push(`count(${kind}) = ${counted.totalDocs}, canSeePost allows ${expected.size}`)
    }
    expect(mismatches, `${name}: ${mismatches.length} mismatch(es):\n${mismatches.join('\n')}`).toEqual([])
  })
})

describe('the author relation', () => {
  const isModerator = (viewer: any) => (viewer?.roles ?? []).some((r: string) => r === 'moderator' || r === 'admin')

  it('is absent from every post a non-author non-moderator can read (visitor, other member, unverified member)', async () => {
    const leaks: string[] = []
    let checked = 0
    for (const [name, viewer] of viewers()) {
      if (isModerator(viewer)) continue
      for (const post of posts) {
        if (viewer && String(viewer.id) === post.authorId) continue
        const { doc } = await databaseSees(viewer, post)
        if (!doc) continue
        checked++
        if ('author' in doc) leaks.push(`${name} × ${post.kind} ${post.label}: author=${JSON.stringify(doc.author)}`)
      }
      // Deeper reads too: the relation must not come back populated, nor through a reply's thread.
      for (const kind of ['threads', 'replies'] as const) {
        const found = await api().find({ collection: kind, overrideAccess: false, user: viewer ?? undefined, depth: 2, pagination: false })
        for (const doc of found.docs as any[]) {
          const post = posts.find((p) => p.kind === kind && p.id === String(doc.id))
          if (!post || (viewer && String(viewer.id) === post.authorId)) continue
          if ('author' in doc) leaks.push(`${name} × ${kind} ${post.label} (depth 2): author=${JSON.stringify(doc.author)}`)
          const thread = kind === 'replies' && doc.thread && typeof doc.thread === 'object' ? doc.thread : null
          if (thread && 'author' in thread && !(viewer && sameId(idOf(thread.author), viewer.id))) {
            leaks.push(`${name} × ${post.label} (depth 2): the thread's author=${JSON.stringify(thread.author)}`)
          }
        }
      }
    }
    expect(checked, 'some posts were readable to check').toBeGreaterThan(0)
    expect(leaks, `${leaks.length} leak(s):\n${leaks.join('\n')}`).toEqual([])
  })

  it('is present for the author and for a moderator of the locality (control)', async () => {
    const missing: string[] = []
    for (const post of posts) {
      for (const [name, viewer] of [
        ['author', post.authorId === String(author.id) ? author : otherMember],
        ['unscoped moderator', unscopedModerator],
        ['admin', admin],
      ] as [string, any][]) {
        const { doc } = await databaseSees(viewer, post)
        if (!doc) {
          missing.push(`${name} × ${post.kind} ${post.label}: not readable`)
          continue
        }
        if (String(idOf(doc.author)) !== post.authorId) missing.push(`${name} × ${post.kind} ${post.label}: author=${JSON.stringify(doc.author)}`)
      }
    }
    expect(missing, missing.join('\n')).toEqual([])
  })
})
