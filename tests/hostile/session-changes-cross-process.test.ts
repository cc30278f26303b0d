// Hostile: a server's memory of who credentials belong to never outlives a change made by another
// server process on the same database (issue 14).
//
// What is promised: the server may remember who a request's credentials (session cookie or
// Authorization header) belong to, but after a change the VERY NEXT request carrying the old credentials
// is answered as the current truth, on every door (public pages, REST /api/users/me, /admin), even when
// the change was made by another process. Here two server processes share one database (as in
// cross-process-writes.test.ts, where the second process is the test's own Local API; here it is a second
// server on the first one's database, data folders and secret). A member signs in on process A and uses
// the cookie on process B several times at every door (so that B could remember it); then, on A:
//  - they sign out through the site's form: B's next request with the old cookie is a visitor;
// and, the same way, changes the promise lists for one server, made on A and asked on B:
//  - an admin demotes a moderator through REST: B's next request is a member (403 on /admin);
//  - the member renames themself through the account form: B's next page shows the new name only;
//  - an admin deletes the account: B's next request is a visitor.
// Last, sign-out and demotion on A while B is busy with the old credentials: every request to B begun
// after A answered the change must be the current truth.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { createMember } from '../support/members.js'
import { startTestServer, type TestServer } from '../support/server.js'
import { restToken, saveServerLogs, settle, unique, useHostileServer } from './helpers.js'
import { restAs, restOk, submitForm, type Rest } from './pageCacheSite.js'
import { accountsOn, ALL_DOORS, COOKIE_DOORS, DOORS, eachDoorFirst, whileBusy, type Scenario, type Seen, type Signed } from './sessionDoors.js'

const hostile = useHostileServer('session-changes-cross-process-a')
const TOKEN_COOKIE = 'payload-token'
const SLOW = 300_000

/** The second server process: the first one's database, data and media folders and secret, its own port. */
let b: TestServer
let admin: Rest

beforeAll(async () => {
  const a = hostile.server
  b = await startTestServer({
    databaseUrl: a.databaseUrl,
    env: { PAYLOAD_SECRET: a.secret, WAYMARK_DATA_DIR: a.dataDir, WAYMARK_MEDIA_DIR: a.mediaDir },
  })
  admin = await restAs(a, 'admin@waymark.example', a.seedPassword)
  // The two really share the database: an account made on A's database is seen by B.
  const probe = await settle(() => createMember(hostile.payload))
  await restToken(b, probe.email, probe.password)
}, 300_000)

afterAll(async () => {
  saveServerLogs(b, 'session-changes-cross-process-b')
  await b?.stop()
})

const { truthOf, signedInPerson: signedInOnA } = accountsOn(hostile)

/** Used on both processes before the change, asked on B after it (A made the change). */
const onB = (scenario: Omit<Scenario<Signed>, 'warmAt' | 'askAt'>) => eachDoorFirst<Signed>({ ...scenario, warmAt: [b.url, hostile.server.url, b.url], askAt: b.url })

const report = (problems: string[]) => `answers from process B that were not the current truth:\n${problems.slice(0, 30).join('\n')}`

describe('a change made on process A is seen by process B on its very next request', () => {
  test(
    'sign-out on A: the old cookie is a visitor on B at every door',
    async () => {
      const problems = await onB({
        label: 'signed out on A',
        doors: COOKIE_DOORS,
        arrange: () => signedInOnA(['moderator'], 'Kestrel'),
        change: async (subject) => {
          await submitForm(subject.client, '/', '/logout', {})
          if (subject.client.cookies.has(TOKEN_COOKIE)) throw new Error('Arrange failed: the sign-out did not clear the session cookie')
          return null
        },
      })
      expect(problems, report(problems)).toEqual([])
    },
    SLOW,
  )

  test(
    "demotion by an admin through REST on A: B's next request with the cookie or token is a member",
    async () => {
      const problems = await onB({
        label: 'demoted on A',
        doors: ALL_DOORS,
        arrange: () => signedInOnA(['moderator'], 'Kestrel'),
        change: async (subject) => {
          await restOk(admin, 'PATCH', `/api/users/${subject.person.id}`, { roles: ['member'] })
          const after = await truthOf(subject.person.id)
          if (!after || after.roles.join() !== 'member') throw new Error(`Arrange failed: not demoted (stored: ${after?.roles})`)
          return after
        },
      })
      expect(problems, report(problems)).toEqual([])
    },
    SLOW,
  )

  test(
    "rename through the account form on A: B's next answer shows the new name and never the old",
    async () => {
      const problems = await onB({
        label: 'renamed on A',
        doors: ALL_DOORS,
        arrange: () => signedInOnA(['member']),
        change: async (subject) => {
          await submitForm(subject.client, '/account', '/account', { displayName: `Renamed ${unique('')}` })
          const after = await truthOf(subject.person.id)
          if (!after || after.displayName === subject.person.displayName) throw new Error(`Arrange failed: not renamed (stored: ${after?.displayName})`)
          return after
        },
        extra: (seen: Seen, before) => (seen.body.includes(before.displayName) ? [`the old name "${before.displayName}" is still in the answer`] : []),
      })
      expect(problems, report(problems)).toEqual([])
    },
    SLOW,
  )

  test(
    "deletion by an admin through REST on A: B's next request with the cookie or token is a visitor",
    async () => {
      const problems = await onB({
        label: 'deleted on A',
        doors: ALL_DOORS,
        arrange: () => signedInOnA(['moderator'], 'Kestrel'),
        change: async (subject) => {
          await restOk(admin, 'DELETE', `/api/users/${subject.person.id}`)
          if (await truthOf(subject.person.id)) throw new Error('Arrange failed: the account is still stored after DELETE')
          return null
        },
      })
      expect(problems, report(problems)).toEqual([])
    },
    SLOW,
  )
})

describe('a change made on process A while process B is busy with the old credentials', () => {
  test(
    'sign-out and demotion on A: every request to B begun after A answered is the current truth',
    async () => {
      const load = { rounds: 4, inFlight: 6, after: 40 }
      const cookieDoors = [DOORS.me, DOORS.home, DOORS.stories]
      const problems = [
        ...(await whileBusy<Signed>(
          {
            label: 'signed out on A',
            doors: cookieDoors,
            warmAt: [b.url, hostile.server.url],
            askAt: b.url,
            arrange: () => signedInOnA(['member']),
            change: async (subject) => {
              await submitForm(subject.client, '/', '/logout', {})
              return null
            },
          },
          load,
        )),
        ...(await whileBusy<Signed>(
          {
            label: 'demoted on A',
            doors: [...cookieDoors, DOORS.meJwt],
            warmAt: [b.url, hostile.server.url],
            askAt: b.url,
            arrange: () => signedInOnA(['moderator'], 'Kestrel'),
            change: async (subject) => {
              await restOk(admin, 'PATCH', `/api/users/${subject.person.id}`, { roles: ['member'] })
              const after = await truthOf(subject.person.id)
              if (!after || after.roles.join() !== 'member') throw new Error(`Arrange failed: not demoted (stored: ${after?.roles})`)
              return after
            },
          },
          load,
        )),
      ]
      expect(problems, report(problems)).toEqual([])
    },
    SLOW,
  )
})
