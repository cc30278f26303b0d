// Issue 16: reporting a story, in real Chromium with JavaScript off (a visitor follows "Sign in to report it",
// signs in, comes back to the story, opens the report form, sends it, and is told it was received; a second
// report is refused plainly), then axe-core (WCAG 2.2 AA) on every page this issue adds or changes, at
// desktop and phone sizes: the story page with its report form open, the confirmation, the house rules, the
// privacy notice, the join form, and the pages that now link their feeds.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { DESKTOP, PHONE, formatViolations, goto, mainText, newAxeContext, signInWithForm, submitAndWait, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ javaScriptEnabled: false })
const MEMBER = 'member@waymark.example'
let storyPath = ''

/** A published story the demo member did not write (their own has no report form). */
async function storyToReport(page: Page): Promise<string> {
  await goto(page, '/stories')
  const links = [...new Set(await page.locator('main a[href^="/stories/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!)))].filter(
    (href) => href !== '/stories/new' && !href.includes('?'),
  )
  for (const href of links) {
    await goto(page, href)
    if ((await page.locator('main summary', { hasText: 'Report this story to the moderators' }).count()) > 0) return href
  }
  throw new Error('Arrange failed: no published story the demo member could report')
}

describe('reporting a story without JavaScript', () => {
  it('JavaScript really is off in this browser context', async () => {
    await e2e.page.setContent('<title>before</title><script>document.title = "scripts ran"</script>')
    expect(await e2e.page.title()).toBe('before')
  })

  it('a visitor is asked to sign in, and comes back to the story', async () => {
    // Find the story as the member would see it, then forget the sign-in.
    await signInWithForm(e2e.page, MEMBER, e2e.server.seedPassword)
    storyPath = await storyToReport(e2e.page)
    await e2e.context.clearCookies()

    await goto(e2e.page, storyPath)
    expect(await e2e.page.locator('main form[action="/flags"]').count()).toBe(0)
    const prompt = e2e.page.locator('main').getByRole('link', { name: 'Sign in to report it to the moderators' })
    await Promise.all([e2e.page.waitForNavigation({ waitUntil: 'load' }), prompt.click()])
    expect(new URL(e2e.page.url()).pathname).toBe('/login')
    await e2e.page.locator('main form [name="email"]').fill(MEMBER)
    await e2e.page.locator('main form [name="password"]').fill(e2e.server.seedPassword)
    await submitAndWait(e2e.page, /sign in/i)
    expect(new URL(e2e.page.url()).pathname).toBe(storyPath)
  })

  it('the member opens the report form, chooses a reason, sends it, and is told it was received', async () => {
    await e2e.page.locator('main summary', { hasText: 'Report this story to the moderators' }).click()
    await e2e.page.getByLabel('Identifies someone or shares personal information').check()
    await e2e.page.getByLabel(/Anything the moderators should know/).fill('The second paragraph names a nurse at the clinic.')
    const response = await submitAndWait(e2e.page, 'Send report')
    expect(response?.status()).toBe(200)
    const url = new URL(e2e.page.url())
    expect(url.pathname).toBe(storyPath)
    expect(await e2e.page.getByRole('status').innerText()).toContain('Thank you. The moderators will look at your report.')
  })

  it('a second report of the same story is refused plainly, with a way back', async () => {
    await goto(e2e.page, storyPath)
    await e2e.page.locator('main summary', { hasText: 'Report this story to the moderators' }).click()
    await e2e.page.getByLabel('Spam or advertising').check()
    const response = await submitAndWait(e2e.page, 'Send report')
    expect(response?.status()).toBe(409)
    const text = await mainText(e2e.page)
    expect(text).toContain('Already reported')
    expect(text).toMatch(/already flagged this/i)
    await Promise.all([e2e.page.waitForNavigation({ waitUntil: 'load' }), e2e.page.locator('main').getByRole('link', { name: 'Go back' }).click()])
    expect(new URL(e2e.page.url()).pathname).toBe(storyPath)
  })

  it('the house rules and the privacy notice open from the footer without JavaScript', async () => {
    for (const [name, heading] of [
      ['House rules', 'House rules'],
      ['Privacy notice', 'Privacy notice'],
    ] as const) {
      await goto(e2e.page, '/stories')
      await Promise.all([e2e.page.waitForNavigation({ waitUntil: 'load' }), e2e.page.locator('footer').getByRole('link', { name }).click()])
      expect(await e2e.page.locator('main h1').innerText()).toBe(heading)
    }
  })
})

describe('axe-core: 0 violations on every new or changed page, at desktop and phone sizes', () => {
  let context: Awaited<ReturnType<typeof newAxeContext>>
  let signedIn: Awaited<ReturnType<typeof newAxeContext>>
  beforeAll(async () => {
    context = await newAxeContext(e2e.browser, e2e.server.url)
    signedIn = await newAxeContext(e2e.browser, e2e.server.url)
    await signInWithForm(await signedIn.newPage(), MEMBER, e2e.server.seedPassword)
  })
  afterAll(async () => {
    await context?.close()
    await signedIn?.close()
  })

  const pages: [string, 'visitor' | 'member', (page: Page) => Promise<void>][] = [
    ['/house-rules', 'visitor', (page) => goto(page, '/house-rules').then(() => undefined)],
    ['/privacy-notice', 'visitor', (page) => goto(page, '/privacy-notice').then(() => undefined)],
    ['/join', 'visitor', (page) => goto(page, '/join').then(() => undefined)],
    ['/', 'visitor', (page) => goto(page, '/').then(() => undefined)],
    ['/stories', 'visitor', (page) => goto(page, '/stories').then(() => undefined)],
    ['/localities/lancashire-county', 'visitor', (page) => goto(page, '/localities/lancashire-county').then(() => undefined)],
    ['/meetings', 'visitor', (page) => goto(page, '/meetings').then(() => undefined)],
    ['a story, as a visitor (sign-in prompt)', 'visitor', (page) => goto(page, storyPath).then(() => undefined)],
    [
      'a story, as a member, with the report form open',
      'member',
      async (page) => {
        await goto(page, storyPath)
        await page.locator('main summary', { hasText: 'Report this story to the moderators' }).click()
      },
    ],
    ['a story, with the report received', 'member', (page) => goto(page, `${storyPath}?flagged=1`).then(() => undefined)],
  ]

  for (const [name, who, open] of pages) {
    it(name, async () => {
      const page = await (who === 'member' ? signedIn : context).newPage()
      try {
        await page.setViewportSize(DESKTOP)
        await open(page)
        const desktop = await axeViolations(page)
        expect(desktop, `axe violations on ${name} at desktop size:\n${formatViolations(desktop)}`).toEqual([])
        await page.setViewportSize(PHONE)
        const width = await page.evaluate(() => [document.documentElement.clientWidth, document.documentElement.scrollWidth])
        expect(width[1], `${name} scrolls sideways at ${PHONE.width}px`).toBeLessThanOrEqual(width[0]!)
        const phone = await axeViolations(page)
        expect(phone, `axe violations on ${name} at phone size:\n${formatViolations(phone)}`).toEqual([])
      } finally {
        await page.close()
      }
    })
  }
})
