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

export type ExportLinkFacts = { ownerId: number | string | null; sessionKey: string | null; expiresAt: string }
export type ExportRequester = { userId: number | string; sessionKey: string | null }

/**
 * A download link works only for the member who made it, in the sign-in that made it, until it
 * expires. A link made without a known sign-in, or asked for without one, never works.
 */
export function canDownloadExport(link: ExportLinkFacts, requester: ExportRequester, now = Date.now()): boolean {
  if (link.ownerId === null || String(link.ownerId) !== String(requester.userId)) return false
  if (!link.sessionKey || !requester.sessionKey || link.sessionKey !== requester.sessionKey) return false
  const expires = Date.parse(link.expiresAt)
  return Number.isFinite(expires) && expires > now
}

/** How many downloads a member may still make now, and when the next one frees up if none. */
export function exportQuota(recentCreatedAt: readonly string[], perDay: number, now = Date.now()): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
  const day = 24 * 60 * 60 * 1000
  const inWindow = recentCreatedAt
    .map((at) => Date.parse(at))
    .filter((at) => Number.isFinite(at) && at > now - day)
    .sort((a, b) => a - b)
  if (inWindow.length < perDay) return { allowed: true }
  // With downloads switched off (0 a day) there is no oldest one to wait for: try again in a day.
  if (inWindow.length === 0) return { allowed: false, retryAfterSeconds: day / 1000 }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((inWindow[0]! + day - now) / 1000)) }
}
