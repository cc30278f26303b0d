// Date fields after which a document reads differently with no write at all: a story's consent ends, a
// cover stops being shown, a meeting starts or ends, a join code or consent expires. A cached page that
// shows such a document expires at the earliest of these that is still ahead.
export const TIMED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  stories: ['consentExpiresAt'],
  media: ['storyVisibleUntil'],
  consents: ['expiresAt'],
  meetings: ['startsAt', 'endsAt'],
  'join-codes': ['expiresAt'],
}
