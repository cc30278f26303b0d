// Arranging members directly through the Local API (the "database" side of a test).
import type { Payload } from 'payload'

let counter = 0

export type MemberSpec = {
  email?: string
  displayName?: string
  password?: string
  roles?: ('member' | 'moderator' | 'admin')[]
  memberType?: string
  verified?: boolean
}

export const DEFAULT_TEST_PASSWORD = 'copper-kettle-meadow-9'

export async function createMember(payload: Payload, spec: MemberSpec = {}) {
  counter++
  const unique = `${process.pid}-${Date.now().toString(36)}-${counter}`
  const password = spec.password ?? DEFAULT_TEST_PASSWORD
  const doc = await payload.create({
    collection: 'users',
    data: {
      email: spec.email ?? `member-${unique}@example.org`,
      displayName: spec.displayName ?? `Member ${unique}`.slice(0, 40),
      password,
      memberType: (spec.memberType ?? 'in-recovery') as never,
      roles: (spec.roles ?? ['member']) as never,
      _verified: spec.verified ?? true,
    } as never,
    overrideAccess: true,
    disableVerificationEmail: true,
  })
  return { ...doc, password } as typeof doc & { password: string }
}
