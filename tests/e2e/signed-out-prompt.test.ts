// Browser journey (issue 16, "the signed-out prompt"): a member who is signed out follows a link to a
// thread in a members-only forum, gets the sign-in prompt (not a dead end), signs in, and lands on the
// thread; then their home page shows their own forums first. In real Chromium, with axe-core finding
// nothing on each page, and again with JavaScript switched off.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { DESKTOP, PHONE, formatViolations, goto, mainText, newAxeContext, signInWithForm, submitAndWait, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ context: false })
const MEMBER = 'member@waymark.example'

let thread: { path: string; title: string }

beforeAll(async () => {
  // A thread in lancashire-north (a members' forum), found the way a member would: on its forum page.
  const context = await e2e.browser.newContext({ baseURL: e2e.server.url })
  const page = await context.newPage()
  await signInWithForm(page, MEMBER, e2e.server.seedPassword)
  await goto(page, '/localities/lancashire-north')
  const link = page.locator('main .thread-list a[href^="/threads/"]').first()
  thread = { path: String(await link.getAttribute('href')), title: (await link.innerText()).trim() }
  expect(thread.path).toMatch(/^\/threads\/\d+$/)
  await context.close()
})

async function expectNoViolations(page: Page, where: string) {
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size)
    const violations = await axeViolations(page)
    expect(violations, `axe violations on ${where} at ${size.width}x${size.height}:\n${formatViolations(violations)}`).toEqual([])
  }
  await page.setViewportSize(DESKTOP)
}

for (const javaScript of [true, false]) {
  describe(`the signed-out prompt (${javaScript ? 'with' : 'without'} JavaScript)`, () => {
    let context: BrowserContext
    let page: Page
    beforeAll(async () => {
      context = javaScript ? await newAxeContext(e2e.browser, e2e.server.url) : await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: false, viewport: DESKTOP })
      page = await context.newPage()
    })
    afterAll(() => context?.close())

    it('following a members-only thread link signed out shows a sign-in prompt, not the thread', async () => {
      const response = await goto(page, thread.path)
      expect(response.status()).toBe(404)
      expect(await page.locator('h1').innerText()).toBe('Sign in to see this page')
      const text = await mainText(page)
      expect(text).not.toContain(thread.title)
      expect(text).toMatch(/sign in and we will bring you straight back here/i)
      if (javaScript) await expectNoViolations(page, `the prompt at ${thread.path}`)
    })

    it('a thread that does not exist shows the very same prompt', async () => {
      const missing = `/threads/${Number(thread.path.split('/').pop()) + 987654}`
      const response = await goto(page, missing)
      expect(response.status()).toBe(404)
      const missingText = await mainText(page)
      await goto(page, thread.path)
      expect(await mainText(page)).toBe(missingText)
    })

    it('"Sign in" on the prompt signs in and lands on the thread', async () => {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main').getByRole('link', { name: 'Sign in', exact: true }).click()])
      expect(new URL(page.url()).pathname).toBe('/login')
      expect(new URL(page.url()).searchParams.get('next')).toBe(thread.path)
      if (javaScript) await expectNoViolations(page, 'the sign-in page with a way back')
      await page.locator('main form [name="email"]').fill(MEMBER)
      await page.locator('main form [name="password"]').fill(e2e.server.seedPassword)
      const landed = await submitAndWait(page, /sign in/i)
      expect(landed?.status()).toBe(200)
      expect(new URL(page.url()).pathname, `after signing in:\n${await mainText(page)}`).toBe(thread.path)
      expect(await page.locator('h1').innerText()).toBe(thread.title)
      if (javaScript) await expectNoViolations(page, `the thread at ${thread.path}, signed in`)
    })

    it('the home page then puts their own forums first', async () => {
      await goto(page, '/')
      await expect(page.locator('h1').innerText()).resolves.toMatch(/^Welcome back, /)
      const sections = await page.locator('main h2').allInnerTexts()
      expect(sections[0]).toBe('Your forums')
      expect(sections).toEqual(expect.arrayContaining(['Latest stories', 'Active conversations', 'Next meetings']))
      if (javaScript) await expectNoViolations(page, "a member's home page")
    })

    it('signed out again, the header’s "Sign in" link on a page brings them back to that page', async () => {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('header').getByRole('button', { name: 'Sign out' }).click()])
      await goto(page, '/meetings')
      if (javaScript) await expectNoViolations(page, '/meetings, signed out')
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('header').getByRole('link', { name: 'Sign in', exact: true }).click()])
      await page.locator('main form [name="email"]').fill(MEMBER)
      await page.locator('main form [name="password"]').fill(e2e.server.seedPassword)
      await submitAndWait(page, /sign in/i)
      expect(new URL(page.url()).pathname).toBe('/meetings')
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('header').getByRole('button', { name: 'Sign out' }).click()])
    })
  })
}

describe("a visitor's home page", () => {
  it('has the latest stories, conversations and meetings, and no violations', async () => {
    const context = await newAxeContext(e2e.browser, e2e.server.url)
    const page = await context.newPage()
    try {
      await goto(page, '/')
      expect(await page.locator('h1').innerText()).toBe('Welcome to Waymark')
      const sections = await page.locator('main h2').allInnerTexts()
      expect(sections).toEqual(expect.arrayContaining(['First time here?', 'Latest stories', 'Active conversations', 'Next meetings']))
      expect(sections).not.toContain('Your forums')
      expect(await page.locator('main a[href^="/threads/"]').count(), 'public conversations are listed').toBeGreaterThan(0)
      expect(await mainText(page)).not.toContain(thread.title)
      await expectNoViolations(page, "a visitor's home page")
    } finally {
      await context.close()
    }
  })
})
