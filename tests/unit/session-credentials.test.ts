// hasSessionCredentials decides which requests skip payload.auth(): a visitor's (no session cookie,
// no Authorization header). loadViewer must still ask Payload for every request that might be signed in.
import type { Request, Response } from 'express'
import type { Payload } from 'payload'
import { describe, expect, it } from 'vitest'

import { hasSessionCredentials, loadViewer } from '../../src/auth/session.js'

const asRequest = (headers: Record<string, string>) => ({ headers }) as unknown as Request

describe('hasSessionCredentials', () => {
  it.each([
    ['no headers at all', {}],
    ['other cookies only', { cookie: 'waymark-csrf=abc; theme=dark' }],
    ['a cookie whose name only ends in the session name', { cookie: 'xpayload-token=abc' }],
    ['a cookie whose name only starts with it', { cookie: 'payload-token-old=abc' }],
    ['an empty session cookie (what sign-out leaves)', { cookie: 'payload-token=; other=1' }],
    ['an empty Authorization header', { authorization: '   ' }],
    ['the session cookie of another prefix', { cookie: 'other-token=abc' }],
  ])('is false with %s', (_name, headers) => {
    expect(hasSessionCredentials(asRequest(headers), 'payload')).toBe(false)
  })

  it.each([
    ['the session cookie alone', { cookie: 'payload-token=eyJ.a.b' }],
    ['the session cookie among others, with spaces', { cookie: 'a=1;  payload-token = eyJ.a.b ; b=2' }],
    ['a JWT Authorization header', { authorization: 'JWT eyJ.a.b' }],
    ['a Bearer Authorization header', { authorization: 'Bearer eyJ.a.b' }],
    ['an API key', { authorization: 'users API-Key 123' }],
  ])('is true with %s', (_name, headers) => {
    expect(hasSessionCredentials(asRequest(headers), 'payload')).toBe(true)
  })

  it('reads the configured cookie prefix', () => {
    expect(hasSessionCredentials(asRequest({ cookie: 'waymark-token=abc' }), 'waymark')).toBe(true)
    expect(hasSessionCredentials(asRequest({ cookie: 'payload-token=abc' }), 'waymark')).toBe(false)
  })
})

describe('loadViewer', () => {
  // A stand-in for Payload's auth strategy (the JWT one in a real Payload): records each call and answers
  // with a member when given a good token. loadViewer runs the strategies without computing permissions.
  function fakePayload() {
    const calls: Headers[] = []
    const payload = {
      config: { cookiePrefix: 'payload' },
      authStrategies: [
        {
          name: 'stand-in',
          authenticate: async ({ headers }: { headers: Headers }) => {
            calls.push(headers)
            return { user: headers.get('cookie')?.includes('payload-token=good') ? { id: 7 } : null }
          },
        },
      ],
    }
    return { payload: payload as unknown as Payload, calls }
  }

  async function run(payload: Payload, headers: Record<string, string>, method = 'GET') {
    const res = { locals: {} as Record<string, unknown> } as unknown as Response
    let nextCalls = 0
    await loadViewer(payload)({ method, headers } as unknown as Request, res, () => nextCalls++)
    return { user: res.locals.user, nextCalls }
  }

  it('a visitor is null without asking Payload', async () => {
    const { payload, calls } = fakePayload()
    expect(await run(payload, { cookie: 'waymark-csrf=abc' })).toEqual({ user: null, nextCalls: 1 })
    expect(calls).toHaveLength(0)
  })

  it('a request with the session cookie is resolved by Payload, as before (GETs count as same-origin)', async () => {
    const { payload, calls } = fakePayload()
    expect(await run(payload, { cookie: 'payload-token=good' })).toEqual({ user: { id: 7 }, nextCalls: 1 })
    expect(calls).toHaveLength(1)
    expect(calls[0]!.get('sec-fetch-site')).toBe('same-origin')
    expect(await run(payload, { cookie: 'payload-token=stale' })).toEqual({ user: null, nextCalls: 1 })
    expect(calls).toHaveLength(2)
  })

  it('a POST with only an Authorization header is still resolved by Payload', async () => {
    const { payload, calls } = fakePayload()
    await run(payload, { authorization: 'JWT x' }, 'POST')
    expect(calls).toHaveLength(1)
    expect(calls[0]!.has('sec-fetch-site')).toBe(false)
  })
})
