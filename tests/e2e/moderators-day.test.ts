// Issue 12, part B "The moderators' day", in real Chromium at desktop width, signed in to /admin as the
// demo moderator. Written from the issue and /work/i12-spec.md (section B), not from the implementation.
//
// Arranged over REST by real members (the server decides each post's status): an established member's
// thread; in it a newcomer's reply (held for approval) and an established member's reply that matches a
// watched word with action "flag" (published, in the queue). Watched words are added through the Local API
// on the server's database. Then, in the browser:
// - the queue gives each reply its context: "In reply to" and a link to its thread, the author's display
//   name, a newcomer badge for the newcomer only, "Watched words:" with the phrase that matched only;
// - nothing is preselected, and "Record decision" with nothing chosen records nothing;
// - a decision is confirmed in a role=status naming the decision and the item, and the item leaves the list;
// - axe-core (WCAG 2.2 AA tags) finds nothing within Waymark's own content ([data-waymark-view]);
// - the moderation log names the acting moderator and links each target;
// - the action picker reads "<title> — <d MMM yyyy> (<locality>)" in London time, kept up to date;
// - a redaction starts from the story's current text with its formatting;
// - admin list dates read "5 Dec 2026"; no admin image points outside the site (no Gravatar).
import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import type { AxeViolation } from '../support/browser.js'
import { jsonOrUndefined, WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { bootPayload, settle } from '../support/payload.js'
import { DESKTOP, formatViolations, goto, normalise, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ context: false })

const MODERATOR = 'moderator@waymark.example'
const letters = () => Array.from({ length: 6 }, () => 'abcdefghijkmnpqrstuvwxyz'[Math.floor(Math.random() * 24)]).join('')
const suffix = letters()

type Who = { id: number | string; email: string; password: string; displayName: string }
type Post = { id: string; title?: string }

let payload: Payload
let context: BrowserContext
let page: Page
let localities: Record<string, { id: number | string; name: string }> = {}
let demoModerator: Who
let thread: Post & { title: string }
let newcomer: Who, established: Who
let newcomerReply: Post, flaggedReply: Post
let newcomerThread: Post & { title: string }
let idleThread: Post & { title: string }
const WATCHED = `amber lantern ${suffix}`
const NOT_MATCHED = `silver teapot ${suffix}`

const db = () => payload as any
const stored = (collection: string, id: number | string) => settle<any>(() => db().findByID({ collection, id, overrideAccess: true, depth: 0 }))

async function member(options: { established?: boolean; roles?: ('member' | 'moderator')[]; name: string }): Promise<Who> {
  const displayName = `${options.name} ${suffix}`.slice(0, 40)
  const m = await settle(() => createMember(payload, { roles: options.roles, displayName }))
  await settle(() => db().update({ collection: 'users', id: m.id, data: { approvedPostCount: options.established ? 3 : 0 }, overrideAccess: true }))
  return { id: m.id, email: m.email.toLowerCase(), password: m.password, displayName }
}

const tokens = new Map<string, string>()
/** A REST call as `who` (JWT from /api/users/login). */
async function api(who: { email: string; password: string }, method: string, path: string, body?: unknown): Promise<{ status: number; json: any; text: string }> {
  if (!tokens.has(who.email)) {
    const login = await new WebClient(e2e.server.url).json('POST', '/api/users/login', { email: who.email, password: who.password })
    const token = ((await login.json()) as { token?: string }).token
    if (!token) throw new Error(`Arrange failed: REST login for ${who.email} gave ${login.status}`)
    tokens.set(who.email, token)
  }
  const response = await new WebClient(e2e.server.url).json(method, path, body, { headers: { authorization: `JWT ${tokens.get(who.email)}` } })
  const text = await response.text()
  const json = jsonOrUndefined(text)
  return { status: response.status, json, text }
}

async function postThread(author: Who, title: string, body: string): Promise<Post & { title: string }> {
  const r = await api(author, 'POST', '/api/threads', { locality: localities['lancashire-north']!.id, title, body })
  if (r.status !== 201 || r.json?.doc?.id == null) throw new Error(`Arrange failed: POST /api/threads gave ${r.status}: ${r.text.slice(0, 300)}`)
  return { id: String(r.json.doc.id), title }
}

async function postReply(author: Who, threadId: string, body: string): Promise<Post> {
  // Relationship ids go back in the type the database gave them (numbers on SQL, strings on MongoDB).
  const r = await api(author, 'POST', '/api/replies', { thread: /^\d+$/.test(threadId) ? Number(threadId) : threadId, body })
  if (r.status !== 201 || r.json?.doc?.id == null) throw new Error(`Arrange failed: POST /api/replies gave ${r.status}: ${r.text.slice(0, 300)}`)
  return { id: String(r.json.doc.id) }
}

async function adminSignIn(p: Page, who: { email: string; password: string }) {
  await goto(p, '/admin/login')
  await p.locator('input[name="email"]').fill(who.email)
  await p.locator('input[name="password"]').fill(who.password)
  await p.getByRole('button', { name: /log ?in/i }).click()
  await p.waitForURL((u) => u.pathname.startsWith('/admin') && !u.pathname.startsWith('/admin/login'), { timeout: 60_000 })
}

// ---------------------------------------------------------------------------------------------
// Dates as the spec writes them: d MMM yyyy (date-fns MMM: Jan … Sep … Dec), London wall clock.
// ---------------------------------------------------------------------------------------------
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
function londonDate(iso: string | Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date(iso))
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value)
  return `${part('day')} ${MONTHS[part('month') - 1]} ${part('year')}`
}
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

// ---------------------------------------------------------------------------------------------
// The queue
// ---------------------------------------------------------------------------------------------
const queueItem = (p: Page, kind: string, id: string): Locator => p.locator(`li[data-queue-item="${kind}:${id}"]`)

async function openQueue(p: Page, waitFor?: { kind: string; id: string }) {
  await goto(p, '/admin/queue')
  if (waitFor) {
    await queueItem(p, waitFor.kind, waitFor.id)
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 })
      .catch(async () => {
        const items = await p.locator('li[data-queue-item]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-queue-item')))
        throw new Error(
          `No li[data-queue-item="${waitFor.kind}:${waitFor.id}"] on /admin/queue (items with data-queue-item: ${JSON.stringify(items)}).\n` +
            `Queue text:\n${normalise(await p.locator('body').innerText()).slice(0, 1500)}`,
        )
      })
  }
}

/** Hrefs in a locator, as pathnames (relative and absolute hrefs alike). */
async function linksIn(scope: Locator): Promise<{ path: string; text: string }[]> {
  return scope.locator('a[href]').evaluateAll((as) => as.map((a) => ({ path: new URL(a.getAttribute('href')!, location.href).pathname, text: (a.textContent ?? '').replace(/\s+/g, ' ').trim() })))
}

/** What the queue calls an item: its heading, without a "CRISIS ·" marker or a "Reply:"/"Thread:" kind prefix. */
async function itemTitle(item: Locator): Promise<string> {
  const heading = normalise(
    (await item
      .locator('h2, h3')
      .first()
      .innerText()
      .catch(() => '')) || '',
  )
  return heading
    .replace(/^CRISIS\s*·\s*/i, '')
    .replace(/^(Thread|Reply|Story)\s*:\s*/i, '')
    .trim()
}

/** Waits for a role=status element anywhere on the page whose text satisfies `ok`; returns all status texts seen. */
async function waitForStatus(p: Page, ok: (text: string) => boolean, timeoutMs = 20_000): Promise<{ found: string | undefined; seen: string[] }> {
  const deadline = Date.now() + timeoutMs
  let seen: string[] = []
  for (;;) {
    seen = (
      await p
        .locator('[role="status"]')
        .allInnerTexts()
        .catch(() => [] as string[])
    )
      .map(normalise)
      .filter(Boolean)
    const found = seen.find(ok)
    if (found || Date.now() > deadline) return { found, seen }
    await p.waitForTimeout(250)
  }
}

// ---------------------------------------------------------------------------------------------
// axe-core within a given root
// ---------------------------------------------------------------------------------------------
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

async function axeRun(p: Page, include?: string): Promise<AxeViolation[]> {
  if (!(await p.evaluate(() => Boolean((window as any).axe)))) await p.addScriptTag({ content: axeSource })
  return p.evaluate(
    async ({ include, tags }) => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe
      const result = await axe.run(include ? { include: [[include]] } : document, { runOnly: { type: 'tag', values: tags } })
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }))
    },
    { include, tags: AXE_TAGS },
  )
}

async function expectWaymarkViewPassesAxe(p: Page, where: string) {
  const roots = await p.locator('[data-waymark-view]').count()
  expect(roots, `${where}: Waymark's own content has a [data-waymark-view] root`).toBeGreaterThan(0)
  const insideMain = await p.locator('[data-waymark-view]').evaluateAll((els) => els.every((el) => el.closest('main') !== null || el.tagName === 'MAIN' || el.querySelector('main') !== null))
  expect(insideMain, `${where}: the queue content is inside <main> (a landmark)`).toBe(true)
  const whole = await axeRun(p)
  if (whole.length) console.log(`[axe, reported only] ${where}, the whole page (Payload's chrome included):\n${formatViolations(whole)}`)
  const own = await axeRun(p, '[data-waymark-view]')
  expect(own, `${where}: axe-core violations within [data-waymark-view]:\n${formatViolations(own)}`).toEqual([])
}

// ---------------------------------------------------------------------------------------------
// Arrange
// ---------------------------------------------------------------------------------------------
beforeAll(async () => {
  payload = await bootPayload({ databaseUrl: e2e.server.databaseUrl, dataDir: e2e.server.dataDir, mediaDir: e2e.server.mediaDir })
  await settle(() =>
    db().updateGlobal({
      slug: 'moderation-settings',
      overrideAccess: true,
      data: { postQueueThreshold: 3, newMemberPostIntervalSeconds: 0, memberPostIntervalSeconds: 0, newMemberMaxThreadsPerDay: 1000, newMemberMaxRepliesPerDay: 1000 },
    }),
  )
  const found = await settle(() => db().find({ collection: 'localities', overrideAccess: true, limit: 100, depth: 0 }))
  localities = Object.fromEntries(found.docs.map((d: any) => [d.slug, { id: d.id, name: d.name }]))
  const demo = (await settle(() => db().find({ collection: 'users', where: { email: { equals: MODERATOR } }, overrideAccess: true, depth: 0, limit: 1 }))).docs[0]
  demoModerator = { id: demo.id, email: MODERATOR, password: e2e.server.seedPassword, displayName: demo.displayName }

  // Two watched words that only flag: one will match, one will not.
  for (const phrase of [WATCHED, NOT_MATCHED]) {
    await settle(() => db().create({ collection: 'watched-words', overrideAccess: true, data: { kind: 'phrase', phrase, action: 'flag', note: 'issue 12 e2e' } }))
  }

  established = await member({ established: true, name: 'Erin Established' })
  newcomer = await member({ name: 'Nell Newcomer' })
  thread = await postThread(established, `Sunday walking group ${suffix}`, 'Does anyone fancy a walk along the canal on Sunday mornings?')
  newcomerReply = await postReply(newcomer, thread.id, 'I would love to come along next week, if that is all right.')
  flaggedReply = await postReply(established, thread.id, `Count me in. I will bring the ${WATCHED} for the dark mornings.`)
  newcomerThread = await postThread(newcomer, `First time here ${suffix}`, 'Hello everyone, I found this forum through my key worker.')
  idleThread = await postThread(newcomer, `Quiet evenings ${suffix}`, 'What do people do on the long evenings when it gets dark early?')

  const states = {
    thread: (await stored('threads', thread.id)).status,
    newcomerReply: (await stored('replies', newcomerReply.id)).status,
    flagged: await stored('replies', flaggedReply.id),
    newcomerThread: (await stored('threads', newcomerThread.id)).status,
    idleThread: (await stored('threads', idleThread.id)).status,
  }
  if (
    states.thread !== 'published' ||
    states.newcomerReply !== 'pending' ||
    states.newcomerThread !== 'pending' ||
    states.idleThread !== 'pending' ||
    !states.flagged.needsReview ||
    states.flagged.triageAction !== 'flag'
  ) {
    throw new Error(`Arrange failed: ${JSON.stringify({ ...states, flagged: [states.flagged.status, states.flagged.needsReview, states.flagged.triageAction, states.flagged.triageMatches] })}`)
  }

  // bypassCSP lets axe-core be injected despite the admin's CSP.
  context = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: DESKTOP, bypassCSP: true })
  page = await context.newPage()
  await adminSignIn(page, demoModerator)
}, 240_000)

afterAll(async () => {
  await context?.close()
})

// ---------------------------------------------------------------------------------------------
describe('the queue gives context (spec B1)', () => {
  it('a newcomer\'s held reply shows "In reply to" with a link to its thread, the author\'s display name and the newcomer badge', { timeout: 120_000 }, async () => {
    await openQueue(page, { kind: 'replies', id: newcomerReply.id })
    const item = queueItem(page, 'replies', newcomerReply.id)
    expect(await item.count(), 'exactly one queue item for the reply').toBe(1)
    const text = normalise(await item.innerText())

    expect(text, 'the item says which thread the reply is in').toMatch(new RegExp(`In reply to:?\\s*${escapeRegExp(thread.title)}`))
    const threadLinks = (await linksIn(item)).filter((l) => l.path === `/admin/collections/threads/${thread.id}`)
    expect(threadLinks.length, `a link to /admin/collections/threads/${thread.id} in the item; links: ${JSON.stringify(await linksIn(item))}`).toBeGreaterThan(0)
    expect(
      threadLinks.map((l) => l.text),
      "the thread link reads the thread's title",
    ).toContain(thread.title)

    expect(text, "the author's display name").toContain(newcomer.displayName)
    const badge = item.locator('.badge.badge--newcomer')
    expect(await badge.count(), "one newcomer badge on the newcomer's reply").toBe(1)
    expect(normalise(await badge.innerText())).toBe('Newcomer')
    expect(text, 'no watched word matched this reply').not.toMatch(/Watched words:/)
  })

  it('a reply that matched a watched word shows "Watched words:" with that phrase only, and an established author has no newcomer badge', { timeout: 120_000 }, async () => {
    await openQueue(page, { kind: 'replies', id: flaggedReply.id })
    const item = queueItem(page, 'replies', flaggedReply.id)
    const text = normalise(await item.innerText())

    expect(text, 'the item says which thread the reply is in').toMatch(new RegExp(`In reply to:?\\s*${escapeRegExp(thread.title)}`))
    const threadLinks = (await linksIn(item)).filter((l) => l.path === `/admin/collections/threads/${thread.id}`)
    expect(
      threadLinks.map((l) => l.text),
      `a link to the thread reading its title; links: ${JSON.stringify(await linksIn(item))}`,
    ).toContain(thread.title)

    expect(text, "the author's display name").toContain(established.displayName)
    expect(await item.locator('.badge--newcomer').count(), 'an author with as many approved posts as the threshold is not a newcomer').toBe(0)

    expect(text, 'the watched words that matched').toMatch(new RegExp(`Watched words:\\s*(?:[^]*?)${escapeRegExp(WATCHED)}`, 'i'))
    expect(text, 'a watched word that did not match is not listed').not.toContain(NOT_MATCHED)
  })

  it('nothing is preselected: every select starts on an empty option, no radio is checked, and "Record decision" with nothing chosen records nothing', { timeout: 120_000 }, async () => {
    await openQueue(page, { kind: 'threads', id: idleThread.id })
    const items = page.locator('li[data-queue-item]')
    expect(await items.count(), 'the queue lists items as li[data-queue-item]').toBeGreaterThanOrEqual(4)

    const preselected = await items.evaluateAll((lis) =>
      lis.flatMap((li) => [
        ...[...li.querySelectorAll('select')]
          .filter((s) => (s as HTMLSelectElement).value !== '')
          .map((s) => `${li.getAttribute('data-queue-item')}: select[name="${s.getAttribute('name')}"] = "${(s as HTMLSelectElement).value}"`),
        ...[...li.querySelectorAll('input[type="radio"]')]
          .filter((r) => (r as HTMLInputElement).checked)
          .map((r) => `${li.getAttribute('data-queue-item')}: radio ${r.getAttribute('name')}=${(r as HTMLInputElement).value} is checked`),
      ]),
    )
    expect(preselected, 'no decision control starts with a choice made').toEqual([])

    const item = queueItem(page, 'threads', idleThread.id)
    const posted: string[] = []
    const onRequest = (r: { method: () => string; url: () => string }) => {
      if (r.method() === 'POST' && !new URL(r.url()).pathname.startsWith('/api/users')) posted.push(r.url())
    }
    page.on('request', onRequest)
    try {
      // force: a button disabled until a choice is made is fine (the click then does nothing).
      await item.getByRole('button', { name: /record decision/i }).click({ force: true })
      await page.waitForTimeout(3000)
    } finally {
      page.off('request', onRequest)
    }
    expect((await stored('threads', idleThread.id)).status, `nothing was decided (POSTs sent: ${posted.join(', ') || 'none'})`).toBe('pending')
    await openQueue(page)
    expect(await queueItem(page, 'threads', idleThread.id).count(), 'the undecided thread is still in the queue').toBe(1)
  })

  it("axe-core: 0 violations within [data-waymark-view] on /admin/queue (Payload's chrome is reported only)", { timeout: 120_000 }, async () => {
    await openQueue(page)
    await page.locator(`a[href$="/admin/collections/replies/${newcomerReply.id}"]`).first().waitFor({ state: 'visible', timeout: 60_000 })
    await expectWaymarkViewPassesAxe(page, '/admin/queue with items')
  })

  it('a decision shows a role=status naming the decision and the item, and the decided item is gone', { timeout: 180_000 }, async () => {
    // Approve the newcomer's thread.
    await openQueue(page, { kind: 'threads', id: newcomerThread.id })
    let item = queueItem(page, 'threads', newcomerThread.id)
    expect(await itemTitle(item), 'the queue calls a thread by its title').toContain(newcomerThread.title)
    await item.getByLabel(/^Action\b/).selectOption({ label: 'Approve' })
    await item.getByRole('button', { name: /record decision/i }).click()
    let status = await waitForStatus(page, (t) => /\bApproved\b/i.test(t) && t.includes(newcomerThread.title))
    expect(status.found, `a role=status names "Approved" and "${newcomerThread.title}"; role=status texts seen: ${JSON.stringify(status.seen)}`).toBeTruthy()
    expect(await queueItem(page, 'threads', newcomerThread.id).count(), 'the approved thread is gone from the queue').toBe(0)
    expect((await stored('threads', newcomerThread.id)).status).toBe('published')
    await expectWaymarkViewPassesAxe(page, '/admin/queue showing a confirmation')

    // Reject the newcomer's reply with a canned reason.
    await openQueue(page, { kind: 'replies', id: newcomerReply.id })
    item = queueItem(page, 'replies', newcomerReply.id)
    const title = await itemTitle(item)
    expect(title, 'the reply item has a heading').not.toBe('')
    await item.getByLabel(/^Action\b/).selectOption({ label: 'Reject (tell the author why)' })
    await item.getByLabel(/^Canned reason\b/).selectOption({ label: 'Off topic' })
    await item.getByRole('button', { name: /record decision/i }).click()
    status = await waitForStatus(page, (t) => /\bRejected\b/i.test(t) && (t.includes(title) || t.includes(thread.title)))
    expect(status.found, `a role=status names "Rejected" and the item ("${title}" or its thread "${thread.title}"); role=status texts seen: ${JSON.stringify(status.seen)}`).toBeTruthy()
    expect(await queueItem(page, 'replies', newcomerReply.id).count(), 'the rejected reply is gone from the queue').toBe(0)
    expect((await stored('replies', newcomerReply.id)).status).toBe('removed')
  })
})

// ---------------------------------------------------------------------------------------------
type Row = { eventId: string | undefined; text: string; links: string[]; cells: Record<string, string> }

/** The rows of a Payload list table: the record id (data-id, or its own edit link), text, links, and cells by header text. */
async function listRows(p: Page, collection: string): Promise<Row[]> {
  await p.locator('table tbody tr').first().waitFor({ state: 'visible', timeout: 60_000 })
  // Relationship cells (the actor) fill in after the table appears: empty, then "Loading...", then the title.
  let rows = await readRows(p, collection)
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; rows = await readRows(p, collection)) {
    if (rows.every((r) => !/Loading(\.\.\.|…)/.test(r.text) && Object.entries(r.cells).every(([header, cell]) => !/^actor$/i.test(header) || cell !== ''))) break
    await p.waitForTimeout(250)
  }
  return rows
}

function readRows(p: Page, collection: string): Promise<Row[]> {
  return p
    .locator('table')
    .first()
    .evaluate((table, collection) => {
      const headers = [...table.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').replace(/\s+/g, ' ').trim())
      return [...table.querySelectorAll('tbody tr')].map((tr) => {
        const links = [...tr.querySelectorAll('a[href]')].map((a) => new URL(a.getAttribute('href')!, location.href).pathname)
        const own = links.map((l) => l.match(new RegExp(`^/admin/collections/${collection}/([^/]+)$`))?.[1]).find(Boolean)
        const cells: Record<string, string> = {}
        ;[...tr.querySelectorAll('td')].forEach((td, i) => (cells[headers[i] ?? String(i)] = (td.textContent ?? '').replace(/\s+/g, ' ').trim()))
        return { eventId: tr.getAttribute('data-id') ?? own, text: (tr.textContent ?? '').replace(/\s+/g, ' ').trim(), links, cells }
      })
    }, collection)
}

describe('the moderation log (spec B2)', () => {
  it('names the acting moderator (never "<No Actor>") and links each row\'s target', { timeout: 180_000 }, async () => {
    // Two decisions just made: one by the signed-in demo moderator, one by another moderator.
    const other = await member({ roles: ['moderator'], name: 'Mo Otherton' })
    const t1 = await postThread(newcomer, `Bus pass question ${suffix}`, 'Does the bus pass work on the 555 to Kendal?')
    const t2 = await postThread(newcomer, `Cafe on Friday ${suffix}`, 'The cafe near the station does a good breakfast.')
    for (const [who, t] of [
      [demoModerator, t1],
      [other, t2],
    ] as const) {
      const r = await api(who, 'POST', `/api/threads/${t.id}/moderate`, { action: 'approve' })
      if (r.status !== 200) throw new Error(`Arrange failed: approving ${t.id} gave ${r.status}: ${r.text.slice(0, 300)}`)
    }
    const eventFor = async (t: Post) =>
      (
        await settle(() =>
          db().find({
            collection: 'moderation-events',
            where: { and: [{ targetCollection: { equals: 'threads' } }, { targetId: { equals: t.id } }, { action: { equals: 'approve' } }] },
            overrideAccess: true,
            depth: 0,
            limit: 1,
          }),
        )
      ).docs[0]
    const e1 = await eventFor(t1)
    const e2 = await eventFor(t2)
    if (!e1 || !e2) throw new Error('Arrange failed: the approvals were not logged')

    await goto(page, '/admin/collections/moderation-events')
    const rows = await listRows(page, 'moderation-events')
    const listing = rows.map((r) => `  [${r.eventId}] ${r.text} -> ${r.links.join(' ')}`).join('\n')
    const row1 = rows.find((r) => String(r.eventId) === String(e1.id))
    const row2 = rows.find((r) => String(r.eventId) === String(e2.id))
    expect(row1, `the demo moderator's decision is listed:\n${listing}`).toBeDefined()
    expect(row2, `the other moderator's decision is listed:\n${listing}`).toBeDefined()
    expect(row1!.text, "the acting moderator's display name").toContain(demoModerator.displayName)
    expect(row2!.text, "the other moderator's display name").toContain(other.displayName)

    const unknown: string[] = []
    const unlinked: string[] = []
    const noActor: string[] = []
    for (const row of rows) {
      if (row.eventId == null) {
        unknown.push(row.text)
        continue
      }
      const event = await stored('moderation-events', row.eventId)
      const target = `/admin/collections/${event.targetCollection}/${event.targetId}`
      if (!row.links.includes(target)) unlinked.push(`[${row.eventId}] ${row.text}: no link to ${target} (links: ${row.links.join(' ') || 'none'})`)
      if (event.actorRole === 'moderator' && /<No Actor>/i.test(row.text)) noActor.push(`[${row.eventId}] ${row.text}`)
    }
    // The admin reads the same log: the same names.
    const adminContext = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: DESKTOP })
    try {
      const adminPage = await adminContext.newPage()
      await adminSignIn(adminPage, { email: 'admin@waymark.example', password: e2e.server.seedPassword })
      await goto(adminPage, '/admin/collections/moderation-events')
      const seen = await listRows(adminPage, 'moderation-events')
      expect(seen.find((r) => String(r.eventId) === String(e1.id))?.text ?? '', "the admin sees the acting moderator's name").toContain(demoModerator.displayName)
      expect(seen.find((r) => String(r.eventId) === String(e2.id))?.text ?? '', "the admin sees the other moderator's name").toContain(other.displayName)
    } finally {
      await adminContext.close()
    }

    expect(unknown, 'every row can be told apart (data-id or its own link)').toEqual([])
    expect(noActor, 'no moderator\'s decision reads "<No Actor>"').toEqual([])
    expect(unlinked, `every row links its target (/admin/collections/<targetCollection>/<targetId>):\n${listing}`).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
/** Opens the meeting picker on /admin/collections/actions/create and scrolls it until every option is loaded. */
async function meetingPickerOptions(p: Page): Promise<string[]> {
  await goto(p, '/admin/collections/actions/create')
  const control = p.locator('#field-meeting .rs__control')
  await control.waitFor({ state: 'visible', timeout: 60_000 })
  await control.click()
  const options = p.locator('.rs__menu .rs__option')
  await options.first().waitFor({ state: 'visible', timeout: 20_000 })
  let last = -1
  let unchanged = 0
  for (let i = 0; i < 60 && unchanged < 3; i++) {
    const count = await options.count()
    unchanged = count === last ? unchanged + 1 : 0
    last = count
    // react-select loads the next page when the wheel reaches the bottom of the menu (after leaving it).
    await options.first().hover()
    await p.mouse.wheel(0, -50_000)
    await p.waitForTimeout(100)
    await p.mouse.wheel(0, 50_000)
    await p.waitForTimeout(700)
  }
  return (await options.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())
}

describe('the action picker (spec B3)', () => {
  it('every meeting option reads exactly "<title> — <d MMM yyyy> (<locality>)" in London time, and follows a change of title and date', { timeout: 180_000 }, async () => {
    // A meeting made and then changed over REST (so the server's hooks run), starting at 23:30 UTC on a
    // summer evening: 00:30 the next day in London, which is the date the picker must show.
    const start = new Date(Date.now() + 200 * 24 * 3600_000)
    start.setUTCMonth(5, 10)
    if (start.getTime() < Date.now() + 30 * 24 * 3600_000) start.setUTCFullYear(start.getUTCFullYear() + 1)
    start.setUTCHours(23, 30, 0, 0)
    const made = await api(demoModerator, 'POST', '/api/meetings', {
      locality: localities['lancashire-east']!.id,
      title: `Picker check ${suffix}`,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    })
    if (made.status !== 201) throw new Error(`Arrange failed: POST /api/meetings gave ${made.status}: ${made.text.slice(0, 300)}`)
    const meetingId = made.json.doc.id
    const moved = new Date(start.getTime() + 7 * 24 * 3600_000)
    const changed = await api(demoModerator, 'PATCH', `/api/meetings/${meetingId}`, {
      title: `Picker renamed ${suffix}`,
      startsAt: moved.toISOString(),
      endsAt: new Date(moved.getTime() + 2 * 3600_000).toISOString(),
    })
    if (changed.status !== 200) throw new Error(`Arrange failed: PATCH /api/meetings/${meetingId} gave ${changed.status}: ${changed.text.slice(0, 300)}`)

    const meetings = (await settle(() => db().find({ collection: 'meetings', overrideAccess: true, depth: 0, limit: 1000, pagination: false }))).docs as any[]
    const names = new Map(Object.values(localities).map((l) => [String(l.id), l.name]))
    const expectedOf = (m: any) => `${m.title} \u2014 ${londonDate(m.startsAt)} (${names.get(String(typeof m.locality === 'object' ? m.locality.id : m.locality))})`
    const expected = new Set(meetings.map(expectedOf))

    const options = await meetingPickerOptions(page)
    expect(options.length, 'every meeting is offered').toBe(meetings.length)
    const wrong = options.filter((o) => !expected.has(o))
    expect(wrong, `options that do not read "<title> — <d MMM yyyy> (<locality>)" (expected e.g. "${[...expected][0]}")`).toEqual([])
    expect(new Set(options).size, 'no two options read the same').toBe(options.length)

    // A known seeded meeting: the earliest Lancashire East one.
    const seeded = meetings.filter((m) => !String(m.title).includes(suffix) && String(m.locality) === String(localities['lancashire-east']!.id)).sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0]
    expect(seeded, 'the seed made Lancashire East meetings').toBeDefined()
    expect(options, 'the seeded meeting reads with its London date and locality').toContain(expectedOf(seeded))

    const mine = meetings.find((m) => String(m.id) === String(meetingId))
    expect(londonDate(mine.startsAt), 'arrange: the London date is the day after the UTC date').not.toBe(`${moved.getUTCDate()} ${MONTHS[moved.getUTCMonth()]} ${moved.getUTCFullYear()}`)
    expect(options, 'the changed meeting shows its new title and London date').toContain(`Picker renamed ${suffix} \u2014 ${londonDate(moved)} (${localities['lancashire-east']!.name})`)
    expect(
      options.filter((o) => o.includes(`Picker check ${suffix}`)),
      'the old title is gone',
    ).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// Story text keeps paragraphs, headings, lists, quotes and links; it carries no bold or italic by design
// (src/richtext/sanitize.ts: "text nodes carry no formatting"), so the formatting checked here is what a
// story can hold: a heading, paragraphs, a bulleted list and a link.
const STORY_MARKDOWN = [
  '## The first walk',
  'The walk was brilliant and I slept well after it.',
  'What helped on the day:',
  '- a flask of tea\n- good boots',
  'More at [the canal trust](https://canalrivertrust.org.uk/).',
].join('\n\n')

const blockTypes = (doc: any): string[] => (doc?.root?.children ?? []).map((c: any) => (c.type === 'heading' || c.type === 'list' ? `${c.type}:${c.tag}` : c.type))

describe('redaction (spec B4)', () => {
  it("starts from the story's current text with its formatting (heading, paragraphs, a list, a link), not an empty box", { timeout: 180_000 }, async () => {
    const authorDoc = await settle(() => createMember(payload, { displayName: `Story Author ${suffix}` }))
    const author = { ...(await stored('users', authorDoc.id)), collection: 'users' as const } as any
    const story: any = await settle(() =>
      db().create({
        collection: 'stories',
        data: { title: `Canal mornings ${suffix}`, summary: 'Walking helped.', body: markdownToLexical(STORY_MARKDOWN), themes: [] },
        overrideAccess: false,
        user: author,
      }),
    )
    await settle(() => giveConsent(payload, author, story.id, { audience: 'public', byline: 'display-name', quoteInReports: false }))
    await settle(() => submitStory(payload, author, story.id))
    const saved = await stored('stories', story.id)
    const shape = blockTypes(saved.body)
    if (saved.status !== 'submitted' || shape.join() !== 'heading:h2,paragraph,paragraph,list:ul,paragraph')
      throw new Error(`Arrange failed: story ${story.id} is ${saved.status}, blocks ${shape.join()}`)

    await goto(page, `/admin/collections/stories/${story.id}`)
    // Where redaction lives in the admin: the story's moderation decision, "Propose a redaction".
    const choice = page.getByRole('radio', { name: /redact/i })
    await choice.first().waitFor({ state: 'visible', timeout: 60_000 })
    await page.evaluate(() => document.querySelectorAll('textarea, [contenteditable="true"]').forEach((el) => el.setAttribute('data-before-redaction', '')))
    await choice.first().check()
    await page.waitForTimeout(1500)

    const labelled = page.getByLabel(/proposed (text|story|body)|redact\w* (text|body)/i)
    const fresh = page.locator('textarea:not([data-before-redaction]), [contenteditable="true"]:not([data-before-redaction])')
    const box = (await labelled.count()) > 0 ? labelled.first() : fresh.first()
    expect(await box.count(), 'a box for the proposed text appears').toBe(1)
    await box.waitFor({ state: 'visible', timeout: 10_000 })

    const isTextarea = await box.evaluate((el) => el.tagName === 'TEXTAREA' || el.tagName === 'INPUT')
    if (isTextarea) {
      const value = await box.inputValue()
      expect(value.trim(), 'the proposed text starts from the story, not an empty box').not.toBe('')
      expect(value, 'the heading stays a heading').toMatch(/^##\s+The first walk\s*$/m)
      expect(value, 'paragraphs stay apart (a blank line)').toMatch(/after it\.\s*\n\s*\n\s*What helped on the day:/)
      expect(value, 'the list stays a list').toMatch(/^\s*[-*+]\s+a flask of tea\s*$/m)
      expect(value, 'the list stays a list').toMatch(/^\s*[-*+]\s+good boots\s*$/m)
      expect(value, 'the link stays a link').toContain('[the canal trust](https://canalrivertrust.org.uk/)')
      // Sent back unchanged, the box would propose exactly the story as it is.
      expect(markdownToLexical(value), "the text in the box is the story's own text").toEqual(saved.body)
    } else {
      const shown = normalise(await box.innerText())
      expect(shown, 'the proposed text starts from the story, not an empty box').toContain('The walk was brilliant and I slept well after it.')
      expect(await box.locator('h2').filter({ hasText: 'The first walk' }).count(), 'the heading stays a heading').toBeGreaterThan(0)
      expect(await box.locator('p').filter({ hasText: 'What helped on the day:' }).count(), 'paragraphs stay paragraphs').toBeGreaterThan(0)
      expect(await box.locator('ul li').filter({ hasText: 'a flask of tea' }).count(), 'the list stays a list').toBeGreaterThan(0)
      expect(await box.locator('ul li').filter({ hasText: 'good boots' }).count(), 'the list stays a list').toBeGreaterThan(0)
      expect(await box.locator('a[href="https://canalrivertrust.org.uk/"]').count(), 'the link stays a link').toBeGreaterThan(0)
    }
  })
})

// ---------------------------------------------------------------------------------------------
describe('admin dates and avatars (spec B5)', () => {
  it('dates on admin lists read in UK format, e.g. "5 Dec 2026" (moderation events\' "At", stories\' "Submitted At")', { timeout: 120_000 }, async () => {
    await goto(page, '/admin/collections/moderation-events')
    const rows = await listRows(page, 'moderation-events')
    const wrong: string[] = []
    for (const row of rows) {
      if (row.eventId == null) continue
      const event = await stored('moderation-events', row.eventId)
      const shown = row.cells['At'] ?? ''
      if (!new RegExp(`^${escapeRegExp(londonDate(event.at))}\\b`).test(shown)) wrong.push(`event ${row.eventId} at ${event.at}: shows "${shown}", expected it to start "${londonDate(event.at)}"`)
    }
    expect(rows.filter((r) => r.eventId != null).length, 'the log lists events').toBeGreaterThan(0)
    expect(wrong, 'the "At" column reads d MMM yyyy').toEqual([])

    await goto(page, '/admin/collections/stories')
    const stories = await listRows(page, 'stories')
    const wrongStories: string[] = []
    let checked = 0
    for (const row of stories) {
      if (row.eventId == null) continue
      const story = await stored('stories', row.eventId)
      if (!story.submittedAt) continue
      checked++
      const shown = row.cells['Submitted At'] ?? ''
      if (!new RegExp(`^${escapeRegExp(londonDate(story.submittedAt))}\\b`).test(shown))
        wrongStories.push(`story ${row.eventId}: shows "${shown}", expected it to start "${londonDate(story.submittedAt)}"`)
    }
    expect(checked, 'stories with a submission date are listed').toBeGreaterThan(0)
    expect(wrongStories, 'the "Submitted At" column reads d MMM yyyy').toEqual([])
  })

  it('no image on admin pages points outside the site (no Gravatar), and none is broken', { timeout: 180_000 }, async () => {
    const origin = new URL(e2e.server.url).origin
    const outside: string[] = []
    const onRequest = (r: { url: () => string; resourceType: () => string }) => {
      const url = r.url()
      if (/^https?:/.test(url) && new URL(url).origin !== origin) outside.push(`${r.resourceType()} ${url}`)
    }
    page.on('request', onRequest)
    const problems: string[] = []
    try {
      for (const path of ['/admin', '/admin/queue', '/admin/account', '/admin/collections/moderation-events', '/admin/collections/users', '/admin/collections/stories']) {
        await goto(page, path)
        await page.waitForLoadState('networkidle').catch(() => {})
        const images = await page.locator('img').evaluateAll((imgs) =>
          imgs.map((img) => ({
            src: (img as HTMLImageElement).currentSrc || img.getAttribute('src') || '',
            srcset: img.getAttribute('srcset') ?? '',
            broken: (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 0,
            className: img.className,
          })),
        )
        for (const img of images) {
          const urls = [img.src, ...img.srcset.split(',').map((s) => s.trim().split(/\s+/)[0] ?? '')].filter(Boolean)
          for (const url of urls) {
            if (/gravatar/i.test(url)) problems.push(`${path}: img.${img.className} src ${url} (Gravatar)`)
            else if (/^https?:/.test(url) && new URL(url).origin !== origin) problems.push(`${path}: img.${img.className} src ${url} (outside the site)`)
          }
          if (img.broken) problems.push(`${path}: img.${img.className} src ${img.src} does not load`)
        }
      }
    } finally {
      page.off('request', onRequest)
    }
    expect(problems, 'admin images').toEqual([])
    expect(outside, 'the admin asks no other site for anything').toEqual([])
  })
})
