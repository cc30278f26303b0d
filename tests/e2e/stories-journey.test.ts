// Issue 3, "Tests → Browser": the whole stories journey in real Chromium.
//
// The demo member writes a story on /stories/new, chooses consent (Everyone, their display name, no
// quotes in reports, consent ticked) and sends it to the moderators; a visitor cannot see it (404);
// the moderator logs in to /admin and approves it through the story's "Moderation decision" panel; a
// visitor (a fresh browser context) reads it at /stories/:slug, signed with the member's display name,
// with the content warning as a <details> click-to-reveal, and finds it in /stories (also through the
// theme and locality filters); the author withdraws it from /account/stories/:id (link → confirmation →
// button); the visitor's very next request answers 410 Gone with a page that does not show the title,
// and the story is gone from /stories.
import type { BrowserContext, Page, Response } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bootPayload } from '../support/payload.js'
import { addressesOf } from '../support/smtp.js'
import { goto, mainText, normalise, signInWithForm, uniqueSuffix, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ smtp: true, context: false })

const MEMBER = 'member@waymark.example'
const MODERATOR = 'moderator@waymark.example'

const marker = `kittiwake${uniqueSuffix()}`
const story = {
  title: `The harbour wall ${marker}`,
  summary: `Walking the harbour wall every morning kept me going (${marker}).`,
  body: [
    `The first winter was the hardest ${marker} of all.`,
    '## What helped',
    '- a walk before breakfast\n- a phone call every evening',
    '> One day at a time.',
    'I found the group through [Waymark](https://example.org/waymark).',
  ].join('\n\n'),
  locality: 'Lancashire North',
  localitySlug: 'lancashire-north',
  theme: 'Hope',
  themeValue: 'hope',
  warning: 'Relapse',
  warningNote: `hospital stay ${marker}`,
}

let author: BrowserContext
let authorPage: Page
let moderator: BrowserContext
let moderatorPage: Page
/** The visitor who reads the story; the same context (with its HTTP cache) makes the request after the withdrawal. */
let visitor: BrowserContext
let displayName = ''
let storyId = ''
let slug = ''
let payload: Payload | undefined

beforeAll(async () => {
  author = await e2e.browser.newContext({ baseURL: e2e.server.url })
  authorPage = await author.newPage()
  moderator = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: { width: 1280, height: 900 } })
  moderatorPage = await moderator.newPage()
  visitor = await e2e.browser.newContext({ baseURL: e2e.server.url })
})

afterAll(async () => {
  await author?.close()
  await moderator?.close()
  await visitor?.close()
})

/** A page in a brand-new visitor context (no cookies, no cache). */
async function asFreshVisitor<T>(run: (page: Page) => Promise<T>): Promise<T> {
  const fresh = await e2e.browser.newContext({ baseURL: e2e.server.url })
  try {
    return await run(await fresh.newPage())
  } finally {
    await fresh.close()
  }
}

async function clickAndWait(page: Page, click: () => Promise<void>): Promise<Response | null> {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), click()])
  return response
}

/**
 * Records a decision through the story's "Moderation decision" panel in /admin, exactly as a moderator
 * would: choose the option, type a reason, press "Record decision". Returns the panel's POST to
 * /api/stories/:id/moderate (or null if pressing the button never sent it) and the panel's text after.
 */
async function decideInPanel(page: Page, id: string, option: RegExp, reason = '') {
  await goto(page, `/admin/collections/stories/${id}`)
  const panel = page.getByRole('form', { name: 'Moderation decision' })
  await panel.waitFor({ state: 'visible', timeout: 60_000 })
  await page.waitForLoadState('networkidle')
  await panel.getByRole('radio', { name: option }).check()
  // Diagnostic for failures: a <form> inside another <form> is invalid HTML, and React does not call
  // the inner form's onSubmit (the browser submits it natively instead).
  const insideForm = await panel.evaluate((form) => {
    const outer = form.parentElement?.closest('form')
    return outer ? `<form class="${outer.className}" action="${outer.getAttribute('action')}">` : ''
  })
  if (reason) await panel.getByLabel(/Reason for the author/i).fill(reason)
  const posted = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/stories/${id}/moderate` && r.request().method() === 'POST', { timeout: 15_000 }).catch(() => null)
  await panel.getByRole('button', { name: 'Record decision' }).click()
  const response = await posted
  let body = ''
  if (response) body = await response.text().catch(() => '')
  await page.waitForTimeout(500)
  const panelText = normalise(await panel.innerText().catch(() => '(panel gone)'))
  return { response, status: response?.status() ?? 0, body, panelText, url: page.url(), insideForm }
}

/** The request the panel makes (POST /api/stories/:id/moderate, JSON, with the moderator's cookies), sent from the page. */
async function postDecision(page: Page, id: string, action: string, reason = '') {
  return page.evaluate(
    async ({ id, action, reason }) => {
      const response = await fetch(`/api/stories/${id}/moderate`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action, reason, privateNote: '' }),
      })
      return { status: response.status, body: await response.text() }
    },
    { id, action, reason },
  )
}

describe('a story from writing to withdrawal, in Chromium', () => {
  it('the demo member signs in and writes a story on /stories/new, consent step and all', async () => {
    await signInWithForm(authorPage, MEMBER, e2e.server.seedPassword)
    expect(new URL(authorPage.url()).pathname, 'the demo member should be able to sign in').toBe('/account')
    displayName = await authorPage.getByLabel('Display name', { exact: true }).inputValue()
    expect(displayName, 'the demo member has a display name').not.toBe('')

    const response = await goto(authorPage, '/stories/new')
    expect(response.status()).toBe(200)
    const form = authorPage.locator('main form').filter({ has: authorPage.getByRole('button', { name: 'Send to the moderators' }) })
    await form.getByLabel('Title', { exact: true }).fill(story.title)
    await form.getByLabel('Summary', { exact: true }).fill(story.summary)
    await form.getByLabel('Your story', { exact: true }).fill(story.body)
    await form.getByLabel('Locality', { exact: true }).selectOption({ label: story.locality })
    await form.getByRole('checkbox', { name: story.theme, exact: true }).check()
    await form.getByRole('checkbox', { name: story.warning, exact: true }).check()
    await form.getByLabel('Other content warning', { exact: true }).fill(story.warningNote)

    // The consent step: nothing is chosen for the member.
    const consentChoices = form.locator('input[name="audience"], input[name="byline"], input[name="quoteInReports"], input[name="agree"]')
    expect(await consentChoices.count(), 'the consent step has radio groups and a consent checkbox').toBeGreaterThanOrEqual(9)
    const prechecked = await consentChoices.evaluateAll((els) => els.filter((el) => (el as HTMLInputElement).checked).map((el) => (el as HTMLInputElement).id))
    expect(prechecked, 'no consent choice may be pre-selected').toEqual([])

    await form.getByRole('group', { name: 'Who can read your story?' }).getByRole('radio', { name: 'Everyone', exact: true }).check()
    await form.getByRole('group', { name: 'How should it be signed?' }).getByRole('radio', { name: 'My display name', exact: true }).check()
    await form.getByRole('group', { name: 'May short quotes go into reports?' }).getByRole('radio', { name: /^No/ }).check()
    await form.getByRole('checkbox', { name: 'I have read this and I give my consent on these terms.' }).check()

    const sent = await clickAndWait(authorPage, () => form.getByRole('button', { name: 'Send to the moderators' }).click())
    const text = await mainText(authorPage)
    expect(sent?.status(), `sending should succeed:\n${text}`).toBe(200)
    const match = new URL(authorPage.url()).pathname.match(/^\/account\/stories\/([^/]+)$/)
    expect(match, `after sending, the member lands on /account/stories/:id, not ${authorPage.url()}:\n${text}`).toBeTruthy()
    storyId = match![1]!

    expect(text).toContain(story.title)
    expect(text, 'the manage page says the story is with the moderators').toMatch(/with the moderators|submitted|awaiting/i)
    expect(text, 'the manage page shows the consent given').toMatch(/Everyone/)
    expect(await authorPage.getByRole('heading', { name: 'Are you safe right now?' }).count(), 'no crisis panel for a story without crisis words').toBe(0)

    const view = authorPage.locator('main a[href^="/stories/"]').filter({ hasNotText: /new/i })
    expect(await view.count(), 'the manage page links to the story page').toBeGreaterThan(0)
    slug = new URL((await view.first().getAttribute('href'))!, e2e.server.url).pathname.replace(/^\/stories\//, '')
    expect(slug, 'the story has a slug').toMatch(/^[a-z0-9-]+$/i)
    expect(slug.toLowerCase(), 'the slug is never derived from the author name').not.toContain(displayName.toLowerCase().split(/\s+/)[0])
  })

  it('the consent record holds exactly what the member chose, and the statement they were shown', async () => {
    expect(storyId, 'needs the story from the first step').not.toBe('')
    payload = await bootPayload({ databaseUrl: e2e.server.databaseUrl, dataDir: e2e.server.dataDir, mediaDir: e2e.server.mediaDir })
    const id = /^\d+$/.test(storyId) ? Number(storyId) : storyId
    const consents = await payload.find({ collection: 'consents' as never, where: { story: { equals: id } }, overrideAccess: true, depth: 0 })
    expect(consents.docs.length, 'one consent record for the new story').toBe(1)
    const consent = consents.docs[0] as unknown as Record<string, unknown>
    expect(consent.audience).toBe('public')
    expect(consent.byline).toBe('display-name')
    expect(consent.quoteInReports).toBe(false)
    expect(String(consent.statementText ?? ''), 'the consent statement shown is stored').not.toBe('')
    expect(consent.withdrawnAt ?? null).toBeNull()
  })

  it('a visitor cannot see the story before a moderator approves it (404, nothing of it shown)', async () => {
    expect(slug, 'needs the story from the first step').not.toBe('')
    await asFreshVisitor(async (page) => {
      const response = await goto(page, `/stories/${slug}`)
      expect(response.status()).toBe(404)
      expect(await page.content()).not.toContain(marker)
      await goto(page, '/stories')
      expect(await page.content(), '/stories must not list a story that is not approved').not.toContain(marker)
    })
  })

  it('the moderator logs in to /admin, finds the story in the queue and approves it in the Moderation decision panel', { timeout: 120_000 }, async () => {
    expect(storyId, 'needs the story from the first step').not.toBe('')
    await goto(moderatorPage, '/admin/login')
    await moderatorPage.locator('input[name="email"]').fill(MODERATOR)
    await moderatorPage.locator('input[name="password"]').fill(e2e.server.seedPassword)
    await moderatorPage.getByRole('button', { name: /log ?in/i }).click()
    await moderatorPage.waitForURL((u) => u.pathname.startsWith('/admin') && !u.pathname.startsWith('/admin/login'), { timeout: 60_000 })

    // Every story on one page (the demo has more stories than the list's first page holds).
    await goto(moderatorPage, '/admin/collections/stories?limit=100')
    const row = moderatorPage.getByRole('row').filter({ hasText: story.title })
    await row.first().waitFor({ state: 'visible', timeout: 60_000 })
    expect(normalise(await row.first().innerText()), 'the queue shows the story as submitted').toMatch(/submitted/i)
    await Promise.all([moderatorPage.waitForURL((u) => u.pathname === `/admin/collections/stories/${storyId}`, { timeout: 60_000 }), row.first().getByRole('link', { name: story.title }).click()])

    const decision = await decideInPanel(moderatorPage, storyId, /^Approve and publish/)
    if (!decision.response) await moderatorPage.screenshot({ path: `/tmp/stories-journey-approve-${storyId}.png`, fullPage: true })
    expect
      .soft(
        decision.response,
        `pressing "Record decision" should POST the decision to /api/stories/${storyId}/moderate; instead the browser went to ${decision.url} (screenshot /tmp/stories-journey-approve-${storyId}.png)${decision.insideForm ? `; the panel's <form> is nested inside ${decision.insideForm}` : ''}`,
      )
      .not.toBeNull()
    if (decision.response) {
      expect(decision.status, `the approval should be accepted: ${decision.body}`).toBeGreaterThanOrEqual(200)
      expect(decision.status, `the approval should be accepted: ${decision.body}`).toBeLessThan(300)
    } else {
      // This step has already failed above (the panel did not record the decision). So that the rest of
      // the journey is still checked, send the very request the panel sends, from the moderator's page.
      const fallback = await postDecision(moderatorPage, storyId, 'approve')
      expect(fallback.status, `approving through the panel's endpoint: ${fallback.body}`).toBe(200)
    }
  })

  it('a visitor reads the published story, signed with the display name, content warning click-to-reveal', async () => {
    const page = await visitor.newPage()
    const response = await goto(page, `/stories/${slug}`)
    expect(response.status(), `the approved story should be public:\n${await mainText(page)}`).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(story.title)
    // The story itself (the page also suggests other stories, with their own bylines, beside it).
    const text = normalise(await page.locator('main article').first().innerText())
    expect(text, 'the byline comes from the consent: the display name').toContain(displayName)
    expect(text).not.toMatch(/A member from/)
    expect(text).toContain(story.summary)

    const details = page.locator('main details')
    expect(await details.count(), 'content warnings are a <details> element').toBeGreaterThan(0)
    expect(await details.first().evaluate((el) => (el as HTMLDetailsElement).open), 'the warning starts closed').toBe(false)
    const summary = normalise(await details.first().locator('summary').innerText())
    expect(summary).toContain(story.warning)
    expect(summary).toContain(story.warningNote)
    const firstLine = page.locator('main').getByText(`The first winter was the hardest ${marker} of all.`)
    expect(await firstLine.isVisible(), 'the story is hidden behind the warning until revealed').toBe(false)
    await details.first().locator('summary').click()
    expect(await firstLine.isVisible(), 'opening the warning reveals the story').toBe(true)

    // The story's simple formatting is rendered.
    expect(await page.locator('main h2', { hasText: 'What helped' }).count()).toBe(1)
    expect(await page.locator('main li', { hasText: 'a walk before breakfast' }).count()).toBe(1)
    expect(await page.locator('main blockquote', { hasText: 'One day at a time.' }).count()).toBe(1)
    expect(await page.locator('main a', { hasText: 'Waymark' }).last().getAttribute('href')).toMatch(/^https:\/\/example\.org\/waymark/)
    await page.close()
  })

  it('the story appears in /stories, and the theme and locality filters find it', async () => {
    const page = await visitor.newPage()
    await goto(page, '/stories')
    const link = page.locator(`main a[href="/stories/${slug}"]`)
    expect(await link.count(), '/stories lists the published story').toBeGreaterThan(0)
    expect(normalise(await link.first().innerText())).toBe(story.title)

    const filters = page.locator('main form').filter({ has: page.getByLabel('Theme', { exact: true }) })
    await filters.getByLabel('Theme', { exact: true }).selectOption(story.themeValue)
    await filters.getByLabel('Locality', { exact: true }).selectOption(story.localitySlug)
    const filtered = await clickAndWait(page, () => filters.getByRole('button').first().click())
    expect(filtered?.status()).toBe(200)
    expect(await page.locator(`main a[href="/stories/${slug}"]`).count(), `filtering by ${story.themeValue} and ${story.localitySlug} still finds it`).toBeGreaterThan(0)

    await goto(page, '/stories?theme=give')
    expect(await page.locator(`main a[href="/stories/${slug}"]`).count(), 'a theme the story does not have leaves it out').toBe(0)
    await goto(page, '/stories?locality=lancashire-east')
    expect(await page.locator(`main a[href="/stories/${slug}"]`).count(), 'another locality leaves it out').toBe(0)
    await page.close()
  })

  it('the author is emailed about the decision', { timeout: 180_000 }, async () => {
    const toAuthor = () => e2e.smtp.messages.filter((m) => addressesOf(m).includes(MEMBER))
    const published = await e2e.smtp.waitFor((m) => addressesOf(m).includes(MEMBER) && /publish|approv|is live|now live/i.test(`${m.subject ?? ''}\n${m.text ?? ''}`), 60_000).catch(() => null)
    expect(
      published,
      `an email telling the author their story is published; the author got:\n${toAuthor()
        .map((m) => `- ${m.subject}`)
        .join('\n')}`,
    ).not.toBeNull()
  })

  it('the author withdraws the story from /account/stories/:id: link, confirmation page, button', async () => {
    await goto(authorPage, '/account/stories')
    const row = authorPage.locator('main').getByRole('row').filter({ hasText: story.title })
    expect(normalise(await row.first().innerText()), '/account/stories shows the story as published with its consent').toMatch(/published/i)

    await goto(authorPage, `/account/stories/${storyId}`)
    const toConfirm = await clickAndWait(authorPage, () => authorPage.locator('main').getByRole('link', { name: 'Withdraw my story' }).click())
    expect(toConfirm?.status()).toBe(200)
    expect(new URL(authorPage.url()).pathname).toBe(`/account/stories/${storyId}/withdraw`)
    expect(await mainText(authorPage), 'the confirmation says emails already sent cannot be recalled').toMatch(/cannot be recalled/i)

    const done = await clickAndWait(authorPage, () => authorPage.locator('main').getByRole('button', { name: 'Yes, withdraw my story' }).click())
    const text = await mainText(authorPage)
    expect(done?.status(), `withdrawal should succeed:\n${text}`).toBe(200)
    expect(text, 'the member is told the story is withdrawn').toMatch(/withdrawn/i)
  })

  it("the visitor's next request answers 410 Gone with a page that does not show the title", async () => {
    // The same visitor (same browser cache) that read the story a moment ago.
    const page = await visitor.newPage()
    const response = await goto(page, `/stories/${slug}`)
    const html = await page.content()
    expect(response.status(), 'a withdrawn story answers 410 Gone').toBe(410)
    expect(html, 'the 410 page must not show the title').not.toContain(story.title)
    expect(html).not.toContain(marker)
    expect(await page.title()).not.toContain(story.title)
    expect(await mainText(page), 'the 410 page is a kind page that explains').toMatch(/no longer|withdrawn|not available/i)
    await goto(page, '/stories')
    expect(await page.content(), '/stories no longer lists it').not.toContain(marker)
    await page.close()

    await asFreshVisitor(async (fresh) => {
      const again = await goto(fresh, `/stories/${slug}`)
      expect(again.status()).toBe(410)
      expect(await fresh.content()).not.toContain(marker)
    })
  })

  it('moderators see the story as withdrawn, and the consent record shows the withdrawal', async () => {
    // Every story on one page (the demo has more stories than the list's first page holds).
    await goto(moderatorPage, '/admin/collections/stories?limit=100')
    const row = moderatorPage.getByRole('row').filter({ hasText: story.title })
    await row.first().waitFor({ state: 'visible', timeout: 60_000 })
    expect(normalise(await row.first().innerText())).toMatch(/withdrawn/i)

    payload ??= await bootPayload({ databaseUrl: e2e.server.databaseUrl, dataDir: e2e.server.dataDir, mediaDir: e2e.server.mediaDir })
    const id = /^\d+$/.test(storyId) ? Number(storyId) : storyId
    const consents = await payload.find({ collection: 'consents' as never, where: { story: { equals: id } }, overrideAccess: true, depth: 0, sort: '-createdAt' })
    const withdrawn = consents.docs.some((doc) => Boolean((doc as unknown as { withdrawnAt?: string }).withdrawnAt))
    expect(withdrawn, 'a consent record carries withdrawnAt').toBe(true)
  })
})
