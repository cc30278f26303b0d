// A reader's reading choices (issue 17): a member's from their own account (read as themselves), a
// visitor's from their session's cookie.
import type { Payload } from 'payload'

import { hiddenWarnings } from '../policies/readingChoices.js'

type User = (Record<string, any> & { id: number | string }) | null

export type ReadingChoices = { hiddenWarnings: string[]; rememberReading: boolean }

/** The member's own choices as stored (defaults for a visitor). */
export async function accountReadingChoices(payload: Payload, user: User): Promise<ReadingChoices> {
  if (!user) return { hiddenWarnings: [], rememberReading: false }
  const self = (await payload.findByID({ collection: 'users', id: user.id, depth: 0, select: { reading: true }, overrideAccess: false, user })) as Record<string, any>
  return { hiddenWarnings: hiddenWarnings([], self?.reading?.hiddenWarnings), rememberReading: self?.reading?.rememberReading === true }
}

/** The warnings this reader hides: the session's choice and, for a member, the account's. */
export async function readerHiddenWarnings(payload: Payload, user: User, cookie: unknown): Promise<string[]> {
  const account = user ? (await accountReadingChoices(payload, user)).hiddenWarnings : []
  return hiddenWarnings(cookie, account)
}

/** How many stories the member's "remember what I read" holds. */
export async function rememberedReadingCount(payload: Payload, user: NonNullable<User>): Promise<number> {
  return (await payload.count({ collection: 'reading-records', where: { member: { equals: user.id } }, overrideAccess: false, user })).totalDocs
}
