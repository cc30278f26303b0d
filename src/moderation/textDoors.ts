// Every field a member can write free text into, and what a crisis match there does. The hooks read
// their fields from here, and tests/int/crisis-text-doors.test.ts compares this list with the config,
// so a text field added later is triaged or the test fails.
import type { CrisisOutcome } from '../policies/safeguarding.js'
import { STORY_TEXT_KEYS } from '../policies/storyContent.js'

export type TextDoorCollection = 'stories' | 'threads' | 'replies' | 'consents' | 'flags' | 'users' | 'media' | 'messages' | 'directory-entries' | 'volunteer-interests'

export type TextDoor = { fields: readonly string[]; outcome: CrisisOutcome; what: string }

export const TEXT_DOORS: Record<TextDoorCollection, TextDoor> = {
  // A held story is not published (a held revision is not published over the live text).
  stories: {
    fields: [...STORY_TEXT_KEYS, ...STORY_TEXT_KEYS.map((key) => `revision.${key}`)],
    outcome: 'hold',
    what: 'story',
  },
  threads: { fields: ['title', 'body'], outcome: 'hold', what: 'forum conversation' },
  replies: { fields: ['body'], outcome: 'hold', what: 'forum reply' },
  // A pen name signs a story: a crisis match holds the story it signs (src/commands/stories/recordConsent.ts).
  consents: { fields: ['penName'], outcome: 'hold', what: 'story’s pen name' },
  // Never published, so nothing to hold: the author still sees the crisis panel and the leads are alerted.
  flags: { fields: ['note'], outcome: 'alert', what: 'report to the moderators' },
  users: { fields: ['displayName'], outcome: 'alert', what: 'profile' },
  media: { fields: ['alt'], outcome: 'alert', what: 'picture description' },
  // A member's private message goes to the people who handle crises anyway (src/commands/conversations).
  messages: { fields: ['body'], outcome: 'alert', what: 'private message' },
  // A suggestion waits for a moderator and an interest is read by coordinators only: nothing is public to hold.
  'directory-entries': {
    fields: ['name', 'description', 'address', 'contact', 'cost', 'meetsNote', 'correctionNote'],
    outcome: 'alert',
    what: 'directory suggestion',
  },
  'volunteer-interests': { fields: ['note'], outcome: 'alert', what: 'note on a volunteering interest' },
}

/** Text fields a member can write that are not free text, and why they need no triage. */
export const NOT_FREE_TEXT: Record<string, string> = {
  'flags.targetId': 'the id of the flagged item, checked against the database',
  'users.displayNameKey': 'worked out from the display name by the server (a value sent is replaced)',
  'media.filename': 'a random name the server gives every upload',
  'media.url': 'made by Payload from the stored file',
  'media.thumbnailURL': 'made by Payload from the stored file',
  'media.mimeType': 'read from the file’s own bytes',
  'media.sizes.thumbnail.url': 'made by Payload from the stored file',
  'media.sizes.thumbnail.mimeType': 'made by Payload from the stored file',
  'media.sizes.thumbnail.filename': 'made by Payload from the stored file',
  'media.sizes.card.url': 'made by Payload from the stored file',
  'media.sizes.card.mimeType': 'made by Payload from the stored file',
  'media.sizes.card.filename': 'made by Payload from the stored file',
  'media.sizes.full.url': 'made by Payload from the stored file',
  'media.sizes.full.mimeType': 'made by Payload from the stored file',
  'media.sizes.full.filename': 'made by Payload from the stored file',
  'payload-preferences.key': 'a member’s own admin settings, shown to nobody else',
  'directory-entries.meets.id': 'the id Payload gives each row of meeting times',
  'directory-entries.meets.time': 'a time of day, refused unless written HH:MM',
  'directory-entries.postcode': 'a UK postcode, refused unless it has that shape',
  'directory-entries.website': 'an https:// address with no spaces, refused otherwise',
}

const valueAt = (data: Record<string, any> | null | undefined, path: string): unknown => path.split('.').reduce<any>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), data)

/** The door's fields as they will be stored: `data` over the stored document, rich text as plain text. */
export function textAtDoor(collection: TextDoorCollection, data: Record<string, any>, stored: Record<string, any> | null | undefined, richToPlain: (value: unknown) => string): string {
  return TEXT_DOORS[collection].fields
    .map((path) => {
      const value = valueAt(data, path) !== undefined ? valueAt(data, path) : valueAt(stored, path)
      if (typeof value === 'string') return value
      return value && typeof value === 'object' ? richToPlain(value) : ''
    })
    .filter((text) => text.trim() !== '')
    .join('\n\n')
}
