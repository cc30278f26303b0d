// Issue 3, section 7 (safeguarding triage) in real Chromium: a member sends a story containing a
// crisis phrase ("I don't want to wake up"). At once they see the crisis panel (role=alert, "Are you
// safe right now?", Samaritans 116 123, NHS 111 option 2, 999) on the manage page and on the story
// page; the safeguarding lead is emailed; the story is held. In /admin the moderator's "Approve" is
// refused with a message until "Mark safe" is recorded; after that, approving publishes it.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { addressesOf } from '../support/smtp.js'
import { goto, mainText, normalise, signInWithForm, uniqueSuffix, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ smtp: true, context: false })

const MEMBER = 'member@waymark.example'
const MODERATOR = 'moderator@waymark.example' // the demo safeguarding lead

const marker = `curlew${uniqueSuffix()}`
const story = {
  title: `Long nights ${marker}`,
  summary: 'Some nights are still very hard.',
  body: `Some nights I don't want to wake up tomorrow, and I lie awake ${marker}.\n\nI am writing this down anyway.`,
}

/** The crisis numbers the panel must show. */
const CRISIS_NUMBERS: [string, RegExp][] = [
  ['Samaritans 116 123', /Samaritans[\s\S]*116\s?123/],
  ['NHS 111 option 2', /NHS[\s\S]*111\D{0,12}option 2/i],
  ['999', /\b999\b/],
]

let author: BrowserContext
let authorPage: Page
let moderator: BrowserContext
let moderatorPage: Page
let storyId = ''
let slug = ''
let mailsBeforeSend = 0

beforeAll(async () => {
  author = await e2e.browser.newContext({ baseURL: e2e.server.url })
  authorPage = await author.newPage()
  moderator = await e2e.browser.newContext({ baseURL: e2e.server.url, viewport: { width: 1280, height: 900 } })
  moderatorPage = await moderator.newPage()
})

afterAll(async () => {
  await author?.close()
  await moderator?.close()
})

async function visitorStatus(path: string): Promise<{ status: number; html: string }> {
  const fresh = await e2e.browser.newContext({ baseURL: e2e.server.url })
  try {
    const page = await fresh.newPage()
    const response = await goto(page, path)
    return { status: response.status(), html: await page.content() }
  } finally {
    await fresh.close()
  }
}

/** Asserts the page shows the crisis panel: an alert headed "Are you safe right now?" with the three numbers. */
async function expectCrisisPanel(page: Page, where: string) {
  const alerts = page.locator('main [role="alert"]').filter({ has: page.getByRole('heading', { name: 'Are you safe right now?' }) })
  expect(await alerts.count(), `${where}: a role=alert panel headed "Are you safe right now?"`).toBe(1)
  const text = normalise(await alerts.first().innerText())
  for (const [label, pattern] of CRISIS_NUMBERS) expect(text, `${where}: the crisis panel shows ${label}`).toMatch(pattern)
  expect(await alerts.first().isVisible(), `${where}: the panel is visible`).toBe(true)
}

/**
 * Records a decision through the story's "Moderation decision" panel in /admin, exactly as a moderator
 * would. Returns the panel's POST to /api/stories/:id/moderate (null if pressing the button never sent
 * it) and the text of the panel afterwards (where the panel shows its result or its error).
 */
async function decideInPanel(page: Page, id: string, option: RegExp, expectMessage?: RegExp) {
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
  const posted = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/stories/${id}/moderate` && r.request().method() === 'POST', { timeout: 15_000 }).catch(() => null)
  await panel.getByRole('button', { name: 'Record decision' }).click()
  const response = await posted
  const body = response ? await response.text().catch(() => '') : ''
  let panelText = ''
  const deadline = Date.now() + (response ? 10_000 : 1_000)
  do {
    panelText = normalise(await panel.innerText().catch(() => ''))
    if (!expectMessage || expectMessage.test(panelText)) break
    await page.waitForTimeout(200)
  } while (Date.now() < deadline)
  return { response, status: response?.status() ?? 0, body, panelText, url: page.url(), insideForm }
}

/** The request the panel makes, sent from the moderator's page (used only after the panel itself has failed). */
async function postDecision(page: Page, id: string, action: string) {
  return page.evaluate(
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
}

/**
 * Records a decision through the panel; if the panel fails to send it at all, that is a (soft) failure
 * of the test, and the same request is then sent directly so the following checks still run.
 */
async function decide(id: string, option: RegExp, action: string, expectMessage?: RegExp, screenshot = 'decision') {
  const result = await decideInPanel(moderatorPage, id, option, expectMessage)
  if (!result.response) {
    const shot = `/tmp/stories-crisis-${screenshot}-${id}.png`
    await moderatorPage.screenshot({ path: shot, fullPage: true })
    expect
      .soft(
        result.response,
        `pressing "Record decision" (${action}) should POST to /api/stories/${id}/moderate; instead the browser went to ${result.url} (screenshot ${shot})${result.insideForm ? `; the panel's <form> is nested inside ${result.insideForm}` : ''}`,
      )
      .not.toBeNull()
    const direct = await postDecision(moderatorPage, id, action)
    return { ...result, status: direct.status, body: direct.body, viaPanel: false }
  }
  return { ...result, viaPanel: true }
}

describe('a story with crisis words is held, and its author sees the crisis panel at once', () => {
  it('the member writes a story containing "I don\'t want to wake up" and sends it; the crisis panel appears at once', async () => {
    await signInWithForm(authorPage, MEMBER, e2e.server.seedPassword)
    expect(new URL(authorPage.url()).pathname).toBe('/account')

    await goto(authorPage, '/stories/new')
    const form = authorPage.locator('main form').filter({ has: authorPage.getByRole('button', { name: 'Send to the moderators' }) })
    await form.getByLabel('Title', { exact: true }).fill(story.title)
    await form.getByLabel('Summary', { exact: true }).fill(story.summary)
    await form.getByLabel('Your story', { exact: true }).fill(story.body)
    await form.getByLabel('Locality', { exact: true }).selectOption({ label: 'Lancashire East' })
    await form.getByRole('checkbox', { name: 'Hope', exact: true }).check()
    await form.getByRole('checkbox', { name: 'Suicide', exact: true }).check()
    await form.getByRole('group', { name: 'Who can read your story?' }).getByRole('radio', { name: 'Everyone', exact: true }).check()
    await form.getByRole('group', { name: 'How should it be signed?' }).getByRole('radio', { name: 'Anonymous', exact: true }).check()
    await form.getByRole('group', { name: 'May short quotes go into reports?' }).getByRole('radio', { name: /^No/ }).check()
    await form.getByRole('checkbox', { name: 'I have read this and I give my consent on these terms.' }).check()

    mailsBeforeSend = e2e.smtp.messages.length
    const [response] = await Promise.all([authorPage.waitForNavigation({ waitUntil: 'load' }), form.getByRole('button', { name: 'Send to the moderators' }).click()])
    const text = await mainText(authorPage)
    expect(response?.status(), `sending should succeed:\n${text}`).toBe(200)
    const match = new URL(authorPage.url()).pathname.match(/^\/account\/stories\/([^/]+)$/)
    expect(match, `after sending, the member lands on /account/stories/:id, not ${authorPage.url()}`).toBeTruthy()
    storyId = match![1]!

    await expectCrisisPanel(authorPage, 'the manage page right after sending')
    await authorPage.screenshot({ path: `/tmp/stories-crisis-manage-${storyId}.png`, fullPage: true })

    const view = authorPage.locator('main a[href^="/stories/"]').filter({ hasNotText: /new/i })
    slug = new URL((await view.first().getAttribute('href'))!, e2e.server.url).pathname.replace(/^\/stories\//, '')
    expect(slug).not.toBe('')
  })

  it('the crisis panel is also on the story page, for its author', async () => {
    const response = await goto(authorPage, `/stories/${slug}`)
    expect(response.status(), 'the author can always see their own story').toBe(200)
    await expectCrisisPanel(authorPage, 'the story page (author)')
    // And when the author comes back to the manage page later.
    await goto(authorPage, `/account/stories/${storyId}`)
    await expectCrisisPanel(authorPage, 'the manage page, later')
  })

  it('a safeguarding lead is emailed at once', async () => {
    const mail = await e2e.smtp.waitFor((m) => e2e.smtp.messages.indexOf(m) >= mailsBeforeSend && addressesOf(m).includes(MODERATOR), 30_000)
    expect(mail.subject ?? '', 'the alert needs a subject').not.toBe('')
  })

  it('the held story is not public', async () => {
    const { status, html } = await visitorStatus(`/stories/${slug}`)
    expect(status).toBe(404)
    expect(html).not.toContain(marker)
  })

  it('in /admin the held story is at the top of the queue', { timeout: 120_000 }, async () => {
    // The moderator signs in on the public site; the session cookie is shared with /admin.
    await signInWithForm(moderatorPage, MODERATOR, e2e.server.seedPassword)
    await goto(moderatorPage, '/admin/collections/stories')
    const rows = moderatorPage.locator('table tbody tr')
    await rows.first().waitFor({ state: 'visible', timeout: 60_000 })
    expect(normalise(await rows.first().innerText()), 'crisis-held stories come first in the queue').toContain(story.title)
  })

  it('"Approve" is refused with a message until "Mark safe" is recorded; then approving publishes it', { timeout: 120_000 }, async () => {
    const held = /held|safeguard|mark (it )?safe/i
    const refused = await decide(storyId, /^Approve and publish/, 'approve', held, 'approve-refused')
    expect(refused.status, `approving a crisis-held story must be refused: ${refused.body}`).toBeGreaterThanOrEqual(400)
    expect(refused.status, `a refusal, not a server error: ${refused.body}`).toBeLessThan(500)
    if (refused.viaPanel) expect(refused.panelText, 'the panel shows why the approval was refused').toMatch(held)
    else expect(refused.body, 'the refusal says why').toMatch(held)
    expect((await visitorStatus(`/stories/${slug}`)).status, 'still not public after the refused approval').toBe(404)

    const safe = await decide(storyId, /^Mark safe/, 'mark_safe', undefined, 'mark-safe')
    expect(safe.status, `marking safe should be accepted: ${safe.body}`).toBeGreaterThanOrEqual(200)
    expect(safe.status, `marking safe should be accepted: ${safe.body}`).toBeLessThan(300)
    expect((await visitorStatus(`/stories/${slug}`)).status, 'marking safe alone does not publish').toBe(404)

    const approved = await decide(storyId, /^Approve and publish/, 'approve', undefined, 'approve')
    expect(approved.status, `approving after "Mark safe" should work: ${approved.body}`).toBeGreaterThanOrEqual(200)
    expect(approved.status, `approving after "Mark safe" should work: ${approved.body}`).toBeLessThan(300)
    if (approved.viaPanel) expect(approved.panelText, 'the panel does not show the safeguarding refusal any more').not.toMatch(/Mark it safe first/i)

    const visible = await visitorStatus(`/stories/${slug}`)
    expect(visible.status, 'published after "Mark safe" and "Approve"').toBe(200)
    expect(visible.html).toContain(marker)
    expect(visible.html, 'signed anonymously, as the consent says').toMatch(/A member from Lancashire East/)
  })
})
