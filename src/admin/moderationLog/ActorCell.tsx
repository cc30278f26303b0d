// The "Actor" column of the moderation log, rendered on the server with the display name. Payload's own
// relationship cell fetches names in the browser only for rows scrolled into view, so every row below
// the fold (and every row in a saved or printed page, or read by a screen reader) said "<No Actor>".
// Events with no actor were made by Waymark itself (crisis alerts, auto-hiding).
import type { DefaultServerCellComponentProps } from 'payload'
import React, { cache } from 'react'

import { idOf } from '../../db/relationId.js'

// One read per actor per request, however many rows they acted on.
const displayNameOf = cache(async (payload: DefaultServerCellComponentProps['payload'], id: string): Promise<string | null> => {
  const user = await payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true, select: { displayName: true } }).catch(() => null)
  return user ? String((user as { displayName?: unknown }).displayName ?? '') || null : null
})

export async function ActorCell({ cellData, rowData, payload }: DefaultServerCellComponentProps) {
  const id = idOf(cellData)
  if (id === null) {
    // Field access hides the actor from members reading their own history: say nothing then.
    return <span>{rowData?.actorRole === 'system' ? 'Waymark (automatic)' : ''}</span>
  }
  const name = await displayNameOf(payload, String(id))
  return <span>{name ?? 'A former member'}</span>
}
