// One-click unsubscribe: a signed link names one member and one kind of email. It needs no sign-in
// and no form token (mail clients post to it), so the signature is the only thing standing between an
// attacker and everyone's settings.
import crypto from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'

import { createMember } from '../support/members.js'
import { EVIL_ORIGIN, useHostileServer } from './helpers.js'

const hostile = useHostileServer('unsubscribe')

/** The link the server emails, made with the server's own secret (tests/support/server.ts). */
function serverToken(memberId: number | string, what: string, secret = `test-secret-${new URL(hostile.server.url).port}`): string {
  const payload = Buffer.from(`${memberId}:${what}`).toString('base64url')
  const signature = crypto.createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url').slice(0, 32)
  return `${payload}.${signature}`
}

const prefs = async (id: number | string) => ((await hostile.payload.findByID({ collection: 'users', id, overrideAccess: true, depth: 0 })) as any).notifications

let alice: Awaited<ReturnType<typeof createMember>>
let bob: Awaited<ReturnType<typeof createMember>>

beforeAll(async () => {
  alice = await createMember(hostile.payload)
  bob = await createMember(hostile.payload)
  for (const m of [alice, bob]) {
    await hostile.payload.update({ collection: 'users', id: m.id, data: { notifications: { notifyReplies: true, digest: 'daily' } } as never, overrideAccess: true })
  }
})

describe('one-click unsubscribe', () => {
  test('GET only shows a button (link scanners change nothing); POST without sign-in or form token unsubscribes', async () => {
    const token = serverToken(alice.id, 'notifyReplies')
    const page = await fetch(`${hostile.server.url}/unsubscribe?token=${token}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Unsubscribe')
    expect((await prefs(alice.id)).notifyReplies).toBe(true)

    // What a mail client sends for List-Unsubscribe-Post: no cookie, no CSRF token, from nowhere.
    const oneClick = await fetch(`${hostile.server.url}/unsubscribe?token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(oneClick.status).toBe(200)
    expect((await prefs(alice.id)).notifyReplies).toBe(false)
    expect((await prefs(alice.id)).digest, 'only the one kind of email').toBe('daily')
  })

  test('the digest link turns the digest off', async () => {
    const response = await fetch(`${hostile.server.url}/unsubscribe?token=${serverToken(bob.id, 'digest')}`, { method: 'POST', headers: { origin: EVIL_ORIGIN } })
    expect(response.status).toBe(200)
    expect((await prefs(bob.id)).digest).toBe('never')
    expect((await prefs(bob.id)).notifyReplies).toBe(true)
  })

  test('forged, re-pointed or altered tokens are refused and change nothing', async () => {
    const before = await prefs(bob.id)
    const alicesToken = serverToken(alice.id, 'notifyReplies')
    const [, signature] = alicesToken.split('.')
    const attempts = [
      serverToken(bob.id, 'notifyReplies', 'guessed-secret'),
      `${Buffer.from(`${bob.id}:notifyReplies`).toString('base64url')}.${signature}`,
      `${Buffer.from(`${bob.id}:notifyReplies`).toString('base64url')}`,
      serverToken(bob.id, 'roles'),
      'not-a-token',
      '',
    ]
    for (const token of attempts) {
      const response = await fetch(`${hostile.server.url}/unsubscribe?token=${encodeURIComponent(token)}`, { method: 'POST' })
      expect(response.status, token).toBe(400)
    }
    expect(await prefs(bob.id)).toEqual(before)
  })
})
