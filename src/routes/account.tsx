// The member's own account: profile, notification preferences, and email/password changes.
import { Router, type Response } from 'express'
import type { Payload } from 'payload'

import { AccountPage, type AccountValues } from '../../views/pages/AccountPage.js'
import { postsAwaitingReview } from '../forum/awaitingReview.js'
import { sendPage } from '../../views/render.js'
import { crisisReportingContext, crisisSeen } from '../moderation/crisisAlerts.js'
import { NOTIFICATION_PREFERENCES } from '../policies/notifications.js'
import { localCrisisServices } from '../queries/crisisServices.js'
import { sendCrisisPanelPage } from './crisisPage.js'
import { fieldErrorsFrom, formBox, formText, handle, pageContext, readForm, toId, type FieldErrors } from './support.js'

const NOTICES: Record<string, string> = {
  saved: 'Your profile is saved.',
  'credentials-changed': 'Your email address or password is changed.',
  'password-reset': 'Your new password is saved, and you are signed in.',
}

function accountValues(user: Record<string, any>): AccountValues {
  const homeLocality = user.homeLocality && typeof user.homeLocality === 'object' ? user.homeLocality.id : user.homeLocality
  return {
    email: String(user.email ?? ''),
    displayName: String(user.displayName ?? ''),
    memberType: String(user.memberType ?? ''),
    homeLocality: homeLocality ? String(homeLocality) : '',
    followedLocalities: (user.followedLocalities ?? []).map((l: unknown) => String(l && typeof l === 'object' ? (l as { id: unknown }).id : l)),
    notifications: { ...(user.notifications ?? {}) },
  }
}

function requireMember(res: Response, path: string): Record<string, any> | null {
  const user = res.locals.user as Record<string, any> | null
  if (!user) {
    res.redirect(303, `/login?next=${encodeURIComponent(path)}`)
    return null
  }
  return user
}

export function accountRouter(payload: Payload): Router {
  const router = Router()

  // Reads the member's own record through access control, as the member.
  const ownRecord = (user: Record<string, any>) =>
    payload.findByID({ collection: 'users', id: user.id, depth: 0, overrideAccess: false, user })

  router.get('/account', handle(async (req, res) => {
    const user = requireMember(res, '/account')
    if (!user) return
    const notice = typeof req.query.notice === 'string' ? NOTICES[req.query.notice] : undefined
    const [record, waiting] = await Promise.all([ownRecord(user), postsAwaitingReview(payload, user)])
    sendPage(res, <AccountPage ctx={await pageContext(payload, req, res)} values={accountValues(record)} notice={notice} waiting={waiting} />)
  }))

  router.post('/account', handle(async (req, res) => {
    const user = requireMember(res, '/account')
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
    const context = crisisReportingContext()
    try {
      await payload.update({ collection: 'users', id: user.id, data: data as never, overrideAccess: false, user, context })
    } catch (error) {
      const profileErrors = fieldErrorsFrom(error, { 'notifications.digest': 'digest' })
      if (!profileErrors) throw error
      const values = { ...accountValues(await ownRecord(user)), ...data, homeLocality: form.homeLocality, followedLocalities: followedLocalities.map(String), notifications: data.notifications }
      return sendPage(res, <AccountPage ctx={await pageContext(payload, req, res)} values={values} profileErrors={profileErrors} />, 400)
    }
    const crisis = crisisSeen(context)
    if (crisis) return sendCrisisPanelPage(res, await pageContext(payload, req, res), 'Your profile is saved', 'profile', await localCrisisServices(payload, crisis.locality), '/account')
    res.redirect(303, '/account?notice=saved')
  }))

  router.post('/account/credentials', handle(async (req, res) => {
    const user = requireMember(res, '/account')
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
        await payload.update({ collection: 'users', id: user.id, data: data as never, overrideAccess: false, user })
        return res.redirect(303, '/account?notice=credentials-changed')
      } catch (error) {
        const mapped = fieldErrorsFrom(error, { email: 'newEmail', password: 'newPassword' })
        if (!mapped) throw error
        Object.assign(errors, mapped)
      }
    }
    sendPage(
      res,
      <AccountPage
        ctx={await pageContext(payload, req, res)}
        values={accountValues(await ownRecord(user))}
        credentialErrors={errors}
        credentialValues={{ newEmail: form.newEmail }}
      />,
      400,
    )
  }))

  return router
}
