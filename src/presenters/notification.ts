// What a member sees of one of their notifications: a sentence and a link, made from the target as the
// member can read it now. A target they can no longer read makes no line at all (a reply removed, a thread
// in a forum closed to them), except a decision on their own post or story, which names nothing then.
// Never post text, never an author's account: only the byline the post itself shows.
import { idOf } from '../db/relationId.js'
import { decisionSentence, type Decision, type DecisionTarget } from '../policies/memberNotifications.js'
import { presentReply, presentThread } from './forumPost.js'
import type { Actor } from '../policies/roles.js'

type Doc = Record<string, any>

export type PresentedNotification = { id: number | string; text: string; href: string | null; createdAt: string; read: boolean }

/** The targets the member could read, by id (as read with their access). */
export type ReadableTargets = { threads: Map<string, Doc>; replies: Map<string, Doc>; stories: Map<string, Doc> }

export function presentNotification(row: Doc, targets: ReadableTargets, viewer: Actor): PresentedNotification | null {
  const base = { id: row.id, createdAt: String(row.createdAt ?? ''), read: row.read === true }
  const threadId = idOf(row.thread)
  const replyId = idOf(row.reply)
  const storyId = idOf(row.story)
  const thread = threadId !== null ? targets.threads.get(String(threadId)) : undefined
  const reply = replyId !== null ? targets.replies.get(String(replyId)) : undefined
  const story = storyId !== null ? targets.stories.get(String(storyId)) : undefined

  if (row.kind === 'decision') {
    const target: DecisionTarget = storyId !== null ? 'stories' : replyId !== null ? 'replies' : 'threads'
    const readable = target === 'stories' ? story : target === 'replies' ? (reply && thread ? reply : undefined) : thread
    const title = readable ? String(target === 'stories' ? story!.title : thread!.title) : null
    const href = !readable ? null : target === 'stories' ? `/account/stories/${story!.id}` : target === 'replies' ? `/threads/${thread!.id}#reply-${reply!.id}` : `/threads/${thread!.id}`
    return { ...base, text: decisionSentence(row.decision as Decision, target, title), href }
  }

  // A reply or a mention: shown only while the member can read the post (and its thread).
  if (!thread) return null
  if (replyId !== null && !reply) return null
  const post = reply ? presentReply(reply, viewer) : presentThread(thread, viewer)
  const who = post.byline.displayName
  const title = String(thread.title)
  const href = reply ? `/threads/${thread.id}#reply-${reply.id}` : `/threads/${thread.id}`
  const text = row.kind === 'mention' ? `${who} mentioned you in “${title}”.` : `${who} replied in “${title}”.`
  return { ...base, text, href }
}

/** One unread private conversation, for the notifications page. */
export type MessageNotice = { href: string; text: string; lastMessageAt: string | null }
