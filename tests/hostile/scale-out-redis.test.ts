// Hostile: two Waymark servers on one PostgreSQL database and one Redis (issue 15, "Tests").
//
// Server A seeds a new PostgreSQL database; server B, a separate process on another port, starts beside it
// (same database, folders and secret, seed off). Both use the machine's Redis under a key prefix of this
// file's own. What it proves:
//  - a withdrawal through A gives 410 on B at the very next request: B's page cache is warm (hits) for six
//    published stories, B is read 10,000 times, 20 at a time (story pages, /stories, /feed.xml, REST
//    /api/stories, the sitemap; visitors and a member), while the authors withdraw one story after another
//    through A's form. Every request to B issued after a withdrawal's answer arrived is checked: 0 stale;
//    B's very next page for the story is 410 and REST refuses it; afterwards no list on B shows one;
//  - a post through B appears on A's cached pages at once: A's thread page, forum page and feed are warm
//    (hits) and read 2,000 times while members reply and start threads through B; every request to A issued
//    after B's answer shows the post;
//  - the per-IP limits are shared: the 3 registrations per IP and the failed sign-ins per IP (set to 6 by an
//    admin) are used up by requests spread over A and B, and the next attempt is 429 on both. Each failure
//    is on a different account, and the accounts are checked unlocked, so account lockout (in the database
//    already) is not what refuses: only a counter both processes share can;
//  - /readyz on both says the database and Redis are reachable, and Redis holds keys under the prefix.
import { describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { settle } from '../support/payload.js'
import { redisKeys } from '../support/scaleOut.js'
import type { TestServer } from '../support/server.js'
import { textOf } from './forumHelpers.js'
import { findUserByEmail, unique } from './helpers.js'
import { restAs, restOk } from './pageCacheSite.js'
import { expectTwoReadyServers, postsThroughBWhileAIsRead, relaxPostingLimits, usePair, withdrawalsThroughAWhileBIsRead } from './scaleOutSite.js'

const pair = usePair('so_redis', { redis: true }, (started) => relaxPostingLimits(started.payload))

describe('two servers on one PostgreSQL database and one Redis', () => {
  test('they are two processes on two ports, and each finds the database and Redis reachable', () => expectTwoReadyServers(pair, true))

  test('a withdrawal through A: of 10,000 requests to B, none issued after the answer shows the story, and its page is 410', { timeout: 240_000 }, async () => {
    const result = await withdrawalsThroughAWhileBIsRead(pair, { stories: 6, total: 10_000, inFlight: 20 })
    console.log(`scale-out (Redis) withdrawals: ${JSON.stringify(result)}`)
  })

  test("a post through B appears on A's cached pages at once", { timeout: 180_000 }, async () => {
    const result = await postsThroughBWhileAIsRead(pair, { posts: 8, total: 2_000, inFlight: 16 })
    console.log(`scale-out (Redis) posts: ${JSON.stringify(result)}`)
  })

  test('the servers keep their state in Redis under their own prefix', async () => {
    const keys = await redisKeys(pair.prefix!)
    expect(keys.length, `keys under ${pair.prefix}`).toBeGreaterThan(0)
  })
})

// Last in the file: once the limits are used up, nobody from this machine's address can register or sign in.
describe('per-IP limits are shared by the two servers', () => {
  const JOIN_PASSWORD = 'willow-lantern-pebble-31'

  async function join(server: TestServer) {
    const u = unique('j')
    const fields = { displayName: `Heron ${u}`.slice(0, 40), email: `join-${u}@scale-out.example` }
    const client = new WebClient(server.url)
    const response = await client.postForm('/join', { _csrf: await client.csrfToken('/join'), memberType: 'supporter', homeLocality: '', password: JOIN_PASSWORD, ...fields })
    return { email: fields.email, status: response.status, html: await response.text() }
  }

  test('registrations: 3 per IP, spread over A and B; the 4th is 429 on B and on A', async () => {
    const answers = [await join(pair.a), await join(pair.b), await join(pair.a)]
    for (const [i, answer] of answers.entries()) {
      expect(answer.status, `registration ${i + 1} (${i === 1 ? 'B' : 'A'}): ${textOf(answer.html).slice(0, 300)}`).toBe(200)
      expect(await findUserByEmail(pair.payload, answer.email), `registration ${i + 1} is stored`).toBeDefined()
    }
    const onB = await join(pair.b)
    expect(onB.status, `4th registration, on B: ${textOf(onB.html).slice(0, 300)}`).toBe(429)
    expect(await findUserByEmail(pair.payload, onB.email), 'no 4th account is stored').toBeUndefined()
    const onA = await join(pair.a)
    expect(onA.status, `5th registration, on A: ${textOf(onA.html).slice(0, 300)}`).toBe(429)
    expect(await findUserByEmail(pair.payload, onA.email)).toBeUndefined()
  })

  test('failed sign-ins: the limit (6 per IP) is reached after 6 failures alternating A and B; the 7th attempt is 429 on both, even with the right password', async () => {
    const LIMIT = 6
    // Through the admin, on A, as an administrator would set it; B must honour it too.
    const admin = await restAs(pair.a, 'admin@waymark.example', pair.a.seedPassword)
    await restOk(admin, 'POST', '/api/globals/moderation-settings', { failedLoginsPerIpPerHour: LIMIT })
    const stored = (await pair.payload.findGlobal({ slug: 'moderation-settings' as never, overrideAccess: true, depth: 0 })) as { failedLoginsPerIpPerHour?: number }
    expect(stored.failedLoginsPerIpPerHour, 'the setting is stored').toBe(LIMIT)

    // One failure per account, so that no account comes near its own lockout.
    const members = []
    for (let i = 0; i < LIMIT + 4; i++) members.push(await settle(() => createMember(pair.payload)))
    const victims = members.slice(0, LIMIT)
    const [controlA, controlB, afterA, afterB] = members.slice(LIMIT)

    const restLogin = async (server: TestServer, email: string, password: string) => {
      const client = new WebClient(server.url)
      const response = await client.json('POST', '/api/users/login', { email, password })
      const text = await response.text()
      return { status: response.status, text, token: (JSON.parse(text || '{}') as { token?: string }).token }
    }
    const formLogin = async (server: TestServer, email: string, password: string) => {
      const client = new WebClient(server.url)
      const response = await client.postForm('/login', { _csrf: await client.csrfToken('/login'), email, password, next: '/account' })
      return { status: response.status, html: await response.text(), signedIn: client.cookies.has('payload-token') }
    }

    // Control: before any failure the right password works on both servers.
    expect((await restLogin(pair.a, controlA!.email, controlA!.password)).status, 'control: sign-in on A').toBe(200)
    expect((await restLogin(pair.b, controlB!.email, controlB!.password)).status, 'control: sign-in on B').toBe(200)

    // LIMIT failures, alternating servers (and doors): each server alone sees only half of them.
    for (const [i, victim] of victims.entries()) {
      const server = i % 2 === 0 ? pair.a : pair.b
      const name = i % 2 === 0 ? 'A' : 'B'
      const attempt = i % 4 < 2 ? await restLogin(server, victim.email, `not-the-password-${i}`) : await formLogin(server, victim.email, `not-the-password-${i}`)
      expect(attempt.status, `failure ${i + 1} (on ${name}) is an ordinary refusal, not yet the limit`).toBe(401)
    }

    // The next attempt, with the RIGHT password of an account that never failed, on either server.
    const onA = await restLogin(pair.a, afterA!.email, afterA!.password)
    expect(onA.status, `REST sign-in on A after ${LIMIT} failures spread over A and B: ${onA.text.slice(0, 200)}`).toBe(429)
    expect(onA.token, 'no token on A').toBeUndefined()
    const onB = await restLogin(pair.b, afterB!.email, afterB!.password)
    expect(onB.status, `REST sign-in on B after ${LIMIT} failures spread over A and B: ${onB.text.slice(0, 200)}`).toBe(429)
    expect(onB.token, 'no token on B').toBeUndefined()
    const formB = await formLogin(pair.b, afterA!.email, afterA!.password)
    expect(formB.status, `form sign-in on B: ${textOf(formB.html).slice(0, 200)}`).toBe(429)
    expect(formB.signedIn).toBe(false)

    // It is the address that is refused, not the accounts: none is locked.
    for (const m of [afterA!, afterB!, ...victims]) {
      const user = await findUserByEmail(pair.payload, m.email)
      expect(user?.lockUntil ? new Date(user.lockUntil).getTime() > Date.now() : false, `${m.email} is not locked`).toBe(false)
    }
  })
})
