// A crisis match in a story's text (triageStory) raises a crisis alert once the story is saved, drafts
// included: moderators cannot read a draft, but the leads learn that its author may need support and
// can send a private message.
import type { CollectionAfterChangeHook } from 'payload'

import { idOf } from '../../../src/db/relationId.js'
import { raiseCrisisAlert } from '../../../src/moderation/crisisAlerts.js'
import type { TriageResult } from '../../../src/moderation/watchedWords.js'

export const STORY_TRIAGE_KEY = 'storyTriage'

export const alertSafeguardingLeads: CollectionAfterChangeHook = async ({ doc, req }) => {
  const triage = req.context?.[STORY_TRIAGE_KEY] as TriageResult | undefined
  if (triage?.action !== 'crisis') return doc
  delete req.context[STORY_TRIAGE_KEY]
  await raiseCrisisAlert(req, {
    member: idOf(doc.author),
    targetCollection: 'stories',
    targetId: doc.id,
    locality: idOf(doc.locality),
    matches: triage.matches,
    privateDraft: doc.status === 'draft' && doc.revisionState !== 'submitted',
  })
  return doc
}
