// /account/export and /account/delete: the member's rights of access, portability and erasure.
import { Router } from 'express'
import type { Payload } from 'payload'

import { MessagePage } from '../../views/pages/MessagePage.js'
import { DeleteAccountPage, ExportPage, type DeleteValues } from '../../views/pages/PrivacyPages.js'
import { sendPage } from '../../views/render.js'
import { clearSessionCookie, sessionKeyOf } from '../auth/session.js'
import { deleteOwnAccount, passwordProblemForErasure } from '../commands/privacy/deleteAccount.js'
import { openExportLink, requestExportLink } from '../commands/privacy/exportLink.js'
import { retryAfterText } from '../policies/postingLimits.js'
import { isErasureMode } from '../policies/privacy.js'
import { privacySettings } from '../queries/privacy.js'
import { formBox, formText, handle, pageContext, readForm, sendNotFound, signedIn } from './support.js'

export function privacyRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/account/export',
    handle(async (req, res) => {
      if (!signedIn(req, res, '/account/export')) return
      const settings = await privacySettings(payload)
      sendPage(res, <ExportPage ctx={await pageContext(payload, req, res)} linkMinutes={settings.exportLinkMinutes} exportsPerDay={settings.exportsPerDay} />)
    }),
  )

  router.post(
    '/account/export',
    handle(async (req, res) => {
      const user = signedIn(req, res, '/account/export')
      if (!user) return
      const settings = await privacySettings(payload)
      const now = Date.now()
      const link = await requestExportLink({ payload, user, sessionKey: sessionKeyOf(req, payload, user), settings, now })
      if (!link.ok) {
        const retryAfterSeconds = link.retryAfterSeconds
        res.set('Retry-After', String(retryAfterSeconds))
        return sendPage(
          res,
          <ExportPage
            ctx={await pageContext(payload, req, res)}
            linkMinutes={settings.exportLinkMinutes}
            exportsPerDay={settings.exportsPerDay}
            tooSoon={`You have made ${settings.exportsPerDay} downloads in the last day. ${retryAfterText(retryAfterSeconds, new Date(now))}`}
          />,
          429,
        )
      }
      res.redirect(303, `/account/export/${link.token}`)
    }),
  )

  // Only the member who made the link, in the same session, before it expires; anything else is a 404.
  router.get(
    '/account/export/:token',
    handle(async (req, res) => {
      const user = res.locals.user as Record<string, any> | null
      const token = String(req.params.token)
      const ctx = () => pageContext(payload, req, res)
      if (!user || !/^[A-Za-z0-9_-]{43}$/.test(token)) return sendNotFound(res, await ctx())
      const zip = await openExportLink({ payload, user, token, sessionKey: sessionKeyOf(req, payload, user) })
      if (!zip) return sendNotFound(res, await ctx())
      const day = new Date().toISOString().slice(0, 10)
      res.status(200).set('Cache-Control', 'no-store').set('Content-Disposition', `attachment; filename="waymark-data-${day}.zip"`).type('application/zip').send(Buffer.from(zip))
    }),
  )

  router.get(
    '/account/delete',
    handle(async (req, res) => {
      if (!signedIn(req, res, '/account/delete')) return
      sendPage(res, <DeleteAccountPage ctx={await pageContext(payload, req, res)} values={{ mode: '', confirm: false }} />)
    }),
  )

  router.post(
    '/account/delete',
    handle(async (req, res) => {
      const user = signedIn(req, res, '/account/delete')
      if (!user) return
      const form = readForm(req.body, { password: formText(1000), mode: formText(20), confirm: formBox() })
      const values: DeleteValues = { mode: form.mode, confirm: form.confirm }
      const errors: Record<string, string> = {}
      if (!isErasureMode(form.mode)) errors.mode = 'Choose what happens to your forum posts.'
      if (!form.confirm) errors.confirm = 'Tick the box to confirm.'
      const passwordProblem = await passwordProblemForErasure({ payload, userId: user.id, password: form.password })
      if (passwordProblem) errors.password = passwordProblem
      if (Object.keys(errors).length > 0) return sendPage(res, <DeleteAccountPage ctx={await pageContext(payload, req, res)} values={values} errors={errors} />, 400)
      await deleteOwnAccount({ payload, user, mode: form.mode as 'everything' })
      clearSessionCookie(res, payload)
      res.redirect(303, '/account/deleted')
    }),
  )

  router.get(
    '/account/deleted',
    handle(async (req, res) => {
      res.locals.user = null
      sendPage(
        res,
        <MessagePage ctx={{ ...(await pageContext(payload, req, res)), viewer: null }} title="Your account is deleted">
          <p>Your account, your stories and your pictures are deleted. Thank you for being part of Waymark. You are always welcome back.</p>
        </MessagePage>,
      )
    }),
  )

  return router
}
