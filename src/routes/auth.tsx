// Joining, signing in and out, email verification and password reset: thin routes over the Local API.
import { Router } from 'express'
import type { Payload } from 'payload'

import { ForgotPage } from '../../views/pages/ForgotPage.js'
import { JoinPage } from '../../views/pages/JoinPage.js'
import { LoginPage } from '../../views/pages/LoginPage.js'
import { MessagePage } from '../../views/pages/MessagePage.js'
import { ResetPage } from '../../views/pages/ResetPage.js'
import { sendPage } from '../../views/render.js'
import { clearSessionCookie, endSession, setSessionCookie } from '../auth/session.js'
import { CrisisPanel } from '../../views/components/CrisisPanel.js'
import { CommandRefusal } from '../commands/errors.js'
import { registerMember } from '../commands/registerMember.js'
import { hasCrisisWords } from '../moderation/triage.js'
import { localCrisisServices } from '../queries/crisisServices.js'
import { findUsableJoinCode } from '../queries/joinCodes.js'
import { loginCheck, recordFailedLogin, recordRegistration, recordWrongJoinCode, registrationCheck, tooManyMessage, wrongJoinCodeCheck } from '../security/ipLimits.js'
import { INVALID_JOIN_CODE_MESSAGE, hasTypedJoinCode } from '../policies/joinCodes.js'
import { checkDisplayName } from '../policies/displayName.js'
import { isMemberType } from '../policies/memberTypes.js'
import { checkPassword } from '../policies/password.js'
import { fieldErrorsFrom, formBox, handle, pageContext, readForm, safeNextPath, formText, toId, type FieldErrors } from './support.js'

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function authRouter(payload: Payload): Router {
  const router = Router()

  router.get('/join', handle(async (req, res) => {
    if (res.locals.user) return res.redirect(303, '/account')
    sendPage(res, <JoinPage ctx={await pageContext(payload, req, res)} />)
  }))

  router.post('/join', handle(async (req, res) => {
    const form = readForm(req.body, {
      displayName: formText(200),
      email: formText(320),
      password: formText(1000),
      memberType: formText(40),
      homeLocality: formText(40),
      meetingCode: formText(40),
      countAsFirstTimer: formBox(),
    })
    const values = { displayName: form.displayName, email: form.email, memberType: form.memberType, homeLocality: form.homeLocality, meetingCode: form.meetingCode, countAsFirstTimer: form.countAsFirstTimer }
    const ctx = await pageContext(payload, req, res)
    const withCode = hasTypedJoinCode(form.meetingCode)
    if (withCode) {
      // Checked before anything else, so guessing codes costs the same whatever else is sent.
      const guesses = await wrongJoinCodeCheck(req)
      if (!guesses.allowed) {
        res.set('Retry-After', String(guesses.retryAfterSeconds))
        return sendPage(res, <JoinPage ctx={ctx} values={values} errors={{ meetingCode: tooManyMessage('Too many wrong meeting codes have been tried from your network.', guesses.retryAfterSeconds) }} />, 429)
      }
    }
    const errors: FieldErrors = {}
    errors.displayName = checkDisplayName(form.displayName) ?? undefined
    if (!EMAIL_SHAPE.test(form.email.trim())) errors.email = 'Enter an email address like name@example.com.'
    errors.password = checkPassword(form.password, { email: form.email, displayName: form.displayName }) ?? undefined
    if (!isMemberType(form.memberType)) errors.memberType = 'Choose the description that fits you best.'
    if (form.homeLocality && !ctx.localities.some((l) => String(l.id) === form.homeLocality)) errors.homeLocality = 'Choose a locality from the list.'
    const joinCode = withCode ? await findUsableJoinCode(payload, form.meetingCode) : null
    if (withCode && !joinCode) {
      await recordWrongJoinCode(req)
      errors.meetingCode = INVALID_JOIN_CODE_MESSAGE
    }
    // Without a code the tick counts nowhere: there is no meeting to count it at.
    if (Object.values(errors).some(Boolean)) return sendPage(res, <JoinPage ctx={ctx} values={values} errors={errors} />, 400)

    // A working code is the moderator's word that these people are in the room: the per-IP limit,
    // meant for one address making many accounts, does not apply to them and does not count them.
    if (!joinCode) {
      const allowed = await registrationCheck(payload, req)
      if (!allowed.allowed) {
        res.set('Retry-After', String(allowed.retryAfterSeconds))
        return sendPage(res, <JoinPage ctx={ctx} values={values} errors={{ form: tooManyMessage('Too many accounts have been made from your network today.', allowed.retryAfterSeconds) }} />, 429)
      }
    }

    try {
      const { meetingCode, countAsFirstTimer, ...member } = form
      await registerMember({ payload, ...member, joinCode: joinCode ? { code: meetingCode, countAsFirstTimer } : undefined })
      if (!joinCode) await recordRegistration(payload, req)
    } catch (error) {
      // The code stopped working between the check and the sign-up (expired, closed, used up): nothing was saved.
      if (error instanceof CommandRefusal) return sendPage(res, <JoinPage ctx={ctx} values={values} errors={{ meetingCode: error.message }} />, error.status)
      const fieldErrors = fieldErrorsFrom(error)
      if (!fieldErrors) throw error
      return sendPage(res, <JoinPage ctx={ctx} values={values} errors={fieldErrors} />, 400)
    }
    sendPage(
      res,
      <MessagePage ctx={ctx} title="Check your email">
        {/* Decided from the name typed, never from what is stored, so the page says nothing about the address. */}
        {(await hasCrisisWords(payload, form.displayName)) ? <CrisisPanel what="joining" local={await localCrisisServices(payload, form.homeLocality ? toId(form.homeLocality) : null)} /> : null}
        <p>
          We have sent a link to <strong>{form.email.trim()}</strong>. Follow it to confirm your address, then sign in.
        </p>
        <p>It can take a few minutes. Check your spam folder if it does not arrive.</p>
      </MessagePage>,
    )
  }))

  router.get('/login', handle(async (req, res) => {
    const next = safeNextPath(req.query.next)
    if (res.locals.user) return res.redirect(303, next ?? '/account')
    sendPage(res, <LoginPage ctx={await pageContext(payload, req, res)} next={next} />)
  }))

  router.post('/login', handle(async (req, res) => {
    const form = readForm(req.body, { email: formText(320), password: formText(1000), next: formText(500) })
    const next = safeNextPath(form.next)
    const ctx = await pageContext(payload, req, res)
    const again = (errors: FieldErrors, status: number) =>
      sendPage(res, <LoginPage ctx={ctx} email={form.email} next={next} errors={errors} />, status)
    if (!form.email || !form.password) {
      return again({ email: form.email ? undefined : 'Enter your email address.', password: form.password ? undefined : 'Enter your password.' }, 400)
    }
    const allowed = await loginCheck(payload, req)
    if (!allowed.allowed) {
      res.set('Retry-After', String(allowed.retryAfterSeconds))
      return again({ form: tooManyMessage('Too many failed sign-ins from your network.', allowed.retryAfterSeconds) }, 429)
    }
    try {
      const result = await payload.login({ collection: 'users', data: { email: form.email.trim(), password: form.password } })
      if (!result.token) throw new Error('Login returned no token')
      setSessionCookie(res, payload, result.token)
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
  }))

  router.post('/logout', handle(async (_req, res) => {
    if (res.locals.user) {
      try {
        await endSession(payload, res.locals.user)
      } catch (error) {
        payload.logger.warn({ err: error, msg: 'Could not end session on the server; clearing the cookie anyway' })
      }
    }
    clearSessionCookie(res, payload)
    res.redirect(303, '/')
  }))

  router.get('/verify', handle(async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 200) : ''
    let verified = false
    if (token) {
      try {
        verified = await payload.verifyEmail({ collection: 'users', token })
      } catch {
        verified = false
      }
    }
    const ctx = await pageContext(payload, req, res)
    if (verified) {
      return sendPage(
        res,
        <MessagePage ctx={ctx} title="Email address confirmed">
          <p>Thank you. Your email address is confirmed.</p>
          <p>
            <a className="button" href="/login">
              Sign in
            </a>
          </p>
        </MessagePage>,
      )
    }
    sendPage(
      res,
      <MessagePage ctx={ctx} title="This link does not work">
        <p>The link may have been used already, or copied only in part. If you have confirmed your address, you can <a href="/login">sign in</a>.</p>
      </MessagePage>,
      400,
    )
  }))

  router.get('/forgot', handle(async (req, res) => {
    sendPage(res, <ForgotPage ctx={await pageContext(payload, req, res)} />)
  }))

  router.post('/forgot', handle(async (req, res) => {
    const form = readForm(req.body, { email: formText(320) })
    const ctx = await pageContext(payload, req, res)
    if (!EMAIL_SHAPE.test(form.email.trim())) {
      return sendPage(res, <ForgotPage ctx={ctx} email={form.email} errors={{ email: 'Enter an email address like name@example.com.' }} />, 400)
    }
    try {
      await payload.forgotPassword({ collection: 'users', data: { email: form.email.trim() }, disableEmail: false })
    } catch (error) {
      // The page says the same thing either way, so nobody can tell whether an address is registered.
      payload.logger.warn({ err: error, msg: 'forgotPassword failed' })
    }
    sendPage(
      res,
      <MessagePage ctx={ctx} title="Check your email">
        <p>If that address belongs to a Waymark account, we have sent it a link to choose a new password. The link works for one hour.</p>
      </MessagePage>,
    )
  }))

  router.get('/reset', handle(async (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 200) : ''
    sendPage(res, <ResetPage ctx={await pageContext(payload, req, res)} token={token} />)
  }))

  router.post('/reset', handle(async (req, res) => {
    const form = readForm(req.body, { token: formText(200), password: formText(1000), confirm: formText(1000) })
    const ctx = await pageContext(payload, req, res)
    const again = (errors: FieldErrors, status = 400) => sendPage(res, <ResetPage ctx={ctx} token={form.token} errors={errors} />, status)
    const problem = checkPassword(form.password)
    if (problem) return again({ password: problem })
    if (form.password !== form.confirm) return again({ confirm: 'The two passwords are different.' })
    try {
      const result = await payload.resetPassword({ collection: 'users', data: { token: form.token, password: form.password }, overrideAccess: true })
      if (result.token) setSessionCookie(res, payload, result.token)
    } catch (error) {
      const fieldErrors = fieldErrorsFrom(error)
      if (fieldErrors) return again(fieldErrors)
      return again({ token: 'This reset link has expired or was already used. Ask for a new one on the "forgotten password" page.' })
    }
    res.redirect(303, '/account?notice=password-reset')
  }))

  return router
}
