// The request log, read the way someone with access to the server's logs would read it (issue 15: "never
// logging bodies, emails or cookies"). A member signs in through the form and through REST, asks for a reset
// link, follows links with tokens in them and sends a request id of their own; the server's whole output is
// then searched for the address, the password, the cookie, the JWT and the tokens. Each request must still
// have its line, with the id the response carried.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { startTestServer, type TestServer } from '../support/server.js'
import { emailsIn } from './helpers.js'

const MEMBER = 'member@waymark.example'
const SECRET_TOKEN = 'Zx9Qm2Lr7Tt4Vb8Nc1Pd6Hs3Kf5Jg0Aw'

let server: TestServer
/** Where the output stood once the server was up: the start-up banner before it lists the demo accounts on purpose. */
let startOfRequests = 0
const requestOutput = () => server.logs().slice(startOfRequests)

type LogLine = { msg?: string; req?: { id?: string; method?: string; path?: string }; res?: { statusCode?: number } }

function jsonLines(text: string): LogLine[] {
  return text.split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line) as LogLine]
    } catch {
      return []
    }
  })
}

beforeAll(async () => {
  server = await startTestServer()
  startOfRequests = server.logs().length
})

afterAll(async () => {
  await server?.stop()
})

describe('what the request log holds', () => {
  let cookie = ''
  let jwt = ''
  const requestIds: string[] = []

  beforeAll(async () => {
    const browser = new WebClient(server.url)
    const signIn = await browser.signIn(MEMBER, server.seedPassword)
    expect(signIn.status, 'arrange: the member signs in').toBe(303)
    cookie = browser.cookieHeader()
    requestIds.push(signIn.headers.get('x-request-id') ?? '')
    const account = await browser.get('/account')
    requestIds.push(account.headers.get('x-request-id') ?? '')

    const rest = await fetch(`${server.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: MEMBER, password: server.seedPassword }),
    })
    jwt = ((await rest.json()) as { token?: string }).token ?? ''
    expect(jwt, 'arrange: a REST sign-in').not.toBe('')
    await fetch(`${server.url}/api/users/me`, { headers: { authorization: `JWT ${jwt}` } })

    const visitor = new WebClient(server.url)
    await visitor.postForm('/forgot', { email: MEMBER })
    await fetch(`${server.url}/reset?token=${SECRET_TOKEN}`)
    await fetch(`${server.url}/verify?token=${SECRET_TOKEN}&email=${encodeURIComponent(MEMBER)}`)
    await fetch(`${server.url}/api/users/verify/${SECRET_TOKEN}`, { method: 'POST' })
    const own = await fetch(`${server.url}/stories`, { headers: { 'x-request-id': 'proxy-given-id-42' } })
    expect(own.headers.get('x-request-id'), 'a plain id from a proxy is kept').toBe('proxy-given-id-42')
    // Let the last lines reach the output.
    await new Promise((resolve) => setTimeout(resolve, 500))
  })

  test('no email address, password, cookie, JWT or token appears anywhere in the output after start-up', () => {
    const output = requestOutput()
    expect(emailsIn(output), 'email addresses in the log').toEqual([])
    expect(output).not.toContain(server.seedPassword)
    for (const part of cookie.split(';').map((c) => c.split('=').slice(1).join('=').trim())) if (part.length > 8) expect(output).not.toContain(part)
    expect(output).not.toContain(jwt)
    expect(output).not.toContain(SECRET_TOKEN)
  })

  test('each request has one line with its id, method, path and status, and nothing more about the request', () => {
    const lines = jsonLines(requestOutput()).filter((line) => line.req?.id)
    for (const id of requestIds) {
      expect(id, 'the response carried an id').toMatch(/\S/)
      expect(lines.filter((line) => line.req?.id === id)).toHaveLength(1)
    }
    const given = lines.find((line) => line.req?.id === 'proxy-given-id-42')
    expect(given?.req).toEqual({ id: 'proxy-given-id-42', method: 'GET', path: '/stories' })
    expect(given?.res).toEqual({ statusCode: 200 })
    for (const line of lines) expect(Object.keys(line.req ?? {}).sort()).toEqual(['id', 'method', 'path'])
  })

  test('health checks are not logged', async () => {
    const before = jsonLines(requestOutput()).length
    for (let i = 0; i < 5; i++) await fetch(`${server.url}/healthz`)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const after = jsonLines(requestOutput()).filter((line) => line.req?.path === '/healthz')
    expect(after).toEqual([])
    expect(jsonLines(requestOutput()).length).toBe(before)
  })
})
