// Joining. The answer is the same whether or not the email is already registered, so nobody can
// find out that a given person belongs to a recovery community by trying their address.
import type { Payload } from 'payload'

import { SIGNUP_CONTEXT } from '../../collections/Users/access.js'
import { serverURL } from '../env.js'
import { toId } from '../routes/support.js'

export type RegisterMemberProps = {
  payload: Payload
  displayName: string
  email: string
  password: string
  memberType: string
  homeLocality?: string
}

export type RegisterMemberResult = { outcome: 'created' } | { outcome: 'already-registered' }

export async function registerMember(props: RegisterMemberProps): Promise<RegisterMemberResult> {
  const { payload } = props
  const email = props.email.trim().toLowerCase()
  const existing = await payload.find({
    collection: 'users',
    where: { email: { equals: email } },
    limit: 1,
    depth: 0,
    // A server-side existence check; nothing from it is shown to the person joining.
    overrideAccess: true,
  })
  if (existing.docs[0]) {
    await payload.sendEmail({
      to: email,
      subject: 'Someone tried to join Waymark with your email address',
      html: `<p>Someone (probably you) tried to join Waymark with this email address, but you already have an account.</p>
<p>You can <a href="${serverURL}/login">sign in</a>, or <a href="${serverURL}/forgot">reset your password</a> if you have forgotten it.</p>
<p>If it was not you, you can ignore this email.</p>`,
    })
    return { outcome: 'already-registered' }
  }
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
  })
  return { outcome: 'created' }
}
