// Limits keyed by IP address (moderation-settings): new accounts per day, failed sign-ins per hour;
// and wrong meeting join codes per hour (a fixed 10), so codes cannot be guessed from one address.
// The counters live in the rate-limit store (src/security/rateLimitStore.ts: memory now, shared later).
import type { NextFunction, Request, Response } from 'express'
import type { Payload } from 'payload'

import { loadModerationSettings } from '../forum/settings.js'
import { WRONG_JOIN_CODES_PER_IP_PER_HOUR } from '../policies/joinCodes.js'
import { retryAfterText } from '../policies/postingLimits.js'
import { rateLimitStore, type LimitCheck } from './rateLimitStore.js'

const DAY = 86_400
const HOUR = 3_600

export const clientIp = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown'

export async function registrationCheck(payload: Payload, req: Request): Promise<LimitCheck> {
  const { registrationsPerIpPerDay } = await loadModerationSettings(payload)
  return rateLimitStore().check(`join:${clientIp(req)}`, registrationsPerIpPerDay, DAY)
}

export async function recordRegistration(payload: Payload, req: Request): Promise<void> {
  const { registrationsPerIpPerDay } = await loadModerationSettings(payload)
  await rateLimitStore().record(`join:${clientIp(req)}`, registrationsPerIpPerDay, DAY)
}

/** Has this IP typed too many wrong meeting codes this hour? Then /join refuses every code. */
export const wrongJoinCodeCheck = (req: Request): Promise<LimitCheck> => rateLimitStore().check(`join-code:${clientIp(req)}`, WRONG_JOIN_CODES_PER_IP_PER_HOUR, HOUR)

export const recordWrongJoinCode = (req: Request): Promise<void> => rateLimitStore().record(`join-code:${clientIp(req)}`, WRONG_JOIN_CODES_PER_IP_PER_HOUR, HOUR)

/**
 * Visitors' answers after one story, per address per day: a visitor's session is a cookie, which a script
 * can clear; this bounds what one network adds to a story's figures (a household or a drop-in's wifi
 * shares an address, hence more than one).
 */
export const VISITOR_ANSWERS_PER_IP_PER_STORY_PER_DAY = 20
export const visitorAnswerCheck = (req: Request, storyId: number | string): Promise<LimitCheck> =>
  rateLimitStore().check(`story-answer:${clientIp(req)}:${storyId}`, VISITOR_ANSWERS_PER_IP_PER_STORY_PER_DAY, DAY)
export const recordVisitorAnswer = (req: Request, storyId: number | string): Promise<void> =>
  rateLimitStore().record(`story-answer:${clientIp(req)}:${storyId}`, VISITOR_ANSWERS_PER_IP_PER_STORY_PER_DAY, DAY)

export async function loginCheck(payload: Payload, req: Request): Promise<LimitCheck> {
  const { failedLoginsPerIpPerHour } = await loadModerationSettings(payload)
  return rateLimitStore().check(`login:${clientIp(req)}`, failedLoginsPerIpPerHour, HOUR)
}

export async function recordFailedLogin(payload: Payload, req: Request): Promise<void> {
  const { failedLoginsPerIpPerHour } = await loadModerationSettings(payload)
  await rateLimitStore().record(`login:${clientIp(req)}`, failedLoginsPerIpPerHour, HOUR)
}

export const tooManyMessage = (what: string, retryAfterSeconds: number) => `${what} ${retryAfterText(retryAfterSeconds)}`

/**
 * The REST sign-in (POST /api/users/login, also used by the admin) is answered by Next; this
 * refuses it while the IP is over its limit, and counts a 401 answer as a failed attempt.
 */
/** The path as the router will read it: decoded, lower case, no doubled or trailing slashes. */
export function routedPath(rawPath: string): string {
  let decoded = rawPath
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    // Not valid percent-encoding: compare it as it is.
  }
  return decoded
    .toLowerCase()
    .replace(/\/{2,}/g, '/')
    .replace(/\/+$/, '')
}

export function throttleRestLogin(payload: Payload) {
  return async (req: Request, res: Response, next: NextFunction) => {
    // Compared as routed, so /api/users/LOGIN or /api/users/%6cogin cannot slip past.
    if (req.method !== 'POST' || routedPath(req.path) !== '/api/users/login') return next()
    try {
      const check = await loginCheck(payload, req)
      if (!check.allowed) {
        res
          .status(429)
          .set('Retry-After', String(check.retryAfterSeconds))
          .json({ errors: [{ message: tooManyMessage('Too many failed sign-ins from your network.', check.retryAfterSeconds) }] })
        return
      }
      // A refusal is counted before it is sent, so that the very next attempt, to this process or any other
      // sharing the counters, already sees it.
      const end = res.end.bind(res) as (...args: unknown[]) => Response
      res.end = ((...args: unknown[]) => {
        if (res.statusCode !== 401) return end(...args)
        recordFailedLogin(payload, req)
          .catch((error: unknown) => payload.logger.warn({ err: error, msg: 'A failed sign-in could not be counted' }))
          .finally(() => end(...args))
        return res
      }) as Response['end']
      next()
    } catch (error) {
      next(error)
    }
  }
}
