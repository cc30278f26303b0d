// Safeguarding triage against the moderators' watched-words list, for every text door (textDoors.ts).
import type { Payload, PayloadRequest } from 'payload'

import { lexicalToPlainText } from '../richtext/index.js'
import type { EntryKind } from './pattern.js'
import { textAtDoor } from './textDoors.js'
import type { EntryAction } from '../policies/watchedActions.js'
import { triageText, type TriageResult, type WatchedWord } from './watchedWords.js'

export async function loadWatchedWords(req: PayloadRequest): Promise<WatchedWord[]> {
  return loadWatchedWordsFrom(req.payload, req)
}

export async function loadWatchedWordsFrom(payload: Payload, req?: PayloadRequest): Promise<WatchedWord[]> {
  const result = await payload.find({
    collection: 'watched-words',
    limit: 5000,
    depth: 0,
    pagination: false,
    ...(req ? { req } : {}),
    // The list is moderators' data, applied to everyone's text by the server.
    overrideAccess: true,
  })
  return result.docs.map((doc) => ({
    phrase: String(doc.phrase),
    action: doc.action as EntryAction,
    kind: ((doc as { kind?: EntryKind }).kind ?? 'phrase') as EntryKind,
    note: (doc.note as string | null) ?? null,
  }))
}

export async function triageWithWatchedWords(req: PayloadRequest, text: string): Promise<TriageResult> {
  return triageText(text, await loadWatchedWords(req))
}

/** For a form that must answer the same whatever is stored (joining): triage the text itself. */
export async function hasCrisisWords(payload: Payload, text: string): Promise<boolean> {
  return triageText(text, await loadWatchedWordsFrom(payload)).action === 'crisis'
}

/** Everything an author wrote in a story, live text and pending revision alike. */
export function storyTriageText(story: Record<string, any>): string {
  return textAtDoor('stories', story, null, lexicalToPlainText)
}
