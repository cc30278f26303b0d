// /account/export and /account/delete: the member's rights of access, portability and erasure.
import crypto from 'node:crypto'
import { Router, type Response } from 'express'
import type { Payload } from 'payload'

import { MessagePage } from '../../views/pages/MessagePage.js'
import { DeleteAccountPage, ExportPage, type DeleteValues } from '../../views/pages/PrivacyPages.js'
import { sendPage } from '../../views/render.js'
import { clearSessionCookie, endSession, sessionKeyOf } from '../auth/session.js'
import { countFailedAttempt, isLockedOut, LOCKED_MESSAGE } from '../auth/passwordAttempts.js'
import { verifyPassword } from '../auth/verifyPassword.js'
import { retryAfterText } from '../policies/postingLimits.js'
import { canDownloadExport, exportQuota, isErasureMode } from '../policies/privacy.js'
import { idOf } from '../db/relationId.js'
import { eraseMember } from '../commands/privacy/eraseMember.js'
import { buildExportZip, collectMemberData } from '../commands/privacy/exportData.js'
import { loadPrivacySettings } from '../privacy/settings.js'
import { sendNotFound } from './pages.js'
import { formBox, formText, handle, pageContext, readForm } from './support.js'

const DAY = 24 * 60 * 60 * 1000
const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

function requireMember(res: Response, path: string): Record<string, any> | null {
  const user = res.locals.user as Record<string, any> | null
  if (!user) res.redirect(303, `/login?next=${encodeURIComponent(path)}`)
  return user
}

export function privacyRouter(payload: Payload): Router {
  const router = Router()

  router.get('/account/export', handle(async (req, res) => {
    if (!requireMember(res, '/account/export')) return
    const settings = await loadPrivacySettings(payload)
    sendPage(res, <ExportPage ctx={await pageContext(payload, req, res)} linkMinutes={settings.exportLinkMinutes} exportsPerDay={settings.exportsPerDay} />)
  }))

  router.post('/account/export', handle(async (req, res) => {
    const user = requireMember(res, '/account/export')
    if (!user) return
    const settings = await loadPrivacySettings(payload)
    const now = Date.now()
    const recent = await payload.find({
      collection: 'data-exports',
      where: { and: [{ member: { equals: user.id } }, { createdAt: { greater_than: new Date(now - DAY).toISOString() } }] },
      sort: 'createdAt',
      depth: 0,
      pagination: false,
      overrideAccess: true,
    })
    const quota = exportQuota(recent.docs.map((doc) => String(doc.createdAt)), settings.exportsPerDay, now)
    if (!quota.allowed) {
      const retryAfterSeconds = quota.retryAfterSeconds
      res.set('Retry-After', String(retryAfterSeconds))
      return sendPage(
        res,
        <ExportPage ctx={await pageContext(payload, req, res)} linkMinutes={settings.exportLinkMinutes} exportsPerDay={settings.exportsPerDay} tooSoon={`You have made ${settings.exportsPerDay} downloads in the last day. ${retryAfterText(retryAfterSeconds, new Date(now))}`} />,
        429,
      )
    }
    const token = crypto.randomBytes(32).toString('base64url')
    await payload.create({
      collection: 'data-exports',
      data: { member: user.id, tokenHash: hashToken(token), sessionId: sessionKeyOf(req, payload, user), expiresAt: new Date(now + settings.exportLinkMinutes * 60_000).toISOString() } as never,
      overrideAccess: true,
    })
    res.redirect(303, `/account/export/${token}`)
  }))

  // Only the member who made the link, in the same session, before it expires; anything else is a 404.
  router.get('/account/export/:token', handle(async (req, res) => {
    const user = res.locals.user as Record<string, any> | null
    const token = String(req.params.token)
    const ctx = () => pageContext(payload, req, res)
    if (!user || !/^[A-Za-z0-9_-]{43}$/.test(token)) return sendNotFound(res, await ctx())
    // The link's sign-in is a hidden field: it was never read back before, so any sign-in passed.
    const found = await payload.find({ collection: 'data-exports', where: { tokenHash: { equals: hashToken(token) } }, limit: 1, depth: 0, overrideAccess: true, showHiddenFields: true })
    const link = found.docs[0] as Record<string, any> | undefined
    if (!link || !canDownloadExport({ ownerId: idOf(link.member), sessionKey: link.sessionId ?? null, expiresAt: String(link.expiresAt) }, { userId: user.id, sessionKey: sessionKeyOf(req, payload, user) })) {
      return sendNotFound(res, await ctx())
    }
    const zip = buildExportZip(await collectMemberData(payload, user.id))
    await payload.update({ collection: 'data-exports', id: link.id, data: { downloadedAt: new Date().toISOString() } as never, overrideAccess: true })
    const day = new Date().toISOString().slice(0, 10)
    res
      .status(200)
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', `attachment; filename="waymark-data-${day}.zip"`)
      .type('application/zip')
      .send(Buffer.from(zip))
  }))

  router.get('/account/delete', handle(async (req, res) => {
    if (!requireMember(res, '/account/delete')) return
    sendPage(res, <DeleteAccountPage ctx={await pageContext(payload, req, res)} values={{ mode: '', confirm: false }} />)
  }))

  router.post('/account/delete', handle(async (req, res) => {
    const user = requireMember(res, '/account/delete')
    if (!user) return
    const form = readForm(req.body, { password: formText(1000), mode: formText(20), confirm: formBox() })
    const values: DeleteValues = { mode: form.mode, confirm: form.confirm }
    const errors: Record<string, string> = {}
    if (!isErasureMode(form.mode)) errors.mode = 'Choose what happens to your forum posts.'
    if (!form.confirm) errors.confirm = 'Tick the box to confirm.'
    const stored = await payload.findByID({ collection: 'users', id: user.id, depth: 0, overrideAccess: true, showHiddenFields: true })
    // The same lockout as signing in: a stolen session cannot guess its way to deleting the account.
    if (isLockedOut(stored as { lockUntil?: string | null })) errors.password = LOCKED_MESSAGE
    else if (!(await verifyPassword(stored as never, form.password))) {
      errors.password = 'That password is not right.'
      if (form.password !== '') countFailedAttempt(payload, stored as never)
    }
    if (Object.keys(errors).length > 0) return sendPage(res, <DeleteAccountPage ctx={await pageContext(payload, req, res)} values={values} errors={errors} />, 400)
    // Signing out first ends the session everywhere; the erasure then removes the account itself.
    try {
      await endSession(payload, user)
    } catch {
      // The account is about to go: its sessions go with it.
    }
    await eraseMember(payload, { memberId: user.id, mode: form.mode as 'everything', actor: user, actorRole: 'self' })
    clearSessionCookie(res, payload)
    res.redirect(303, '/account/deleted')
  }))

  router.get('/account/deleted', handle(async (req, res) => {
    res.locals.user = null
    sendPage(
      res,
      <MessagePage ctx={{ ...(await pageContext(payload, req, res)), viewer: null }} title="Your account is deleted">
        <p>Your account, your stories and your pictures are deleted. Thank you for being part of Waymark. You are always welcome back.</p>
      </MessagePage>,
    )
  }))

  return router
}
