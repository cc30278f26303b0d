// What a request log line may say about the path (src/http/requestLog.ts): no query string, no token-like
// segment, no email address; ordinary paths and ids are kept so the log stays useful.
import { describe, expect, test } from 'vitest'

import { pathOf, requestIdOf } from '../../src/http/requestLog.js'

describe('the logged path', () => {
  test.each([
    ['/stories/calm-river-42', '/stories/calm-river-42'],
    ['/threads/17', '/threads/17'],
    ['/api/stories', '/api/stories'],
    ['/reset?token=abcdef', '/reset'],
    ['/unsubscribe?token=x&what=digest', '/unsubscribe'],
    ['/api/users?where[email][equals]=a@b.example', '/api/users'],
    ['/api/users/verify/9f8e7d6c5b4a39281706f5e4d3c2b1a0', '/api/users/verify/:redacted'],
    ['/admin/reset/eyJhbGciOiJIUzI1NiJ9abcdefghij', '/admin/reset/:redacted'],
    ['/members/someone@example.org', '/members/:redacted'],
    ['/members/someone%40example.org/profile', '/members/:redacted/profile'],
  ])('%s is logged as %s', (url, logged) => {
    expect(pathOf(url)).toBe(logged)
  })
})

describe('the request id', () => {
  const request = (id?: string) => ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as never

  test('a plain id from a proxy in front is kept', () => {
    expect(requestIdOf(request('caddy-1a2b.3c_4'))).toBe('caddy-1a2b.3c_4')
  })

  test.each(['', 'a'.repeat(65), 'has space', 'line\nbreak', '<script>', 'x@y.example'])('%j is replaced by a new id', (given) => {
    const id = requestIdOf(request(given))
    expect(id).not.toBe(given)
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
  })

  test('each request without one gets its own', () => {
    expect(requestIdOf(request())).not.toBe(requestIdOf(request()))
  })
})
