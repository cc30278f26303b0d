// The privacy-settings global: retention periods and export limits (src/policies/privacy.ts).
import type { GlobalConfig } from 'payload'

import { DEFAULT_PRIVACY_SETTINGS, PRIVACY_SETTING_DESCRIPTIONS, type PrivacySettings } from '../../src/policies/privacy.js'
import { adminsOnly, nobody } from '../shared/access.js'

export const PrivacySettingsGlobal: GlobalConfig = {
  slug: 'privacy-settings',
  label: 'Privacy and retention',
  admin: { group: 'People' },
  access: { read: adminsOnly, update: adminsOnly, readVersions: nobody },
  fields: (Object.keys(DEFAULT_PRIVACY_SETTINGS) as (keyof PrivacySettings)[]).map((name) => ({
    name,
    type: 'number' as const,
    required: true,
    min: 1,
    max: 10_000,
    defaultValue: DEFAULT_PRIVACY_SETTINGS[name],
    admin: { description: PRIVACY_SETTING_DESCRIPTIONS[name] },
  })),
}
