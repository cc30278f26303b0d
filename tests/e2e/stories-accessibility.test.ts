// Issue 3, "axe-core shows 0 violations on every new page": every page the stories feature adds, in
// every state that matters, checked with axe-core (WCAG 2.0/2.1/2.2 A and AA) at desktop size and at
// 375×667, where it must also not scroll sideways.
//
// The stories the pages show are arranged first, as a member and a moderator would make them: the
// member writes them on /stories/new; the moderator's decisions are sent to the moderation endpoint
// the admin panel uses (POST /api/stories/:id/moderate, with the moderator's session) — the panel
// itself is exercised in stories-journey and stories-crisis; the member withdraws one through the
// withdraw confirmation page.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { DESKTOP, PHONE, formatViolations, goto, mainText, newAxeContext, signInWithForm, submitAndWait, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ context: false })

// Each test file has its own server and database, so a plain word is unique enough. (Titles stay
// realistic: a 20-character unbroken token in a heading would not fit a 375px screen.)
const marker = 'whimbrel'

type Written = { id: string; slug: string; title: string }

let visitor: BrowserContext
let member: BrowserContext
let moderator: BrowserContext
let withWarnings: Written
let crisis: Written
let gone: Written

/** Writes and sends a story through /stories/new in the member's browser; returns its id and slug. */
async function writeStory(page: Page, options: { title: string; body: string; warnings?: string[]; note?: string }): Promise<Written> {
  await goto(page, '/stories/new')
  const form = page.locator('main form').filter({ has: page.getByRole('button', { name: 'Send to the moderators' }) })
  await form.getByLabel('Title', { exact: true }).fill(options.title)
  await form.getByLabel('Summary', { exact: true }).fill(`A short summary of ${options.title}.`)
  await form.getByLabel('Your story', { exact: true }).fill(options.body)
  await form.getByLabel('Locality', { exact: true }).selectOption({ label: 'Lancashire North' })
  await form.getByRole('checkbox', { name: 'Hope', exact: true }).check()
  await form.getByRole('checkbox', { name: 'Keep learning', exact: true }).check()
  for (const warning of options.warnings ?? []) await form.getByRole('checkbox', { name: warning, exact: true }).check()
  if (options.note) await form.getByLabel('Other content warning', { exact: true }).fill(options.note)
  await form.getByRole('group', { name: 'Who can read your story?' }).getByRole('radio', { name: 'Everyone', exact: true }).check()
  await form.getByRole('group', { name: 'How should it be signed?' }).getByRole('radio', { name: 'My display name', exact: true }).check()
  await form.getByRole('group', { name: 'May short quotes go into reports?' }).getByRole('radio', { name: /^Yes/ }).check()
  await form.getByRole('checkbox', { name: 'I have read this and I give my consent on these terms.' }).check()
  const response = await submitAndWait(page, 'Send to the moderators')
  expect(response?.status(), `sending "${options.title}" should succeed:\n${await mainText(page)}`).toBe(200)
  const id = new URL(page.url()).pathname.match(/^\/account\/stories\/([^/]+)$/)?.[1]
  expect(id, `after sending, the member lands on /account/stories/:id, not ${page.url()}`).toBeTruthy()
  const href = await page.locator('main a[href^="/stories/"]').filter({ hasNotText: /new/i }).first().getAttribute('href')
  return { id: id!, slug: href!.replace(/^\/stories\//, ''), title: options.title }
}

/** The moderator's decision, sent to the endpoint the admin panel posts to, from a page in the moderator's session. */
async function decide(page: Page, id: string, action: string) {
  const result = await page.evaluate(
    async ({ id, action }) => {
      const response = await fetch(`/api/stories/${id}/moderate`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action, reason: '', privateNote: '' }),
      })
      return { status: response.status, body: await response.text() }
    },
    { id, action },
  )
  expect(result.status, `moderator ${action} on story ${id}: ${result.body}`).toBe(200)
}

beforeAll(async () => {
  visitor = await newAxeContext(e2e.browser, e2e.server.url)
  member = await newAxeContext(e2e.browser, e2e.server.url)
  moderator = await newAxeContext(e2e.browser, e2e.server.url)
  const page = await member.newPage()
  await signInWithForm(page, 'member@waymark.example', e2e.server.seedPassword)
  expect(new URL(page.url()).pathname, 'the demo member should be able to sign in').toBe('/account')
  const mod = await moderator.newPage()
  await signInWithForm(mod, 'moderator@waymark.example', e2e.server.seedPassword)
  expect(new URL(mod.url()).pathname, 'the demo moderator should be able to sign in').toBe('/account')

  withWarnings = await writeStory(page, {
    title: 'Learning to cook again',
    body: [
      `The first month after detox I lived on toast ${marker}.`,
      '## What changed',
      '- a cookery class at the library\n- friends who came round on Sundays',
      '> You do not have to do it all at once.',
      'The class was listed on [the council site](https://example.org/classes).',
    ].join('\n\n'),
    warnings: ['Relapse', 'Detailed substance use'],
    note: 'hospital stay',
  })
  crisis = await writeStory(page, { title: 'The long winter', body: `Most nights I don't want to wake up, ${marker}.\n\nI am still here.` })
  gone = await writeStory(page, { title: 'A story I took back', body: `Written and then withdrawn ${marker}.` })

  await decide(mod, withWarnings.id, 'approve')
  await decide(mod, gone.id, 'approve')
  await goto(page, `/account/stories/${gone.id}/withdraw`)
  const withdrawn = await submitAndWait(page, 'Yes, withdraw my story')
  expect(withdrawn?.status(), `withdrawing should succeed:\n${await mainText(page)}`).toBe(200)
  await page.close()
  await mod.close()
}, 240_000)

afterAll(async () => {
  await visitor?.close()
  await member?.close()
  await moderator?.close()
})

type Entry = { name: string; as: 'visitor' | 'member'; expectStatus: number; open: (page: Page) => Promise<number> }

const visit = (name: string, as: Entry['as'], path: () => string, expectStatus = 200): Entry => ({
  name,
  as,
  expectStatus,
  open: async (page) => (await goto(page, path())).status(),
})

const entries: Entry[] = [
  visit('/stories', 'visitor', () => '/stories'),
  visit('/stories filtered by theme and locality', 'visitor', () => '/stories?theme=hope&locality=lancashire-north'),
  visit('/stories filtered to nothing', 'visitor', () => '/stories?theme=give&locality=lancashire-east'),
  visit('/stories/:slug with content warnings (closed)', 'visitor', () => `/stories/${withWarnings.slug}`),
  {
    name: '/stories/:slug with content warnings (opened)',
    as: 'visitor',
    expectStatus: 200,
    open: async (page) => {
      const status = (await goto(page, `/stories/${withWarnings.slug}`)).status()
      const details = page.locator('main details').first()
      expect(await details.count(), 'the content warning is a <details> element').toBe(1)
      await details.locator('summary').click()
      expect(await details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true)
      return status
    },
  },
  visit('/stories/:slug for its author, with the crisis panel', 'member', () => `/stories/${crisis.slug}`),
  visit('/stories/new (empty)', 'member', () => '/stories/new'),
  {
    name: '/stories/new with validation errors',
    as: 'member',
    expectStatus: 0,
    open: async (page) => {
      await goto(page, '/stories/new')
      const response = await submitAndWait(page, 'Send to the moderators')
      expect(await page.locator('main [aria-invalid="true"]').count(), 'the empty form comes back with field errors').toBeGreaterThan(0)
      return response?.status() ?? 0
    },
  },
  visit('/account/stories', 'member', () => '/account/stories'),
  {
    name: '/account/stories/:id (no crisis panel)',
    as: 'member',
    expectStatus: 200,
    open: async (page) => {
      const status = (await goto(page, `/account/stories/${withWarnings.id}`)).status()
      expect(await page.getByRole('heading', { name: 'Are you safe right now?' }).count()).toBe(0)
      return status
    },
  },
  {
    name: '/account/stories/:id with the crisis panel',
    as: 'member',
    expectStatus: 200,
    open: async (page) => {
      const status = (await goto(page, `/account/stories/${crisis.id}`)).status()
      expect(await page.locator('main [role="alert"]').filter({ hasText: 'Are you safe right now?' }).count(), 'the crisis panel is shown').toBe(1)
      return status
    },
  },
  visit('/account/stories/:id (withdrawn story)', 'member', () => `/account/stories/${gone.id}`),
  visit('/account/stories/:id/withdraw (confirmation)', 'member', () => `/account/stories/${withWarnings.id}/withdraw`),
  {
    name: '/stories/:slug after withdrawal (410)',
    as: 'visitor',
    expectStatus: 410,
    open: async (page) => {
      const status = (await goto(page, `/stories/${gone.slug}`)).status()
      expect(await page.content(), 'the 410 page does not show the title').not.toContain(gone.title)
      return status
    },
  },
  {
    name: '/search?q=… with a result',
    as: 'visitor',
    expectStatus: 200,
    open: async (page) => {
      const status = (await goto(page, `/search?q=${encodeURIComponent(marker)}`)).status()
      expect(await page.locator(`main a[href="/stories/${withWarnings.slug}"]`).count(), 'search finds the published story').toBeGreaterThan(0)
      expect(await page.content(), 'search never shows a withdrawn story').not.toContain(gone.title)
      expect(await page.content(), 'search never shows a held story to a visitor').not.toContain(crisis.title)
      return status
    },
  },
  visit('/search?q=… with no result', 'visitor', () => '/search?q=zzqqxxnothingmatches'),
]

async function openFresh(entry: Entry, viewport: { width: number; height: number }): Promise<Page> {
  const page = await (entry.as === 'member' ? member : visitor).newPage()
  await page.setViewportSize(viewport)
  const status = await entry.open(page)
  if (entry.expectStatus) expect(status, `${entry.name} status`).toBe(entry.expectStatus)
  else expect(status, `${entry.name} must not be a server error`).toBeLessThan(500)
  return page
}

// Each page is opened once and checked at both sizes (opening it twice doubled this file's time).
describe('axe-core reports no WCAG A/AA violations on the stories pages', () => {
  for (const entry of entries) {
    it(`${entry.name} (desktop ${DESKTOP.width}x${DESKTOP.height}, then phone ${PHONE.width}x${PHONE.height}: no violations, no sideways scrolling)`, async () => {
      const page = await openFresh(entry, DESKTOP)
      try {
        const desktop = await axeViolations(page)
        expect(desktop, `axe violations on ${entry.name} at desktop size:\n${formatViolations(desktop)}`).toEqual([])
        await page.setViewportSize(PHONE)
        const layout = await page.evaluate(() => {
          const width = document.documentElement.clientWidth
          const offenders = [...document.querySelectorAll('body *')]
            .filter(
              (el) =>
                el.getBoundingClientRect().right > width + 1 ||
                (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible' && el.getBoundingClientRect().left + el.scrollWidth > width + 1),
            )
            .slice(0, 8)
            .map(
              (el) =>
                `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(/\s+/).join('.') : ''} (right edge ${Math.round(el.getBoundingClientRect().left + Math.max(el.scrollWidth, el.getBoundingClientRect().width))}px)`,
            )
          return { scrollWidth: document.documentElement.scrollWidth, width, offenders }
        })
        expect(layout.scrollWidth, `${entry.name} scrolls sideways at ${PHONE.width}px; wider elements:\n${layout.offenders.join('\n')}`).toBeLessThanOrEqual(layout.width)
        const phone = await axeViolations(page)
        expect(phone, `axe violations on ${entry.name} at phone size:\n${formatViolations(phone)}`).toEqual([])
      } finally {
        await page.close()
      }
    })
  }
})
