// Members: the auth collection. Emails are private; the public only ever sees a presenter's projection.
import type { CollectionConfig } from 'payload'

import { secureCookies } from '../../src/env.js'
import { resetPasswordEmail, verifyEmail } from '../../src/email/templates.js'
import { MEMBER_TYPES } from '../../src/policies/memberTypes.js'
import { CONTENT_WARNINGS } from '../../src/policies/storyTaxonomy.js'
import { DIGEST_OPTIONS, NOTIFICATION_PREFERENCES, REPLY_DELIVERY_OPTIONS } from '../../src/policies/notifications.js'
import { isModerator, ROLES } from '../../src/policies/roles.js'
import { adminsOnly, moderatorsOnly, staffOnly, systemField } from '../shared/access.js'
import { emailFieldRead, rolesFieldWrite, selfOrAdmin, selfOrAdminField, selfOrModerator, selfOrModeratorField, signupFormOrAdmin, unlockAccess } from './access.js'
import { assignDefaultRole } from './hooks/assignDefaultRole.js'
import { enforcePasswordPolicy } from './hooks/enforcePasswordPolicy.js'
import { notifyEmailChange } from './hooks/notifyEmailChange.js'
import { normaliseDisplayName } from './hooks/normaliseDisplayName.js'
import { refusePrivateQueries } from './hooks/refusePrivateQueries.js'
import { throttleResetRequests } from './hooks/throttleResetRequests.js'
import { requireCurrentPassword } from './hooks/requireCurrentPassword.js'
import { syncPostBylines } from './hooks/syncPostBylines.js'
import { clearRoleConfirmation } from './hooks/clearRoleConfirmation.js'
import { confirmRoleEndpoint } from './endpoints/confirmRole.js'
import { forgetExportLinks } from './hooks/forgetExportLinks.js'
import { eraseEndpoint } from './endpoints/erase.js'
import { coordinatesForEndpoint } from './endpoints/coordinatesFor.js'
import { checkVolunteerBadge } from './hooks/checkVolunteerBadge.js'
import { BADGES } from '../../src/policies/volunteering.js'
import { alertOnCrisisWords } from '../shared/hooks/alertOnCrisisWords.js'
import { idOf } from '../../src/db/relationId.js'

/** Only the confirm-role endpoint (src/commands/confirmRole.ts, with overrideAccess) writes a confirmation: never the member. */
const confirmationField = { create: systemField, update: systemField }

export const LOCKOUT_ATTEMPTS = 5
export const LOCKOUT_MS = 10 * 60 * 1000

export const Users: CollectionConfig = {
  slug: 'users',
  admin: {
    useAsTitle: 'displayName',
    defaultColumns: ['displayName', 'memberType', 'roles', 'homeLocality'],
    group: 'People',
  },
  auth: {
    // The signed-in member as every request sees them: ids only. Nothing reads a populated relation from
    // req.user, and population cost every signed-in request several queries.
    depth: 0,
    maxLoginAttempts: LOCKOUT_ATTEMPTS,
    lockTime: LOCKOUT_MS,
    tokenExpiration: 60 * 60 * 24 * 7,
    cookies: { sameSite: 'Lax', secure: secureCookies },
    verify: {
      generateEmailSubject: () => 'Confirm your email address for Waymark',
      // Payload sends these as HTML; the mail adapter adds the text part composed with it (src/email/textPart.ts).
      generateEmailHTML: ({ token, user }) => verifyEmail({ token, displayName: user?.displayName }).html,
    },
    forgotPassword: {
      expiration: 60 * 60 * 1000,
      // See hooks/throttleResetRequests.ts.
      minRequestInterval: 0,
      generateEmailSubject: () => 'Reset your Waymark password',
      generateEmailHTML: (args) => resetPasswordEmail({ token: args?.token ?? '' }).html,
    },
  },
  access: {
    read: selfOrModerator,
    create: signupFormOrAdmin,
    update: selfOrAdmin,
    delete: adminsOnly,
    unlock: unlockAccess,
    // The moderators' workplace; safeguarding leads who are not moderators enter for the crisis part only.
    admin: staffOnly,
    readVersions: adminsOnly,
  },
  hooks: {
    beforeOperation: [enforcePasswordPolicy, requireCurrentPassword, refusePrivateQueries, throttleResetRequests],
    beforeValidate: [normaliseDisplayName],
    beforeChange: [assignDefaultRole, clearRoleConfirmation, checkVolunteerBadge],
    // Crisis words in a display name alert the moderators of the member's home locality and the leads.
    afterChange: [
      notifyEmailChange,
      syncPostBylines,
      alertOnCrisisWords('users', async (doc, _req, previous) => ({
        member: doc.id,
        locality: idOf(doc.homeLocality),
        memberName: previous?.displayName ? `${previous.displayName} (their new display name matched)` : 'A member who has just joined (their display name matched)',
      })),
    ],
    afterLogout: [forgetExportLinks],
  },
  endpoints: [eraseEndpoint, confirmRoleEndpoint, coordinatesForEndpoint],
  fields: [
    {
      name: 'erase',
      type: 'ui',
      admin: { components: { Field: '/admin/EraseMemberPanel#EraseMemberPanel' }, condition: (_data, _sibling, { user }) => isModerator(user as never) },
    },
    // Merged with Payload's own email field: only the owner and admins may read it.
    { name: 'email', type: 'email', required: true, unique: true, access: { read: emailFieldRead } },
    {
      name: 'displayName',
      type: 'text',
      required: true,
      minLength: 2,
      maxLength: 40,
      admin: { description: 'The public pseudonym. Never a real name or an email address.' },
    },
    { name: 'displayNameKey', type: 'text', unique: true, index: true, hidden: true },
    {
      name: 'memberType',
      type: 'select',
      required: true,
      options: MEMBER_TYPES.map(({ value, label }) => ({ value, label })),
      admin: { description: 'Self-declared, shown as a badge. Never an access boundary.' },
    },
    // A role the member claims (professional, commissioner) reads as their own description until a moderator confirms it.
    { name: 'memberTypeConfirmed', access: confirmationField, type: 'checkbox', defaultValue: false, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'memberTypeConfirmedBy', access: confirmationField, type: 'relationship', relationTo: 'users', admin: { readOnly: true, position: 'sidebar' } },
    { name: 'memberTypeConfirmedAt', access: confirmationField, type: 'date', admin: { readOnly: true, position: 'sidebar' } },
    { name: 'homeLocality', type: 'relationship', relationTo: 'localities' },
    {
      name: 'followedLocalities',
      type: 'relationship',
      relationTo: 'localities',
      hasMany: true,
      admin: { description: 'Forums whose new conversations come in the digest. Empty: the home locality and the county forum.' },
    },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      saveToJWT: true,
      defaultValue: ['member'],
      options: ROLES.map((role) => ({ value: role, label: role[0]!.toUpperCase() + role.slice(1) })),
      access: { create: rolesFieldWrite, update: rolesFieldWrite },
    },
    {
      name: 'moderatorLocalities',
      type: 'relationship',
      relationTo: 'localities',
      hasMany: true,
      saveToJWT: true,
      admin: { description: 'Leave empty for a moderator who covers every locality.' },
      access: { create: adminsOnly, update: adminsOnly },
    },
    {
      name: 'coordinatesFor',
      type: 'relationship',
      relationTo: 'localities',
      hasMany: true,
      admin: {
        readOnly: true,
        description: 'Localities this member coordinates volunteering for. Not a role: set through POST /api/users/:id/coordinates-for (admins and those localities’ moderators), and logged.',
      },
      // Only the endpoint's command writes it, so that every change is checked and logged.
      access: { read: selfOrModeratorField, create: systemField, update: systemField },
    },
    {
      name: 'volunteerBadge',
      type: 'select',
      defaultValue: 'none',
      options: BADGES.map(({ value, label }) => ({ value, label })),
      admin: { description: 'Shown next to the display name on forum posts only if the member chooses it and is active in that kind of volunteering.' },
    },
    {
      name: 'notifications',
      type: 'group',
      fields: [
        ...NOTIFICATION_PREFERENCES.map((pref) => ({
          name: pref.name,
          type: 'checkbox' as const,
          label: pref.label,
          defaultValue: pref.defaultValue,
        })),
        {
          name: 'replyDelivery',
          type: 'select',
          defaultValue: 'immediately',
          options: REPLY_DELIVERY_OPTIONS.map(({ value, label }) => ({ value, label })),
        },
        {
          name: 'digest',
          type: 'select',
          defaultValue: 'never',
          options: DIGEST_OPTIONS.map(({ value, label }) => ({ value, label })),
        },
      ],
    },
    // Reading choices (issue 17): the content warnings to hide in story lists and matches, and whether
    // answers after stories are kept with the member (off by default). Only the member and admins read them.
    {
      name: 'reading',
      type: 'group',
      access: { read: selfOrAdminField },
      fields: [
        { name: 'hiddenWarnings', type: 'select', hasMany: true, options: CONTENT_WARNINGS.map(({ value, label }) => ({ value, label })) },
        { name: 'rememberReading', type: 'checkbox', defaultValue: false, label: 'Remember what I read' },
      ],
    },
    {
      name: 'digestCheckedAt',
      type: 'date',
      admin: { readOnly: true, description: 'When the digest last looked for news for this member.' },
      access: { read: moderatorsOnly, create: systemField, update: systemField },
    },
    {
      name: 'approvedPostCount',
      type: 'number',
      defaultValue: 0,
      admin: { readOnly: true, description: 'Maintained by the system as posts are approved.' },
      access: { create: systemField, update: systemField },
    },
    {
      name: 'isSafeguardingLead',
      type: 'checkbox',
      defaultValue: false,
      admin: { description: 'Safeguarding leads are emailed at once when a post matches crisis words.' },
      access: { read: moderatorsOnly, create: adminsOnly, update: adminsOnly },
    },
    {
      name: 'isDemo',
      type: 'checkbox',
      defaultValue: false,
      admin: { description: 'Demo data made by the seed.' },
      access: { read: moderatorsOnly, create: adminsOnly, update: adminsOnly },
    },
  ],
}
