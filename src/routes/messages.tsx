// Private messages (the safeguarding line, and members' conversations with each other): the list, one
// conversation, a reply. Starting, blocking and reporting a member conversation are in memberMessages.tsx.
// Every read is made as the viewer; the commands decide who may write. Works without JavaScript.
import { Router, type Request, type Response } from 'express'
import type { Payload } from 'payload'

import { ConversationPage } from '../../views/pages/ConversationPage.js'
import { MessagesPage } from '../../views/pages/MessagesPage.js'
import { sendPage } from '../../views/render.js'
import { readConversation, writeInConversation } from '../commands/conversations/privateLine.js'
import { CommandRefusal } from '../commands/errors.js'
import { idOf } from '../db/relationId.js'
import { conversationTitle, presentMessage } from '../presenters/message.js'
import { conversationList } from '../queries/conversations.js'
import { localCrisisServices } from '../queries/crisisServices.js'
import { formText, handle, isPlausibleId, pageContext, readForm, sendNotFound, signedIn } from './support.js'

type User = Record<string, any>

const NOTICES: Record<string, string> = {
  sent: 'Your message has been sent.',
  blocked: 'You have blocked this member. Neither of you can write here until you unblock them; they are not told.',
  unblocked: 'You have unblocked this member.',
  held: 'Your message has not been sent on: it has been held for our safeguarding leads, who will look at it soon.',
  reported: 'Thank you. The moderators can now read this conversation and will look at it.',
}

export function messagesRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/account/messages',
    handle(async (req, res) => {
      const user = signedIn(req, res)
      if (!user) return
      sendPage(res, <MessagesPage ctx={await pageContext(payload, req, res)} rows={await conversationList(payload, user)} />)
    }),
  )

  async function sendConversation(req: Request, res: Response, user: User, id: string, extra: { body?: string; errors?: Record<string, string>; crisis?: boolean } = {}, status = 200) {
    const read = isPlausibleId(id) ? await readConversation(payload, user, id) : null
    // The header's count is taken after reading, so it does not still count this conversation as new.
    const ctx = await pageContext(payload, req, res)
    if (!read) return sendNotFound(res, ctx)
    const { conversation, messages, viewerIsMember, memberView } = read
    const crisisServices = extra.crisis || req.query.done === 'held' ? await localCrisisServices(payload, idOf(conversation.locality)) : null
    sendPage(
      res,
      <ConversationPage
        ctx={ctx}
        id={conversation.id}
        title={conversationTitle(conversation, user.id)}
        viewerIsMember={viewerIsMember}
        memberView={memberView}
        messages={messages.map((m) => presentMessage(m, user.id))}
        closed={conversation.status === 'closed'}
        body={extra.body}
        errors={extra.errors}
        notice={NOTICES[String(req.query.done ?? (req.query.sent === '1' ? 'sent' : ''))]}
        crisisServices={crisisServices}
      />,
      status,
    )
  }

  router.get(
    '/account/messages/:id',
    handle(async (req, res) => {
      const user = signedIn(req, res)
      if (!user) return
      await sendConversation(req, res, user, String(req.params.id).slice(0, 40))
    }),
  )

  router.post(
    '/account/messages/:id',
    handle(async (req, res) => {
      const user = signedIn(req, res)
      if (!user) return
      const id = String(req.params.id).slice(0, 40)
      const form = readForm(req.body, { body: formText(10_000) })
      if (!isPlausibleId(id)) return sendNotFound(res, await pageContext(payload, req, res))
      try {
        const written = await writeInConversation({ payload, user, conversationId: id, body: form.body })
        if (written.crisis) return sendConversation(req, res, user, id, { crisis: true })
        res.redirect(303, `/account/messages/${id}?sent=1#message-${written.message.id}`)
      } catch (error) {
        if (!(error instanceof CommandRefusal)) throw error
        if (error.status === 404) return sendNotFound(res, await pageContext(payload, req, res))
        await sendConversation(req, res, user, id, { body: form.body, errors: { body: error.message } }, error.status)
      }
    }),
  )

  return router
}
