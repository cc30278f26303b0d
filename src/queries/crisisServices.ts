// The local crisis services the crisis panel lists first: read as a visitor, since they are public.
import type { Payload } from 'payload'

import { hasCrisisWords } from '../moderation/triage.js'
import { presentCrisisService, type LocalCrisisService } from '../presenters/crisisService.js'

export async function localCrisisServices(payload: Payload, localityId: number | string | null | undefined): Promise<LocalCrisisService[]> {
  if (localityId === null || localityId === undefined) return []
  const found = await payload.find({
    collection: 'crisis-services',
    where: { locality: { equals: localityId } },
    sort: 'order',
    limit: 10,
    pagination: false,
    depth: 0,
    overrideAccess: false,
    user: null,
  })
  return found.docs.map((doc) => presentCrisisService(doc as Record<string, any>))
}

/**
 * The crisis panel's services when `text` has crisis words (null when it has none). The words are the
 * ones just typed, never what is stored, so the answer says nothing about anyone's account.
 */
export async function crisisServicesForWords(payload: Payload, text: string, localityId: number | string | null | undefined): Promise<LocalCrisisService[] | null> {
  if (!(await hasCrisisWords(payload, text))) return null
  return localCrisisServices(payload, localityId)
}
