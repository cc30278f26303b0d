// Before the page cache: a signed-in member opening a thread. Their follow and the first reply new since
// their last visit are read here, as the member, and become part of the page's cache key (so the cached
// page never reads the member's row, and one member's visits leave other pages cached). Then the visit is
// recorded. A thread the member cannot see is left alone: no row, no key part, the route's 404.
import type { NextFunction, Request, Response } from 'express'
import type { Payload } from 'payload'

import type { MemberThreadView } from '../../../views/components/MemberForum.js'
import { canSeeThread, recordThreadVisit, threadStateOf } from '../../commands/notifications/threadState.js'
import { firstNewReply, latestVisibleActivity } from '../../queries/threadNews.js'
import { isPlausibleId, toId } from '../support.js'

const THREAD_PATH = /^\/threads\/([^/]+)$/

export function threadVisits(payload: Payload) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.user as (Record<string, any> & { id: number | string }) | null
    const match = THREAD_PATH.exec(req.path)
    if (req.method !== 'GET' || !user || !match || !isPlausibleId(match[1]!)) return next()
    try {
      const threadId = toId(match[1]!)
      if (!(await canSeeThread(payload, user, threadId))) return next()
      const state = await threadStateOf(payload, user, threadId)
      const [firstUnreadId, latest] = await Promise.all([firstNewReply(payload, user, threadId, state.seenUpTo), latestVisibleActivity(payload, user, threadId)])
      const view: MemberThreadView = { following: state.following, firstUnreadId }
      res.locals.memberThread = view
      res.locals.pageKeyPart = `thread:${view.following ? 'following' : 'not-following'}:${firstUnreadId ?? 'none'}`
      await recordThreadVisit(payload, user, threadId, state, latest)
    } catch (error) {
      // Two first visits at once can race on the row's unique key: the other one recorded it.
      payload.logger.debug({ err: error, msg: 'thread visit not recorded' })
    }
    next()
  }
}
