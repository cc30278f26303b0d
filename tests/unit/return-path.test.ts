// Where sign-in sends a member back to: same-site paths only. The hostile inputs are what an attacker
// would put in a `?next=` link to bounce a member off the site after they type their password.
import { describe, expect, it } from 'vitest'

import { memberForumIds } from '../../src/policies/homeForums.js'
import { joinHref, RETURN_PATH_MAX, safeReturnPath, signInHref } from '../../src/policies/returnPath.js'

const BASE = 'https://waymark.example'

describe('safeReturnPath keeps same-site paths', () => {
  it.each([
    '/',
    '/threads/42',
    '/threads/42?page=last',
    '/localities/lancashire-north?after=eyJ4IjoxfQ',
    '/stories/ab12cd34',
    '/search?q=recovery%20cafe',
    '/meetings/7#minutes',
    '/account/messages/3',
    '/stories?theme=families&locality=lancashire-east',
  ])('%s', (path) => {
    expect(safeReturnPath(path)).toBe(path)
  })
})

describe('safeReturnPath refuses anything that can leave the site', () => {
  const hostile: [string, unknown][] = [
    ['protocol-relative', '//evil.example'],
    ['protocol-relative with path', '//evil.example/threads/1'],
    ['backslash host', '/\\evil.example'],
    ['two backslashes', '\\\\evil.example'],
    ['backslash then slash', '\\/evil.example'],
    ['backslash later in the path', '/threads/1\\..\\..\\evil'],
    ['absolute http', 'http://evil.example/'],
    ['absolute https', 'https://evil.example/'],
    ['scheme-relative with userinfo', '//waymark.example@evil.example'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['data scheme', 'data:text/html,<script>alert(1)</script>'],
    ['no leading slash', 'threads/1'],
    ['encoded slashes', '/%2F%2Fevil.example'],
    ['encoded slashes, lower case', '/%2f%2fevil.example'],
    ['encoded backslash', '/%5Cevil.example'],
    ['double-encoded slashes', '/%252F%252Fevil.example'],
    ['triple-encoded slashes', '/%25252F%25252Fevil.example'],
    ['encoded slash after one slash', '/%2Fevil.example'],
    ['tab the browser drops', '/\t/evil.example'],
    ['encoded tab', '/%09/evil.example'],
    ['newline the browser drops', '/\n/evil.example'],
    ['CRLF header injection', '/threads/1\r\nSet-Cookie: a=b'],
    ['encoded CRLF', '/threads/1%0D%0ASet-Cookie:%20a=b'],
    ['encoded CRLF in the path start', '/%0d%0a/evil.example'],
    ['NUL byte', '/threads/1\u0000'],
    ['space', '/threads/1 evil'],
    ['non-ASCII slash lookalike', '/\u2215\u2215evil.example'],
    ['fullwidth solidus', '/\uff0f\uff0fevil.example'],
    ['encoded division slashes', '/%E2%88%95%E2%88%95evil.example'],
    ['encoded fullwidth solidus', '/%EF%BC%8F%EF%BC%8Fevil.example'],
    ['broken percent-escape', '/threads/%E0%A4%A'],
    ['too long', `/${'a'.repeat(RETURN_PATH_MAX)}`],
    ['empty', ''],
    ['not a string', ['/threads/1']],
    ['a number', 42],
    ['undefined', undefined],
    ['quotes for attribute breaking', '/threads/1"onmouseover="alert(1)'],
    ['angle brackets', '/threads/<script>'],
  ]
  it.each(hostile)('%s', (_name, value) => {
    expect(safeReturnPath(value)).toBeUndefined()
  })

  it('never yields a path that a browser resolves to another origin', () => {
    for (const [, value] of hostile) {
      const kept = safeReturnPath(value)
      if (kept !== undefined) expect(new URL(kept, BASE).origin).toBe(BASE)
    }
  })
})

describe('safeReturnPath refuses pages that would loop or act', () => {
  it.each(['/login', '/login?next=/threads/1', '/LOGIN', '/login/', '/logout', '/join', '/join?next=/', '/forgot', '/reset?token=x', '/verify?token=x', '/unsubscribe?token=x', '/%6Cogin'])(
    '%s',
    (path) => {
      expect(safeReturnPath(path)).toBeUndefined()
    },
  )
  it('but keeps pages whose names merely begin the same way', () => {
    expect(safeReturnPath('/joinery-group')).toBe('/joinery-group')
    expect(safeReturnPath('/login-help')).toBe('/login-help')
  })
})

describe('signInHref and joinHref', () => {
  it('carry the page back, encoded as one query value', () => {
    expect(signInHref('/threads/42?page=last')).toBe('/login?next=%2Fthreads%2F42%3Fpage%3Dlast')
    expect(joinHref('/threads/42')).toBe('/join?next=%2Fthreads%2F42')
    const next = new URL(signInHref('/stories?theme=a&locality=b'), BASE).searchParams.get('next')
    expect(next).toBe('/stories?theme=a&locality=b')
  })
  it('drop a way back that is not safe, rather than carry it', () => {
    expect(signInHref('//evil.example')).toBe('/login')
    expect(signInHref(undefined)).toBe('/login')
    expect(signInHref('/login?next=/x')).toBe('/login')
    expect(joinHref('/\\evil.example')).toBe('/join')
  })
})

describe('memberForumIds: whose news a member sees first', () => {
  const localities = [
    { id: 1, isCountyWide: false },
    { id: 2, isCountyWide: false },
    { id: 3, isCountyWide: false },
    { id: 4, isCountyWide: true },
  ]
  it('is nothing for a visitor', () => {
    expect(memberForumIds(null, localities)).toEqual([])
  })
  it('is the home locality and the followed ones, in the site order, once each', () => {
    expect(memberForumIds({ homeLocality: 2, followedLocalities: [4, { id: 2 }, 1] }, localities)).toEqual([1, 2, 4])
    expect(memberForumIds({ homeLocality: { id: 3 } }, localities)).toEqual([3])
  })
  it('is the county forum when the member chose none', () => {
    expect(memberForumIds({ homeLocality: null, followedLocalities: [] }, localities)).toEqual([4])
  })
  it('ignores localities that do not exist (deleted, or an id from elsewhere)', () => {
    expect(memberForumIds({ homeLocality: 99, followedLocalities: ['1; drop table'] }, localities)).toEqual([4])
  })
  it('compares ids as text (MongoDB ids, numbers from forms)', () => {
    expect(memberForumIds({ homeLocality: '2' }, localities)).toEqual([2])
  })
})
