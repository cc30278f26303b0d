// Signing in and out, and confirming an email address: thin routes over the auth commands.
import { Router } from 'express'
import type { Payload } from 'payload'

import { LoginPage } from '../../../views/pages/LoginPage.js'
import { MessagePage } from '../../../views/pages/MessagePage.js'
import { sendPage } from '../../../views/render.js'
import { clearSessionCookie, setSessionCookie } from '../../auth/session.js'
import { confirmEmail, signIn, signOut } from '../../commands/auth/credentials.js'
import { signInHref } from '../../policies/returnPath.js'
import { loginCheck, recordFailedLogin, tooManyMessage } from '../../security/ipLimits.js'
import { formText, handle, pageContext, readForm, safeNextPath, type FieldErrors } from '../support.js'

/** A newly confirmed member starts at their personal home, not the settings form. */
const HOME = '/'

export function signInRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/login',
    handle(async (req, res) => {
      const next = safeNextPath(req.query.next)
      if (res.locals.user) return res.redirect(303, next ?? '/account')
      sendPage(res, <LoginPage ctx={{ ...(await pageContext(payload, req, res)), returnPath: next }} next={next} />)
    }),
  )

  router.post(
    '/login',
    handle(async (req, res) => {
      const form = readForm(req.body, { email: formText(320), password: formText(1000), next: formText(500) })
      const next = safeNextPath(form.next)
      const ctx = { ...(await pageContext(payload, req, res)), returnPath: next }
      const again = (errors: FieldErrors, status: number) => sendPage(res, <LoginPage ctx={ctx} email={form.email} next={next} errors={errors} />, status)
      if (!form.email || !form.password) {
        return again({ email: form.email ? undefined : 'Enter your email address.', password: form.password ? undefined : 'Enter your password.' }, 400)
      }
      const allowed = await loginCheck(payload, req)
      if (!allowed.allowed) {
        res.set('Retry-After', String(allowed.retryAfterSeconds))
        return again({ form: tooManyMessage('Too many failed sign-ins from your network.', allowed.retryAfterSeconds) }, 429)
      }
      try {
        setSessionCookie(res, payload, await signIn({ payload, email: form.email.trim(), password: form.password }))
        res.redirect(303, next ?? '/account')
      } catch (error) {
        const name = (error as Error).name
        if (name === 'LockedAuth') {
          return again({ form: 'This account is locked for 10 minutes after too many failed attempts. Try again later, or reset your password.' }, 429)
        }
        if (name === 'UnverifiedEmail') {
          return again({ form: 'Please confirm your email address first: follow the link we emailed you when you joined.' }, 403)
        }
        if (name === 'AuthenticationError' || name === 'ValidationError') {
          await recordFailedLogin(payload, req)
          return again({ form: 'That email address and password do not match an account.' }, 401)
        }
        throw error
      }
    }),
  )

  router.post(
    '/logout',
    handle(async (_req, res) => {
      if (res.locals.user) await signOut({ payload, user: res.locals.user })
      clearSessionCookie(res, payload)
      res.redirect(303, '/')
    }),
  )

  router.get(
    '/verify',
    handle(async (req, res) => {
      const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 200) : ''
      const verified = token ? await confirmEmail({ payload, token }) : false
      const ctx = await pageContext(payload, req, res)
      if (verified) {
        return sendPage(
          res,
          <MessagePage ctx={ctx} title="Email address confirmed">
            <p>Thank you. Your email address is confirmed.</p>
            <p>
              <a className="button" href={signInHref(HOME)}>
                Sign in
              </a>
            </p>
          </MessagePage>,
        )
      }
      sendPage(
        res,
        <MessagePage ctx={ctx} title="This link does not work">
          <p>
            The link may have been used already, or copied only in part. If you have confirmed your address, you can <a href={signInHref(HOME)}>sign in</a>.
          </p>
        </MessagePage>,
        400,
      )
    }),
  )

  return router
}
