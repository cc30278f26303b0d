// What the forum commands share: posts as stored, errors with an HTTP status, email to a member.
import type { Payload, PayloadRequest } from 'payload'

import { queueEmail } from '../../email/queue.js'
import { composeEmail, link as linkTo, paragraph, paragraphs as asParagraphs } from '../../email/compose.js'
import type { PostDoc } from '../../policies/forumVisibility.js'
import { CommandRefusal } from '../errors.js'
import { idOf } from '../../db/relationId.js'

export type PostCollection = 'threads' | 'replies'
export type { PostDoc }

export class ForumCommandError extends CommandRefusal {}

export async function loadPost(payload: Payload, collection: PostCollection, id: number | string, req?: PayloadRequest): Promise<PostDoc> {
  try {
    // Commands decide access themselves; the read must see the post as stored.
    return (await payload.findByID({ collection, id, depth: 0, overrideAccess: true, req })) as PostDoc
  } catch (error) {
    if ((error as Error)?.name === 'NotFound' || (error as { status?: number })?.status === 404) throw new ForumCommandError('No such post.', 404)
    throw error
  }
}

export const postLink = (serverURL: string, collection: PostCollection, post: PostDoc) =>
  collection === 'threads' ? `${serverURL}/threads/${post.id}` : `${serverURL}/threads/${idOf(post.thread)}#reply-${post.id}`

/** Emails one member by id (decisions about their own content are always sent). */
export async function emailMember(
  payload: Payload,
  req: PayloadRequest | undefined,
  memberId: number | string | null,
  subject: string,
  paragraphs: string[],
  link?: { href: string; text: string },
): Promise<void> {
  if (memberId === null || req?.context?.disableEmail === true) return
  const member = await payload.findByID({ collection: 'users', id: memberId, depth: 0, overrideAccess: true, req }).catch(() => null)
  if (!member?.email) return
  const body = composeEmail([...asParagraphs(paragraphs), ...(link ? [paragraph(linkTo(link.href, link.text))] : [])])
  await queueEmail(payload, { to: String(member.email), subject, body }, req)
}

/** The moderators' queue: needing a decision first, crisis first among those, then flagged, then oldest. */
export function postQueueOrder(post: { status: string; needsReview?: boolean | null; crisisHold?: boolean; autoHidden?: boolean; triageAction?: string | null; createdAt?: string | null }): string {
  const needsDecision = post.needsReview === true || post.status === 'pending' || post.crisisHold === true
  const flagged = post.autoHidden === true || post.triageAction === 'flag'
  return `${needsDecision ? 0 : 1}${post.crisisHold ? 0 : 1}${flagged ? 0 : 1}${post.createdAt ?? new Date().toISOString()}`
}
