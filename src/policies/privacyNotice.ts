// The privacy notice's account of what Waymark stores, who sees it and for how long, written next to the
// facts it depends on: the retention settings (privacy-settings global), consent's length, how long sent
// emails are remembered, the sign-in's length. /privacy-notice renders it as tables.
// tests/unit/privacy-notice.test.ts fails when a collection of the Payload config has no entry here, so a
// new kind of record cannot be stored without being described to the people it is about.
import { CONSENT_MONTHS, RENEWAL_NOTICE_DAYS } from './consent.js'
import type { PrivacySettings } from './privacy.js'

/** How long a record of a sent email's key is kept (src/email/deliveries.ts, pruned by the daily retention job). */
export const DELIVERY_RECORD_DAYS = 30
/** How long a sign-in lasts (the users collection's tokenExpiration). */
export const SESSION_DAYS = 7
/** The longest window of the per-IP counters (joins per day; failed sign-ins and meeting codes per hour). */
export const IP_COUNTER_HOURS = 24

/** Everything a retention sentence may need: the admins' settings and the fixed periods above. */
export type RetentionFacts = PrivacySettings

export type HeldData = {
  /** What people would call it. */
  title: string
  /** What is in it, about whom. */
  what: string
  /** Who can read it. */
  who: string
  /** How long it is kept, and what removes it. */
  kept: (facts: RetentionFacts) => string
}

const UNTIL_DELETED = 'Until you delete your account (or ask a moderator to erase it).'

/** One entry per collection in the database, keyed by its slug. */
export const COLLECTIONS_DESCRIBED: Readonly<Record<string, HeldData & { personal: boolean }>> = {
  users: {
    personal: true,
    title: 'Your account',
    what: 'Your email address, a hash of your password (never the password itself), your display name, the member type you chose and whether a moderator confirmed it, your home locality, the forums you follow, your email choices, how many of your posts have been approved, the localities you coordinate volunteering for (if any), whether you chose to show a volunteer or peer-mentor badge, your reading choices (content warnings to hide, “remember what I read”), and how many of your posts have been approved.',
    who: 'Your email address: only you and the site’s admins. Everyone else sees your display name and member-type badge, never your email address or real name.',
    kept: (f) => `${UNTIL_DELETED} An account whose email address is never confirmed is deleted after ${f.unverifiedAccountDays} days.`,
  },
  stories: {
    personal: true,
    title: 'Your stories',
    what: 'Each story’s title, summary, text, themes and content warnings, its state (draft, with the moderators, published, withdrawn), an edit waiting for review, a redaction a moderator suggested, and the words the safeguarding check matched.',
    who: 'Drafts: only you. Once you send it: you and the moderators. Published: the audience your consent chose (everyone, or signed-in members), and only while that consent lasts.',
    kept: () =>
      `${UNTIL_DELETED} Withdrawing a story hides it at once (its address says it is no longer shared); you can delete it with your account. Consent lasts ${CONSENT_MONTHS} months: we email you ${RENEWAL_NOTICE_DAYS} days before it ends, and the story is hidden when it ends unless you renew.`,
  },
  consents: {
    personal: true,
    title: 'Your consent records',
    what: 'Each time you give, renew or withdraw consent to share a story: the audience, the byline (display name, anonymous or pen name), whether it may be quoted in reports, the exact words you were shown, and the dates.',
    who: 'You and the moderators.',
    kept: () =>
      'For as long as the story exists. When you delete your account only a bare record stays (numbers standing for the story and you, the version and the dates given and withdrawn), so we can show that we had, and stopped having, your consent.',
  },
  media: {
    personal: true,
    title: 'Your pictures',
    what: 'A picture you add to a story, re-encoded so that its location and camera details (EXIF and GPS) are removed, under a random file name, with the description you wrote.',
    who: 'You and the moderators; others only while the story is published to them.',
    kept: () => `Until you remove it or its story is deleted, or ${UNTIL_DELETED.toLowerCase()}`,
  },
  threads: {
    personal: true,
    title: 'Conversations you start in the forums',
    what: 'The title and text, the forum, your display name and badge as shown, moderation details (whether it waits for review, the words the safeguarding check matched), and the text each edit replaced, with when and whether you or a moderator made it.',
    who: 'Public forums: everyone once approved. Members-only forums: signed-in members. Waiting for review: you and the forum’s moderators. The text an edit replaced: the forum’s moderators (and you, in your data export); others see only that it was edited.',
    kept: () =>
      `${UNTIL_DELETED} When you delete your account you choose: delete your posts, or keep them signed “A former member”. A conversation others replied to stays, without your words, as “Deleted conversation”.`,
  },
  replies: {
    personal: true,
    title: 'Your replies in the forums',
    what: 'The text, the conversation it answers, your display name and badge as shown, moderation details, and the text each edit replaced.',
    who: 'Whoever can read the conversation, once approved; waiting for review: you and the forum’s moderators. The text an edit replaced: the forum’s moderators (and you, in your data export).',
    kept: () => `${UNTIL_DELETED} You choose then whether they are deleted or kept signed “A former member”.`,
  },
  flags: {
    personal: true,
    title: 'Reports you make',
    what: 'What you reported, why, your note, and what the moderators decided (with their private note).',
    who: 'You and the moderators. The person you reported is never told who reported them.',
    kept: (f) => `${UNTIL_DELETED} Moderators’ private notes on reports are cleared after ${f.privateNoteMonths} months.`,
  },
  conversations: {
    personal: true,
    title: 'Private conversations',
    what: 'A private line between you and the safeguarding team, opened by them, or between you and another member: who it is with, when the last message was sent, what is unread, whether either of you has blocked the other, and whether it was reported.',
    who: 'Safeguarding lines: you, the safeguarding leads and the moderators of your locality. Between members: the two of you; moderators only once one of you reports it. Who blocked whom is seen only by the one who blocked.',
    kept: () => UNTIL_DELETED,
  },
  messages: {
    personal: true,
    title: 'Private messages',
    what: 'The messages in a private conversation, who sent each and when. A message held for crisis words is marked so and never reaches the other member.',
    who: 'The people in the conversation; on a safeguarding line, the safeguarding leads and the moderators of your locality; between members, moderators once one of you reports it, and the safeguarding leads for a message held for crisis words (that message only).',
    kept: () => 'Until the conversation is deleted. If you erase your account, your messages in another member’s copy are replaced with “[removed]”.',
  },
  'crisis-alerts': {
    personal: true,
    title: 'Safeguarding alerts',
    what: 'When something you wrote matched our crisis words: where (which story, post or field), the notes on the words that matched (never your text), and how the safeguarding leads followed it up.',
    who: 'The safeguarding leads and the moderators of the locality.',
    kept: () => UNTIL_DELETED,
  },
  'moderation-events': {
    personal: true,
    title: 'The moderation log',
    what: 'Each moderation decision and each step of a story: what was done, to which item, by whom (a moderator, the author or the system), the reason given to the author, and a moderator’s private note. It never holds the text of a story, post or message.',
    who: 'Moderators and admins.',
    kept: (f) => `Kept as the record of decisions, holding numbers rather than names. Private notes are cleared after ${f.privateNoteMonths} months.`,
  },
  'directory-entries': {
    personal: true,
    title: 'Directory suggestions you make',
    what: 'The community groups and services in the directory (their public details, never a private person’s). For an entry or correction you suggest: what you suggested, your note on what is wrong, and that it was you.',
    who: 'Approved entries: everyone, never who suggested them. Your suggestions and corrections: you and the moderators of the locality, until a moderator approves or rejects them.',
    kept: () =>
      `Entries stay while they are right; moderators check each one at least every six months. ${UNTIL_DELETED} Then your suggestions that are not yet approved are deleted, and approved entries no longer say who suggested them.`,
  },
  'data-exports': {
    personal: true,
    title: 'Download links for your data',
    what: 'A scrambled form of the link (never the link itself), the sign-in it belongs to, and when it expires.',
    who: 'Admins, who cannot use them: a link works only for you, in the sign-in that made it.',
    kept: (f) => `The link works for ${f.exportLinkMinutes} minutes; the record goes when you sign out or delete your account.`,
  },
  notifications: {
    personal: true,
    title: 'Your notifications',
    what: 'That something happened that concerns you (a reply, a mention, a moderator’s decision on your post or story) and whether you have read it: a reference to the post or story, never its text.',
    who: 'You alone; not moderators or admins through the site.',
    kept: () => `${UNTIL_DELETED} Erased with your account, and when the post or story it points to is erased.`,
  },
  'thread-reads': {
    personal: true,
    title: 'Your place in forum conversations',
    what: 'For each conversation you have opened: how far you have read (for “new since your last visit”) and whether you follow it.',
    who: 'You alone.',
    kept: () => UNTIL_DELETED,
  },
  'reading-records': {
    personal: true,
    title: 'What you read (only if you choose)',
    what: 'Only if you turn on “remember what I read” in your account: the stories you answered the two questions after, and your answers.',
    who: 'You alone.',
    kept: () => `Until you clear it in your account or turn the choice off. ${UNTIL_DELETED}`,
  },
  'story-feedback-marks': {
    personal: false,
    title: 'That a reader has answered',
    what: 'When someone answers the questions after a story: a one-way code made from a random key in their browser (or their account), the story, and whether they found it helpful, so one reader counts once. No name, no answers.',
    who: 'Nobody through the site.',
    kept: () => 'A day, then deleted by the next answer anyone gives or by the nightly clean-up.',
  },
  'story-feedback-answers': {
    personal: false,
    title: 'Readers’ answers after a story',
    what: 'Each answer to “Did this story give you hope?” and “Did you feel a connection with the narrator?”: the story and the answer (1 to 5) to each question. Never who answered, nor when.',
    who: 'The story’s author sees the totals, once at least 5 readers have answered; never a single answer.',
    kept: () => 'For as long as the story is kept.',
  },
  'story-pair-marks': {
    personal: false,
    title: '“Readers who found this helpful also found…”',
    what: 'Each time a reader finds a second story helpful after another: the two stories. Never who, nor when.',
    who: 'Nobody sees them; a pair found by at least 5 readers is suggested beside the stories.',
    kept: () => 'For as long as the stories are kept.',
  },
  'story-tags': {
    personal: false,
    title: 'Story experience tags',
    what: 'The list of experiences authors may tag their stories with (alcohol, gambling, prison…).',
    who: 'Everyone.',
    kept: () => 'Until the moderators change them.',
  },
  'meeting-reminders': {
    personal: true,
    title: 'Meeting reminders sent to you',
    what: 'That a reminder for a meeting was sent to you, and when (so nobody gets the same reminder twice).',
    who: 'Admins.',
    kept: () => UNTIL_DELETED,
  },
  'email-deliveries': {
    personal: false,
    title: 'Records of sent emails',
    what: 'A random key for each email sent and when: no address, subject or text.',
    who: 'Nobody reads them; they stop an email being sent twice.',
    kept: () => `${DELIVERY_RECORD_DAYS} days.`,
  },
  'payload-jobs': {
    personal: true,
    title: 'Emails waiting to be sent, and scheduled jobs',
    what: 'An email waiting to go out holds your address, its subject and its text.',
    who: 'Admins.',
    kept: () => 'Until it is sent (usually within a minute), then deleted. Emails still waiting when you delete your account are deleted with it.',
  },
  'erasure-log': {
    personal: true,
    title: 'The erasure log',
    what: 'When an account was erased, by whom (the member, a moderator or the retention rules), and the numbers of the records erased: no names, addresses or text. A copy is kept in a file beside the server.',
    who: 'Admins.',
    kept: () => 'Kept for good: after a backup is restored, it erases again everything that was erased since, so erased data never comes back.',
  },
  'payload-preferences': {
    personal: false,
    title: 'Moderators’ admin preferences',
    what: 'How each moderator arranged the admin screens (columns, sort order).',
    who: 'That moderator.',
    kept: () => 'Until the moderator’s account is deleted.',
  },
  'payload-locked-documents': {
    personal: false,
    title: 'Editing locks',
    what: 'Which moderator is editing which record in the admin right now, so two do not overwrite each other.',
    who: 'Moderators.',
    kept: () => 'While the record is being edited.',
  },
  'directory-kinds': {
    personal: false,
    title: 'Kinds of directory entry',
    what: 'The moderators’ list of the kinds of group and service the directory lists (mutual aid, family support, housing…).',
    who: 'Everyone.',
    kept: () => 'For as long as the directory uses them.',
  },
  localities: {
    personal: false,
    title: 'Localities',
    what: 'The localities’ names, descriptions and whether their forums are public.',
    who: 'Everyone.',
    kept: () => 'For as long as the locality exists.',
  },
  meetings: {
    personal: false,
    title: 'Meetings and minutes',
    what: 'When and where each meeting is, its agenda and minutes, and how many people came and how many were there for the first time: numbers only, never who.',
    who: 'Everyone, except online joining details (members) and minutes kept for members or not yet published.',
    kept: () => 'For as long as the forum keeps its records.',
  },
  'join-codes': {
    personal: false,
    title: 'Meeting join codes',
    what: 'A short code a moderator opens at a meeting, how long it works and how many times it was used. Nothing records who used it.',
    who: 'The locality’s moderators.',
    kept: () => 'For as long as the meeting’s records are kept.',
  },
  actions: {
    personal: false,
    title: '“You said, we did”',
    what: 'What was raised at meetings or in the forums and what changed as a result.',
    who: 'Everyone.',
    kept: () => 'For as long as the forum keeps its records.',
  },
  'volunteer-opportunities': {
    personal: false,
    title: 'Volunteering opportunities',
    what: 'Volunteering, peer-mentoring and recovery-champion roles: the role, locality, commitment, training, whether a DBS check is needed, and a contact role (never a person).',
    who: 'Everyone, while a role is open; closed ones: the moderators and volunteer coordinators of the locality.',
    kept: () => 'Until the moderators or coordinators change them.',
  },
  'volunteer-interests': {
    personal: true,
    title: 'Your interest in volunteering',
    what: 'Each volunteering role you said you were interested in: your short note, your display name at the time, where it stands (interested, contacted, in training, active, stepped back) with the date of each step, and a note the coordinators keep about it.',
    who: 'You, the volunteer coordinators of that role’s locality, and admins. Not other moderators. You see where it stands and your own note, never the coordinators’ note. Commissioners’ reports count active volunteers by role and locality, never names.',
    kept: () => `${UNTIL_DELETED} It is in your data export and erased with your account.`,
  },
  'crisis-services': {
    personal: false,
    title: 'Crisis services',
    what: 'Local crisis lines and services shown beside the crisis numbers.',
    who: 'Everyone.',
    kept: () => 'Until the moderators change them.',
  },
  'watched-words': {
    personal: false,
    title: 'Watched words',
    what: 'The words and phrases the safeguarding check looks for, with notes.',
    who: 'Moderators.',
    kept: () => 'Until the moderators change them.',
  },
  'reserved-names': {
    personal: false,
    title: 'Reserved names',
    what: 'Words a display name may not use (so nobody can pose as staff).',
    who: 'Moderators.',
    kept: () => 'Until the moderators change them.',
  },
  'runner-locks': { personal: false, title: 'Job scheduling', what: 'Which server process runs the scheduled jobs.', who: 'Nobody.', kept: () => 'While that process runs.' },
  'data-steps': { personal: false, title: 'Data upgrade records', what: 'Which one-off data upgrades have run.', who: 'Admins.', kept: () => 'For good.' },
  'payload-migrations': { personal: false, title: 'Database upgrade records', what: 'Which database upgrades have run.', who: 'Admins.', kept: () => 'For good.' },
  'payload-kv': { personal: false, title: 'Internal key-value store', what: 'Short-lived values the admin software keeps for itself; none about members.', who: 'Nobody.', kept: () => 'Short-lived.' },
}

/** What is kept outside the database, in the order the notice lists it. */
export const KEPT_ELSEWHERE: readonly HeldData[] = [
  {
    title: 'Server logs',
    what: 'One line per request: the method, the address without anything after “?”, the answer’s status and how long it took. Never the text you send, your cookies, your email address, your IP address, or any part of an address that could be a secret link.',
    who: 'The people who run the server.',
    kept: () => 'As long as the hosting keeps its logs (set by whoever runs this Waymark).',
  },
  {
    title: 'Limits against abuse',
    what: 'Counters keyed by IP address (accounts made, failed sign-ins, wrong meeting codes) and by a scrambled form of an email address (password-reset requests).',
    who: 'Nobody reads them; they only slow down abuse.',
    kept: () => `In the server’s memory (or its shared Redis store), for at most ${IP_COUNTER_HOURS} hours.`,
  },
  {
    title: 'Your sign-in',
    what: 'A cookie holding a signed token that says who you are while you are signed in, and a cookie with a random number that stops other sites sending forms as you. No tracking or advertising cookies.',
    who: 'Only your browser and this site.',
    kept: () => `The sign-in cookie: until you sign out, or ${SESSION_DAYS} days. The form cookie: until you close your browser.`,
  },
  {
    title: 'The search index',
    what: 'The words of published stories and forum posts, so search can find them; never drafts, withdrawn stories or private messages. It keeps word positions, not a copy of the text.',
    who: 'Nobody reads it directly: search results show only what you may see.',
    kept: () => 'Removed the moment a story is withdrawn, unpublished or deleted, or a post is deleted.',
  },
  {
    title: 'Backups',
    what: 'Copies of the whole database and the uploaded pictures, made by the people who run the server.',
    who: 'The people who run the server. Backups should be stored encrypted.',
    kept: () => 'As long as the people who run the server keep them. If a backup is restored, everything erased since it was made is erased again, from the erasure log.',
  },
]

/** The people and roles who can see more than the public pages show. */
export const WHO_IS_WHO: readonly { role: string; sees: string }[] = [
  {
    role: 'Moderators',
    sees: 'Members of the forum chosen to moderate, often for some localities only. They read stories and posts waiting for review, reports, and the moderation log, never your email address or your drafts.',
  },
  { role: 'Safeguarding leads', sees: 'Chosen by the admins to follow up crisis alerts. They read what was held for crisis words and private conversations about safety.' },
  { role: 'Admins', sees: 'Run the site: they can read email addresses (to answer your requests) and the settings.' },
  { role: 'Commissioners (reports)', sees: 'See counts and charts, and quotes from stories only where the author’s consent allows it, without names.' },
]
