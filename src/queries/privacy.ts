// The privacy settings the member's export and erasure pages mention: a server-side global read, the
// same for everyone.
import type { Payload } from 'payload'

import type { PrivacySettings } from '../policies/privacy.js'
import { loadPrivacySettings } from '../privacy/settings.js'

export function privacySettings(payload: Payload): Promise<PrivacySettings> {
  return loadPrivacySettings(payload)
}
