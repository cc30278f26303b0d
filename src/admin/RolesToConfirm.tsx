// /admin/queue, "Roles to confirm": members whose claimed role (professional, commissioner) no
// moderator has looked at since they chose it, oldest first. Their bylines read "Says: …" until then.
// "Not confirmed" is a look too: the byline keeps reading "Says: …" and the member leaves this list
// until they choose a member type again (src/policies/roleConfirmation.ts).
import type { Payload } from 'payload'
import React from 'react'

import { isModerator } from '../policies/roles.js'
import { rolesToConfirm } from '../queries/rolesToConfirm.js'
import { RolesToConfirmList } from './RolesToConfirmList.js'

export async function RolesToConfirm({ payload, user }: { payload: Payload; user: Record<string, any> | null }) {
  if (!user || !isModerator(user as never)) return null
  const { rows, total } = await rolesToConfirm(payload, user)
  return (
    <section aria-labelledby="roles-to-confirm-heading" style={{ margin: '2rem 0' }}>
      <h2 id="roles-to-confirm-heading">Roles to confirm</h2>
      <p>
        Members who say they are a professional or a commissioner. Until a moderator confirms it, their name shows “Says: professional” (or commissioner) rather than the role. Confirm only what you
        have checked. “Not confirmed” leaves their own words and takes them off this list until they choose a member type again.
      </p>
      <RolesToConfirmList rows={rows} total={total} />
    </section>
  )
}
