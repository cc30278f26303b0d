// Issue 17 A, "a browser journey": the community assets directory in real Chromium, on the seeded demo.
//
// A visitor filters the directory with JavaScript (the form's selects and "Show", then the "Meeting this
// week" link) and again with JavaScript off: the filters are a plain GET form and links. The demo member
// suggests an entry through the form; visitors do not see it. The demo moderator, with JavaScript off,
// approves it on the moderators' directory page. The visitor then finds it by its kind, opens its page
// (with "Last checked") and its calendar. axe-core finds nothing at desktop and phone size on the listing,
// an entry, the suggestion form, the moderators' page and a locality page.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { DESKTOP, PHONE, formatViolations, goto, mainText, newAxeContext, signInWithForm, submitAndWait, uniqueSuffix, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ context: false })

const suffix = uniqueSuffix()
const NAME = `Ribble Valley Recovery Walk ${suffix}`

let visitor: BrowserContext
let visitorNoJs: BrowserContext
let member: BrowserContext
let moderator: BrowserContext
let entryId = ''

beforeAll(async () => {
  visitor = await newAxeContext(e2e.browser, e2e.server.url)
  member = await newAxeContext(e2e.browser, e2e.server.url)
  visitorNoJs = await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: false, viewport: DESKTOP })
  moderator = await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: false, viewport: DESKTOP })
}, 60_000)

afterAll(async () => {
  for (const context of [visitor, visitorNoJs, member, moderator]) await context?.close()
})

async function filterByKind(page: Page) {
  await goto(page, '/directory')
  expect(await mainText(page)).toContain('Preston Riverside AA')
  await page.locator('#filter-kind').selectOption('recovery-cafe')
  await page.locator('#filter-locality').selectOption('lancashire-central')
  await submitAndWait(page, 'Show')
  expect(new URL(page.url()).search).toBe('?kind=recovery-cafe&locality=lancashire-central&day=&when=')
  const text = await mainText(page)
  expect(text).toContain('The Lantern Recovery Café')
  expect(text).not.toContain('Preston Riverside AA')
  expect(text).not.toContain('The Anchor Recovery Café') // another locality's café
  // The links keep the other filters: "Meeting this week" narrows to what meets in the next seven days.
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Meeting this week' }).click()])
  expect(new URL(page.url()).searchParams.get('when')).toBe('week')
  expect(await mainText(page)).toContain('The Lantern Recovery Café') // it meets every Saturday
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Clear filters' }).click()])
  expect(new URL(page.url()).pathname).toBe('/directory')
}

describe('the directory journey', () => {
  it('a visitor filters the directory with JavaScript', async () => {
    const page = await visitor.newPage()
    await filterByKind(page)
    await page.close()
  })

  it('and with JavaScript off', async () => {
    const page = await visitorNoJs.newPage()
    await filterByKind(page)
    await goto(page, '/directory?day=sun')
    const text = await mainText(page)
    expect(text).toContain('Preston Riverside AA') // Sundays at 11:00
    expect(text).not.toContain('Fleetwood Harbour NA') // Mondays and Thursdays
    await page.close()
  })

  it('a signed-out visitor who asks to suggest is sent to sign in', async () => {
    const page = await visitorNoJs.newPage()
    await goto(page, '/directory/suggest')
    expect(new URL(page.url()).pathname).toBe('/login')
    await page.close()
  })

  it('a member suggests an entry; visitors do not see it yet', async () => {
    const page = await member.newPage()
    await signInWithForm(page, 'member@waymark.example', e2e.server.seedPassword)
    await goto(page, '/directory/suggest')
    await page.locator('#field-name').fill(NAME)
    await page.locator('#field-kind').selectOption('peer-support')
    await page.locator('#field-locality').selectOption('lancashire-east')
    await page.locator('#field-meets').fill('every Tuesday 25:00')
    await submitAndWait(page, 'Send the suggestion')
    // A time that is not a time is explained next to the field, and what was typed is kept.
    expect(await mainText(page)).toMatch(/There is a problem.*When it meets/)
    await expect.poll(() => page.locator('#field-name').inputValue()).toBe(NAME)
    await page.locator('#field-meets').fill('Tue 10:00; 1st Sat 10:30')
    await page.locator('#field-cost').fill('Free')
    await page.getByLabel('Step-free access').check()
    await page.locator('#field-description').fill('A gentle walk by the river with people in recovery.')
    await submitAndWait(page, 'Send the suggestion')
    expect(await mainText(page)).toContain('Thank you for your suggestion')
    await page.close()

    const look = await visitor.newPage()
    await goto(look, '/directory?kind=peer-support')
    expect(await mainText(look)).not.toContain(NAME)
    await look.close()
  })

  it('the moderator approves it without JavaScript, and the visitor finds it', async () => {
    const page = await moderator.newPage()
    await signInWithForm(page, 'moderator@waymark.example', e2e.server.seedPassword)
    await goto(page, '/directory/moderate')
    expect(await mainText(page)).toContain(NAME)
    expect(await mainText(page)).toContain('Hyndburn Move-On Homes') // due a check: last checked over six months ago
    await submitAndWait(page, `Approve ${NAME}`)
    expect(await mainText(page)).toContain('Approved.')
    expect(await mainText(page)).not.toContain(NAME)
    await page.close()

    const look = await visitor.newPage()
    await goto(look, '/directory?kind=peer-support&locality=lancashire-east')
    await Promise.all([look.waitForNavigation({ waitUntil: 'load' }), look.getByRole('link', { name: NAME }).click()])
    entryId = new URL(look.url()).pathname.split('/').pop()!
    const text = await mainText(look)
    expect(text).toContain('Tuesdays at 10:00')
    expect(text).toContain('First Saturday of the month at 10:30')
    expect(text).toMatch(/Last checked \d{1,2} [A-Z][a-z]+ \d{4}/)
    const calendar = await look.request.get(`/directory/${entryId}/calendar.ics`)
    expect(calendar.headers()['content-type']).toContain('text/calendar')
    expect(await calendar.text()).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU')
    await look.close()
  })

  it('axe-core finds nothing at desktop and phone size', async () => {
    const pages: [BrowserContext, string][] = [
      [visitor, '/directory'],
      [visitor, '/directory?kind=recovery-cafe&when=week'],
      [visitor, `/directory/${entryId}`],
      [visitor, '/localities/lancashire-east'],
      [member, '/directory/suggest'],
      [member, `/directory/${entryId}/correct`],
    ]
    for (const [context, path] of pages) {
      const page = await context.newPage()
      await page.setViewportSize(DESKTOP)
      expect((await goto(page, path)).status(), path).toBe(200)
      const desktop = await axeViolations(page)
      expect(desktop, `axe violations on ${path} at desktop size:\n${formatViolations(desktop)}`).toEqual([])
      await page.setViewportSize(PHONE)
      const phone = await axeViolations(page)
      expect(phone, `axe violations on ${path} at phone size:\n${formatViolations(phone)}`).toEqual([])
      await page.close()
    }
    // The moderators' page, in a context that allows axe-core to be injected.
    const mod = await newAxeContext(e2e.browser, e2e.server.url)
    const page = await mod.newPage()
    await signInWithForm(page, 'moderator@waymark.example', e2e.server.seedPassword)
    for (const size of [DESKTOP, PHONE]) {
      await page.setViewportSize(size)
      await goto(page, '/directory/moderate')
      const found = await axeViolations(page)
      expect(found, `axe violations on /directory/moderate at ${size.width}px:\n${formatViolations(found)}`).toEqual([])
    }
    await mod.close()
  }, 120_000)
})
