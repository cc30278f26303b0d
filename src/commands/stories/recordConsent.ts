// Gives, renews or withdraws consent: always a new consent record (version n+1), copied onto the
// story so that read access can filter on it, in one transaction.
import type { Payload, PayloadRequest } from 'payload'

import { CONSENT_STATEMENT_VERSION, consentExpiry, consentStatementText, type ConsentChoices } from '../../policies/consent.js'
import { idOf } from '../../db/relationId.js'
import { raiseCrisisAlert } from '../../moderation/crisisAlerts.js'
import { triageWithWatchedWords } from '../../moderation/triage.js'
import { authorIdOf, queueOrderFor, StoryCommandError, type StoryDoc } from './shared.js'

export type RecordConsentProps = { payload: Payload; req: PayloadRequest; story: StoryDoc; choices: ConsentChoices; now?: Date }

export async function latestConsent(payload: Payload, req: PayloadRequest | undefined, storyId: number | string) {
  const found = await payload.find({
    collection: 'consents',
    where: { story: { equals: storyId } },
    sort: '-version',
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return found.docs[0] ?? null
}

export async function recordConsent({ payload, req, story, choices, now = new Date() }: RecordConsentProps) {
  if (choices.byline === 'pen-name' && !choices.penName?.trim()) throw new StoryCommandError('Choose a pen name, or another way to sign your story.', 400)
  const previous = await latestConsent(payload, req, story.id)
  const expiresAt = consentExpiry(now)
  // A pen name signs the story in public: crisis words in it hold the story like words in its text.
  const penNameTriage = choices.byline === 'pen-name' ? await triageWithWatchedWords(req, choices.penName ?? '') : null
  const penNameCrisis = penNameTriage?.action === 'crisis'
  const consent = await payload.create({
    collection: 'consents',
    data: {
      story: story.id,
      author: authorIdOf(story),
      version: (previous?.version ?? 0) + 1,
      audience: choices.audience,
      byline: choices.byline,
      penName: choices.byline === 'pen-name' ? choices.penName?.trim() : undefined,
      quoteInReports: choices.quoteInReports,
      statementVersion: CONSENT_STATEMENT_VERSION,
      statementText: consentStatementText(choices),
      givenAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    } as never,
    overrideAccess: true,
    req,
  })
  await payload.update({
    collection: 'stories',
    id: story.id,
    data: {
      consentVersion: consent.version,
      consentAudience: choices.audience,
      consentByline: choices.byline,
      consentPenName: choices.byline === 'pen-name' ? choices.penName?.trim() : null,
      consentExpiresAt: expiresAt.toISOString(),
      consentWithdrawnAt: null,
      ...(penNameCrisis ? { crisisHold: true, triageAction: 'crisis', triageMatches: penNameTriage.matches, queueOrder: queueOrderFor({ ...story, crisisHold: true } as never) } : {}),
    } as never,
    overrideAccess: true,
    req,
  })
  if (penNameCrisis) {
    await raiseCrisisAlert(req, { member: authorIdOf(story), targetCollection: 'consents', targetId: consent.id, locality: idOf(story.locality), matches: penNameTriage.matches })
  }
  return consent
}

/** Withdrawal is a new record too: the same choices, marked withdrawn. */
export async function recordWithdrawal(payload: Payload, req: PayloadRequest, story: StoryDoc, now = new Date()) {
  const previous = await latestConsent(payload, req, story.id)
  if (!previous) return null
  return payload.create({
    collection: 'consents',
    data: {
      story: story.id,
      author: authorIdOf(story),
      version: previous.version + 1,
      audience: previous.audience,
      byline: previous.byline,
      penName: previous.penName,
      quoteInReports: false,
      statementVersion: previous.statementVersion,
      statementText: previous.statementText,
      givenAt: previous.givenAt,
      expiresAt: previous.expiresAt,
      withdrawnAt: now.toISOString(),
    } as never,
    overrideAccess: true,
    req,
  })
}
