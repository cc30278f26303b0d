// Which collections and globals can change a cached public page. Invalidation does not depend on this
// list (every write to anything invalidates the pages that read it, see src/db/traceForCache.ts); the list
// says what the staleness tests must cover, and a unit test keeps it in step with the config.

/** Collections whose writes can change a cacheable page. */
export const PAGE_COLLECTIONS = [
  'users', // display names, member-type badges, erasure
  'localities', // every page's header
  'media', // story covers and their descriptions
  'stories',
  'consents', // a story shows only under its author's current consent
  'threads',
  'replies',
  'flags', // a flagged post can be hidden pending review
  'crisis-services', // the crisis panel on pages
  'directory-kinds', // the directory's filters and entries
  'directory-entries', // /directory, its entries and the locality pages
  'volunteer-opportunities', // /volunteer
  'volunteer-interests', // a member's own interests, the coordinators' list, volunteer badges on posts
  'conversations', // the header's unread count
  'messages',
  'notifications', // the header's unread count and /notifications
  'thread-reads', // "new since your last visit" on a forum's thread list
  'meetings',
  'actions', // "you said, we did"
  'join-codes', // shown to moderators on a meeting page
  'story-tags', // a story's experiences, and the choices on /stories/like-mine
  'story-pair-marks', // "readers who found this helpful also found…" beside a story
] as const

/** Collections no public page reads, with the reason. */
export const NOT_ON_PAGES: Readonly<Record<string, string>> = {
  'crisis-alerts': 'alerts are read in the admin queue; marking an item safe is a write to the item itself',
  'moderation-events': 'the moderation log is read in the admin only',
  'watched-words': 'the list triages new writing; it changes no page until a post is held, which is a write to the post',
  'reserved-names': 'checked when a name is chosen, never shown',
  'meeting-reminders': 'a record that a reminder was sent',
  'runner-locks': "the jobs runner's lease (which process runs jobs)",
  'email-deliveries': 'idempotency keys of sent emails',
  'data-exports': 'a member downloads an export from /account, which is never cached',
  'data-steps': 'records of data migrations',
  'erasure-log': 'replayed after a restore; erasure itself writes to the members and their posts',
  'story-feedback-answers': "readers' answers, counted only for the author on their own (uncached) account pages",
  'story-feedback-marks': 'that a reader has answered (one answer per reader); never shown',
  'reading-records': '"remember what I read", shown only in the member\'s own (uncached) account',
  'payload-jobs': "Payload's job queue",
  'payload-locked-documents': "the admin's editing locks",
  'payload-preferences': "the admin's per-user settings",
  'payload-migrations': 'which migrations ran',
  'payload-kv': "Payload's key-value store",
}

/** Globals whose writes can change a cacheable page. */
export const PAGE_GLOBALS = [
  'moderation-settings', // the newcomer threshold decides what a member sees of their own queue
  'meeting-settings', // closure days move generated meeting dates
  'privacy-settings', // the privacy notice states the retention periods
] as const

export const GLOBALS_NOT_ON_PAGES: Readonly<Record<string, string>> = {
  'payload-jobs-stats': "Payload's job statistics",
}
