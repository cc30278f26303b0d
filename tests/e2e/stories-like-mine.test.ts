// Issue 17 C, the browser journey: a visitor chooses the characteristics of a story they would like on
// /stories/like-mine (a GET form), reads a match, finds "more like this" beside it, and answers the two
// questions after reading. With JavaScript and without it (in a context where scripts cannot run); axe-core
// (which needs JavaScript) finds nothing on each page at phone and desktop.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { DESKTOP, formatViolations, goto, mainText, PHONE, submitAndWait, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ context: false })

/** axe-core runs in the page, so it needs JavaScript: the pages are checked in the JavaScript pass (the HTML is the same). */
async function noViolations(page: Page, where: string, javaScriptEnabled: boolean) {
  if (!javaScriptEnabled) return
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport)
    const violations = await axeViolations(page)
    expect(violations, `${where} at ${viewport.width}x${viewport.height}:\n${formatViolations(violations)}`).toEqual([])
  }
  await page.setViewportSize(DESKTOP)
}

for (const javaScriptEnabled of [true, false]) {
  describe(`stories like mine, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    let context: BrowserContext
    let page: Page
    let storyPath = ''

    beforeAll(async () => {
      context = await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled, bypassCSP: true, viewport: DESKTOP })
      page = await context.newPage()
      // Scripts really do not run in the second pass.
      await page.setContent('<title>before</title><script>document.title = "scripts ran"</script>')
      expect(await page.title()).toBe(javaScriptEnabled ? 'scripts ran' : 'before')
    })
    afterAll(async () => {
      await context?.close()
    })

    it('the visitor chooses characteristics and gets matching stories', async () => {
      await goto(page, '/stories/like-mine')
      await noViolations(page, '/stories/like-mine', javaScriptEnabled)
      await page.getByLabel('Told by').selectOption('in-recovery')
      await page.getByLabel('Alcohol').check()
      const response = await submitAndWait(page, 'Find stories')
      expect(response?.status()).toBe(200)
      const url = new URL(page.url())
      expect(url.pathname).toBe('/stories/like-mine')
      expect(url.searchParams.get('narrator')).toBe('in-recovery')
      expect(url.searchParams.getAll('tag')).toEqual(['alcohol'])
      const text = await mainText(page)
      expect(text).toMatch(/Stories like yours \(\d+\)/)
      expect(text).toContain('The first meeting I nearly walked out of')
      // The family member's story (members only, and not in recovery) is not among them.
      expect(text).not.toContain('Loving someone who is still using')
      // The choice is kept in the form.
      expect(await page.getByLabel('Told by').inputValue()).toBe('in-recovery')
      expect(await page.getByLabel('Alcohol').isChecked()).toBe(true)
      await noViolations(page, 'the matches', javaScriptEnabled)
    })

    it('the visitor reads a match and finds more like this', async () => {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main .card-list a', { hasText: 'The first meeting I nearly walked out of' }).first().click()])
      storyPath = new URL(page.url()).pathname
      expect(storyPath).toMatch(/^\/stories\/[^/]+$/)
      const text = await mainText(page)
      expect(text).toContain('More like this')
      expect(text).toContain('About this story')
      // Seeded readers' pairs: 6 readers who found this helpful also found the family member's public story.
      expect(text).toContain('Readers who found this story helpful also found')
      expect(text).toContain('Learning to say no to my son')
      await noViolations(page, 'a story with more like this', javaScriptEnabled)
    })

    it('the visitor answers the two questions, once', async () => {
      await page.locator('#feedback-hope-5').check()
      await page.locator('#feedback-connection-4').check()
      const response = await submitAndWait(page, 'Send my answer')
      expect(response?.status()).toBe(200)
      expect(await mainText(page)).toContain('Thank you. Your answer helps other readers')
      await noViolations(page, 'the story after answering', javaScriptEnabled)
    })
  })
}
