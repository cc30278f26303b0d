// The member's own account: profile, notification preferences, and email/password changes.
import { Router } from 'express'
import type { Payload } from 'payload'

import { AccountPage } from '../../views/pages/AccountPage.js'
import { sendPage } from '../../views/render.js'
import { changeCredentials, saveProfile, saveVolunteerBadge } from '../commands/account/profile.js'
import { NOTIFICATION_PREFERENCES } from '../policies/notifications.js'
import { accountPage, ownAccount } from '../queries/account.js'
import { localCrisisServices } from '../queries/crisisServices.js'
import { accountReadingChoices, rememberedReadingCount } from '../queries/readingChoices.js'
import { sendCrisisPanelPage } from './support/crisisPage.js'
import { fieldErrorsFrom, formBox, formText, handle, pageContext, readForm, signedIn, toId, type FieldErrors } from './support.js'

const NOTICES: Record<string, string> = {
  saved: 'Your profile is saved.',
  'credentials-changed': 'Your email address or password is changed.',
  'password-reset': 'Your new password is saved, and you are signed in.',
  'badge-saved': 'Your badge choice is saved.',
  reading: 'Your reading choice is saved.',
  'reading-cleared': 'What you read is cleared.',
}

export function accountRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/account',
    handle(async (req, res) => {
      const user = signedIn(req, res, '/account')
      if (!user) return
      const notice = typeof req.query.notice === 'string' ? NOTICES[req.query.notice] : undefined
      const { values, waiting, volunteering } = await accountPage(payload, user)
      const reading = { rememberReading: (await accountReadingChoices(payload, user)).rememberReading, remembered: await rememberedReadingCount(payload, user) }
      sendPage(res, <AccountPage ctx={await pageContext(payload, req, res)} values={values} notice={notice} waiting={waiting} volunteering={volunteering} reading={reading} />)
    }),
  )

  router.post(
    '/account',
    handle(async (req, res) => {
      const user = signedIn(req, res, '/account')
      if (!user) return
      const form = readForm(req.body, {
        displayName: formText(200),
        memberType: formText(40),
        homeLocality: formText(40),
        digest: formText(20),
        replyDelivery: formText(20),
        ...Object.fromEntries(NOTIFICATION_PREFERENCES.map((pref) => [pref.name, formBox()])),
      }) as Record<string, any>
      const notifications = Object.fromEntries(NOTIFICATION_PREFERENCES.map((pref) => [pref.name, form[pref.name] === true]))
      const localities = (await pageContext(payload, req, res)).localities
      const followedLocalities = localities.filter((l) => (req.body as Record<string, unknown>)?.[`follow-${l.id}`] === 'on').map((l) => l.id)
      const data = {
        displayName: form.displayName,
        memberType: form.memberType,
        homeLocality: form.homeLocality ? toId(form.homeLocality) : null,
        followedLocalities,
        notifications: { ...notifications, digest: form.digest || 'never', replyDelivery: form.replyDelivery || 'immediately' },
      }
      let crisis: Awaited<ReturnType<typeof saveProfile>>['crisis']
      try {
        ;({ crisis } = await saveProfile({ payload, user, changes: data }))
      } catch (error) {
        const profileErrors = fieldErrorsFrom(error, { 'notifications.digest': 'digest' })
        if (!profileErrors) throw error
        const values = { ...(await ownAccount(payload, user)), ...data, homeLocality: form.homeLocality, followedLocalities: followedLocalities.map(String), notifications: data.notifications }
        return sendPage(res, <AccountPage ctx={await pageContext(payload, req, res)} values={values} profileErrors={profileErrors} />, 400)
      }
      if (crisis) return sendCrisisPanelPage(res, await pageContext(payload, req, res), 'Your profile is saved', 'profile', await localCrisisServices(payload, crisis.locality), '/account')
      res.redirect(303, '/account?notice=saved')
    }),
  )

  router.post(
    '/account/volunteer-badge',
    handle(async (req, res) => {
      const user = signedIn(req, res, '/account')
      if (!user) return
      const form = readForm(req.body, { volunteerBadge: formText(20) })
      try {
        await saveVolunteerBadge({ payload, user, badge: form.volunteerBadge || 'none' })
      } catch (error) {
        const status = (error as { status?: number }).status
        if (status !== 400) throw error
        const { values, waiting, volunteering } = await accountPage(payload, user)
        return sendPage(
          res,
          <AccountPage ctx={await pageContext(payload, req, res)} values={values} waiting={waiting} volunteering={volunteering} badgeError={String((error as Error).message)} />,
          400,
        )
      }
      res.redirect(303, '/account?notice=badge-saved')
    }),
  )

  router.post(
    '/account/credentials',
    handle(async (req, res) => {
      const user = signedIn(req, res, '/account')
      if (!user) return
      const form = readForm(req.body, { newEmail: formText(320), newPassword: formText(1000), currentPassword: formText(1000) })
      const data: Record<string, string> = { currentPassword: form.currentPassword }
      if (form.newEmail.trim()) data.email = form.newEmail.trim().toLowerCase()
      if (form.newPassword) data.password = form.newPassword
      const errors: FieldErrors = {}
      if (!data.email && !data.password) errors.newEmail = 'Enter a new email address, a new password, or both.'
      if (!form.currentPassword) errors.currentPassword = 'Enter your current password.'
      if (!Object.values(errors).some(Boolean)) {
        try {
          await changeCredentials({ payload, user, changes: data })
          return res.redirect(303, '/account?notice=credentials-changed')
        } catch (error) {
          const mapped = fieldErrorsFrom(error, { email: 'newEmail', password: 'newPassword' })
          if (!mapped) throw error
          Object.assign(errors, mapped)
        }
      }
      sendPage(res, <AccountPage ctx={await pageContext(payload, req, res)} values={await ownAccount(payload, user)} credentialErrors={errors} credentialValues={{ newEmail: form.newEmail }} />, 400)
    }),
  )

  return router
}
