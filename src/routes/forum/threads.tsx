// Locality forums: start a thread, read a thread, reply. Every read and write is made as the viewer
// (overrideAccess: false), so the collections' rules decide; this router only shapes pages.
import { Router, type Response } from 'express'
import type { Payload } from 'payload'

import type { PageContext } from '../../../views/components/PageContext.js'
import { ThreadFormPage, type ThreadFormValues } from '../../../views/pages/ThreadFormPage.js'
import { ThreadPage, type ReplyFormState } from '../../../views/pages/ThreadPage.js'
import { sendPage } from '../../../views/render.js'
import { postReply, startThread } from '../../commands/forum/posting.js'
import { reportNoticeFor } from '../../policies/flags.js'
import type { PageRequest } from '../../policies/pageCursor.js'
import { moderationSettings, newThreadForm, REPLY_ORDER, replyPageNumber, threadPage } from '../../queries/forum.js'
import { pageRequestFor } from '../../queries/keyset.js'
import { mustPost, postRefusal, quoteFor, sendTooSoon } from '../support/forumPosting.js'
import { sendNotFoundOrSignIn } from '../support/signInPrompt.js'
import { formText, handle, isPlausibleId, pageContext, readForm, sendBadPageLink, sendNotFound, toId } from '../support.js'

export function forumRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/threads/new',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const user = res.locals.user
      if (!mustPost(ctx, res, user, req.originalUrl)) return
      const { postQueued, reviewHours } = await newThreadForm(payload, user, Boolean(ctx.viewer?.isModerator))
      const slug = typeof req.query.locality === 'string' ? req.query.locality : ''
      const values: ThreadFormValues = { title: '', body: '', locality: ctx.localities.some((l) => l.slug === slug) ? slug : (ctx.localities[0]?.slug ?? '') }
      sendPage(res, <ThreadFormPage ctx={ctx} values={values} postQueued={postQueued} reviewHours={reviewHours} />)
    }),
  )

  router.post(
    '/threads',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const user = res.locals.user
      if (!mustPost(ctx, res, user, '/threads/new')) return
      const form = readForm(req.body, { title: formText(200), body: formText(25_000), locality: formText(80) })
      const locality = ctx.localities.find((l) => l.slug === form.locality)
      const settings = await moderationSettings(payload)
      const again = (status: number, extra: { errors?: Record<string, string | undefined>; tooSoon?: string }) =>
        sendPage(res, <ThreadFormPage ctx={ctx} values={form} postQueued={false} reviewHours={settings.reviewHours} {...extra} />, status)
      if (!locality) return again(422, { errors: { locality: 'Choose a forum.' } })
      try {
        const thread = await startThread({ payload, user, title: form.title, body: form.body, localityId: locality.id })
        res.redirect(303, `/threads/${thread.id}`)
      } catch (error) {
        const refusal = postRefusal(error)
        if (!refusal) throw error
        if (refusal.kind === 'tooSoon') {
          sendTooSoon(res, refusal.retryAfterSeconds)
          return again(429, { tooSoon: refusal.message })
        }
        if (refusal.kind === 'fields') return again(422, { errors: refusal.errors })
        return again(refusal.status, { errors: { form: refusal.message } })
      }
    }),
  )

  router.get(
    '/threads/:id',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const notice = reportNoticeFor(req.query)
      const at = pageRequestFor(req.query, REPLY_ORDER)
      if (!at) return sendBadPageLink(res, ctx, `/threads/${encodeURIComponent(String(req.params.id).slice(0, 40))}`)
      const quote = await quoteFor(payload, res.locals.user ?? null, String(req.params.id), req.query.quote)
      await sendThread(payload, ctx, res, String(req.params.id), at, quote ? { body: quote } : {}, 200, notice)
    }),
  )

  router.post(
    '/threads/:id/replies',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const user = res.locals.user
      const threadId = String(req.params.id).slice(0, 40)
      if (!isPlausibleId(threadId)) return sendNotFound(res, ctx)
      if (!mustPost(ctx, res, user, `/threads/${threadId}`)) return
      const form = readForm(req.body, { body: formText(25_000) })
      try {
        const reply = await postReply({ payload, user, threadId: toId(threadId), body: form.body })
        const page = await replyPageNumber(payload, user, toId(threadId), reply)
        res.redirect(303, `/threads/${threadId}${page > 1 ? `?page=${page}` : ''}#reply-${reply.id}`)
      } catch (error) {
        const refusal = postRefusal(error)
        if (!refusal) throw error
        if (refusal.kind === 'refused' && refusal.status === 404) return sendNotFound(res, ctx)
        if (refusal.kind === 'tooSoon') sendTooSoon(res, refusal.retryAfterSeconds)
        const replyForm: ReplyFormState =
          refusal.kind === 'tooSoon'
            ? { body: form.body, tooSoon: refusal.message }
            : refusal.kind === 'fields'
              ? { body: form.body, error: refusal.errors.body ?? Object.values(refusal.errors)[0] }
              : { body: form.body, error: refusal.message }
        await sendThread(payload, ctx, res, threadId, { kind: 'first' }, replyForm, refusal.status)
      }
    }),
  )

  return router
}

async function sendThread(payload: Payload, ctx: PageContext, res: Response, id: string, at: PageRequest, replyForm: ReplyFormState, status: number, notice?: string) {
  if (!isPlausibleId(id)) return sendNotFound(res, ctx)
  const found = await threadPage(payload, res.locals.user ?? null, toId(id), at)
  if (!found) return sendNotFoundOrSignIn(res, ctx)
  sendPage(res, <ThreadPage ctx={ctx} {...found} firstPage={at.kind === 'first'} replyForm={replyForm} notice={notice} memberThread={res.locals.memberThread} />, status)
}
