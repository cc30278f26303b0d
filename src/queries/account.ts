// The member's own account, read as the member (the users collection's access decides).
import type { Payload } from 'payload'

import { presentAccountValues, type AccountValues } from '../presenters/account.js'
import { postsAwaitingReview } from './forum.js'
import { ownInterests } from './volunteering.js'

export async function ownAccount(payload: Payload, user: Record<string, any>): Promise<AccountValues> {
  return presentAccountValues(await payload.findByID({ collection: 'users', id: user.id, depth: 0, overrideAccess: false, user }))
}

/** The account page: the member's details, and their own posts that others cannot see yet. */
export async function accountPage(payload: Payload, user: Record<string, any>) {
  const [values, waiting, volunteering] = await Promise.all([ownAccount(payload, user), postsAwaitingReview(payload, user), ownInterests(payload, user)])
  return { values, waiting, volunteering }
}
