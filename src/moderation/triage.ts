// Safeguarding triage against the moderators' watched-words list. Stories use it now; the forums reuse it.
import type { PayloadRequest } from 'payload'

import { lexicalToPlainText } from '../stories/richText.js'
import { triageText, type TriageResult, type WatchedWord } from './watchedWords.js'

export async function loadWatchedWords(req: PayloadRequest): Promise<WatchedWord[]> {
  const result = await req.payload.find({
    collection: 'watched-words',
    limit: 1000,
    depth: 0,
    pagination: false,
    req,
    // The list is moderators' data, applied to everyone's text by the server.
    overrideAccess: true,
  })
  return result.docs.map((doc) => ({ phrase: String(doc.phrase), action: doc.action as WatchedWord['action'] }))
}

export async function triageWithWatchedWords(req: PayloadRequest, text: string): Promise<TriageResult> {
  return triageText(text, await loadWatchedWords(req))
}

/** Everything an author wrote in a story, live text and pending revision alike. */
export function storyTriageText(story: Record<string, any>): string {
  const parts = [story.title, story.summary, story.contentWarningNote, story.consentPenName]
  const revision = story.revision ?? {}
  parts.push(revision.title, revision.summary, revision.contentWarningNote)
  const bodies = [story.body, revision.body].filter(Boolean).map((body) => lexicalToPlainText(body))
  return [...parts.filter((p) => typeof p === 'string'), ...bodies].join('\n\n')
}
