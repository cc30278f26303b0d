// The email a member can opt in to. Decisions about a member's own content are always sent.
export const NOTIFICATION_PREFERENCES = [
  { name: 'notifyReplies', label: 'Replies to my threads and posts', defaultValue: true },
  { name: 'notifyMentions', label: 'When someone mentions me with @ and my display name', defaultValue: true },
  { name: 'notifyMeetingReminders', label: 'Reminders two days before my locality and county meetings', defaultValue: false },
  { name: 'notifyMeetingChanges', label: 'When a meeting I might attend is moved or cancelled', defaultValue: true },
  { name: 'notifyMessages', label: 'When a member sends me a private message (the email never says what it says)', defaultValue: true },
] as const

export const DIGEST_OPTIONS = [
  { value: 'never', label: 'Never' },
  { value: 'weekly', label: 'Weekly' },
  { value: 'daily', label: 'Daily' },
] as const

export type NotificationPreferenceName = (typeof NOTIFICATION_PREFERENCES)[number]['name']

/** Reply emails come at once, or gathered into the digest. */
export const REPLY_DELIVERY_OPTIONS = [
  { value: 'immediately', label: 'As they happen' },
  { value: 'digest', label: 'In my digest' },
] as const
