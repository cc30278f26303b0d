// Issue 4, section 8 "Moderators' workplace", in real Chromium: the one queue at /admin/queue.
// Three threads are arranged over REST by real members (the server decides their status): an ordinary
// newcomer's pending thread (the oldest), a published thread that three members flag (auto-hidden),
// and a newcomer's thread saying "kill myself" (crisis-held, the newest). The moderator signs in at
// /admin/login, follows "Moderation queue" and sees crisis first, then flagged, then oldest. They reject
// the ordinary thread with a canned reason (the author is emailed it at a real SMTP server), are refused
// "Approve" on the crisis thread until "Mark safe" is recorded, and restore the flagged thread after
// rejecting its flags. A plain member cannot open the queue; a moderator scoped to lancashire-east does
// not see a lancashire-north item.
import type { BrowserContext, Locator, Page } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { jsonOrUndefined, WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { bootPayload, settle } from '../support/payload.js'
import { addressesOf } from '../support/smtp.js'
import { goto, normalise, signInWithForm, uniqueSuffix, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ smtp: true, context: false })

const MODERATOR = 'moderator@waymark.example'
const MEMBER = 'member@waymark.example'
const suffix = uniqueSuffix()
const title = (what: string) => `${what} ${suffix}`

type Who = { email: string; password: string }
type Thread = { id: string; title: string; author: Who }

let payload: Payload
let moderator: BrowserContext
let page: Page
let localities: Record<string, number | string> = {}
let ordinary: Thread
let flagged: Thread
let crisis: Thread
const flagIds: string[] = []

const db = () => payload as any
const stored = (collection: string, id: string) => settle<any>(() => db().findByID({ collection, id, overrideAccess: true, depth: 0 }))

async function member(options: { established?: boolean; roles?: ('member' | 'moderator')[]; scope?: string[] } = {}): Promise<Who> {
  const m = await settle(() => createMember(payload, { roles: options.roles }))
  const data: Record<string, unknown> = { approvedPostCount: options.established ? 3 : 0 }
  if (options.scope) data.moderatorLocalities = options.scope.map((slug) => localities[slug])
  await settle(() => db().update({ collection: 'users', id: m.id, data, overrideAccess: true }))
  return { email: m.email.toLowerCase(), password: m.password }
}

/** A REST call as `who` (JWT from /api/users/login). */
async function api(who: Who, method: string, path: string, body?: unknown): Promise<{ status: number; json: any; text: string }> {
  const client = new WebClient(e2e.server.url)
  const login = await client.json('POST', '/api/users/login', { email: who.email, password: who.password })
  const token = ((await login.json()) as { token?: string }).token
  if (!token) throw new Error(`Arrange failed: REST login for ${who.email} gave ${login.status}`)
  const response = await new WebClient(e2e.server.url).json(method, path, body, { headers: { authorization: `JWT ${token}` } })
  const text = await response.text()
  const json = jsonOrUndefined(text)
  return { status: response.status, json, text }
}

async function postThread(author: Who, locality: string, what: string, body: string): Promise<Thread> {
  const t = title(what)
  const r = await api(author, 'POST', '/api/threads', { locality: localities[locality], title: t, body })
  if (r.status !== 201 || r.json?.doc?.id == null) throw new Error(`Arrange failed: POST /api/threads gave ${r.status}: ${r.text.slice(0, 300)}`)
  return { id: String(r.json.doc.id), title: t, author }
}

async function adminSignIn(p: Page, who: Who) {
  await goto(p, '/admin/login')
  await p.locator('input[name="email"]').fill(who.email)
  await p.locator('input[name="password"]').fill(who.password)
  await p.getByRole('button', { name: /log ?in/i }).click()
  await p.waitForURL((u) => u.pathname.startsWith('/admin') && !u.pathname.startsWith('/admin/login'), { timeout: 60_000 })
}

/** The queue's item headings in page order: their text and the admin link they hold. */
async function queueHeadings(p: Page): Promise<{ text: string; href: string }[]> {
  return p
    .locator('li h2:has(a[href*="/admin/collections/"])')
    .evaluateAll((hs) => hs.map((h) => ({ text: (h.textContent ?? '').replace(/\s+/g, ' ').trim(), href: new URL(h.querySelector('a')!.getAttribute('href')!, location.href).pathname })))
}
const hrefOf = (id: string, kind = 'threads') => `/admin/collections/${kind}/${id}`
const itemOf = (p: Page, id: string): Locator => p.locator(`li:has(h2 a[href$="${hrefOf(id)}"])`).last()
// The queue's controls sit inside their <label>, whose text then also holds the control's current value:
// labels are matched by how they start.
const formOf = (p: Page, id: string): Locator => p.getByRole('form', { name: `Moderate thread ${id}`, exact: true })

/**
 * Clicks `click` and returns the POST it sends (status and body) and whether the page reloaded after a
 * success; on a refusal, the text of the item's role=status message.
 */
async function press(p: Page, click: Locator, messageIn?: Locator) {
  const posted = p.waitForResponse((r) => r.request().method() === 'POST' && !new URL(r.url()).pathname.startsWith('/api/users'), { timeout: 15_000 }).catch(() => null)
  const reloaded = p.waitForEvent('load', { timeout: 20_000 }).then(
    () => true,
    () => false,
  )
  await click.click()
  const response = await posted
  const status = response?.status() ?? 0
  const body = response ? await response.text().catch(() => '') : ''
  if (status >= 200 && status < 300) return { status, body, reloaded: await reloaded, message: '' }
  let message = ''
  const deadline = Date.now() + 10_000
  while (messageIn && !message && Date.now() < deadline) {
    message = normalise(
      (
        await messageIn
          .locator('[role="status"]')
          .allInnerTexts()
          .catch(() => [])
      ).join(' '),
    )
    if (!message) await p.waitForTimeout(200)
  }
  return { status, body, reloaded: false, message }
}

async function decide(p: Page, id: string, action: string) {
  const form = formOf(p, id)
  await form.getByLabel(/^Action\b/).selectOption({ label: action })
  return press(p, form.getByRole('button', { name: 'Record decision' }), itemOf(p, id))
}

beforeAll(async () => {
  payload = await bootPayload({ databaseUrl: e2e.server.databaseUrl, dataDir: e2e.server.dataDir, mediaDir: e2e.server.mediaDir })
  await settle(() => db().updateGlobal({ slug: 'moderation-settings', overrideAccess: true, data: { newMemberPostIntervalSeconds: 0, memberPostIntervalSeconds: 0, newMemberMaxThreadsPerDay: 1000 } }))
  const found = await settle(() => db().find({ collection: 'localities', overrideAccess: true, limit: 100, depth: 0 }))
  localities = Object.fromEntries(found.docs.map((d: any) => [d.slug, d.id]))

  // Oldest first: the ordinary pending thread, then the one that will be flagged, then the crisis one.
  ordinary = await postThread(await member(), 'lancashire-north', 'Bus times to the Thursday group', 'Does anyone know the bus times from Bentham?')
  await new Promise((r) => setTimeout(r, 1100))
  flagged = await postThread(await member({ established: true }), 'lancashire-north', 'Cheap deals this way', 'Visit my shop for the best prices.')
  for (let i = 0; i < 3; i++) {
    const r = await api(await member({ established: true }), 'POST', '/api/flags', { targetCollection: 'threads', targetId: flagged.id, reason: 'spam' })
    if (r.status !== 201) throw new Error(`Arrange failed: POST /api/flags gave ${r.status}: ${r.text.slice(0, 300)}`)
    flagIds.push(String(r.json?.doc?.id))
  }
  await new Promise((r) => setTimeout(r, 1100))
  crisis = await postThread(await member(), 'lancashire-north', 'Hard week', 'Some nights I think I will kill myself, and I do not know who to tell.')

  const states = { ordinary: (await stored('threads', ordinary.id)).status, flagged: (await stored('threads', flagged.id)).status, crisis: await stored('threads', crisis.id) }
  if (states.ordinary !== 'pending' || states.flagged !== 'hidden' || states.crisis.status !== 'pending' || !states.crisis.crisisHold) {
    throw new Error(`Arrange failed: ${JSON.stringify({ ordinary: states.ordinary, flagged: states.flagged, crisis: [states.crisis.status, states.crisis.crisisHold] })}`)
  }

  moderator = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: { width: 1600, height: 1000 } })
  page = await moderator.newPage()
}, 180_000)

afterAll(async () => {
  await moderator?.close()
})

describe('the moderation queue in /admin', () => {
  it('the moderator signs in, follows "Moderation queue" and sees crisis first, then flagged, then oldest', { timeout: 120_000 }, async () => {
    await adminSignIn(page, { email: MODERATOR, password: e2e.server.seedPassword })
    const link = page.getByRole('link', { name: 'Moderation queue', exact: true })
    await link.first().waitFor({ state: 'visible', timeout: 60_000 })
    await Promise.all([page.waitForURL((u) => u.pathname === '/admin/queue', { timeout: 60_000 }), link.first().click()])
    await page
      .locator(`h2 a[href$="${hrefOf(crisis.id)}"]`)
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 })

    const headings = await queueHeadings(page)
    const listing = headings.map((h) => `  ${h.text}  (${h.href})`).join('\n')
    const at = (t: Thread) => headings.findIndex((h) => h.href === hrefOf(t.id))
    expect(at(crisis), `the crisis thread is in the queue:\n${listing}`).toBeGreaterThanOrEqual(0)
    expect(at(flagged), `the flagged thread is in the queue:\n${listing}`).toBeGreaterThanOrEqual(0)
    expect(at(ordinary), `the ordinary pending thread is in the queue:\n${listing}`).toBeGreaterThanOrEqual(0)
    expect(headings[at(crisis)]!.text, 'the crisis item is marked').toMatch(/^CRISIS · Thread:/)
    expect(headings[at(flagged)]!.text).toMatch(/^Thread:/)
    expect(headings[at(ordinary)]!.text).toMatch(/^Thread:/)
    expect(
      headings.slice(0, at(crisis)).filter((h) => !h.text.startsWith('CRISIS')),
      `nothing but crisis items comes before the crisis thread:\n${listing}`,
    ).toEqual([])
    expect(at(crisis), `crisis before flagged:\n${listing}`).toBeLessThan(at(flagged))
    expect(at(flagged), `flagged before the older ordinary thread:\n${listing}`).toBeLessThan(at(ordinary))
  })

  it('rejecting the ordinary thread with the canned reason "Off topic" removes it and emails the author the reason', { timeout: 120_000 }, async () => {
    const settings = await settle(() => db().findGlobal({ slug: 'moderation-settings', overrideAccess: true, depth: 0 }))
    const canned = String((settings.cannedReasons ?? []).find((c: any) => c.label === 'Off topic')?.text ?? '')
    expect(canned, 'the default canned reasons include "Off topic"').not.toBe('')

    const form = formOf(page, ordinary.id)
    await form.getByLabel(/^Action\b/).selectOption({ label: 'Reject (tell the author why)' })
    await form.getByLabel(/^Canned reason\b/).selectOption({ label: 'Off topic' })
    expect(await form.getByLabel(/^Reason for the author \(they will see this\)/).inputValue(), 'the canned reason fills the reason').toBe(canned)
    const result = await press(page, form.getByRole('button', { name: 'Record decision' }), itemOf(page, ordinary.id))
    expect(result.status, `the rejection is accepted: ${result.body} ${result.message}`).toBe(200)
    expect(result.reloaded, 'the page reloads after a decision').toBe(true)
    expect(
      (await queueHeadings(page)).map((h) => h.href),
      'the rejected thread is gone from the queue',
    ).not.toContain(hrefOf(ordinary.id))

    const doc = await stored('threads', ordinary.id)
    expect(doc.status).toBe('removed')
    expect(doc.reasonForAuthor).toBe(canned)
    const mail = await e2e.smtp.waitFor((m) => addressesOf(m).includes(ordinary.author.email), 30_000)
    expect(normalise(`${mail.subject ?? ''} ${mail.text ?? ''}`), 'the email gives the author the reason').toContain(normalise(canned))
  })

  it('"Approve" on the crisis thread is refused until "Mark safe" is recorded; then approving publishes it', { timeout: 120_000 }, async () => {
    const refused = await decide(page, crisis.id, 'Approve')
    expect(refused.status, `approving a crisis-held thread is refused: ${refused.body}`).toBeGreaterThanOrEqual(400)
    expect(refused.status).toBeLessThan(500)
    expect(refused.message, 'a role=status message gives the reason').toMatch(/\bmark (it )?safe\b/i)
    const held = await stored('threads', crisis.id)
    expect([held.status, held.crisisHold], 'nothing changes').toEqual(['pending', true])
    expect((await queueHeadings(page)).find((h) => h.href === hrefOf(crisis.id))?.text ?? '', 'still in the queue as crisis').toMatch(/^CRISIS · /)

    const safe = await decide(page, crisis.id, 'Mark safe (clear the safeguarding hold)')
    expect(safe.status, `marking safe is accepted: ${safe.body} ${safe.message}`).toBe(200)
    expect(safe.reloaded, 'the page reloads after a decision').toBe(true)
    expect((await stored('threads', crisis.id)).crisisHold, 'the hold is cleared').toBeFalsy()

    const approved = await decide(page, crisis.id, 'Approve')
    expect(approved.status, `approving after "Mark safe" is accepted: ${approved.body} ${approved.message}`).toBe(200)
    expect(approved.reloaded, 'the page reloads after a decision').toBe(true)
    expect((await stored('threads', crisis.id)).status).toBe('published')
    expect(
      (await queueHeadings(page)).map((h) => h.href),
      'the approved thread is gone from the queue',
    ).not.toContain(hrefOf(crisis.id))
  })

  it('rejecting each flag and then "Restore" publishes the flagged thread again and takes it off the queue', { timeout: 120_000 }, async () => {
    for (const flagId of flagIds) {
      const flag = page.locator(`[aria-label="Flag ${flagId}"]`)
      await flag.waitFor({ state: 'visible', timeout: 15_000 })
      await flag.getByLabel(/^Note \(moderators only\)/).fill('Not spam: a member selling their own art.')
      const result = await press(page, flag.getByRole('button', { name: 'Reject (nothing wrong)', exact: true }), flag)
      expect(result.status, `rejecting flag ${flagId} is accepted: ${result.body} ${result.message}`).toBe(200)
      expect(result.reloaded, 'the page reloads after a decision').toBe(true)
      expect((await stored('flags', flagId)).status).toBe('rejected')
    }
    const restored = await decide(page, flagged.id, 'Restore')
    expect(restored.status, `restoring is accepted: ${restored.body} ${restored.message}`).toBe(200)
    expect(restored.reloaded, 'the page reloads after a decision').toBe(true)
    expect((await stored('threads', flagged.id)).status).toBe('published')
    expect(
      (await queueHeadings(page)).map((h) => h.href),
      'the restored thread is gone from the queue',
    ).not.toContain(hrefOf(flagged.id))
  })

  it('a plain member cannot open the queue; a moderator scoped to lancashire-east does not see a lancashire-north item', { timeout: 180_000 }, async () => {
    const newcomer = await member()
    const north = await postThread(newcomer, 'lancashire-north', 'Walking group near Kirkby Lonsdale', 'Is there a walking group on Saturdays?')
    const east = await postThread(newcomer, 'lancashire-east', 'Cafe meet-up in Burnley', 'Anyone fancy a coffee on Friday?')

    const plain = await e2e.browser.newContext({ baseURL: e2e.server.url })
    try {
      const p = await plain.newPage()
      await signInWithForm(p, MEMBER, e2e.server.seedPassword)
      expect(new URL(p.url()).pathname, 'the demo member signs in').toBe('/account')
      const response = await goto(p, '/admin/queue')
      await p.waitForLoadState('networkidle')
      const html = await p.content()
      expect(response.status() === 403 || !html.includes(north.title), `a member must not see the queue (status ${response.status()}, at ${p.url()})`).toBe(true)
      expect(await p.locator('[role="form"][aria-label^="Moderate "]').count(), 'no moderation forms for a member').toBe(0)
      expect(html, 'no queued content for a member').not.toContain(east.title)
    } finally {
      await plain.close()
    }

    await goto(page, '/admin/queue')
    const all = (await queueHeadings(page)).map((h) => h.href)
    expect(all, 'the unscoped moderator sees the north item').toContain(hrefOf(north.id))
    expect(all, 'the unscoped moderator sees the east item').toContain(hrefOf(east.id))

    const scoped = await member({ roles: ['moderator'], scope: ['lancashire-east'] })
    const context = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: { width: 1600, height: 1000 } })
    try {
      const p = await context.newPage()
      await adminSignIn(p, scoped)
      await goto(p, '/admin/queue')
      await p
        .locator(`h2 a[href$="${hrefOf(east.id)}"]`)
        .first()
        .waitFor({ state: 'visible', timeout: 60_000 })
      const seen = await queueHeadings(p)
      expect(
        seen.map((h) => h.href),
        'the east moderator sees the east item',
      ).toContain(hrefOf(east.id))
      expect(
        seen.map((h) => h.href),
        `the east moderator does not see the north item:\n${seen.map((h) => h.text).join('\n')}`,
      ).not.toContain(hrefOf(north.id))
      expect(await p.content(), 'nor its title anywhere').not.toContain(north.title)
    } finally {
      await context.close()
    }
  })
})
