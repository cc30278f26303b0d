// Joining: the form, its checks (a meeting's join code first, so guessing costs the same whatever else
// is sent), and registerMember, which makes the account and sends the confirmation email.
import { Router } from 'express'
import type { Payload } from 'payload'

import { CrisisPanel } from '../../../views/components/CrisisPanel.js'
import { JoinPage } from '../../../views/pages/JoinPage.js'
import { MessagePage } from '../../../views/pages/MessagePage.js'
import { sendPage } from '../../../views/render.js'
import { CommandRefusal } from '../../commands/errors.js'
import { registerMember } from '../../commands/registerMember.js'
import { checkDisplayName } from '../../policies/displayName.js'
import { INVALID_JOIN_CODE_MESSAGE, hasTypedJoinCode } from '../../policies/joinCodes.js'
import { isMemberType } from '../../policies/memberTypes.js'
import { checkPassword } from '../../policies/password.js'
import { signInHref } from '../../policies/returnPath.js'
import { crisisServicesForWords } from '../../queries/crisisServices.js'
import { findUsableJoinCode } from '../../queries/joinCodes.js'
import { recordRegistration, recordWrongJoinCode, registrationCheck, tooManyMessage, wrongJoinCodeCheck } from '../../security/ipLimits.js'
import { EMAIL_SHAPE, fieldErrorsFrom, formBox, formText, handle, pageContext, readForm, safeNextPath, toId, type FieldErrors } from '../support.js'

export function joinRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/join',
    handle(async (req, res) => {
      if (res.locals.user) return res.redirect(303, '/account')
      sendPage(res, <JoinPage ctx={{ ...(await pageContext(payload, req, res)), returnPath: safeNextPath(req.query.next) }} />)
    }),
  )

  router.post(
    '/join',
    handle(async (req, res) => {
      const form = readForm(req.body, {
        displayName: formText(200),
        email: formText(320),
        password: formText(1000),
        memberType: formText(40),
        homeLocality: formText(40),
        meetingCode: formText(40),
        countAsFirstTimer: formBox(),
        next: formText(500),
      })
      const values = {
        displayName: form.displayName,
        email: form.email,
        memberType: form.memberType,
        homeLocality: form.homeLocality,
        meetingCode: form.meetingCode,
        countAsFirstTimer: form.countAsFirstTimer,
      }
      // Where the new member was going: every re-shown form keeps it, and the last page's sign-in link carries it.
      const ctx = { ...(await pageContext(payload, req, res)), returnPath: safeNextPath(form.next) }
      const withCode = hasTypedJoinCode(form.meetingCode)
      if (withCode) {
        // Checked before anything else, so guessing codes costs the same whatever else is sent.
        const guesses = await wrongJoinCodeCheck(req)
        if (!guesses.allowed) {
          res.set('Retry-After', String(guesses.retryAfterSeconds))
          return sendPage(
            res,
            <JoinPage ctx={ctx} values={values} errors={{ meetingCode: tooManyMessage('Too many wrong meeting codes have been tried from your network.', guesses.retryAfterSeconds) }} />,
            429,
          )
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
        const { meetingCode, countAsFirstTimer, next: _next, ...member } = form
        await registerMember({ payload, ...member, joinCode: joinCode ? { code: meetingCode, countAsFirstTimer } : undefined })
        if (!joinCode) await recordRegistration(payload, req)
      } catch (error) {
        // The code stopped working between the check and the sign-up (expired, closed, used up): nothing was saved.
        if (error instanceof CommandRefusal) return sendPage(res, <JoinPage ctx={ctx} values={values} errors={{ meetingCode: error.message }} />, error.status)
        const fieldErrors = fieldErrorsFrom(error)
        if (!fieldErrors) throw error
        return sendPage(res, <JoinPage ctx={ctx} values={values} errors={fieldErrors} />, 400)
      }
      // Decided from the name typed, never from what is stored, so the page says nothing about the address.
      const crisisServices = await crisisServicesForWords(payload, form.displayName, form.homeLocality ? toId(form.homeLocality) : null)
      sendPage(
        res,
        <MessagePage ctx={ctx} title="Check your email">
          {crisisServices ? <CrisisPanel what="joining" local={crisisServices} /> : null}
          <p>
            We have sent a link to <strong>{form.email.trim()}</strong>. Follow it to confirm your address, then sign in.
          </p>
          <p>It can take a few minutes. Check your spam folder if it does not arrive.</p>
          <p>
            Once your address is confirmed, <a href={signInHref(ctx.returnPath)}>sign in</a>.
          </p>
        </MessagePage>,
      )
    }),
  )

  return router
}
