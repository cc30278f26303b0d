// Gathers the moderators' queue: stories waiting for a decision, forum posts needing review, and
// anything with open flags. Read as the moderator (overrideAccess: false), and narrowed to their
// localities when they are scoped, so a scoped moderator sees only their own queue.
import type { Payload } from 'payload'

import { postExcerpt } from '../forum/markdown.js'
import { FLAG_REASONS } from '../policies/flags.js'
import { orderQueue, type QueueItem, type QueueKind } from '../policies/moderationQueue.js'
import { moderatesLocality } from '../policies/roles.js'
import { lexicalToPlainText } from '../stories/richText.js'

const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id: number | string }).id : (value as number | string | null))
const reasonLabel = (value: string) => FLAG_REASONS.find((r) => r.value === value)?.label ?? value

export async function loadModerationQueue(payload: Payload, user: Record<string, any>): Promise<QueueItem[]> {
  const asModerator = { overrideAccess: false, user, depth: 0 } as const
  const [flags, stories, threads, replies, localities] = await Promise.all([
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
  ])
  const localityName = (id: unknown) => String(localities.docs.find((l) => String(l.id) === String(idOf(id)))?.name ?? '')

  const flagsFor = new Map<string, typeof flags.docs>()
  for (const flag of flags.docs) {
    const key = `${flag.targetCollection}:${flag.targetId}`
    flagsFor.set(key, [...(flagsFor.get(key) ?? []), flag])
  }
  const items = new Map<string, QueueItem>()
  const add = (kind: QueueKind, doc: Record<string, any>, title: string, excerpt: string, why: string[]) => {
    if (!moderatesLocality(user as never, idOf(doc.locality))) return
    const key = `${kind}:${doc.id}`
    const open = flagsFor.get(key) ?? []
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
    })
  }
  const postWhy = (doc: Record<string, any>) =>
    [doc.crisisHold ? 'crisis words' : null, doc.status === 'pending' ? 'waiting for approval' : null, doc.autoHidden ? 'hidden by members’ flags' : null, doc.triageAction === 'flag' ? 'matched a watched word' : null].filter(Boolean) as string[]

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
  return orderQueue([...items.values()])
}
