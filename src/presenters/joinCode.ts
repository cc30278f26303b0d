// What a meeting's moderators see of its open join code: the code as stored and grouped for
// reading, when it stops working, how often it was used, and where to type it.
import { displayJoinCode } from '../policies/joinCodes.js'
import { formatLondonDateTime } from '../policies/londonTime.js'

export type PresentedJoinCode = {
  code: string
  /** Grouped for reading: `K7M 4QP`. */
  display: string
  expiresAt: string
  /** "Thursday 4 March 2027, 21:00", UK time. */
  expiresWhen: string
  uses: number
  /** Where to type it, as short as it can be printed: `waymark.example/join`. */
  joinAddress: string
}

export function presentJoinCode(doc: { code: string; expiresAt: string; uses?: number | null }, siteUrl: string): PresentedJoinCode {
  const expires = new Date(doc.expiresAt)
  return {
    code: doc.code,
    display: displayJoinCode(doc.code),
    expiresAt: expires.toISOString(),
    expiresWhen: formatLondonDateTime(expires),
    uses: Number(doc.uses ?? 0),
    joinAddress: `${new URL(siteUrl).host}/join`,
  }
}
