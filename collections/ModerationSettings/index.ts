// The moderation-settings global: post-queue threshold, flag threshold, rate limits, canned reasons.
import type { GlobalConfig } from 'payload'

import { DEFAULT_MODERATION_SETTINGS, SETTING_DESCRIPTIONS } from '../../src/policies/moderationSettings.js'
import { adminsOnly, moderatorsOnly, nobody } from '../shared/access.js'

const numberFields = (Object.keys(SETTING_DESCRIPTIONS) as (keyof typeof SETTING_DESCRIPTIONS)[]).map((name) => ({
  name,
  type: 'number' as const,
  required: true,
  min: 0,
  max: 100_000,
  defaultValue: DEFAULT_MODERATION_SETTINGS[name],
  admin: { description: SETTING_DESCRIPTIONS[name] },
}))

export const ModerationSettings: GlobalConfig = {
  slug: 'moderation-settings',
  label: 'Moderation settings',
  admin: { group: 'Moderation' },
  access: {
    read: moderatorsOnly,
    update: adminsOnly,
    readVersions: nobody,
  },
  fields: [
    ...numberFields,
    {
      name: 'cannedReasons',
      type: 'array',
      admin: { description: 'Reasons moderators can pick when they reject or hide a post. The author sees the text.' },
      defaultValue: DEFAULT_MODERATION_SETTINGS.cannedReasons,
      fields: [
        { name: 'label', type: 'text', required: true, maxLength: 60 },
        { name: 'text', type: 'textarea', required: true, maxLength: 1000 },
      ],
    },
  ],
}
