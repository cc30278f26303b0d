// Private messages between members: starting one from a post's byline, blocking, reporting, and the page a
// safeguarding lead reads one held message on. The conversation page itself is in messages.tsx. Every
// page is personal (under /account, never cached); every refusal reads the same whatever its reason.
import { Router, type Request, type Response } from 'express'
import type { Payload } from 'payload'

import { MessagePage } from '../../views/pages/MessagePage.js'
import { HeldMessagePage, NewMemberMessagePage } from '../../views/pages/NewMemberMessagePage.js'
import { sendPage } from '../../views/render.js'
import { decideMemberMessage, readHeldMessage, reportMemberConversation, setMemberBlock, startMemberConversation, type PostRef } from '../commands/conversations/memberMessages.js'
import { CommandRefusal } from '../commands/errors.js'
import { presentMessage } from '../presenters/message.js'
import { formText, handle, isPlausibleId, pageContext, readForm, sendNotFound, signedIn } from './support.js'

/** ?threads=12 or ?replies=34 (a link), or collection + post (the form): the post whose author is written to. */
function postRefFrom(collection: unknown, id: unknown): PostRef | null {
  const value = String(Array.isArray(id) ? '' : (id ?? ''))
  if ((collection !== 'threads' && collection !== 'replies') || !isPlausibleId(value)) return null
  return { collection, id: value }
}

export function memberMessagesRouter(payload: Payload): Router {
  const router = Router()

  async function refuse(req: Request, res: Response, message: string, status = 403) {
    sendPage(
      res,
      <MessagePage ctx={await pageContext(payload, req, res)} title="You cannot send this message">
        <p>{message}</p>
        <p>
          <a href="/account/messages">Your messages</a>
        </p>
      </MessagePage>,
      status,
    )
  }

  router.get(
    '/account/messages/new',
    handle(async (req, res) => {
      const user = signedIn(req, res)
      if (!user) return
      const post = req.query.threads !== undefined ? postRefFrom('threads', req.query.threads) : postRefFrom('replies', req.query.replies)
      if (!post) return refuse(req, res, 'Choose who to write to from their post: the “Message” link beside their name.', 400)
      const decision = await decideMemberMessage(payload, user, post)
      if (decision.kind === 'existing') return res.redirect(303, `/account/messages/${decision.conversationId}#reply`)
      if (decision.kind === 'refused') return refuse(req, res, decision.message)
      sendPage(res, <NewMemberMessagePage ctx={await pageContext(payload, req, res)} recipientName={decision.recipientName} post={post} />)
    }),
  )

  router.post(
    '/account/messages/new',
    handle(async (req, res) => {
      const user = signedIn(req, res, '/account/messages')
      if (!user) return
      const form = readForm(req.body, { collection: formText(20), post: formText(40), body: formText(10_000) })
      const post = postRefFrom(form.collection, form.post)
      if (!post) return refuse(req, res, 'Choose who to write to from their post: the “Message” link beside their name.', 400)
      try {
        const written = await startMemberConversation({ payload, user, post, body: form.body })
        res.redirect(303, `/account/messages/${written.conversationId}?done=${written.crisis ? 'held' : 'sent'}#message-${written.message.id}`)
      } catch (error) {
        if (!(error instanceof CommandRefusal)) throw error
        if (error.status === 403 || error.status === 409) return refuse(req, res, error.message, error.status)
        const decision = await decideMemberMessage(payload, user, post)
        if (decision.kind !== 'new') return refuse(req, res, error.message, error.status)
        const ctx = await pageContext(payload, req, res)
        sendPage(res, <NewMemberMessagePage ctx={ctx} recipientName={decision.recipientName} post={post} body={form.body} errors={{ body: error.message }} />, error.status)
      }
    }),
  )

  // Block, unblock and report: each answers the conversation page again with a notice.
  const actions = {
    block: (user: Record<string, any>, id: string) => setMemberBlock({ payload, user, conversationId: id, block: true }),
    unblock: (user: Record<string, any>, id: string) => setMemberBlock({ payload, user, conversationId: id, block: false }),
    report: (user: Record<string, any>, id: string, reason: string) => reportMemberConversation({ payload, user, conversationId: id, reason }),
  }
  for (const [name, act] of Object.entries(actions)) {
    router.post(
      `/account/messages/:id/${name}`,
      handle(async (req, res) => {
        const user = signedIn(req, res, '/account/messages')
        if (!user) return
        const id = String(req.params.id).slice(0, 40)
        const form = readForm(req.body, { reason: formText(200) })
        if (!isPlausibleId(id)) return sendNotFound(res, await pageContext(payload, req, res))
        try {
          await act(user, id, form.reason.trim())
        } catch (error) {
          if (error instanceof CommandRefusal && error.status === 404) return sendNotFound(res, await pageContext(payload, req, res))
          throw error
        }
        res.redirect(303, `/account/messages/${id}?done=${name === 'report' ? 'reported' : `${name}ed`}`)
      }),
    )
  }

  router.get(
    '/account/messages/held/:id',
    handle(async (req, res) => {
      const user = signedIn(req, res)
      if (!user) return
      const id = String(req.params.id).slice(0, 40)
      const message = isPlausibleId(id) ? await readHeldMessage(payload, user, id) : null
      const ctx = await pageContext(payload, req, res)
      if (!message) return sendNotFound(res, ctx)
      sendPage(res, <HeldMessagePage ctx={ctx} message={presentMessage(message, user.id)} />)
    }),
  )

  return router
}
