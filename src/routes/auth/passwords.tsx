// A forgotten password: ask for a reset link, then choose a new password with it.
import { Router } from 'express'
import type { Payload } from 'payload'

import { ForgotPage } from '../../../views/pages/ForgotPage.js'
import { MessagePage } from '../../../views/pages/MessagePage.js'
import { ResetPage } from '../../../views/pages/ResetPage.js'
import { sendPage } from '../../../views/render.js'
import { setSessionCookie } from '../../auth/session.js'
import { requestPasswordReset, resetPassword } from '../../commands/auth/credentials.js'
import { checkPassword } from '../../policies/password.js'
import { EMAIL_SHAPE, fieldErrorsFrom, formText, handle, pageContext, readForm, type FieldErrors } from '../support.js'

export function passwordsRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/forgot',
    handle(async (req, res) => {
      sendPage(res, <ForgotPage ctx={await pageContext(payload, req, res)} />)
    }),
  )

  router.post(
    '/forgot',
    handle(async (req, res) => {
      const form = readForm(req.body, { email: formText(320) })
      const ctx = await pageContext(payload, req, res)
      if (!EMAIL_SHAPE.test(form.email.trim())) {
        return sendPage(res, <ForgotPage ctx={ctx} email={form.email} errors={{ email: 'Enter an email address like name@example.com.' }} />, 400)
      }
      // The page says the same thing either way, so nobody can tell whether an address is registered.
      await requestPasswordReset({ payload, email: form.email.trim() })
      sendPage(
        res,
        <MessagePage ctx={ctx} title="Check your email">
          <p>If that address belongs to a Waymark account, we have sent it a link to choose a new password. The link works for one hour.</p>
        </MessagePage>,
      )
    }),
  )

  router.get(
    '/reset',
    handle(async (req, res) => {
      const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 200) : ''
      sendPage(res, <ResetPage ctx={await pageContext(payload, req, res)} token={token} />)
    }),
  )

  router.post(
    '/reset',
    handle(async (req, res) => {
      const form = readForm(req.body, { token: formText(200), password: formText(1000), confirm: formText(1000) })
      const ctx = await pageContext(payload, req, res)
      const again = (errors: FieldErrors, status = 400) => sendPage(res, <ResetPage ctx={ctx} token={form.token} errors={errors} />, status)
      const problem = checkPassword(form.password)
      if (problem) return again({ password: problem })
      if (form.password !== form.confirm) return again({ confirm: 'The two passwords are different.' })
      try {
        const session = await resetPassword({ payload, token: form.token, password: form.password })
        if (session) setSessionCookie(res, payload, session)
      } catch (error) {
        const fieldErrors = fieldErrorsFrom(error)
        if (fieldErrors) return again(fieldErrors)
        return again({ token: 'This reset link has expired or was already used. Ask for a new one on the "forgotten password" page.' })
      }
      res.redirect(303, '/account?notice=password-reset')
    }),
  )

  return router
}
