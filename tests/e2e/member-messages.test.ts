// Issue 16, "a private message with a block", in real Chromium with real SMTP on loopback. Two members past
// the post queue: Fern (JavaScript on) finds Hazel's thread in the public county forum, follows "Message
// Hazel privately", writes and sends. Hazel (JavaScript off) gets an email that says there is a message
// (not what it says, nor who sent it), sees "Messages 1 new" in the header, reads it through the plain
// pages and blocks Fern with the plain form. Fern's page then reads only "This conversation is closed."
// with no reply form and no word of a block; Hazel unblocks and Fern can write again. Every page of the
// journey passes axe-core (WCAG 2.2 AA) at 390 px and 1280 px, with JavaScript on and off.
import type { ParsedMail } from 'mailparser'
import type { BrowserContext, Page } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { createMember } from '../support/members.js'
import { bootPayload, settle } from '../support/payload.js'
import { addressesOf } from '../support/smtp.js'
import { formatViolations, goto, mainText, signInWithForm, submitAndWait, uniqueSuffix, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ smtp: true, context: false })
const suffix = uniqueSuffix()
const marker = `marram${suffix}`
const firstMessage = `Hello Hazel, your thread helped me. ${marker} Could we talk about the walking group?`
const SIZES = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const

let payload: Payload
const db = () => payload as any
type Person = { id: number | string; email: string; password: string; displayName: string }
let fern: Person
let hazel: Person
let threadId = ''
let conversationId = ''
let writer: BrowserContext // Fern, JavaScript on
let writerPage: Page
let reader: BrowserContext // Hazel, JavaScript off
let readerPage: Page

const mailText = (mail: ParsedMail) => `${mail.subject ?? ''}\n${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`

async function established(name: string): Promise<Person> {
  const made = await settle(() => createMember(payload, { displayName: `${name} ${suffix}`.slice(0, 40) }))
  await settle(() => db().update({ collection: 'users', id: made.id, data: { approvedPostCount: 5 }, overrideAccess: true }))
  return { id: made.id, email: String(made.email).toLowerCase(), password: made.password, displayName: String(made.displayName) }
}

/**
 * axe-core at both sizes on the page the member is on, in a second browser with the same session (axe
 * needs JavaScript and an exception to the site's strict CSP; the member's own browser keeps neither).
 */
async function expectAccessible(page: Page, where: string) {
  const context = await e2e.browser.newContext({ baseURL: e2e.server.url, bypassCSP: true })
  try {
    await context.addCookies(await page.context().cookies())
    const axePage = await context.newPage()
    const found: string[] = []
    for (const size of SIZES) {
      await axePage.setViewportSize(size)
      await goto(axePage, new URL(page.url()).pathname + new URL(page.url()).search)
      const violations = await axeViolations(axePage)
      if (violations.length) found.push(`${where} at ${size.width} px:\n${formatViolations(violations)}`)
    }
    expect(found.join('\n\n'), 'axe-core violations').toBe('')
  } finally {
    await context.close()
  }
}

beforeAll(async () => {
  payload = await bootPayload({ databaseUrl: e2e.server.databaseUrl, dataDir: e2e.server.dataDir, mediaDir: e2e.server.mediaDir })
  fern = await established('Fern')
  hazel = await established('Hazel')
  // Hazel's thread, written through REST as Hazel (so its byline and author are hers).
  const login = await fetch(`${e2e.server.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: hazel.email, password: hazel.password }),
  })
  const token = (await login.json()).token
  const county = (await settle(() => db().find({ collection: 'localities', where: { slug: { equals: 'lancashire-county' } }, overrideAccess: true, depth: 0, limit: 1 }))).docs[0]
  const made = await fetch(`${e2e.server.url}/api/threads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
    body: JSON.stringify({ locality: county.id, title: `Walking group ${suffix}`, body: 'We walk on Saturdays from the library. Everyone is welcome.' }),
  })
  const json = await made.json()
  if (made.status !== 201) throw new Error(`Arrange failed: POST /api/threads gave ${made.status}: ${JSON.stringify(json).slice(0, 300)}`)
  threadId = String(json.doc.id)
  writer = await e2e.browser.newContext({ baseURL: e2e.server.url })
  writerPage = await writer.newPage()
  reader = await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: false })
  readerPage = await reader.newPage()
}, 180_000)

afterAll(async () => {
  await writer?.close()
  await reader?.close()
})

describe('a private message with a block', () => {
  it('Fern follows "Message Hazel privately" from Hazel’s thread, writes and sends', { timeout: 120_000 }, async () => {
    await signInWithForm(writerPage, fern.email, fern.password)
    await goto(writerPage, `/threads/${threadId}`)
    const link = writerPage.getByRole('link', { name: `Message ${hazel.displayName} privately` })
    expect(await link.count()).toBe(1)
    await Promise.all([writerPage.waitForNavigation({ waitUntil: 'load' }), link.click()])
    expect(new URL(writerPage.url()).pathname).toBe('/account/messages/new')
    expect(await writerPage.getByRole('heading', { level: 1 }).innerText()).toBe(`Message ${hazel.displayName}`)
    await expectAccessible(writerPage, 'the new message page (JavaScript on)')
    await writerPage.getByLabel('Your message').fill(firstMessage)
    const response = await submitAndWait(writerPage, 'Send')
    expect(response?.status(), await mainText(writerPage)).toBeLessThan(400)
    const url = new URL(writerPage.url())
    conversationId = url.pathname.split('/').pop()!
    expect(url.pathname).toMatch(/^\/account\/messages\/\d+$/)
    expect(await mainText(writerPage)).toContain('Your message has been sent.')
    expect(await mainText(writerPage)).toContain(marker)
    await expectAccessible(writerPage, 'the conversation page (JavaScript on)')
  })

  it('Hazel is emailed that there is a message, without its words or Fern’s name', { timeout: 60_000 }, async () => {
    const mail = await e2e.smtp.waitFor((m) => addressesOf(m).includes(hazel.email) && /private message/i.test(m.subject ?? ''), 30_000)
    const text = mailText(mail)
    expect(text).not.toContain(marker)
    expect(text).not.toContain(fern.displayName)
    expect(text).toContain(`/account/messages/${conversationId}`)
  })

  it('Hazel, without JavaScript, sees "Messages 1 new", reads it and blocks Fern with the plain form', { timeout: 120_000 }, async () => {
    await signInWithForm(readerPage, hazel.email, hazel.password)
    await goto(readerPage, '/account/messages')
    expect((await readerPage.locator('header').innerText()).replace(/\s+/g, ' ')).toMatch(/Messages\s*1 new/)
    await expectAccessible(readerPage, 'the messages list (JavaScript off)')
    const open = readerPage.getByRole('link', { name: `Conversation with ${fern.displayName}` })
    await Promise.all([readerPage.waitForNavigation({ waitUntil: 'load' }), open.click()])
    expect(await mainText(readerPage)).toContain(firstMessage)
    await expectAccessible(readerPage, 'the conversation page (JavaScript off)')
    await submitAndWait(readerPage, `Block ${fern.displayName}`)
    expect(await mainText(readerPage)).toContain(`You have blocked ${fern.displayName}`)
    expect(await readerPage.getByRole('button', { name: `Unblock ${fern.displayName}` }).count()).toBe(1)
    expect(await readerPage.getByLabel('Your reply').count(), 'no reply form while blocking').toBe(0)
    await expectAccessible(readerPage, 'the conversation page after blocking (JavaScript off)')
  })

  it('Fern sees only "This conversation is closed.": no reply form and no word of a block', { timeout: 60_000 }, async () => {
    await goto(writerPage, `/account/messages/${conversationId}`)
    const text = await mainText(writerPage)
    expect(text).toContain('This conversation is closed.')
    expect(text).not.toMatch(/blocked (you|by)/i)
    expect(await writerPage.getByLabel('Your reply').count()).toBe(0)
    // A second try from the byline lands on the same closed conversation.
    await goto(writerPage, `/account/messages/new?threads=${threadId}`)
    expect(new URL(writerPage.url()).pathname).toBe(`/account/messages/${conversationId}`)
    expect(await mainText(writerPage)).toContain('This conversation is closed.')
    await expectAccessible(writerPage, 'the closed conversation (JavaScript on)')
  })

  it('Hazel unblocks; Fern can write again', { timeout: 60_000 }, async () => {
    await goto(readerPage, `/account/messages/${conversationId}`)
    await submitAndWait(readerPage, `Unblock ${fern.displayName}`)
    expect(await mainText(readerPage)).toContain('You have unblocked this member.')
    await goto(writerPage, `/account/messages/${conversationId}`)
    await writerPage.getByLabel('Your reply').fill(`Thank you. ${marker}`)
    await submitAndWait(writerPage, 'Send')
    expect(await mainText(writerPage)).toContain('Your message has been sent.')
    const stored = await settle(() => db().find({ collection: 'messages', where: { conversation: { equals: conversationId } }, overrideAccess: true, depth: 0 }))
    expect(stored.docs.length).toBe(2)
  })
})
