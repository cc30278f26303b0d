// The parts of a story its author writes, declared once. Everything that handles "the story's
// content" reads this list: the collection's fields and its revision group (collections/Stories/fields.ts),
// the diversion of published edits to a revision, the form reader (src/routes/storyForms.ts), the card
// select (src/presenters/story.ts) and the crisis-word doors (src/moderation/textDoors.ts). Add a key
// here and the compiler names what is left to do; the README's "Adding a field" lists the rest.

export const STORY_CONTENT_KEYS = [
  'title',
  'summary',
  'body',
  'locality',
  'themes',
  'contentWarnings',
  'contentWarningNote',
  'coverImage',
  // The story's characteristics for "stories like mine" (issue 17): the author chooses them for this story.
  'narratorType',
  'experienceTags',
  'recoveryStage',
  'tone',
] as const
export type StoryContentKey = (typeof STORY_CONTENT_KEYS)[number]

/** The content an author types freely: triaged for crisis words, live and in a revision awaiting review. */
export const STORY_TEXT_KEYS = ['title', 'summary', 'body', 'contentWarningNote'] as const satisfies readonly StoryContentKey[]

/** What a story card shows of the content: everything but the text itself, so lists never load a body. */
export const STORY_CARD_CONTENT_KEYS = STORY_CONTENT_KEYS.filter((key): key is Exclude<StoryContentKey, 'body'> => key !== 'body')

/** The author-written content of a stored story, with relations as plain ids. */
export function pickStoryContent(doc: Record<string, any>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of STORY_CONTENT_KEYS) {
    const value = doc[key]
    // Only relations become ids: the rich-text body is an object too, and is kept whole.
    // A list of relations (experience tags) becomes a list of ids.
    if (Array.isArray(value)) out[key] = value.map((item) => (item && typeof item === 'object' && 'id' in item ? item.id : item))
    else out[key] = value && typeof value === 'object' && 'id' in value ? value.id : value
  }
  return out
}
