// Email without SMTP_URL: .eml files under <WAYMARK_DATA_DIR>/outbox/, with links to the public site.
import fs from 'node:fs'
import path from 'node:path'

import { simpleParser } from 'mailparser'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { outboxDir, outboxFiles, unique, waitForEml } from './helpers.js'

let payload: Payload
let serverURL: string

const parse = async (file: string) => simpleParser(fs.readFileSync(file))
const hrefs = (html: string) => [...html.matchAll(/href\s*=\s*"([^"]+)"/gi)].map((m) => m[1]!.replace(/&amp;/g, '&'))
const decodeTokenFrom = (url: string) => new URL(url).searchParams.get('token')

beforeAll(async () => {
  delete process.env.SMTP_URL
  payload = await bootPayload()
  serverURL = String(payload.config.serverURL).replace(/\/$/, '')
  expect(serverURL).toMatch(/^https?:\/\//)
})

describe('verification email', () => {
  let user: any
  let file: string
  let parsed: Awaited<ReturnType<typeof simpleParser>>

  beforeAll(async () => {
    const before = outboxFiles()
    const u = unique()
    const email = `verify-${u}@example.org`
    const made = await payload.create({
      collection: 'users',
      data: { email, displayName: `Verify ${u}`, password: 'moss-lichen-boulder-8', memberType: 'supporter' } as any,
      overrideAccess: true,
    })
    user = await payload.findByID({ collection: 'users', id: made.id, overrideAccess: true, showHiddenFields: true, depth: 0 })
    file = await waitForEml(before, (raw) => raw.includes(email))
    parsed = await parse(file)
  })

  it('is written as an .eml file under <WAYMARK_DATA_DIR>/outbox/', () => {
    expect(path.dirname(file)).toBe(path.join(process.env.WAYMARK_DATA_DIR!, 'outbox'))
    expect(file.endsWith('.eml')).toBe(true)
    expect(outboxDir().startsWith(process.env.WAYMARK_DATA_DIR!)).toBe(true)
  })

  it('is addressed to the new member', () => {
    expect(parsed.to && 'text' in parsed.to ? parsed.to.text : JSON.stringify(parsed.to)).toContain(user.email)
  })

  it("links to <serverURL>/verify?token=<the user's _verificationToken>, not /admin", () => {
    expect(user._verificationToken).toEqual(expect.any(String))
    expect(user._verificationToken.length).toBeGreaterThan(10)
    const links = hrefs(String(parsed.html || ''))
    const textLinks = String(parsed.text || '').match(/https?:\/\/[^\s\]>)"']+/g) ?? []
    const all = [...links, ...textLinks]
    const verify = all.filter((l) => l.includes('token='))
    expect(verify.length).toBeGreaterThan(0)
    for (const link of verify) {
      expect(link.startsWith(`${serverURL}/verify?token=`), link).toBe(true)
      expect(decodeTokenFrom(link)).toBe(user._verificationToken)
      expect(link).not.toContain('/admin')
    }
    expect(all.some((l) => l.includes('/admin'))).toBe(false)
  })

  it('the token in the email verifies the account', async () => {
    const link = hrefs(String(parsed.html || '')).find((l) => l.includes('/verify?token='))!
    const token = decodeTokenFrom(link)!
    await payload.verifyEmail({ collection: 'users', token })
    const after: any = await payload.findByID({ collection: 'users', id: user.id, overrideAccess: true, depth: 0 })
    expect(after._verified).toBe(true)
  })
})

describe('password reset email', () => {
  it('payload.forgotPassword sends a link to <serverURL>/reset?token=<token>, not /admin', async () => {
    const m = await createMember(payload)
    const before = outboxFiles()
    const token = await payload.forgotPassword({ collection: 'users', data: { email: m.email } })
    expect(token).toEqual(expect.any(String))
    const file = await waitForEml(before, (raw) => raw.includes(m.email))
    const parsed = await parse(file)
    const links = [...hrefs(String(parsed.html || '')), ...(String(parsed.text || '').match(/https?:\/\/[^\s\]>)"']+/g) ?? [])]
    const reset = links.filter((l) => l.includes('token='))
    expect(reset.length).toBeGreaterThan(0)
    for (const link of reset) {
      expect(link.startsWith(`${serverURL}/reset?token=`), link).toBe(true)
      expect(decodeTokenFrom(link)).toBe(token)
    }
    expect(links.some((l) => l.includes('/admin'))).toBe(false)
  })

  it('forgotPassword for an unknown email writes no email', async () => {
    const before = outboxFiles()
    await payload.forgotPassword({ collection: 'users', data: { email: `nobody-${unique()}@example.org` } })
    await new Promise((r) => setTimeout(r, 300))
    expect(outboxFiles().length).toBe(before.length)
  })
})

describe('disableVerificationEmail', () => {
  it('creating with disableVerificationEmail writes no email (the control for the outbox check)', async () => {
    const before = outboxFiles()
    const m = await createMember(payload)
    await new Promise((r) => setTimeout(r, 300))
    const added = outboxFiles().filter((f) => !before.includes(f))
    for (const f of added) expect(fs.readFileSync(f, 'utf8')).not.toContain(m.email)
  })
})
