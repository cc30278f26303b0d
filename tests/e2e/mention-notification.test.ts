// Issue 16 B, browser journey "mention with notification", in real Chromium with real SMTP on loopback.
// A member (JavaScript on) starts a thread in the county forum that mentions a friend as @display-name. The
// friend gets an email saying they were mentioned (with none of the thread's words), signs in with
// JavaScript switched off, sees "Notifications 1 new" in the header, opens /notifications, follows the link
// to the thread, follows the thread with the plain form, and marks everything read. The writer replies:
// the friend, as a follower, is notified, and the forum list and the thread say what is new since their
// last visit. Every page the friend sees passes axe-core at phone and desktop sizes.
import type { ParsedMail } from 'mailparser'
import type { BrowserContext, Page } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { createMember } from '../support/members.js'
import { bootPayload, settle } from '../support/payload.js'
import { addressesOf } from '../support/smtp.js'
import { formatViolations, goto, mainText, normalise, signInWithForm, submitAndWait, uniqueSuffix, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ smtp: true, context: false })
const suffix = uniqueSuffix()

const SIZES = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const

let payload: Payload
let writer: { email: string; password: string; displayName: string }
let friend: { email: string; password: string; displayName: string }
let writerContext: BrowserContext
let writerPage: Page
let friendContext: BrowserContext // JavaScript off
let friendPage: Page
let threadPath = ''
const title = `Walking group at the canal ${suffix}`
const secretWords = `heronwake${suffix}`

const mailText = (mail: ParsedMail) => `${mail.subject ?? ''}\n${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`
const to = (email: string) => (mail: ParsedMail) => addressesOf(mail).includes(email.toLowerCase())

/**
 * axe-core on exactly what the friend (JavaScript off) was shown: the same HTML, served at the same address
 * to a context that can run axe, with the site's own stylesheet (opening the page again would move the
 * friend's place in the thread).
 */
async function expectAccessible(page: Page, where: string) {
  const html = await page.content()
  const url = page.url()
  const context = await e2e.browser.newContext({ baseURL: e2e.server.url, bypassCSP: true })
  try {
    const checker = await context.newPage()
    await checker.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }))
    await checker.goto(url, { waitUntil: 'load' })
    for (const size of SIZES) {
      await checker.setViewportSize(size)
      const violations = await axeViolations(checker)
      expect(violations, `${where} at ${size.width}px:\n${formatViolations(violations)}`).toEqual([])
    }
  } finally {
    await context.close()
  }
}

async function header(page: Page): Promise<string> {
  return normalise(await page.locator('header nav[aria-label="Account"]').innerText())
}

beforeAll(async () => {
  payload = await bootPayload({ databaseUrl: e2e.server.databaseUrl, dataDir: e2e.server.dataDir, mediaDir: e2e.server.mediaDir })
  const made = await Promise.all(
    ['Rowan', 'Ash'].map(async (name) => {
      const member = await settle(() => createMember(payload, { displayName: `${name} ${suffix}`.slice(0, 40) }))
      await settle(() => payload.update({ collection: 'users', id: member.id, data: { approvedPostCount: 3 } as never, overrideAccess: true }))
      return { email: member.email, password: member.password, displayName: String(member.displayName) }
    }),
  )
  ;[writer, friend] = made as [typeof writer, typeof friend]
  // The writer starts a thread and replies within a minute: posting limits have their own tests.
  await settle(() => payload.updateGlobal({ slug: 'moderation-settings', data: { memberPostIntervalSeconds: 0, newMemberPostIntervalSeconds: 0 } as never, overrideAccess: true }))
  writerContext = await e2e.browser.newContext({ baseURL: e2e.server.url, bypassCSP: true })
  writerPage = await writerContext.newPage()
  friendContext = await e2e.browser.newContext({ baseURL: e2e.server.url, bypassCSP: true, javaScriptEnabled: false })
  friendPage = await friendContext.newPage()
}, 120_000)

afterAll(async () => {
  await writerContext?.close()
  await friendContext?.close()
})

describe('mention with notification', () => {
  it('the writer starts a thread that mentions the friend', async () => {
    await signInWithForm(writerPage, writer.email, writer.password)
    await goto(writerPage, '/threads/new?locality=lancashire-county')
    await writerPage.locator('main form [name="title"]').fill(title)
    await writerPage.locator('main form [name="body"]').fill(`Is anyone walking on Saturday? @${friend.displayName} you said you might. ${secretWords}`)
    await submitAndWait(writerPage, 'Post')
    threadPath = new URL(writerPage.url()).pathname
    expect(threadPath).toMatch(/^\/threads\/\d+$/)
    // The mention is drawn as the plain text that was typed: no link, nothing that says the name is real.
    const body = await writerPage.locator('article.post .post__body').first().innerHTML()
    expect(body).toContain(`@${friend.displayName}`)
    expect(body).not.toContain('<a')
  })

  it('the friend is emailed that they were mentioned, without the thread’s words', async () => {
    const mail = await e2e.smtp.waitFor((m) => to(friend.email)(m) && /mentioned you/.test(m.subject ?? ''), 30_000)
    const text = mailText(mail)
    expect(text).toContain(writer.displayName)
    expect(text).toContain(title)
    expect(text).not.toContain(secretWords)
  })

  it('without JavaScript, the friend sees the count in the header and the notification', async () => {
    await signInWithForm(friendPage, friend.email, friend.password)
    await goto(friendPage, '/stories')
    expect(await header(friendPage)).toContain('Notifications 1 new')
    await goto(friendPage, '/notifications')
    const text = await mainText(friendPage)
    expect(text).toContain(`${writer.displayName} mentioned you in “${title}”`)
    expect(text).not.toContain(secretWords)
    await expectAccessible(friendPage, '/notifications')
  })

  it('follows the link to the thread, and follows the thread with the plain form', async () => {
    await Promise.all([
      friendPage.waitForNavigation({ waitUntil: 'load' }),
      friendPage
        .locator('main')
        .getByRole('link', { name: new RegExp(`mentioned you in “${title}”`) })
        .click(),
    ])
    expect(new URL(friendPage.url()).pathname).toBe(threadPath)
    await submitAndWait(friendPage, 'Follow this thread')
    expect(await mainText(friendPage)).toContain('You follow this thread.')
    await expectAccessible(friendPage, threadPath)
  })

  it('marks everything read: the header count goes', async () => {
    await goto(friendPage, '/notifications')
    await submitAndWait(friendPage, 'Mark all read')
    expect(await mainText(friendPage)).toContain('Nothing new')
    expect(await header(friendPage)).not.toMatch(/Notifications \d+ new/)
  })

  it('a reply in the followed thread notifies the friend, and is marked as new in the list and the thread', async () => {
    await goto(writerPage, threadPath)
    const reply = `Great, see you by the lock gates ${suffix}.`
    await writerPage.locator('main form [name="body"]').fill(reply)
    await submitAndWait(writerPage, 'Post reply')

    await goto(friendPage, '/notifications')
    expect(await mainText(friendPage)).toContain(`${writer.displayName} replied in “${title}”`)
    expect(await header(friendPage)).toContain('Notifications 1 new')

    await goto(friendPage, '/localities/lancashire-county')
    const item = normalise(await friendPage.locator('li.thread-list__item', { hasText: title }).innerText())
    expect(item).toContain('1 new reply')
    await expectAccessible(friendPage, '/localities/lancashire-county')

    await goto(friendPage, threadPath)
    const marked = friendPage.locator('article.post', { has: friendPage.locator('#new-since-last-visit') })
    expect(normalise(await marked.innerText())).toContain(reply)
    await expectAccessible(friendPage, `${threadPath} with the new-reply marker`)
  })
})
