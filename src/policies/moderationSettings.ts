// The moderators' dials, with Discourse's defaults as starting values. Stored in the
// `moderation-settings` global; read fresh on every post so a change applies at once.
export type CannedReason = { label: string; text: string }

export type ModerationSettings = {
  postQueueThreshold: number
  reviewHours: number
  flagHideThreshold: number
  newMemberHours: number
  newMemberPostIntervalSeconds: number
  memberPostIntervalSeconds: number
  newMemberMaxThreadsPerDay: number
  newMemberMaxRepliesPerDay: number
  duplicateWindowMinutes: number
  registrationsPerIpPerDay: number
  failedLoginsPerIpPerHour: number
  cannedReasons: CannedReason[]
}

export const DEFAULT_CANNED_REASONS: CannedReason[] = [
  { label: 'Identifies someone', text: 'Your post names or describes someone in a way that could identify them. Please take out names, places and details, then post again.' },
  { label: 'Selling or sourcing', text: 'We cannot publish anything that could help buy, sell or source drugs.' },
  { label: 'Off topic', text: 'This locality forum is for recovery and the forum’s work. Your post may fit better elsewhere.' },
  { label: 'Spam', text: 'Your post looks like advertising or spam.' },
]

export const DEFAULT_MODERATION_SETTINGS: ModerationSettings = {
  postQueueThreshold: 3,
  reviewHours: 24,
  flagHideThreshold: 3,
  newMemberHours: 24,
  newMemberPostIntervalSeconds: 30,
  memberPostIntervalSeconds: 5,
  newMemberMaxThreadsPerDay: 3,
  newMemberMaxRepliesPerDay: 10,
  duplicateWindowMinutes: 5,
  registrationsPerIpPerDay: 3,
  failedLoginsPerIpPerHour: 30,
  cannedReasons: DEFAULT_CANNED_REASONS,
}

export const SETTING_DESCRIPTIONS: Record<Exclude<keyof ModerationSettings, 'cannedReasons'>, string> = {
  postQueueThreshold: 'Members with fewer approved posts than this are pre-moderated (the newcomer post queue).',
  reviewHours: 'The "usually within N hours" promise shown to people waiting for review.',
  flagHideThreshold: 'This many distinct members flagging an item hides it until a moderator reviews it.',
  newMemberHours: 'A member who joined less than this many hours ago counts as new.',
  newMemberPostIntervalSeconds: 'Seconds a new member must wait between posts.',
  memberPostIntervalSeconds: 'Seconds everyone else must wait between posts.',
  newMemberMaxThreadsPerDay: 'Threads a new member may start in their first day.',
  newMemberMaxRepliesPerDay: 'Replies a new member may post in their first day.',
  duplicateWindowMinutes: 'The same text posted again within this many minutes is refused.',
  registrationsPerIpPerDay: 'Accounts that can be created from one IP address in 24 hours.',
  failedLoginsPerIpPerHour: 'Failed sign-ins allowed from one IP address per hour before it must wait.',
}

/** Stored values over defaults; a missing or nonsensical number falls back to its default. */
export function withDefaults(stored: Partial<Record<keyof ModerationSettings, unknown>> | null | undefined): ModerationSettings {
  const out = { ...DEFAULT_MODERATION_SETTINGS }
  for (const key of Object.keys(SETTING_DESCRIPTIONS) as (keyof typeof SETTING_DESCRIPTIONS)[]) {
    const value = stored?.[key]
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) out[key] = value
  }
  const reasons = stored?.cannedReasons
  if (Array.isArray(reasons)) {
    const usable = reasons.filter((r): r is CannedReason => Boolean(r && typeof r.label === 'string' && typeof r.text === 'string')).map(({ label, text }) => ({ label, text }))
    if (usable.length > 0) out.cannedReasons = usable
  }
  return out
}
