// Joining. The answer is the same whether or not the email is already registered, so nobody can
// find out that a given person belongs to a recovery community by trying their address.
// With a meeting's join code, the code is used in the same transaction as the account is made,
// and before it (Payload emails the confirmation link as it creates the account), so a sign-up
// never half-saves: no account without its count, no count without its account.
import type { Payload } from 'payload'

import { toId } from '../db/relationId.js'
import { alreadyRegisteredEmail } from '../email/templates.js'
import { SIGNUP_CONTEXT } from '../policies/signup.js'
import { redeemJoinCode } from './meetings/redeemJoinCode.js'
import { inTransaction } from '../db/transaction.js'

export type RegisterMemberProps = {
  payload: Payload
  displayName: string
  email: string
  password: string
  memberType: string
  homeLocality?: string
  /** A meeting's join code, already checked by the route; checked again here, inside the transaction. */
  joinCode?: { code: string; countAsFirstTimer: boolean }
}

export type RegisterMemberResult = { outcome: 'created' } | { outcome: 'already-registered' }

export async function registerMember(props: RegisterMemberProps): Promise<RegisterMemberResult> {
  const { payload } = props
  const email = props.email.trim().toLowerCase()
  return inTransaction(payload, null, async (req) => {
    const existing = await payload.find({
      collection: 'users',
      where: { email: { equals: email } },
      limit: 1,
      depth: 0,
      // A server-side existence check; nothing from it is shown to the person joining.
      overrideAccess: true,
      req,
    })
    if (existing.docs[0]) {
      // No use of the join code either: the page reads the same, and nobody new joined.
      await payload.sendEmail({
        to: email,
        subject: 'Someone tried to join Waymark with your email address',
        ...alreadyRegisteredEmail(),
      })
      return { outcome: 'already-registered' } as const
    }
    if (props.joinCode) await redeemJoinCode({ payload, req, code: props.joinCode.code, countAsFirstTimer: props.joinCode.countAsFirstTimer })
    await payload.create({
      collection: 'users',
      data: {
        displayName: props.displayName,
        email,
        password: props.password,
        memberType: props.memberType as never,
        homeLocality: props.homeLocality ? (toId(props.homeLocality) as never) : undefined,
      },
      // Access rules still apply (roles and system fields are dropped); the context marks the join form.
      overrideAccess: false,
      context: { [SIGNUP_CONTEXT]: true },
      req,
    })
    return { outcome: 'created' } as const
  })
}
