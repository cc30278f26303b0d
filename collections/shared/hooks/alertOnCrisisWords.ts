// For text that is never published (a flag's note, a display name being changed, a picture's
// description): crisis words hold nothing, but the author sees the crisis panel and the leads are
// alerted. Runs after the save, so the alert can name the record; only when the text changed.
import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'

import { raiseCrisisAlert } from '../../../src/moderation/crisisAlerts.js'
import { textAtDoor, type TextDoorCollection } from '../../../src/moderation/textDoors.js'
import { triageWithWatchedWords } from '../../../src/moderation/triage.js'
import { lexicalToPlainText } from '../../../src/richtext/index.js'

type Owner = (doc: Record<string, any>, req: PayloadRequest, previousDoc?: Record<string, any>) => Promise<{ member: number | string | null; locality: number | string | null; memberName?: string }>

export function alertOnCrisisWords(collection: TextDoorCollection, ownerOf: Owner): CollectionAfterChangeHook {
  return async ({ doc, previousDoc, operation, req }) => {
    if (req.context?.erasure === true) return doc
    const text = textAtDoor(collection, doc, null, lexicalToPlainText)
    const before = operation === 'update' ? textAtDoor(collection, previousDoc ?? {}, null, lexicalToPlainText) : ''
    if (text === '' || text === before) return doc
    const triage = await triageWithWatchedWords(req, text)
    if (triage.action !== 'crisis') return doc
    const owner = await ownerOf(doc, req, operation === 'update' ? previousDoc : undefined)
    await raiseCrisisAlert(req, { ...owner, targetCollection: collection, targetId: doc.id, matches: triage.matches })
    return doc
  }
}
