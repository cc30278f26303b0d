// What an author writes: a new story, a change to their story (a revision, when it is published), and
// its picture. Each is saved as the author (overrideAccess: false), so the stories and media
// collections' access and hooks decide; their errors reach the caller unchanged, for the form to show.
import type { Payload } from 'payload'

import { crisisReportingContext, crisisSeen } from '../../moderation/crisisAlerts.js'
import type { StoryContentKey } from '../../policies/storyContent.js'
import { markdownToLexical } from '../../richtext/index.js'

type Author = Record<string, any>

/** The story part of the author's form, checked and trimmed by the route; the body is markdown. */
export type StoryContent = {
  title: string
  summary: string
  body: string
  localityId: number | string | null
  themes: string[]
  contentWarnings: string[]
  contentWarningNote: string
  /** The story's characteristics (issue 17), each may be blank: never read from the author's account. */
  narratorType?: string
  experienceTagIds?: (number | string)[]
  recoveryStage?: string
  tone?: string
}

/** The story fields an author's form writes, in the shape the stories collection takes. */
function storyContentData(form: StoryContent) {
  return {
    title: form.title.trim(),
    summary: form.summary.trim(),
    body: markdownToLexical(form.body),
    locality: form.localityId,
    themes: form.themes,
    contentWarnings: form.contentWarnings,
    contentWarningNote: form.contentWarningNote.trim(),
    narratorType: form.narratorType || null,
    experienceTags: form.experienceTagIds ?? [],
    recoveryStage: form.recoveryStage || null,
    tone: form.tone || null,
  } satisfies Record<Exclude<StoryContentKey, 'coverImage'>, unknown>
}

export async function createStory({ payload, user, content, coverId }: { payload: Payload; user: Author; content: StoryContent; coverId?: number | string }): Promise<Record<string, any>> {
  return payload.create({
    collection: 'stories',
    data: { ...storyContentData(content), ...(coverId ? { coverImage: coverId } : {}) } as never,
    overrideAccess: false,
    user,
  })
}

export async function editStory({
  payload,
  user,
  storyId,
  content,
  coverId,
}: {
  payload: Payload
  user: Author
  storyId: number | string
  content: StoryContent
  coverId?: number | string
}): Promise<void> {
  await payload.update({
    collection: 'stories',
    id: storyId,
    // Without a new picture the current one stays.
    data: { ...storyContentData(content), ...(coverId ? { coverImage: coverId } : {}) } as never,
    overrideAccess: false,
    user,
  })
}

export type CoverFile = { data: Buffer; mimetype: string; name: string; size: number }

/** Uploads the story's picture as the author (their media is private until the story is shown). */
export async function uploadStoryCover({ payload, user, file, alt }: { payload: Payload; user: Author; file: CoverFile; alt: string }): Promise<{ id: number | string; crisis: boolean }> {
  const context = crisisReportingContext()
  const media = await payload.create({
    collection: 'media',
    data: { alt } as never,
    file: { data: file.data, mimetype: file.mimetype, name: file.name, size: file.size },
    overrideAccess: false,
    user,
    context,
  })
  return { id: media.id, crisis: crisisSeen(context) !== null }
}
