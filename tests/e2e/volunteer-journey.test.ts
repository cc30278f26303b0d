// Issue 17 B: volunteering in real Chromium, with JavaScript on and off. A member finds a role on
// /volunteer, says they are interested with a short note; the demo moderator, who coordinates volunteering
// for Lancashire East, moves it to "contacted" on the coordinators' page; the member sees "Contacted" in
// their account. Then axe-core (WCAG 2.2 AA) on every volunteering page, at desktop and phone sizes.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { DESKTOP, PHONE, formatViolations, goto, mainText, newAxeContext, signInWithForm, submitAndWait, uniqueSuffix, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ context: false })
const COORDINATOR = 'moderator@waymark.example'
const ROLE = 'Recovery champion'
let rolePath = ''

async function signedInPage(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage()
  await signInWithForm(page, email, e2e.server.seedPassword)
  return page
}

const journeys = [
  { javaScript: true, email: 'member@waymark.example', name: 'Demo Member' },
  { javaScript: false, email: 'oakmum@waymark.example', name: 'Oak Tree Mum' },
] as const

for (const journey of journeys) {
  describe(`the volunteering journey with JavaScript ${journey.javaScript ? 'on' : 'off'}`, () => {
    let memberContext: BrowserContext
    let coordinatorContext: BrowserContext
    const note = `Weekday evenings suit me ${uniqueSuffix()}`
    beforeAll(async () => {
      memberContext = await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: journey.javaScript })
      coordinatorContext = await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: journey.javaScript })
    })
    afterAll(async () => {
      await memberContext?.close()
      await coordinatorContext?.close()
    })

    it('a visitor finds the role by locality and is asked to sign in', async () => {
      const page = await memberContext.newPage()
      await goto(page, '/volunteer')
      await page.locator('main select[name="locality"]').selectOption('lancashire-east')
      await submitAndWait(page, 'Show')
      expect(new URL(page.url()).search).toBe('?locality=lancashire-east')
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main').getByRole('link', { name: ROLE }).click()])
      rolePath = new URL(page.url()).pathname
      expect(await page.locator('main h1').innerText()).toBe(ROLE)
      expect(await page.locator('main form[action$="/interest"]').count()).toBe(0)
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main').getByRole('link', { name: 'Sign in to say you are interested' }).click()])
      expect(new URL(page.url()).pathname).toBe('/login')
      await page.locator('main form [name="email"]').fill(journey.email)
      await page.locator('main form [name="password"]').fill(e2e.server.seedPassword)
      await submitAndWait(page, /sign in/i)
      expect(new URL(page.url()).pathname).toBe(rolePath)
      await page.close()
    })

    it('the member says they are interested, with a short note', async () => {
      const page = await memberContext.newPage()
      await goto(page, rolePath)
      await page.getByLabel('A short note (optional)').fill(note)
      await submitAndWait(page, 'I’m interested')
      expect(new URL(page.url()).pathname).toBe(rolePath)
      expect(await page.getByRole('status').innerText()).toContain('Interested')
      await page.close()
    })

    it('the coordinator sees the note and moves the interest to contacted', async () => {
      const page = await signedInPage(coordinatorContext, COORDINATOR)
      await goto(page, '/volunteer/coordinate')
      const form = page.locator(`main form[aria-label="Move ${journey.name}’s interest in ${ROLE}"]`)
      expect(await form.count()).toBe(1)
      expect(await mainText(page)).toContain(note)
      await form.locator('select[name="state"]').selectOption('contacted')
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.getByRole('button', { name: 'Move' }).click()])
      expect(await page.getByRole('status').innerText()).toContain('The interest has moved on')
      await page.close()
    })

    it('the member sees “Contacted” in their account', async () => {
      const page = await memberContext.newPage()
      await goto(page, '/account')
      const card = page.locator('main section[aria-labelledby="volunteering-heading"] li.card', { hasText: ROLE })
      expect(await card.count()).toBeGreaterThan(0)
      const text = await card.first().innerText()
      expect(text).toMatch(/where it stands:\s*Contacted/)
      expect(text).toContain(note)
      await page.close()
    })
  })
}

describe('axe-core: 0 violations on the volunteering pages, at desktop and phone sizes', () => {
  let visitor: BrowserContext
  let member: BrowserContext
  let coordinator: BrowserContext
  let volunteer: BrowserContext
  beforeAll(async () => {
    volunteer = await newAxeContext(e2e.browser, e2e.server.url)
    await signInWithForm(await volunteer.newPage(), 'member@waymark.example', e2e.server.seedPassword)
    visitor = await newAxeContext(e2e.browser, e2e.server.url)
    member = await newAxeContext(e2e.browser, e2e.server.url)
    coordinator = await newAxeContext(e2e.browser, e2e.server.url)
    await signInWithForm(await member.newPage(), 'friend@waymark.example', e2e.server.seedPassword)
    await signInWithForm(await coordinator.newPage(), COORDINATOR, e2e.server.seedPassword)
  })
  afterAll(async () => {
    await visitor?.close()
    await member?.close()
    await coordinator?.close()
    await volunteer?.close()
  })

  const pages: [string, () => BrowserContext, () => string][] = [
    ['/volunteer', () => visitor, () => '/volunteer'],
    ['/volunteer?locality=lancashire-east', () => visitor, () => '/volunteer?locality=lancashire-east'],
    ['a role, as a visitor', () => visitor, () => rolePath],
    ['a role, as a member, with the interest form', () => member, () => rolePath],
    ['the coordinators’ page', () => coordinator, () => '/volunteer/coordinate'],
    ['the moderators’ page for choosing coordinators', () => coordinator, () => '/volunteer/coordinators'],
    ['the account, with volunteering', () => volunteer, () => '/account'],
  ]

  for (const [name, contextOf, pathOf] of pages) {
    it(name, async () => {
      const page = await contextOf().newPage()
      try {
        await page.setViewportSize(DESKTOP)
        await goto(page, pathOf())
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
