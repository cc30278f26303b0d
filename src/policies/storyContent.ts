// The parts of a story its author writes, declared once. Everything that handles "the story's
// content" reads this list: the collection's fields and its revision group (collections/Stories/fields.ts),
// the diversion of published edits to a revision, the form reader (src/routes/storyForms.ts) and the
// card select (src/presenters/story.ts). Add a key here and the compiler names what is left to do.

export const STORY_CONTENT_KEYS = ['title', 'summary', 'body', 'locality', 'themes', 'contentWarnings', 'contentWarningNote', 'coverImage'] as const
export type StoryContentKey = (typeof STORY_CONTENT_KEYS)[number]

/** The author-written content of a stored story, with relations as plain ids. */
export function pickStoryContent(doc: Record<string, any>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of STORY_CONTENT_KEYS) {
    const value = doc[key]
    // Only relations become ids: the rich-text body is an object too, and is kept whole.
    out[key] = value && typeof value === 'object' && 'id' in value ? value.id : value
  }
  return out
}
