// Hostile: two Waymark servers on one PostgreSQL database, without Redis (issue 15, "The same two servers
// without Redis: nothing is stale").
//
// The same two processes as scale-out-redis.test.ts (A seeds a new PostgreSQL database, B starts beside it
// on another port, seed off), with no REDIS_URL: they can only coordinate through PostgreSQL. What it proves:
//  - a withdrawal through A gives 410 on B at the very next request: B's page cache is warm (hits) for
//    three published stories and read 2,000 times while the authors withdraw them one by one through A;
//    every request to B issued after a withdrawal's answer arrived is checked: 0 stale;
//  - a post through B appears on A's cached pages at once: A is read 1,000 times while members post through
//    B; every request to A issued after B's answer shows the post;
//  - /readyz says the database is reachable and Redis is not configured.
import { describe, test } from 'vitest'

import { expectTwoReadyServers, postsThroughBWhileAIsRead, relaxPostingLimits, usePair, withdrawalsThroughAWhileBIsRead } from './scaleOutSite.js'

const pair = usePair('so_noredis', { redis: false }, (started) => relaxPostingLimits(started.payload))

describe('two servers on one PostgreSQL database, no Redis', () => {
  test('they are two processes on two ports; each finds the database reachable and no Redis configured', () => expectTwoReadyServers(pair, false))

  test('a withdrawal through A: of 2,000 requests to B, none issued after the answer shows the story, and its page is 410', { timeout: 180_000 }, async () => {
    const result = await withdrawalsThroughAWhileBIsRead(pair, { stories: 3, total: 2_000, inFlight: 16 })
    console.log(`scale-out (no Redis) withdrawals: ${JSON.stringify(result)}`)
  })

  test("a post through B appears on A's cached pages at once", { timeout: 180_000 }, async () => {
    const result = await postsThroughBWhileAIsRead(pair, { posts: 4, total: 1_000, inFlight: 16 })
    console.log(`scale-out (no Redis) posts: ${JSON.stringify(result)}`)
  })
})
