// Issue 12, part C, "Browser journeys": a role badge confirmed by a moderator, in real Chromium
// (/work/i12-spec.md "C. Roles that are what they claim").
//
// Arranged: a member who says they are a professional (memberType professional, unconfirmed) starts a
// thread in the public county forum over REST. A visitor reads it: the byline says
// "Says: professional" (.badge--self) and has no confirmed-role badge. The demo moderator signs in to
// the admin, opens /admin/queue, finds "Roles to confirm" with the member listed, and presses
// "Confirm role". After a reload the member is no longer waiting there. The visitor reads the thread
// again: the byline now carries <span class="badge badge--role">Professional</span> and no "Says:".
// axe-core finds nothing on the thread page, at desktop and phone sizes.
import type { BrowserContext, Page } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { bootPayload, settle } from '../support/payload.js'
import { DESKTOP, PHONE, formatViolations, goto, normalise, uniqueSuffix, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ context: false })

const MODERATOR = 'moderator@waymark.example'
const FORUM = 'lancashire-county'
const suffix = uniqueSuffix()

let payload: Payload
let moderator: BrowserContext
let visitor: BrowserContext
let adminPage: Page
let visitorPage: Page
let pro: { id: string; email: string; password: string; displayName: string }
let thread: { id: string; marker: string }
let moderatorId: string
let confirmedInAdmin = false

const db = () => payload as any
const storedUser = (id: string) => settle<any>(() => db().findByID({ collection: 'users', id, overrideAccess: true, depth: 0 }))

async function adminSignIn(p: Page, email: string, password: string) {
  await goto(p, '/admin/login')
  await p.locator('input[name="email"]').fill(email)
  await p.locator('input[name="password"]').fill(password)
  await p.getByRole('button', { name: /log ?in/i }).click()
  await p.waitForURL((u) => u.pathname.startsWith('/admin') && !u.pathname.startsWith('/admin/login'), { timeout: 60_000 })
}

/** The badges in the byline of the post that holds the thread's marker, as a visitor sees them. */
async function bylineBadges(p: Page): Promise<{ classes: string[]; text: string }[]> {
  await goto(p, `/threads/${thread.id}`)
  const article = p.locator('main article').filter({ hasText: thread.marker })
  expect(await article.count(), 'one article holds the thread').toBe(1)
  return article.locator('.badge').evaluateAll((els) => els.map((el) => ({ classes: [...el.classList], text: (el.textContent ?? '').replace(/\s+/g, ' ').trim() })))
}

const describeBadges = (badges: { classes: string[]; text: string }[]) => badges.map((b) => `.${b.classes.join('.')} "${b.text}"`).join(', ') || '(no badges)'

/** The queue's item for the member in "Roles to confirm": a list item naming them with a "Confirm role" button. */
const roleItem = (p: Page) =>
  p
    .locator('li')
    .filter({ hasText: pro.displayName })
    .filter({ has: p.getByRole('button', { name: 'Confirm role', exact: true }) })

beforeAll(async () => {
  payload = await bootPayload({ databaseUrl: e2e.server.databaseUrl, dataDir: e2e.server.dataDir, mediaDir: e2e.server.mediaDir })
  await settle(() => db().updateGlobal({ slug: 'moderation-settings', overrideAccess: true, data: { newMemberPostIntervalSeconds: 0, memberPostIntervalSeconds: 0 } }))
  const localities = await settle(() => db().find({ collection: 'localities', where: { slug: { equals: FORUM } }, overrideAccess: true, limit: 1, depth: 0 }))
  const mods = await settle(() => db().find({ collection: 'users', where: { email: { equals: MODERATOR } }, overrideAccess: true, limit: 1, depth: 0 }))
  moderatorId = String(mods.docs[0].id)

  const member = await settle(() => createMember(payload, { memberType: 'professional', displayName: `Harbour Nurse ${suffix}`.slice(0, 40) }))
  await settle(() => db().update({ collection: 'users', id: member.id, data: { approvedPostCount: 3 }, overrideAccess: true }))
  pro = { id: String(member.id), email: member.email, password: member.password, displayName: member.displayName }

  const client = new WebClient(e2e.server.url)
  const login = await client.json('POST', '/api/users/login', { email: pro.email, password: pro.password })
  const token = ((await login.json()) as { token?: string }).token
  if (!token) throw new Error(`Arrange failed: REST login gave ${login.status}`)
  const marker = `clinic-hours-${suffix}`
  const posted = await new WebClient(e2e.server.url).json(
    'POST',
    '/api/threads',
    { locality: localities.docs[0].id, title: `Evening clinic hours ${suffix}`, body: `I work at the Preston clinic; ask me about ${marker}.` },
    { headers: { authorization: `JWT ${token}` } },
  )
  const doc = ((await posted.json()) as { doc?: { id: string; status: string } }).doc
  if (posted.status !== 201 || !doc) throw new Error(`Arrange failed: POST /api/threads gave ${posted.status}`)
  thread = { id: String(doc.id), marker }
  if ((await settle(() => db().findByID({ collection: 'threads', id: doc.id, overrideAccess: true, depth: 0 }))).status !== 'published') {
    await settle(() => db().update({ collection: 'threads', id: doc.id, data: { status: 'published' }, overrideAccess: true }))
  }
  if ((await storedUser(pro.id)).memberTypeConfirmed) throw new Error('Arrange failed: the member starts confirmed')

  moderator = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: { width: 1600, height: 1000 } })
  visitor = await e2e.browser.newContext({ baseURL: e2e.server.url, bypassCSP: true, viewport: DESKTOP })
  adminPage = await moderator.newPage()
  visitorPage = await visitor.newPage()
}, 180_000)

afterAll(async () => {
  await moderator?.close()
  await visitor?.close()
})

describe('a moderator confirms a member’s role in the queue, and the byline changes', () => {
  it('before: the thread’s byline says "Says: professional" and has no role badge', async () => {
    const badges = await bylineBadges(visitorPage)
    expect(
      badges.filter((b) => b.classes.includes('badge--self')).map((b) => b.text),
      describeBadges(badges),
    ).toEqual(['Says: professional'])
    expect(
      badges.filter((b) => b.classes.includes('badge--role')),
      describeBadges(badges),
    ).toEqual([])
  })

  it('the moderator opens /admin/queue, finds "Roles to confirm" with the member, and presses "Confirm role"', { timeout: 120_000 }, async () => {
    await adminSignIn(adminPage, MODERATOR, e2e.server.seedPassword)
    await goto(adminPage, '/admin/queue')
    const heading = adminPage.getByRole('heading', { name: 'Roles to confirm', exact: true })
    await expect.poll(() => heading.count(), { timeout: 60_000, message: 'the queue has a heading "Roles to confirm"' }).toBeGreaterThan(0)
    const item = roleItem(adminPage)
    await expect.poll(() => item.count(), { timeout: 60_000, message: `"Roles to confirm" lists ${pro.displayName} with a "Confirm role" button` }).toBeGreaterThan(0)
    expect(await item.count(), 'the member is listed once, with a "Confirm role" button').toBe(1)
    expect(await item.getByRole('button', { name: 'Not confirmed', exact: true }).count(), 'and a "Not confirmed" button').toBe(1)
    const after = await heading.first().evaluate((h, li) => Boolean(h.compareDocumentPosition(li as Node) & Node.DOCUMENT_POSITION_FOLLOWING), await item.elementHandle())
    expect(after, 'the member is listed under "Roles to confirm"').toBe(true)
    expect(normalise(await item.innerText()), 'the item shows the role the member claims').toMatch(/professional/i)

    const posted = adminPage.waitForResponse((r) => r.request().method() === 'POST' && !/payload-preferences|refresh-token|\/api\/access\b/.test(r.url()), { timeout: 15_000 })
    await item.getByRole('button', { name: 'Confirm role', exact: true }).click()
    const response = await posted
    expect(response.status(), `confirming is accepted: ${await response.text().catch(() => '')}`).toBeLessThan(300)

    // The confirmation holds after a reload, and the member no longer waits in the list.
    await expect.poll(async () => Boolean((await storedUser(pro.id)).memberTypeConfirmed), { timeout: 15_000 }).toBe(true)
    await adminPage.reload({ waitUntil: 'load' })
    await expect.poll(() => heading.count(), { timeout: 60_000, message: 'after a reload the queue still has "Roles to confirm"' }).toBeGreaterThan(0)
    expect(await roleItem(adminPage).count(), 'after a reload the member is no longer waiting for confirmation').toBe(0)
    const user = await storedUser(pro.id)
    expect(user.memberTypeConfirmed).toBe(true)
    expect(String(typeof user.memberTypeConfirmedBy === 'object' && user.memberTypeConfirmedBy ? user.memberTypeConfirmedBy.id : user.memberTypeConfirmedBy), 'who confirmed it is recorded').toBe(
      moderatorId,
    )
    expect(user.memberTypeConfirmedAt, 'when it was confirmed is recorded').toBeTruthy()
    confirmedInAdmin = true
  })

  it('after: the thread’s byline shows <span class="badge badge--role">Professional</span> and no "Says:"', async () => {
    expect(confirmedInAdmin, 'needs the confirmation in the queue first').toBe(true)
    const badges = await bylineBadges(visitorPage)
    expect(
      badges.filter((b) => b.classes.includes('badge--role')).map((b) => b.text),
      describeBadges(badges),
    ).toEqual(['Professional'])
    expect(
      badges.filter((b) => b.classes.includes('badge--self')),
      describeBadges(badges),
    ).toEqual([])
    const article = visitorPage.locator('main article').filter({ hasText: thread.marker })
    expect(normalise(await article.innerText())).not.toMatch(/Says:/)
  })

  it('axe-core finds nothing on the thread page, at desktop and phone sizes', async () => {
    for (const size of [DESKTOP, PHONE]) {
      await visitorPage.setViewportSize(size)
      await goto(visitorPage, `/threads/${thread.id}`)
      const violations = await axeViolations(visitorPage)
      expect(violations, `/threads/${thread.id} at ${size.width} px:\n${formatViolations(violations)}`).toEqual([])
    }
  })
})
