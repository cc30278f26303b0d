// axe-core (WCAG 2.0/2.1/2.2 A and AA) finds nothing on any public page, in any state a visitor can
// reach, at desktop and phone sizes; and no page scrolls sideways on a phone.
import type { BrowserContext, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { DESKTOP, PHONE, formatViolations, newAxeContext, publicPages, signInWithForm, useBrowserServer, type PublicPage } from './helpers.js'

const e2e = useBrowserServer({ context: false })
let visitor: BrowserContext
let member: BrowserContext

// The wrong-password case uses the moderator, so its failed attempts never lock out the member used here.
const pages = publicPages({ wrongPasswordEmail: 'moderator@waymark.example' })

beforeAll(async () => {
  visitor = await newAxeContext(e2e.browser, e2e.server.url)
  member = await newAxeContext(e2e.browser, e2e.server.url)
  const page = await member.newPage()
  await signInWithForm(page, 'member@waymark.example', e2e.server.seedPassword)
  expect(new URL(page.url()).pathname, `the demo member should be able to sign in:\n${await page.locator('main').innerText()}`).toBe('/account')
  await page.close()
})

async function openFresh(entry: PublicPage): Promise<Page> {
  const page = await (entry.signedIn ? member : visitor).newPage()
  await page.setViewportSize(DESKTOP)
  const status = await entry.open(page)
  if (entry.expectStatus) expect(status, `${entry.name} status`).toBe(entry.expectStatus)
  else expect(status, `${entry.name} must not be a server error`).toBeLessThan(500)
  if (entry.signedIn) expect(new URL(page.url()).pathname, `${entry.name} should be shown to the signed-in member`).toBe(new URL(entry.name, e2e.server.url).pathname)
  return page
}

// Each page is opened once and checked at both sizes: three loads per page were most of this file's time.
describe('axe-core reports no WCAG A/AA violations at desktop and phone sizes, and nothing scrolls sideways on a phone', () => {
  for (const entry of pages) {
    it(`${entry.name} (desktop ${DESKTOP.width}x${DESKTOP.height}, then phone ${PHONE.width}x${PHONE.height})`, async () => {
      const page = await openFresh(entry)
      try {
        const desktop = await axeViolations(page)
        expect(desktop, `axe violations on ${entry.name} at desktop size:\n${formatViolations(desktop)}`).toEqual([])
        await page.setViewportSize(PHONE)
        const phone = await axeViolations(page)
        expect(phone, `axe violations on ${entry.name} at phone size:\n${formatViolations(phone)}`).toEqual([])
        const size = await page.evaluate(() => {
          const root = document.documentElement
          const wide = [...document.querySelectorAll<HTMLElement>('body *')]
            .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
            .slice(0, 5)
            .map(
              (el) =>
                `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right ${Math.round(el.getBoundingClientRect().right)})`,
            )
          return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide }
        })
        expect(size.scrollWidth, `${entry.name} scrolls sideways on a phone; elements past the edge: ${size.wide.join(', ') || 'none found'}`).toBeLessThanOrEqual(size.clientWidth)
      } finally {
        await page.close()
      }
    })
  }
})
