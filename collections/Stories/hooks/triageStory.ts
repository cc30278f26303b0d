// Safeguarding triage on every save of a story's text (src/moderation/triage.ts). A block refuses
// the save; a crisis match holds the story until a moderator marks it safe.
import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { storyTriageText, triageWithWatchedWords } from '../../../src/moderation/triage.js'
import { STORY_TRIAGE_KEY } from './alertSafeguardingLeads.js'

export const triageStory: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  // Commands move text the author already wrote (and that was triaged then); only new writing is triaged.
  if (req.context?.storyCommand === true) return data
  const merged = { ...(originalDoc ?? {}), ...data }
  const text = storyTriageText(merged)
  // Saving other fields (themes, a picture) leaves an earlier decision on the same words alone.
  if (originalDoc && text === storyTriageText(originalDoc)) return data
  const result = await triageWithWatchedWords(req, text)
  if (result.action === 'block') {
    throw new ValidationError(
      { collection: 'stories', errors: [{ path: 'body', message: 'Your story includes words we cannot publish here (for example selling or buying drugs). Please remove them.' }] },
      req.t,
    )
  }
  req.context[STORY_TRIAGE_KEY] = result
  data.triageAction = result.action ?? null
  data.triageMatches = result.matches
  // Only a moderator's "mark safe" (a command) clears a hold. Crisis outranks everything, moderators' own stories included.
  if (result.action === 'crisis') data.crisisHold = true
  return data
}
