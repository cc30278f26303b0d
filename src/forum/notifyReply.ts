// Tells a thread's author about a reply they can see, if they asked for reply emails.
// Sent only once the reply is published: a pending or hidden reply never reaches anyone's inbox.
import type { Payload, PayloadRequest } from 'payload'

import type { PostDoc } from '../policies/forumVisibility.js'
import { idOf } from '../db/relationId.js'
import { queueEmail } from '../email/queue.js'
import { composeEmail, link as linkTo, paragraph, quote } from '../email/compose.js'
import { unsubscribeParts } from '../email/unsubscribe.js'
import { serverURL } from '../env.js'
import { canSeePost } from '../policies/forumVisibility.js'
import { postExcerpt } from './markdown.js'

export async function notifyThreadAuthorOfReply(payload: Payload, req: PayloadRequest, reply: PostDoc): Promise<void> {
  if (req.context?.disableEmail === true || reply.status !== 'published') return
  const thread = await payload.findByID({ collection: 'threads', id: idOf(reply.thread)!, depth: 1, overrideAccess: true, req }).catch(() => null)
  if (!thread) return
  const recipientId = idOf(thread.author)
  if (recipientId === null || String(recipientId) === String(idOf(reply.author))) return
  const recipient = await payload.findByID({ collection: 'users', id: recipientId, depth: 0, overrideAccess: true, req }).catch(() => null)
  if (!recipient?.email || recipient.notifications?.notifyReplies === false || recipient.notifications?.replyDelivery === 'digest') return
  const locality = thread.locality && typeof thread.locality === 'object' ? thread.locality : null
  // The recipient must be able to see the reply as it stands now: otherwise nothing is sent.
  const visible = canSeePost(recipient as never, {
    status: reply.status,
    authorId: idOf(reply.author),
    localityId: locality?.id ?? null,
    forumVisibility: locality?.forumVisibility ?? 'members',
    threadStatus: thread.status,
  })
  if (!visible) return
  const link = `${serverURL}/threads/${thread.id}#reply-${reply.id}`
  const who = reply.authorByline?.displayName || 'A member'
  const unsubscribe = unsubscribeParts(recipientId, 'notifyReplies')
  await queueEmail(
    payload,
    {
      to: String(recipient.email),
      subject: `New reply to "${String(thread.title).slice(0, 80)}"`,
      body: composeEmail([
        paragraph(`${who} replied to your thread "${String(thread.title)}":`),
        quote(postExcerpt(String(reply.body ?? ''), 300)),
        paragraph(linkTo(link, 'Read the reply and answer')),
        unsubscribe.block,
      ]),
      headers: unsubscribe.headers,
    },
    req,
  )
}
