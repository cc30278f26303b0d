// Issue 4, "Tests → Browser": the newcomer's journey through the locality forums, in real Chromium,
// with every email going to a real SMTP server on loopback.
//
// A newcomer joins at /join, confirms their address through the emailed link and signs in; on
// /localities/lancashire-north they follow the link to start a thread, fill in title and body by their
// labels and post it. As a newcomer they are pre-moderated: the thread page and /account show the
// "Awaiting review" banner, and another member cannot see it (404). The moderator approves it through
// POST /api/threads/:id/moderate (the endpoint the admin queue uses; the queue UI is not exercised here)
// and the author is emailed. The demo member (made an established member first) sees the "First post:
// say welcome" marker and replies through the reply form; the author is emailed about the reply with a
// link to the thread and an unsubscribe link, and sees the reply on the thread.
import type { ParsedMail } from 'mailparser'
import type { BrowserContext, Locator, Page, Response } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bootPayload } from '../support/payload.js'
import { addressesOf } from '../support/smtp.js'
import { goto, linksIn, mainText, publicTokenLink, signInWithForm, submitAndWait, uniqueSuffix, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ smtp: true, context: false })

const MEMBER = 'member@waymark.example'
const MODERATOR = 'moderator@waymark.example'
const BANNER = 'Awaiting review: usually within 24 hours. Only you and the moderators can see it.'
const FIRST_POST = 'First post: say welcome'

const suffix = uniqueSuffix()
const newcomer = {
  displayName: `Heysham Rambler ${suffix}`.slice(0, 40),
  email: `rambler-${suffix}@example.org`.toLowerCase(),
  password: 'saltmarsh-curlew-lantern-4',
  memberType: 'in-recovery',
  localityName: 'Lancashire North',
}
const thread = {
  title: `Is there a Tuesday group near Carnforth? ${suffix}`.slice(0, 100),
  body: `I am new here and a bit nervous ${suffix}.\n\nDoes anyone go to a group on Tuesday evenings?`,
}
const reply = { body: `Welcome! The Tuesday group at the library is friendly ${suffix}.` }

let author: BrowserContext
let authorPage: Page
let other: BrowserContext
let otherPage: Page
let moderator: BrowserContext
let moderatorPage: Page
let threadId = ''
let otherDisplayName = ''
/** How many emails had arrived before the reply was sent. */
let mailsBeforeReply = Number.POSITIVE_INFINITY
let payload: Payload | undefined

beforeAll(async () => {
  author = await e2e.browser.newContext({ baseURL: e2e.server.url })
  authorPage = await author.newPage()
  other = await e2e.browser.newContext({ baseURL: e2e.server.url })
  otherPage = await other.newPage()
  moderator = await e2e.browser.newContext({ baseURL: e2e.server.url })
  moderatorPage = await moderator.newPage()
})

afterAll(async () => {
  await author?.close()
  await other?.close()
  await moderator?.close()
})

/** Fills the control named `name` through its <label>, checking the label really names that control. */
async function fillByLabel(form: Locator, name: string, value: string) {
  const label = await form
    .locator(`[name="${name}"]`)
    .first()
    .evaluate((el) => ((el as HTMLInputElement).labels?.[0]?.textContent ?? '').replace(/\s+/g, ' ').trim())
  expect(label, `the "${name}" field has a visible <label>`).not.toBe('')
  const field = form.getByLabel(label)
  expect(await field.getAttribute('name'), `the label "${label}" names the "${name}" field`).toBe(name)
  await field.fill(value)
}

/** Presses the form's (first) submit button and waits for the page the form posts to. */
async function submitForm(page: Page, form: Locator): Promise<Response | null> {
  const button = form.locator('button[type="submit"], button:not([type]), input[type="submit"]').first()
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()])
  return response
}

const mailText = (mail: ParsedMail) => `${mail.subject ?? ''}\n${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`
const subjects = (email: string) =>
  e2e.smtp.messages
    .filter((m) => addressesOf(m).includes(email))
    .map((m) => `- ${m.subject}`)
    .join('\n') || '(none)'

/** Links in an email that are for unsubscribing: by their address, or by the text of the HTML link. */
function unsubscribeLinks(mail: ParsedMail): URL[] {
  const found = linksIn(mail).filter((link) => /unsubscribe/i.test(link.href))
  const html = typeof mail.html === 'string' ? mail.html : ''
  for (const match of html.matchAll(/<a\b[^>]*href="(https?:[^"]+)"[^>]*>([\s\S]*?)<\/a>/gi)) {
    if (/unsubscribe/i.test(match[2]!.replace(/<[^>]+>/g, ''))) found.push(new URL(match[1]!.replace(/&amp;/g, '&')))
  }
  return found
}

describe("the newcomer's journey through a locality forum, in Chromium", () => {
  it('a newcomer joins at /join, confirms their email through the link and signs in', { timeout: 180_000 }, async () => {
    await goto(authorPage, '/join')
    await authorPage.getByLabel('Display name', { exact: true }).fill(newcomer.displayName)
    await authorPage.getByLabel('Email address', { exact: true }).fill(newcomer.email)
    await authorPage.getByLabel('Password', { exact: true }).fill(newcomer.password)
    await authorPage.getByLabel('Which best describes you?').selectOption(newcomer.memberType)
    await authorPage.locator('main form [name="homeLocality"]').selectOption({ label: newcomer.localityName })
    const joined = await submitAndWait(authorPage, 'Join')
    expect(joined?.status(), `joining should succeed:\n${await mainText(authorPage)}`).toBeLessThan(400)

    const mail = await e2e.smtp.waitFor((m) => addressesOf(m).includes(newcomer.email), 30_000)
    const verify = publicTokenLink(mail, e2e.server.url, '/verify')
    const verified = await goto(authorPage, verify.href)
    expect(verified.status(), `the emailed link confirms the address:\n${await mainText(authorPage)}`).toBeLessThan(400)

    await signInWithForm(authorPage, newcomer.email, newcomer.password)
    expect(new URL(authorPage.url()).pathname, `the newcomer signs in:\n${await mainText(authorPage)}`).toBe('/account')
  })

  it('from /localities/lancashire-north they follow the link to start a thread, and post it', async () => {
    const list = await goto(authorPage, '/localities/lancashire-north')
    expect(list.status()).toBe(200)
    const start = authorPage.locator('main a[href^="/threads/new"]')
    expect(await start.count(), 'the locality page links to /threads/new').toBeGreaterThan(0)
    const [opened] = await Promise.all([authorPage.waitForNavigation({ waitUntil: 'load' }), start.first().click()])
    expect(opened?.status()).toBe(200)
    const at = new URL(authorPage.url())
    expect(at.pathname).toBe('/threads/new')
    expect(at.searchParams.get('locality'), 'the link starts a thread in this locality').toBe('lancashire-north')

    const form = authorPage.locator('main form').filter({ has: authorPage.locator('[name="title"]') })
    expect(await form.count(), 'the page has the new-thread form').toBe(1)
    await fillByLabel(form, 'title', thread.title)
    await fillByLabel(form, 'body', thread.body)
    const posted = await submitForm(authorPage, form)
    const text = await mainText(authorPage)
    expect(posted?.status(), `posting the thread should succeed:\n${text}`).toBe(200)
    const match = new URL(authorPage.url()).pathname.match(/^\/threads\/([^/]+)$/)
    expect(match, `after posting, the author lands on /threads/:id, not ${authorPage.url()}:\n${text}`).toBeTruthy()
    threadId = match![1]!
    expect(await authorPage.getByRole('heading', { level: 1 }).innerText()).toBe(thread.title)
    expect(text).toContain(`I am new here and a bit nervous ${suffix}.`)
  })

  it('the author sees "Awaiting review" on the thread page and in /account; another member cannot see it', async () => {
    expect(threadId, 'needs the thread from the step before').not.toBe('')
    await goto(authorPage, `/threads/${threadId}`)
    expect(await mainText(authorPage), 'the pending thread shows the banner to its author').toContain(BANNER)

    await goto(authorPage, '/account')
    const account = await mainText(authorPage)
    expect(account, '/account lists the pending thread').toContain(thread.title)
    expect(account, '/account shows the banner for it').toContain(BANNER)

    await signInWithForm(otherPage, MEMBER, e2e.server.seedPassword)
    expect(new URL(otherPage.url()).pathname, 'the demo member signs in').toBe('/account')
    otherDisplayName = await otherPage.getByLabel('Display name', { exact: true }).inputValue()
    expect(otherDisplayName, 'the demo member has a display name').not.toBe('')
    const hidden = await goto(otherPage, `/threads/${threadId}`)
    expect(hidden.status(), 'a pending thread is 404 for other members').toBe(404)
    expect(await otherPage.content()).not.toContain(thread.title)
  })

  it('the moderator approves it through POST /api/threads/:id/moderate and the author is emailed', { timeout: 180_000 }, async () => {
    expect(threadId, 'needs the thread from the first steps').not.toBe('')
    await signInWithForm(moderatorPage, MODERATOR, e2e.server.seedPassword)
    expect(new URL(moderatorPage.url()).pathname, 'the demo moderator signs in').toBe('/account')
    const before = e2e.smtp.messages.length
    const result = await moderatorPage.evaluate(async (id) => {
      const response = await fetch(`/api/threads/${id}/moderate`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'approve' }),
      })
      return { status: response.status, body: await response.text() }
    }, threadId)
    expect(result.status, `approving the thread: ${result.body}`).toBe(200)

    const approved = await e2e.smtp
      .waitFor((m) => e2e.smtp.messages.indexOf(m) >= before && addressesOf(m).includes(newcomer.email) && /approv|publish|live/i.test(mailText(m)), 60_000)
      .catch(() => null)
    expect(approved, `an email telling the author the thread was approved; the author got:\n${subjects(newcomer.email)}`).not.toBeNull()

    await goto(authorPage, `/threads/${threadId}`)
    expect(await mainText(authorPage), 'once approved, the banner is gone').not.toContain(BANNER)
  })

  it('another member sees the thread with "First post: say welcome", signed with the display name only', async () => {
    const response = await goto(otherPage, `/threads/${threadId}`)
    const text = await mainText(otherPage)
    expect(response.status(), `the approved thread is visible to members:\n${text}`).toBe(200)
    expect(text).toContain(thread.title)
    expect(text, 'the first-post marker is shown to other members').toContain(FIRST_POST)
    expect(text, 'the author is shown by display name').toContain(newcomer.displayName)
    expect(await otherPage.content(), 'the author is never shown by email').not.toContain(newcomer.email)
    expect(text).not.toContain(BANNER)
  })

  it('the demo member (an established member) replies through the reply form', async () => {
    payload = await bootPayload({ databaseUrl: e2e.server.databaseUrl, dataDir: e2e.server.dataDir, mediaDir: e2e.server.mediaDir })
    const found = await payload.find({ collection: 'users', where: { email: { equals: MEMBER } }, overrideAccess: true, depth: 0 })
    const user = found.docs[0] as unknown as { id: string | number; approvedPostCount?: number | null } | undefined
    expect(user, 'the demo member exists').toBeTruthy()
    if ((user!.approvedPostCount ?? 0) < 3) {
      await payload.update({ collection: 'users', id: user!.id, data: { approvedPostCount: 3 } as never, overrideAccess: true })
    }

    await goto(otherPage, `/threads/${threadId}`)
    const form = otherPage.locator('main form[action$="/replies"]')
    expect(await form.count(), 'the thread page has a reply form for members').toBe(1)
    expect(await form.getAttribute('action')).toMatch(new RegExp(`/threads/${threadId}/replies$`))
    await fillByLabel(form, 'body', reply.body)
    mailsBeforeReply = e2e.smtp.messages.length
    const sent = await submitForm(otherPage, form)
    const text = await mainText(otherPage)
    expect(sent?.status(), `replying should succeed:\n${text}`).toBe(200)
    const at = new URL(otherPage.url())
    expect(at.pathname, 'after replying, the member is back on the thread').toBe(`/threads/${threadId}`)
    expect(at.hash, 'the redirect points at the new reply').toMatch(/^#reply-[^/]+$/)
    expect(await otherPage.locator(at.hash).count(), `the page has the reply's anchor ${at.hash}`).toBe(1)
    expect(text).toContain(reply.body)
    expect(text, 'an established member is not pre-moderated').not.toContain(BANNER)
  })

  it('the author is emailed about the reply, with a link to the thread and an unsubscribe link', { timeout: 180_000 }, async () => {
    const mail = await e2e.smtp.waitFor((m) => e2e.smtp.messages.indexOf(m) >= mailsBeforeReply && addressesOf(m).includes(newcomer.email) && /repl/i.test(mailText(m)), 60_000).catch(() => null)
    expect(mail, `a reply notification to the author; the author got:\n${subjects(newcomer.email)}`).not.toBeNull()
    const origin = new URL(e2e.server.url).origin
    const links = linksIn(mail!)
    const described = links.map((l) => l.href).join('\n  ') || '(none)'
    expect(
      links.some((l) => l.origin === origin && l.pathname === `/threads/${threadId}`),
      `the email links to the thread (${origin}/threads/${threadId}):\n  ${described}`,
    ).toBe(true)
    for (const link of links) expect(link.pathname, `email links must not point into /admin:\n  ${described}`).not.toMatch(/^\/admin/)
    const unsubscribe = unsubscribeLinks(mail!)
    expect(unsubscribe.length, `the email has an unsubscribe link:\n  ${described}`).toBeGreaterThan(0)
    expect(unsubscribe[0]!.origin, 'the unsubscribe link is on the site').toBe(origin)
    expect(mailText(mail!), "the email never shows the replier's email address").not.toContain(MEMBER)
  })

  it('the reply appears on the thread for the author', async () => {
    const response = await goto(authorPage, `/threads/${threadId}`)
    expect(response.status()).toBe(200)
    const text = await mainText(authorPage)
    expect(text).toContain(reply.body)
    expect(text, 'the reply is signed with the replier display name').toContain(otherDisplayName)
    expect(await authorPage.content(), 'the replier is never shown by email').not.toContain(MEMBER)
  })
})
