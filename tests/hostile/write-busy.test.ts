// Hostile: when another process holds SQLite's one write lock for longer than a write may wait (a long
// backup, say), a write is answered 503 with a clear message and saves nothing, through every door that
// writes: REST, a form that keeps what the member typed, and a form that shows the problem page. Reading
// goes on meanwhile. Never a 500, never a half-saved record. The wait is shortened to 800 ms here.
import { afterEach, beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { holdWriteLockUntilReleased } from '../support/sqliteLock.js'
import { api, countStored, localityIds, makeMember, textOf, type Member } from './forumHelpers.js'
import { signedIn, unique, useHostileServer } from './helpers.js'

const hostile = useHostileServer('write-busy', { env: { WAYMARK_WRITE_WAIT_MS: '800' } })
const BUSY = /busy.*Nothing you sent was saved/i
let member: Member
let client: WebClient
let county: number | string
let release: (() => Promise<void>) | undefined

beforeAll(async () => {
  member = await makeMember(hostile, { established: true })
  client = await signedIn(hostile.server, member.email, member.password)
  county = (await localityIds(hostile))['lancashire-county']!
  await api(hostile, member, 'GET', '/api/users/me') // the REST token, before the lock
})

afterEach(async () => {
  await release?.()
  release = undefined
})

const lock = async () => (release = await holdWriteLockUntilReleased(hostile.server.databaseUrl))

describe('another process holds the write lock longer than a write may wait', () => {
  test('REST: POST /api/threads is 503 with the message, and nothing is stored; sent again after, it is', async () => {
    const title = `Busy rest ${unique()}`
    await lock()
    const refused = await api(hostile, member, 'POST', '/api/threads', { locality: county, title, body: 'A few words while the site is busy.' })
    expect(refused.status, refused.text.slice(0, 300)).toBe(503)
    expect(refused.json?.errors?.[0]?.message).toMatch(BUSY)
    await release!()
    release = undefined
    expect(await countStored(hostile, 'threads', { title: { equals: title } })).toBe(0)
    const again = await api(hostile, member, 'POST', '/api/threads', { locality: county, title, body: 'A few words while the site is busy.' })
    expect(again.status, again.text.slice(0, 300)).toBe(201)
    expect(await countStored(hostile, 'threads', { title: { equals: title } })).toBe(1)
  })

  test('the new-thread form comes back 503 with the message and everything the member typed, and reading goes on', async () => {
    const title = `Busy form ${unique()}`
    const body = `Words I do not want to lose ${unique()}`
    const csrf = await client.csrfToken('/threads/new?locality=lancashire-county')
    await lock()
    const home = await client.get('/')
    expect(home.status).toBe(200)
    const response = await client.postForm('/threads', { _csrf: csrf, title, body, locality: 'lancashire-county' })
    const html = await response.text()
    expect(response.status).toBe(503)
    expect(textOf(html)).toMatch(BUSY)
    expect(html).toContain(title)
    expect(html).toContain(body)
    await release!()
    release = undefined
    expect(await countStored(hostile, 'threads', { title: { equals: title } })).toBe(0)
  })

  test('a form without its own error display answers the 503 problem page, with Retry-After', async () => {
    const csrf = await client.csrfToken('/localities/lancashire-north')
    await lock()
    const response = await client.postForm('/localities/lancashire-north/follow', { _csrf: csrf, follow: 'yes' })
    const html = await response.text()
    expect(response.status, textOf(html).slice(0, 300)).toBe(503)
    expect(response.headers.get('retry-after')).toBe('5')
    expect(textOf(html)).toMatch(BUSY)
    expect(textOf(html)).not.toMatch(/something went wrong/i)
  })
})
