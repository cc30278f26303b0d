// Periods and limits for privacy rights and retention. Defaults here; admins change them in the
// `privacy-settings` global. Documented in the README ("Retention").
export const DEFAULT_PRIVACY_SETTINGS = {
  unverifiedAccountDays: 30,
  privateNoteMonths: 24,
  exportsPerDay: 3,
  exportLinkMinutes: 30,
} as const

export type PrivacySettings = { -readonly [K in keyof typeof DEFAULT_PRIVACY_SETTINGS]: number }

export const PRIVACY_SETTING_DESCRIPTIONS: Record<keyof PrivacySettings, string> = {
  unverifiedAccountDays: 'Accounts whose email was never confirmed are deleted after this many days.',
  privateNoteMonths: "Moderators' private notes (moderation log, flags) are cleared after this many months.",
  exportsPerDay: 'How many data downloads a member may make in 24 hours.',
  exportLinkMinutes: 'How long a download link works (only for the member who made it, until they sign out).',
}

export const ERASURE_MODES = ['everything', 'keep-posts'] as const
export type ErasureMode = (typeof ERASURE_MODES)[number]
export const isErasureMode = (value: unknown): value is ErasureMode => (ERASURE_MODES as readonly unknown[]).includes(value)

export const FORMER_MEMBER = 'A former member'
export const DELETED_THREAD_TITLE = 'Deleted conversation'
export const DELETED_THREAD_BODY = 'This conversation was started by a former member who deleted their account.'
