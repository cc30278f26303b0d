// Gathers the moderators' queue: stories waiting for a decision, forum posts needing review, and
// anything with open flags. Read as the moderator (overrideAccess: false), and narrowed to their
// localities when they are scoped, so a scoped moderator sees only their own queue.
import type { Payload } from 'payload'

import { idOf } from '../db/relationId.js'
import { postExcerpt } from '../forum/markdown.js'
import { loadModerationSettings } from '../forum/settings.js'
import { FLAG_REASONS } from '../policies/flags.js'
import { matchedPhrases, orderQueue, type QueueItem, type QueueKind } from '../policies/moderationQueue.js'
import { isNewcomer } from '../policies/postQueue.js'
import { moderatesLocality } from '../policies/roles.js'
import { lexicalToPlainText } from '../richtext/index.js'

const reasonLabel = (value: string) => FLAG_REASONS.find((r) => r.value === value)?.label ?? value

export async function loadModerationQueue(payload: Payload, user: Record<string, any>): Promise<QueueItem[]> {
  const asModerator = { overrideAccess: false, user, depth: 0 } as const
  const [flags, stories, threads, replies, localities, settings] = await Promise.all([
    payload.find({ collection: 'flags', where: { status: { equals: 'open' } }, sort: 'createdAt', limit: 500, ...asModerator }),
    payload.find({
      collection: 'stories',
      where: { or: [{ status: { equals: 'submitted' } }, { revisionState: { equals: 'submitted' } }, { and: [{ crisisHold: { equals: true } }, { status: { not_equals: 'draft' } }] }] },
      limit: 200,
      ...asModerator,
    }),
    payload.find({ collection: 'threads', where: { needsReview: { equals: true } }, limit: 300, ...asModerator }),
    payload.find({ collection: 'replies', where: { needsReview: { equals: true } }, limit: 300, ...asModerator }),
    payload.find({ collection: 'localities', limit: 100, depth: 0, overrideAccess: true }),
    loadModerationSettings(payload),
  ])
  const localityName = (id: unknown) => String(localities.docs.find((l) => String(l.id) === String(idOf(id)))?.name ?? '')

  const flagsFor = new Map<string, typeof flags.docs>()
  for (const flag of flags.docs) {
    const key = `${flag.targetCollection}:${flag.targetId}`
    flagsFor.set(key, [...(flagsFor.get(key) ?? []), flag])
  }
  const items = new Map<string, QueueItem>()
  const docs = new Map<string, Record<string, any>>()
  const add = (kind: QueueKind, doc: Record<string, any>, title: string, excerpt: string, why: string[]) => {
    if (!moderatesLocality(user as never, idOf(doc.locality))) return
    const key = `${kind}:${doc.id}`
    const open = flagsFor.get(key) ?? []
    docs.set(key, doc)
    items.set(key, {
      kind,
      id: doc.id,
      title,
      excerpt,
      locality: localityName(doc.locality),
      crisis: doc.crisisHold === true,
      flagged: open.length > 0 || doc.autoHidden === true || doc.triageAction === 'flag',
      since: String(open[0]?.createdAt && open[0].createdAt < (doc.submittedAt ?? doc.createdAt) ? open[0].createdAt : (doc.submittedAt ?? doc.createdAt)),
      status: String(doc.status),
      why: [...why, ...(open.length > 0 ? [`${open.length} open flag${open.length === 1 ? '' : 's'}`] : [])],
      openFlags: open.map((f) => ({ id: f.id, reason: reasonLabel(String(f.reason)), note: (f.note as string | null) ?? null })),
      locked: doc.locked === true,
      pinned: doc.pinned === true,
      watchedWords: matchedPhrases(doc.triageMatches),
    })
  }
  const postWhy = (doc: Record<string, any>) =>
    [
      doc.crisisHold ? 'crisis words' : null,
      doc.status === 'pending' ? 'waiting for approval' : null,
      // Only an edit takes a post that was up back to the queue (src/policies/postEditing.ts).
      doc.status === 'pending' && doc.everPublished === true ? 'edited after it went up' : null,
      doc.autoHidden ? 'hidden by members’ flags' : null,
      doc.triageAction === 'flag' ? 'matched a watched word' : null,
    ].filter(Boolean) as string[]

  for (const story of stories.docs as Record<string, any>[]) {
    add('stories', story, String(story.title), String(story.summary ?? '') || postExcerpt(lexicalToPlainText(story.body)), [story.crisisHold ? 'crisis words' : 'waiting for a decision'])
  }
  for (const thread of threads.docs as Record<string, any>[]) add('threads', thread, String(thread.title), postExcerpt(String(thread.body ?? '')), postWhy(thread))
  for (const reply of replies.docs as Record<string, any>[]) add('replies', reply, 'Reply', postExcerpt(String(reply.body ?? '')), postWhy(reply))

  // Flagged items that need no other review still belong in the queue.
  const missing = [...flagsFor.keys()].filter((key) => !items.has(key))
  for (const key of missing) {
    const [collection, id] = key.split(':') as [QueueKind, string]
    const doc = await payload.findByID({ collection, id, ...asModerator }).catch(() => null)
    if (!doc) continue
    const title = collection === 'replies' ? 'Reply' : String((doc as Record<string, any>).title)
    const text = collection === 'stories' ? String((doc as Record<string, any>).summary ?? '') : postExcerpt(String((doc as Record<string, any>).body ?? ''))
    add(collection, doc as Record<string, any>, title, text, [])
  }
  await addContext(payload, user, items, docs, settings.postQueueThreshold)
  return orderQueue([...items.values()])
}

/** Who wrote each item (and whether they are new), and the thread each reply answers, read as the moderator. */
async function addContext(payload: Payload, user: Record<string, any>, items: Map<string, QueueItem>, docs: Map<string, Record<string, any>>, postQueueThreshold: number) {
  const asModerator = { overrideAccess: false, user, depth: 0, pagination: false } as const
  const ids = (values: unknown[]) => [...new Set(values.map(idOf).filter((id) => id !== null && id !== undefined))] as (number | string)[]
  const authorIds = ids([...docs.values()].map((doc) => doc.author))
  const threadIds = ids([...docs.entries()].filter(([key]) => key.startsWith('replies:')).map(([, doc]) => doc.thread))
  const [authors, threads] = await Promise.all([
    authorIds.length ? payload.find({ collection: 'users', where: { id: { in: authorIds } }, select: { displayName: true, approvedPostCount: true }, ...asModerator }).catch(() => null) : null,
    threadIds.length ? payload.find({ collection: 'threads', where: { id: { in: threadIds } }, select: { title: true }, ...asModerator }).catch(() => null) : null,
  ])
  const authorById = new Map((authors?.docs ?? []).map((a) => [String(a.id), a as Record<string, any>]))
  const threadTitle = new Map((threads?.docs ?? []).map((t) => [String(t.id), String((t as Record<string, any>).title ?? '')]))
  for (const [key, item] of items) {
    const doc = docs.get(key)!
    const account = authorById.get(String(idOf(doc.author)))
    const name = String(account?.displayName ?? doc.authorByline?.displayName ?? '').trim()
    item.author = name ? { name, newcomer: account ? isNewcomer(account.approvedPostCount, postQueueThreshold) : false } : null
    if (item.kind === 'replies') {
      const threadId = idOf(doc.thread)
      item.inReplyTo = threadId === null ? null : { id: threadId, title: threadTitle.get(String(threadId)) || `Thread ${threadId}` }
    }
  }
}

/** Queue item keys are "<kind>:<id>" (data-queue-item). */
export const queueKey = (kind: string, id: number | string) => `${kind}:${id}`

/**
 * What was just decided in the queue, read as the moderator, for the confirmation: a thread's or
 * story's title in quotes, "the reply in “<thread>”", or for a flag what was flagged.
 */
export async function decidedItemTitle(payload: Payload, user: Record<string, any>, kind: string, id: string): Promise<string | null> {
  const read = (collection: 'threads' | 'replies' | 'stories' | 'flags', docId: number | string) =>
    payload.findByID({ collection, id: docId, overrideAccess: false, user, depth: 0 }).then(
      (doc) => doc as Record<string, any>,
      () => null,
    )
  if (kind === 'threads' || kind === 'stories') {
    const doc = await read(kind, id)
    return doc ? `“${String(doc.title ?? '')}”` : null
  }
  if (kind === 'replies') {
    const reply = await read('replies', id)
    const thread = reply ? await read('threads', idOf(reply.thread)!) : null
    return reply ? `the reply in “${String(thread?.title ?? 'a thread')}”` : null
  }
  if (kind === 'flags') {
    const flag = await read('flags', id)
    const target = String(flag?.targetCollection ?? '')
    return flag && ['threads', 'replies', 'stories'].includes(target) ? decidedItemTitle(payload, user, target, String(flag.targetId)) : null
  }
  return null
}
