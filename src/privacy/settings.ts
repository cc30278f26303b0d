import type { Payload } from 'payload'

import { DEFAULT_PRIVACY_SETTINGS, type PrivacySettings } from '../policies/privacy.js'

export async function loadPrivacySettings(payload: Payload): Promise<PrivacySettings> {
  const stored = (await payload.findGlobal({ slug: 'privacy-settings', depth: 0, overrideAccess: true })) as Partial<PrivacySettings>
  const out = { ...DEFAULT_PRIVACY_SETTINGS } as PrivacySettings
  for (const key of Object.keys(out) as (keyof PrivacySettings)[]) {
    const value = Number(stored[key])
    if (Number.isFinite(value) && value > 0) out[key] = value
  }
  return out
}
