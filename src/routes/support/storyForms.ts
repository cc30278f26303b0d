// Reading the story and consent forms into typed values, checking the consent step, and the picture's
// upload as the form shows it.
import type { Payload } from 'payload'

import { uploadStoryCover } from '../../commands/stories/authorDrafts.js'
import { BYLINES, type ConsentChoices } from '../../policies/consent.js'
import type { StoryContentKey } from '../../policies/storyContent.js'
import { isMemberType } from '../../policies/memberTypes.js'
import { CONTENT_WARNINGS, isRecoveryStage, isStoryTone, STORY_THEMES } from '../../policies/storyTaxonomy.js'
import { CONSENT_AUDIENCES, type ConsentAudience } from '../../policies/storyVisibility.js'
import type { UploadedFile } from '../../security/multipart.js'
import { fieldErrorsFrom, formBox, formList, formText, isPlausibleId, readForm, toId, type FieldErrors } from '../support.js'

/** The content an author writes in the form (src/policies/storyContent.ts); the picture comes as an upload. */
type StoryFormContentKey = Exclude<StoryContentKey, 'coverImage'>

// `satisfies` makes the compiler ask for a new content key here and in the command's storyContentData.
const STORY_FORM_CONTENT = {
  title: formText(300),
  summary: formText(1000),
  body: formText(100_000),
  locality: formText(40),
  themes: formList(),
  contentWarnings: formList(),
  contentWarningNote: formText(400),
  narratorType: formText(40),
  experienceTags: formList(),
  recoveryStage: formText(40),
  tone: formText(40),
} satisfies Record<StoryFormContentKey, unknown>

export function readStoryForm(body: unknown) {
  const form = readForm(body, { ...STORY_FORM_CONTENT, coverAlt: formText(600), intent: formText(20) })
  const themes = form.themes.filter((t) => STORY_THEMES.some((s) => s.value === t))
  const contentWarnings = form.contentWarnings.filter((w) => CONTENT_WARNINGS.some((c) => c.value === w))
  // The characteristics: an unknown value is left blank (the author may leave each one blank anyway).
  const narratorType = isMemberType(form.narratorType) ? form.narratorType : ''
  const recoveryStage = isRecoveryStage(form.recoveryStage) ? form.recoveryStage : ''
  const tone = isStoryTone(form.tone) ? form.tone : ''
  const experienceTags = [...new Set(form.experienceTags.filter((t) => isPlausibleId(t)))].slice(0, 20)
  return {
    ...form,
    themes,
    contentWarnings,
    narratorType,
    recoveryStage,
    tone,
    experienceTags,
    experienceTagIds: experienceTags.map((t) => toId(t)),
    localityId: form.locality ? toId(form.locality) : null,
  }
}

export function readConsentForm(body: unknown) {
  return readForm(body, { audience: formText(20), byline: formText(20), penName: formText(100), quoteInReports: formText(5), agree: formBox() })
}

export type ConsentForm = ReturnType<typeof readConsentForm>

export const consentStarted = (c: ConsentForm) => Boolean(c.audience || c.byline || c.quoteInReports || c.agree)

/** Every consent question must be answered on purpose; nothing is assumed. */
export function checkConsent(c: ConsentForm): { choices: ConsentChoices | null; errors: FieldErrors } {
  const errors: FieldErrors = {}
  if (!(CONSENT_AUDIENCES as readonly string[]).includes(c.audience)) errors.audience = 'Choose who can read your story.'
  if (!(BYLINES as readonly string[]).includes(c.byline)) errors.byline = 'Choose how your story is signed.'
  if (c.byline === 'pen-name' && !c.penName.trim()) errors.penName = 'Type the pen name to sign with.'
  if (c.penName.trim().length > 40) errors.penName = 'A pen name can have at most 40 characters.'
  if (c.quoteInReports !== 'yes' && c.quoteInReports !== 'no') errors.quoteInReports = 'Choose yes or no.'
  if (!c.agree) errors.agree = 'Tick the box to give your consent.'
  if (Object.keys(errors).length > 0) return { choices: null, errors }
  return {
    choices: { audience: c.audience as ConsentAudience, byline: c.byline as ConsentChoices['byline'], penName: c.penName.trim() || undefined, quoteInReports: c.quoteInReports === 'yes' },
    errors,
  }
}

/** The story part of the form: a title and some text are needed, the summary is short. */
export function storyErrors(form: ReturnType<typeof readStoryForm>): FieldErrors {
  const errors: FieldErrors = {}
  if (!form.title.trim()) errors.title = 'Give your story a title.'
  if (form.summary.length > 280) errors.summary = 'Keep the summary to 280 characters or fewer.'
  if (!form.body.trim()) errors.body = 'Write your story here.'
  return errors
}

/** The form's picture, uploaded as the author by a command; what was refused comes back as the form's field errors. */
export async function uploadCover(
  payload: Payload,
  user: Record<string, any>,
  upload: UploadedFile | undefined,
  alt: string,
): Promise<{ id?: number | string; errors: FieldErrors; crisis?: boolean }> {
  if (!upload) return { errors: {} }
  if (!alt.trim()) return { errors: { coverAlt: 'Describe the picture in a few words.' } }
  try {
    const cover = await uploadStoryCover({ payload, user, file: upload, alt: alt.trim() })
    return { id: cover.id, errors: {}, crisis: cover.crisis }
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status === 415 || status === 400) return { errors: { cover: 'Choose a JPEG, PNG, WebP or GIF picture.' } }
    const fieldErrors = fieldErrorsFrom(error, { alt: 'coverAlt' })
    if (fieldErrors) return { errors: fieldErrors }
    throw error
  }
}
