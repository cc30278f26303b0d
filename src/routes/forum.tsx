// Locality forums: start a thread, read a thread, reply, flag. Every read and write is made as the
// viewer (overrideAccess: false), so the collections' rules decide; this router only shapes pages.
import { Router, type Response } from 'express'
import type { Payload } from 'payload'

import { MessagePage } from '../../views/pages/MessagePage.js'
import { ThreadFormPage, type ThreadFormValues } from '../../views/pages/ThreadFormPage.js'
import { ThreadPage, type ReplyFormState } from '../../views/pages/ThreadPage.js'
import { sendPage } from '../../views/render.js'
import { loadModerationSettings } from '../forum/settings.js'
import { presentReply, presentThread, THREAD_LIST_SELECT } from '../presenters/forumPost.js'
import { canPost, moderatesLocality } from '../policies/roles.js'
import { crisisReportingContext, crisisSeen } from '../moderation/crisisAlerts.js'
import { localCrisisServices } from '../queries/crisisServices.js'
import { sendCrisisPanelPage } from './crisisPage.js'
import { postRefusal } from './forumErrors.js'
import { sendNotFound } from './pages.js'
import { formText, handle, isPlausibleId, pageContext, readForm, toId } from './support.js'

export const THREADS_PER_PAGE = 20
const REPLIES_PER_PAGE = 30

type PageCtx = Awaited<ReturnType<typeof pageContext>>

const pageNumber = (value: unknown) => Math.max(1, Math.min(10_000, Number.parseInt(String(value ?? '1'), 10) || 1))

/** The thread list of one locality as the viewer may see it: pinned first, then latest activity. */
export async function visibleThreads(payload: Payload, user: Record<string, any> | null, localityId: number | string, page: number) {
  const result = await payload.find({
    collection: 'threads',
    where: { locality: { equals: localityId } },
    sort: ['-pinned', '-lastActivityAt'],
    select: { ...THREAD_LIST_SELECT, author: true },
    depth: 0,
    page,
    limit: THREADS_PER_PAGE,
    overrideAccess: false,
    user,
  })
  return { threads: result.docs.map((doc) => presentThread(doc as never, user as never)), page: result.page ?? page, totalPages: Math.max(1, result.totalPages) }
}

function sendTooSoon(res: Response, retryAfterSeconds: number) {
  res.set('Retry-After', String(retryAfterSeconds))
}

async function mustPost(payload: Payload, ctx: PageCtx, res: Response, user: Record<string, any> | null, next: string): Promise<boolean> {
  if (!user) {
    res.redirect(303, `/login?next=${encodeURIComponent(next)}`)
    return false
  }
  if (!canPost(user as never)) {
    sendPage(
      res,
      <MessagePage ctx={ctx} title="Confirm your email first">
        <p>Before you can post, please confirm your email address with the link we sent you. <a href="/account">Go to your account</a> to send it again.</p>
      </MessagePage>,
      403,
    )
    return false
  }
  return true
}

export function forumRouter(payload: Payload): Router {
  const router = Router()

  router.get('/threads/new', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const user = res.locals.user
    if (!(await mustPost(payload, ctx, res, user, req.originalUrl))) return
    const settings = await loadModerationSettings(payload)
    const slug = typeof req.query.locality === 'string' ? req.query.locality : ''
    const values: ThreadFormValues = { title: '', body: '', locality: ctx.localities.some((l) => l.slug === slug) ? slug : (ctx.localities[0]?.slug ?? '') }
    sendPage(res, <ThreadFormPage ctx={ctx} values={values} postQueued={Number(user.approvedPostCount ?? 0) < settings.postQueueThreshold && !ctx.viewer?.isModerator} reviewHours={settings.reviewHours} />)
  }))

  router.post('/threads', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const user = res.locals.user
    if (!(await mustPost(payload, ctx, res, user, '/threads/new'))) return
    const form = readForm(req.body, { title: formText(200), body: formText(25_000), locality: formText(80) })
    const locality = ctx.localities.find((l) => l.slug === form.locality)
    const settings = await loadModerationSettings(payload)
    const again = (status: number, extra: { errors?: Record<string, string | undefined>; tooSoon?: string }) =>
      sendPage(res, <ThreadFormPage ctx={ctx} values={form} postQueued={false} reviewHours={settings.reviewHours} {...extra} />, status)
    if (!locality) return again(422, { errors: { locality: 'Choose a forum.' } })
    try {
      const thread = await payload.create({ collection: 'threads', data: { title: form.title, body: form.body, locality: locality.id } as never, overrideAccess: false, user, depth: 0 })
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
  }))

  router.get('/threads/:id', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const notice = req.query.flagged === '1' ? 'Thank you. The moderators will look at your report.' : undefined
    await sendThread(payload, ctx, res, String(req.params.id), pageNumber(req.query.page), {}, 200, notice)
  }))

  router.post('/threads/:id/replies', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const user = res.locals.user
    const threadId = String(req.params.id).slice(0, 40)
    if (!isPlausibleId(threadId)) return sendNotFound(res, ctx)
    if (!(await mustPost(payload, ctx, res, user, `/threads/${threadId}`))) return
    const form = readForm(req.body, { body: formText(25_000) })
    try {
      const reply = await payload.create({ collection: 'replies', data: { thread: toId(threadId), body: form.body } as never, overrideAccess: false, user, depth: 0 })
      const before = await payload.count({ collection: 'replies', where: { and: [{ thread: { equals: toId(threadId) } }, { createdAt: { less_than_equal: reply.createdAt } }] }, overrideAccess: false, user })
      const page = Math.max(1, Math.ceil(before.totalDocs / REPLIES_PER_PAGE))
      res.redirect(303, `/threads/${threadId}${page > 1 ? `?page=${page}` : ''}#reply-${reply.id}`)
    } catch (error) {
      const refusal = postRefusal(error)
      if (!refusal) throw error
      if (refusal.kind === 'refused' && refusal.status === 404) return sendNotFound(res, ctx)
      if (refusal.kind === 'tooSoon') sendTooSoon(res, refusal.retryAfterSeconds)
      const replyForm: ReplyFormState =
        refusal.kind === 'tooSoon' ? { body: form.body, tooSoon: refusal.message } : refusal.kind === 'fields' ? { body: form.body, error: refusal.errors.body ?? Object.values(refusal.errors)[0] } : { body: form.body, error: refusal.message }
      await sendThread(payload, ctx, res, threadId, 1, replyForm, refusal.status)
    }
  }))

  router.post('/flags', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const user = res.locals.user
    const form = readForm(req.body, { targetCollection: formText(20), targetId: formText(40), reason: formText(40), note: formText(1000) })
    if (!(await mustPost(payload, ctx, res, user, '/'))) return
    const back = await flaggedItemPath(payload, user, form.targetCollection, form.targetId)
    if (!back) return sendNotFound(res, ctx)
    try {
      const context = crisisReportingContext()
      await payload.create({ collection: 'flags', data: form as never, overrideAccess: false, user, depth: 0, context })
      const crisis = crisisSeen(context)
      if (crisis) return sendCrisisPanelPage(res, ctx, 'Thank you for your report', 'report', await localCrisisServices(payload, crisis.locality), back.replace(/[?#].*$/, ''))
      res.redirect(303, back)
    } catch (error) {
      const refusal = postRefusal(error)
      if (!refusal) throw error
      const message = refusal.kind === 'fields' ? Object.values(refusal.errors).filter(Boolean).join(' ') : refusal.message
      sendPage(
        res,
        <MessagePage ctx={ctx} title={refusal.status === 409 ? 'Already reported' : 'Your report was not sent'}>
          <p>{message}</p>
          <p>
            <a href={back.replace(/[?#].*$/, '')}>Go back</a>
          </p>
        </MessagePage>,
        refusal.status,
      )
    }
  }))

  return router
}

/** Where to send the flagger back to, if they can see the item at all (else nothing: a 404). */
async function flaggedItemPath(payload: Payload, user: Record<string, any>, collection: string, id: string): Promise<string | null> {
  if (!isPlausibleId(id) || !['threads', 'replies', 'stories'].includes(collection)) return null
  const found = await payload.find({ collection: collection as 'threads', where: { id: { equals: toId(id) } }, depth: 0, limit: 1, overrideAccess: false, user })
  const doc = found.docs[0] as Record<string, any> | undefined
  if (!doc) return null
  if (collection === 'stories') return `/stories/${doc.slug}?flagged=1`
  if (collection === 'replies') return `/threads/${typeof doc.thread === 'object' ? doc.thread.id : doc.thread}?flagged=1#reply-${doc.id}`
  return `/threads/${doc.id}?flagged=1`
}

async function sendThread(payload: Payload, ctx: PageCtx, res: Response, id: string, page: number, replyForm: ReplyFormState, status: number, notice?: string) {
  const user = res.locals.user ?? null
  if (!isPlausibleId(id)) return sendNotFound(res, ctx)
  const found = await payload.find({ collection: 'threads', where: { id: { equals: toId(id) } }, depth: 1, limit: 1, overrideAccess: false, user })
  const doc = found.docs[0]
  if (!doc) return sendNotFound(res, ctx)
  const [settings, replies] = await Promise.all([
    loadModerationSettings(payload),
    payload.find({ collection: 'replies', where: { thread: { equals: doc.id } }, sort: 'createdAt', depth: 0, page, limit: REPLIES_PER_PAGE, overrideAccess: false, user }),
  ])
  const thread = presentThread(doc as never, user)
  const presentedReplies = replies.docs.map((r) => presentReply(r as never, user))
  const localityId = doc.locality && typeof doc.locality === 'object' ? doc.locality.id : doc.locality
  const crisisServices = thread.crisisHold || presentedReplies.some((r) => r.crisisHold) ? await localCrisisServices(payload, localityId as never) : []
  const moderator = moderatesLocality(user, localityId as never)
  const replyBlocked = !user
    ? 'Sign in to reply.'
    : !canPost(user)
      ? 'Confirm your email address to reply.'
      : thread.status !== 'published' && !moderator
        ? 'Replies open once this thread has been approved.'
        : thread.locked && !moderator
          ? 'This thread is locked.'
          : null
  sendPage(
    res,
    <ThreadPage
      ctx={ctx}
      thread={thread}
      replies={presentedReplies}
      page={replies.page ?? page}
      totalPages={Math.max(1, replies.totalPages)}
      reviewHours={settings.reviewHours}
      replyBlocked={replyBlocked}
      replyForm={replyForm}
      notice={notice}
      crisisServices={crisisServices}
    />,
    status,
  )
}
