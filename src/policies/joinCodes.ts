// Meeting join codes: the rules as plain functions. A code is read off a slide or a printed card
// and typed on a phone, so it is short, has no look-alike characters (no 0/O, no 1/I/L) and is
// accepted in any case, with or without the space or a dash. It is not a secret for long: it works
// for a few hours and for a bounded number of sign-ups, and wrong guesses are rate-limited per IP.
import { randomInt } from 'node:crypto'

import { canManageMeeting } from './meetingAccess.js'
import type { Actor } from './roles.js'

/** Digits 2–9 and the letters without I, L and O: 31 characters that cannot be misread. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const JOIN_CODE_MIN_LENGTH = 6
export const JOIN_CODE_MAX_LENGTH = 8
/** 31^6 ≈ 887 million codes: ample while guesses are limited to 10 an hour per IP. */
export const JOIN_CODE_LENGTH = 6

export const JOIN_CODE_MIN_HOURS = 1
export const JOIN_CODE_MAX_HOURS = 12
export const JOIN_CODE_DEFAULT_HOURS = 3
/** A room holds far fewer; the cap stops a leaked code from opening the door to a flood. */
export const JOIN_CODE_DEFAULT_MAX_USES = 300
/** Wrong codes one IP may try in an hour before /join refuses every code (429). */
export const WRONG_JOIN_CODES_PER_IP_PER_HOUR = 10

export const INVALID_JOIN_CODE_MESSAGE = 'That meeting code is not valid or has expired.'

/** A new code from the operating system's random source (never Math.random). */
export function generateJoinCode(length = JOIN_CODE_LENGTH, pick: (max: number) => number = randomInt): string {
  if (!Number.isInteger(length) || length < JOIN_CODE_MIN_LENGTH || length > JOIN_CODE_MAX_LENGTH) {
    throw new RangeError(`A join code has ${JOIN_CODE_MIN_LENGTH} to ${JOIN_CODE_MAX_LENGTH} characters.`)
  }
  let code = ''
  for (let i = 0; i < length; i++) code += JOIN_CODE_ALPHABET[pick(JOIN_CODE_ALPHABET.length)]
  return code
}

const SEPARATORS = /[\s\-\u2010-\u2015\u2212_.]/g
const CODE_SHAPE = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_MIN_LENGTH},${JOIN_CODE_MAX_LENGTH}}$`)

/**
 * What someone typed, as the stored code: upper case, without spaces or dashes. null when it cannot
 * be a code at all (wrong length, or a character no code has, such as O or 1).
 */
export function normaliseJoinCode(typed: unknown): string | null {
  if (typeof typed !== 'string' || typed.length > 40) return null
  const code = typed.replace(SEPARATORS, '').toUpperCase()
  return CODE_SHAPE.test(code) ? code : null
}

/** Whether a form field holds anything at all (a blank or spaces-only field means "no code"). */
export const hasTypedJoinCode = (typed: unknown): boolean => typeof typed === 'string' && typed.trim() !== ''

/** For reading aloud and typing: two groups, `K7M 4QP` (7 characters: `K7MQ 4PX`; 8: `K7MQ 4PXR`). */
export function displayJoinCode(code: string): string {
  const half = Math.ceil(code.length / 2)
  return `${code.slice(0, half)} ${code.slice(half)}`
}

/** The `hours` field of the "Open a join code" form: blank means the default; null means refuse. */
export function parseJoinCodeHours(value: unknown): number | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return JOIN_CODE_DEFAULT_HOURS
  const text = String(value).trim()
  if (!/^\d{1,2}$/.test(text)) return null
  const hours = Number(text)
  return hours >= JOIN_CODE_MIN_HOURS && hours <= JOIN_CODE_MAX_HOURS ? hours : null
}

export const joinCodeExpiry = (now: Date, hours: number): Date => new Date(now.getTime() + hours * 3_600_000)

export type JoinCodeFacts = {
  expiresAt?: string | Date | null
  closedAt?: string | Date | null
  uses?: number | null
  maxUses?: number | null
}

/** A code works until it expires, is closed, or has been used maxUses times. */
export function isJoinCodeUsable(code: JoinCodeFacts | null | undefined, now: Date): boolean {
  if (!code) return false
  if (code.closedAt) return false
  const expires = code.expiresAt ? new Date(code.expiresAt).getTime() : NaN
  if (!Number.isFinite(expires) || expires <= now.getTime()) return false
  const maxUses = typeof code.maxUses === 'number' ? code.maxUses : JOIN_CODE_DEFAULT_MAX_USES
  return Number(code.uses ?? 0) < maxUses
}

/** Who opens (and closes) a meeting's code: the moderators of its locality, as for recording the meeting. */
export const canOpenJoinCode = (actor: Actor, localityId: number | string | null | undefined): boolean => canManageMeeting(actor, localityId)

/** A cancelled meeting has nobody in the room to join. */
export const meetingTakesJoinCodes = (meeting: { status?: string | null }): boolean => meeting.status !== 'cancelled'
