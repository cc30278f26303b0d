// Flags: what a member can report, and when enough reports hide an item until a moderator looks.
export const FLAG_REASONS = [
  { value: 'spam', label: 'Spam or advertising' },
  { value: 'personal-information', label: 'Identifies someone or shares personal information' },
  { value: 'harmful', label: 'Harmful or abusive' },
  { value: 'safeguarding', label: 'A safeguarding concern: someone may be at risk' },
  { value: 'other', label: 'Something else (please say what)' },
] as const
export type FlagReason = (typeof FLAG_REASONS)[number]['value']

export const FLAG_TARGETS = ['threads', 'replies', 'stories'] as const
export type FlagTarget = (typeof FLAG_TARGETS)[number]

/** What a member reads on the page they reported (`?flagged=1` after the report form). */
export const REPORT_RECEIVED = 'Thank you. The moderators will look at your report.'
export const reportNoticeFor = (query: Record<string, unknown>) => (query.flagged === '1' ? REPORT_RECEIVED : undefined)

export const FLAG_STATES = ['open', 'resolved', 'rejected'] as const
export type FlagState = (typeof FLAG_STATES)[number]

export const isFlagTarget = (value: unknown): value is FlagTarget => typeof value === 'string' && (FLAG_TARGETS as readonly string[]).includes(value)
export const isFlagReason = (value: unknown): value is FlagReason => typeof value === 'string' && FLAG_REASONS.some((r) => r.value === value)

/** Hidden once this many different members have open flags on it (0 turns auto-hiding off). */
export const shouldAutoHide = (distinctOpenFlaggers: number, threshold: number, currentlyVisible: boolean): boolean => currentlyVisible && threshold > 0 && distinctOpenFlaggers >= threshold
