// Issue 10 part 4, "a private line from moderators to members", in real Chromium with real SMTP on
// loopback. The established demo member writes crisis words in a reply in the public county forum: the
// reply is held (a visitor does not see it), the crisis panel shows at once, and a safeguarding lead
// gets the urgent email without any of the member's words. The demo moderator signs in to /admin,
// finds the crisis alert in /admin/queue, types a private message and presses "Send a private message".
// The member gets an email that says there is a message (not what it says), signs in with JavaScript
// switched off, sees "Messages 1 new" in the header, reads the message and replies through the plain
// form; the reply is there for the moderator at /account/messages/:id. The member's pages are
// screenshotted at 390 px and 1280 px and checked with axe-core at both sizes.
import fs from 'node:fs'
import path from 'node:path'
import type { ParsedMail } from 'mailparser'
import type { BrowserContext, Page } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { tempDir } from '../support/env.js'
import { createMember } from '../support/members.js'
import { bootPayload, settle } from '../support/payload.js'
import { addressesOf } from '../support/smtp.js'
import { formatViolations, goto, linksIn, mainText, normalise, signInWithForm, submitAndWait, uniqueSuffix, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ smtp: true, context: false })

const MEMBER = 'member@waymark.example'
const MODERATOR = 'moderator@waymark.example' // unscoped moderator
const suffix = uniqueSuffix()

// Distinctive words in everything written, so a test can prove a text never reaches where it must not.
const replyMarker = `lanternfish${suffix}`
const crisisReply = `${replyMarker} I want to kill myself tonight and I have told nobody at quillmoor`
const REPLY_WORDS = [replyMarker, 'kill', 'myself', 'tonight', 'quillmoor']
const staffMarker = `halyard${suffix}`
const staffMessage = `Hello, I read what you wrote. ${staffMarker} Are you somewhere safe right now?`
const memberMarker = `brackenfold${suffix}`
const memberReply = `Thank you for writing. ${memberMarker} I am at my sister's house tonight.`

const SCREEN_SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const

let payload: Payload
const db = () => payload as any
let shotsDir = ''
let lead: { email: string; password: string; id: number | string }
let memberName = ''
let threadId = ''
let replyId = ''
let alertId = ''
let conversationId = ''
let mailsBeforeReply = 0
let mailsBeforeMessage = 0
let mailsBeforeMemberReply = 0

let author: BrowserContext // the member writing the crisis reply (JavaScript on, as most people have)
let authorPage: Page
let reader: BrowserContext // the member reading their message (JavaScript off)
let readerPage: Page
let moderator: BrowserContext
let moderatorPage: Page

const mailText = (mail: ParsedMail) => `${mail.subject ?? ''}\n${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`
const wordsIn = (text: string, words: string[]) => words.filter((w) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text))
const after = (from: number) => (m: ParsedMail) => e2e.smtp.messages.indexOf(m) >= from

async function visitorPage(path: string): Promise<{ status: number; html: string }> {
  const fresh = await e2e.browser.newContext({ baseURL: e2e.server.url })
  try {
    const page = await fresh.newPage()
    const response = await goto(page, path)
    return { status: response.status(), html: await page.content() }
  } finally {
    await fresh.close()
  }
}

async function expectCrisisPanel(page: Page, where: string) {
  const panel = page.locator('section.crisis-panel')
  expect(await panel.count(), `${where}: a <section class="crisis-panel">`).toBeGreaterThan(0)
  expect(await panel.first().isVisible(), `${where}: the panel is visible`).toBe(true)
  expect(normalise(await panel.first().getByRole('heading').first().innerText()), `${where}: the panel's heading`).toBe('Are you safe right now?')
  const text = normalise(await panel.first().innerText())
  expect(text, `${where}: Samaritans`).toMatch(/Samaritans[\s\S]*116\s?123/)
  expect(text, `${where}: 999`).toMatch(/\b999\b/)
}

async function adminSignIn(p: Page, email: string, password: string) {
  await goto(p, '/admin/login')
  await p.locator('input[name="email"]').fill(email)
  await p.locator('input[name="password"]').fill(password)
  await p.getByRole('button', { name: /log ?in/i }).click()
  await p.waitForURL((u) => u.pathname.startsWith('/admin') && !u.pathname.startsWith('/admin/login'), { timeout: 60_000 })
}

beforeAll(async () => {
  payload = await bootPayload({ databaseUrl: e2e.server.databaseUrl, dataDir: e2e.server.dataDir, mediaDir: e2e.server.mediaDir })
  shotsDir = tempDir('waymark-private-line-')
  const created = await settle(() => createMember(payload, { displayName: `Lead ${suffix}`.slice(0, 40) }))
  await settle(() => db().update({ collection: 'users', id: created.id, data: { isSafeguardingLead: true }, overrideAccess: true }))
  lead = { email: String(created.email).toLowerCase(), password: created.password, id: created.id }
  const member = (await settle(() => db().find({ collection: 'users', where: { email: { equals: MEMBER } }, overrideAccess: true, depth: 0, limit: 1 }))).docs[0]
  if (!member) throw new Error('Arrange failed: no demo member')
  memberName = String(member.displayName)
  const county = (await settle(() => db().find({ collection: 'localities', where: { slug: { equals: 'lancashire-county' } }, overrideAccess: true, depth: 0, limit: 1 }))).docs[0]
  const thread = (
    await settle(() =>
      db().find({ collection: 'threads', where: { and: [{ locality: { equals: county.id } }, { status: { equals: 'published' } }] }, sort: 'createdAt', overrideAccess: true, depth: 0, limit: 1 }),
    )
  ).docs[0]
  if (!thread) throw new Error('Arrange failed: no published thread in the public county forum')
  threadId = String(thread.id)

  author = await e2e.browser.newContext({ baseURL: e2e.server.url })
  authorPage = await author.newPage()
  reader = await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: false })
  readerPage = await reader.newPage()
  moderator = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: { width: 1440, height: 1000 } })
  moderatorPage = await moderator.newPage()
}, 180_000)

afterAll(async () => {
  await author?.close()
  await reader?.close()
  await moderator?.close()
})

describe('a crisis reply: held, the crisis panel at once, the leads alerted without the words', () => {
  it('the demo member replies in a public thread with crisis words; the crisis panel shows on the page they land on', { timeout: 180_000 }, async () => {
    await signInWithForm(authorPage, MEMBER, e2e.server.seedPassword)
    expect(new URL(authorPage.url()).pathname).toBe('/account')
    await goto(authorPage, `/threads/${threadId}`)
    const form = authorPage.getByRole('form', { name: 'Reply to this thread' })
    await form.getByLabel('Your reply').fill(crisisReply)
    mailsBeforeReply = e2e.smtp.messages.length
    const [response] = await Promise.all([authorPage.waitForNavigation({ waitUntil: 'load' }), form.getByRole('button', { name: 'Post reply' }).click()])
    expect(response?.status(), `posting the reply: ${await mainText(authorPage)}`).toBeLessThan(400)
    const url = new URL(authorPage.url())
    expect(url.pathname).toBe(`/threads/${threadId}`)
    replyId = url.hash.match(/^#reply-(.+)$/)?.[1] ?? ''
    expect(replyId, `the page after posting points at the reply (${authorPage.url()})`).not.toBe('')
    await expectCrisisPanel(authorPage, 'the thread page right after replying')

    const stored = await settle(() => db().findByID({ collection: 'replies', id: replyId, overrideAccess: true, depth: 0 }))
    expect(stored.crisisHold, 'the reply is held for crisis words').toBe(true)
    expect(stored.status, 'a held reply is not published').not.toBe('published')
    const alerts = await settle(() =>
      db().find({ collection: 'crisis-alerts', where: { and: [{ targetCollection: { equals: 'replies' } }, { targetId: { equals: String(replyId) } }] }, overrideAccess: true, depth: 0 }),
    )
    expect(alerts.docs.length, 'one crisis alert for the reply').toBe(1)
    alertId = String(alerts.docs[0].id)
  })

  it('a visitor does not see the held reply', async () => {
    const { status, html } = await visitorPage(`/threads/${threadId}`)
    expect(status, 'the public thread itself is public').toBe(200)
    expect(wordsIn(html, [replyMarker, 'quillmoor'])).toEqual([])
  })

  it('the safeguarding leads get the urgent email at once, without any of the reply’s words', { timeout: 60_000 }, async () => {
    for (const address of [lead.email, MODERATOR]) {
      const mail = await e2e.smtp.waitFor((m) => after(mailsBeforeReply)(m) && addressesOf(m).includes(address) && /^Urgent safeguarding check/.test(m.subject ?? ''), 30_000)
      expect(wordsIn(mailText(mail), REPLY_WORDS), `the urgent email to ${address} must not quote the member`).toEqual([])
    }
    const toMember = e2e.smtp.messages.filter((m) => after(mailsBeforeReply)(m) && addressesOf(m).includes(MEMBER))
    for (const mail of toMember) expect(wordsIn(mailText(mail), REPLY_WORDS), `an email to the member (${mail.subject})`).toEqual([])
  })
})

describe('the moderator sends a private message from the queue; the member reads it without JavaScript and replies', () => {
  it('the moderator finds the crisis alert in /admin/queue and sends a private message', { timeout: 120_000 }, async () => {
    await adminSignIn(moderatorPage, MODERATOR, e2e.server.seedPassword)
    await goto(moderatorPage, '/admin/queue')
    const alert = moderatorPage.locator(`li[id="crisis-${alertId}"]`)
    await alert.waitFor({ state: 'visible', timeout: 60_000 })
    const section = moderatorPage.locator('section').filter({ has: moderatorPage.getByRole('heading', { name: 'Crisis alerts' }) })
    expect(await section.locator(`li[id="crisis-${alertId}"]`).count(), 'the alert is in the "Crisis alerts" section').toBe(1)
    const alertText = normalise(await alert.innerText())
    expect(alertText, 'the alert names the member').toContain(memberName)
    expect(alertText, 'the alert says what matched').toMatch(/Matched: \S/)
    expect(await alert.locator(`a[href*="${replyId}"]`).count(), 'the alert links to the held reply').toBeGreaterThan(0)
    await moderatorPage.waitForLoadState('networkidle')

    const box = alert.getByRole('textbox', { name: `Private message to ${memberName}` })
    await box.fill(staffMessage)
    mailsBeforeMessage = e2e.smtp.messages.length
    const posted = moderatorPage.waitForResponse((r) => new URL(r.url()).pathname === '/api/conversations/start' && r.request().method() === 'POST', { timeout: 20_000 })
    await alert.getByRole('button', { name: 'Send a private message' }).click()
    const response = await posted
    const body = await response.text()
    expect(response.status(), `POST /api/conversations/start: ${body}`).toBe(201)
    const json = JSON.parse(body)
    expect(json.ok).toBe(true)
    conversationId = String(json.conversation)
    await alert.getByText(/^Sent\./).waitFor({ state: 'visible', timeout: 10_000 })
    const open = alert.getByRole('link', { name: 'Open the conversation' })
    expect(await open.getAttribute('href')).toBe(`/account/messages/${conversationId}`)

    const messages = await settle(() => db().find({ collection: 'messages', where: { conversation: { equals: conversationId } }, overrideAccess: true, depth: 0 }))
    expect(messages.docs.map((m: any) => m.body)).toEqual([staffMessage])
  })

  it('the member is emailed that there is a message, with a link to it and without its text', { timeout: 60_000 }, async () => {
    const mail = await e2e.smtp.waitFor((m) => after(mailsBeforeMessage)(m) && addressesOf(m).includes(MEMBER), 30_000)
    expect(mail.subject).toBe('You have a private message on Waymark')
    expect(mailText(mail), 'the email does not carry the message').not.toContain(staffMarker)
    expect(mailText(mail)).not.toContain('somewhere safe')
    const links = linksIn(mail).filter((l) => l.origin === new URL(e2e.server.url).origin)
    expect(
      links.map((l) => l.pathname),
      'the email links to the conversation',
    ).toContain(`/account/messages/${conversationId}`)
    const others = e2e.smtp.messages.filter((m) => after(mailsBeforeMessage)(m) && !addressesOf(m).includes(MEMBER))
    expect(
      others.map((m) => `${addressesOf(m).join(',')}: ${m.subject}`),
      'nobody else is emailed about the message',
    ).toEqual([])
  })

  it('the member signs in with JavaScript off and sees "Messages" with "1 new" in the header', { timeout: 60_000 }, async () => {
    await readerPage.setContent('<p id="x">off</p><script>document.getElementById("x").textContent = "on"</script>')
    expect(await readerPage.locator('#x').innerText(), 'JavaScript is really off in this context').toBe('off')
    await signInWithForm(readerPage, MEMBER, e2e.server.seedPassword)
    expect(new URL(readerPage.url()).pathname).toBe('/account')
    const link = readerPage.locator('header a[href="/account/messages"]')
    expect(await link.count(), 'the header links to Messages').toBe(1)
    expect(normalise(await link.innerText())).toMatch(/^Messages\s*1 new$/)
  })

  it('the member opens the conversation and reads the moderator’s message', { timeout: 60_000 }, async () => {
    await Promise.all([readerPage.waitForNavigation({ waitUntil: 'load' }), readerPage.locator('header a[href="/account/messages"]').click()])
    expect(new URL(readerPage.url()).pathname).toBe('/account/messages')
    const item = readerPage.locator(`main a[href="/account/messages/${conversationId}"]`)
    expect(await item.count(), 'the list links to the conversation').toBe(1)
    await Promise.all([readerPage.waitForNavigation({ waitUntil: 'load' }), item.click()])
    expect(new URL(readerPage.url()).pathname).toBe(`/account/messages/${conversationId}`)
    const text = await mainText(readerPage)
    expect(text, 'the moderator’s message is on the page').toContain(staffMessage)
    expect(text, 'the sender is shown as staff').toMatch(/moderator|safeguarding lead/i)
    expect(normalise(await readerPage.locator('header a[href="/account/messages"]').innerText()), 'once read it is no longer new').toBe('Messages')
  })

  it('the member replies through the form (no JavaScript); the page says it was sent', { timeout: 60_000 }, async () => {
    await readerPage.getByRole('form', { name: 'Reply' }).getByLabel('Your reply').fill(memberReply)
    mailsBeforeMemberReply = e2e.smtp.messages.length
    const response = await submitAndWait(readerPage, 'Send')
    expect(response?.status(), await mainText(readerPage)).toBe(200)
    expect(new URL(readerPage.url()).pathname).toBe(`/account/messages/${conversationId}`)
    const text = await mainText(readerPage)
    expect(text).toContain('Your message has been sent.')
    expect(text).toContain(memberReply)
    expect(text).toContain(staffMessage)
    expect(await readerPage.locator('section.crisis-panel').count(), 'an ordinary reply shows no crisis panel').toBe(0)
  })

  it('the leads are told a member replied, without the reply; the member is not emailed about their own reply', { timeout: 60_000 }, async () => {
    const mail = await e2e.smtp.waitFor((m) => after(mailsBeforeMemberReply)(m) && addressesOf(m).includes(lead.email), 30_000)
    expect(mail.subject).toBe('A member replied on a private line')
    expect(mailText(mail)).not.toContain(memberMarker)
    expect(mailText(mail)).not.toContain('sister')
    await new Promise((r) => setTimeout(r, 3000))
    const later = e2e.smtp.messages.filter(after(mailsBeforeMemberReply))
    for (const m of later) expect(wordsIn(mailText(m), [memberMarker, staffMarker]), `${m.subject}`).toEqual([])
    expect(later.filter((m) => addressesOf(m).includes(MEMBER)).map((m) => m.subject)).toEqual([])
  })

  it('the reply is there for the moderator at /account/messages/:id', { timeout: 60_000 }, async () => {
    const response = await goto(moderatorPage, `/account/messages/${conversationId}`)
    expect(response.status()).toBe(200)
    const text = await mainText(moderatorPage)
    expect(text).toContain(memberReply)
    expect(text).toContain(staffMessage)
    expect(text, 'the moderator sees whose line it is').toContain(memberName)
  })
})

describe('the member’s message pages: screenshots and accessibility at 390 px and 1280 px', () => {
  it('screenshots of the conversation page at both sizes', { timeout: 60_000 }, async () => {
    for (const size of SCREEN_SIZES) {
      await readerPage.setViewportSize({ width: size.width, height: size.height })
      const response = await goto(readerPage, `/account/messages/${conversationId}`)
      expect(response.status()).toBe(200)
      const file = path.join(shotsDir, `private-line-conversation-${size.width}.png`)
      await readerPage.screenshot({ path: file, fullPage: true })
      expect(fs.statSync(file).size, file).toBeGreaterThan(1000)
    }
  })

  it('axe-core finds no violations on /account/messages and /account/messages/:id at 390 px and 1280 px', { timeout: 120_000 }, async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.server.url, bypassCSP: true })
    try {
      const page = await context.newPage()
      await signInWithForm(page, MEMBER, e2e.server.seedPassword)
      const found: string[] = []
      for (const size of SCREEN_SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height })
        for (const p of ['/account/messages', `/account/messages/${conversationId}`]) {
          const response = await goto(page, p)
          expect(response.status(), p).toBe(200)
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
          if (overflow > 0) found.push(`${p} at ${size.width} px: the page scrolls sideways by ${overflow} px`)
          const violations = await axeViolations(page)
          if (violations.length) found.push(`${p} at ${size.width} px:\n${formatViolations(violations)}`)
        }
      }
      expect(found.join('\n\n'), 'axe-core violations (and sideways scrolling)').toBe('')
    } finally {
      await context.close()
    }
  })
})
