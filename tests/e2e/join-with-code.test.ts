// Issue 12, part D, "Browser journeys": 10 people sign up with a meeting code from one IP, in real
// Chromium (/work/i12-spec.md "D. Joining at a meeting").
//
// Arranged through the Local API on the server's database: a lancashire-east meeting that started a few
// minutes ago, with the first-timer figure the moderator typed (5) and a total. The per-IP sign-up limit
// stays at its default (3 a day). The demo moderator signs in on the public site, opens a code with the
// form on /meetings/:id, and reads it from [data-join-code]. Then 10 people, each in their own browser
// context but all from the test's one address, join through /join with that code (typed as people type
// it: as shown, lower case, with a dash, without the space); 7 tick "Count me as a first-timer at this
// meeting". All 10 accounts exist, attendance.joinedWithCode is 7, attendance.firstTimers is still 5,
// and the meeting page (moderator view) says "7 joined with the code".
//
// axe-core finds nothing on /join and on the meeting page showing the code, at 1280 px and 375 px;
// screenshots of both at both widths go under test-results/join-with-code/.
import fs from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { rootDir } from '../support/env.js'
import { bootPayload, settle } from '../support/payload.js'
import { DESKTOP, PHONE, formatViolations, goto, mainText, newAxeContext, normalise, signInWithForm, submitAndWait, uniqueSuffix, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ context: false })

const MODERATOR = 'moderator@waymark.example'
const SLUG = 'lancashire-east'
const HOUR = 60 * 60 * 1000
const FIRST_TIMERS = 5
const TOTAL = 18
const PEOPLE = 10
const TICKED = 7
const SHOTS = path.join(rootDir, 'test-results', 'join-with-code')
const suffix = uniqueSuffix()

let payload: Payload
let moderator: BrowserContext
let moderatorPage: Page
let meeting: { id: string; title: string }
/** The code as the meeting page shows it. */
let shown = ''
const joined: { email: string; ticked: boolean }[] = []

const db = () => payload as any
const storedMeeting = () => settle<any>(() => db().findByID({ collection: 'meetings', id: meeting.id, overrideAccess: true, depth: 0 }))
const raw = (code: string) => code.replace(/[\s\u00a0-]/g, '').toUpperCase()

async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true })
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size)
    await page.screenshot({ path: path.join(SHOTS, `${name}-${size.width}.png`), fullPage: true })
  }
  await page.setViewportSize(DESKTOP)
}

async function expectNoAxeViolations(page: Page, where: string) {
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size)
    const violations = await axeViolations(page)
    expect(violations, `${where} at ${size.width} px:\n${formatViolations(violations)}`).toEqual([])
  }
  await page.setViewportSize(DESKTOP)
}

beforeAll(async () => {
  payload = await bootPayload({ databaseUrl: e2e.server.databaseUrl, dataDir: e2e.server.dataDir, mediaDir: e2e.server.mediaDir })
  const settings = await settle(() => db().findGlobal({ slug: 'moderation-settings', overrideAccess: true, depth: 0 }))
  if (settings.registrationsPerIpPerDay !== 3) throw new Error(`Arrange failed: registrationsPerIpPerDay is ${settings.registrationsPerIpPerDay}, not the default 3`)
  const found = await settle(() => db().find({ collection: 'localities', where: { slug: { equals: SLUG } }, overrideAccess: true, limit: 1, depth: 0 }))
  const locality = found.docs[0]?.id
  if (!locality) throw new Error(`Arrange failed: no ${SLUG}`)
  const start = new Date(Math.floor((Date.now() - 0.5 * HOUR) / 60_000) * 60_000)
  const title = `East forum with newcomers ${suffix}`
  const doc = await settle(() =>
    db().create({
      collection: 'meetings',
      overrideAccess: true,
      data: {
        locality,
        title,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
        venue: { name: 'Burnley Community Hub', address: '12 Parker Lane, Burnley BB11 2BY', accessibility: 'Step-free entrance; hearing loop in the main hall.' },
        status: 'scheduled',
        attendance: { total: TOTAL, firstTimers: FIRST_TIMERS },
      },
    }),
  )
  meeting = { id: String(doc.id), title }
  moderator = await newAxeContext(e2e.browser, e2e.server.url)
  moderatorPage = await moderator.newPage()
}, 180_000)

afterAll(async () => {
  await moderator?.close()
})

describe('10 people join with a meeting code from one IP', () => {
  it('the moderator opens a code with the form on the meeting page, and the page shows it', { timeout: 180_000 }, async () => {
    await signInWithForm(moderatorPage, MODERATOR, e2e.server.seedPassword)
    expect(new URL(moderatorPage.url()).pathname, `the demo moderator signs in:\n${await mainText(moderatorPage)}`).toBe('/account')
    const response = await goto(moderatorPage, `/meetings/${meeting.id}`)
    expect(response.status()).toBe(200)

    const form = moderatorPage.locator(`main form[action$="/meetings/${meeting.id}/join-code"]`)
    expect(await form.count(), `the meeting page has a form that opens a join code:\n${await mainText(moderatorPage)}`).toBe(1)
    const hours = form.locator('[name="hours"]')
    if (await hours.count()) expect(await hours.inputValue(), 'the code lasts 3 hours unless the moderator says otherwise').toBe('3')
    const button = form.locator('button[type="submit"], button:not([type]), input[type="submit"]').first()
    const [opened] = await Promise.all([moderatorPage.waitForNavigation({ waitUntil: 'load' }), button.click()])
    expect(opened?.status(), await mainText(moderatorPage)).toBe(200)
    if (new URL(moderatorPage.url()).pathname !== `/meetings/${meeting.id}`) await goto(moderatorPage, `/meetings/${meeting.id}`)

    const code = moderatorPage.locator('main [data-join-code]')
    expect(await code.count(), `the page shows the code in [data-join-code]:\n${await mainText(moderatorPage)}`).toBeGreaterThan(0)
    shown = normalise(await code.first().innerText())
    expect(raw(shown), `the code "${shown}" is 6–8 letters and digits without look-alikes`).toMatch(/^[A-HJ-NP-Z2-9]{6,8}$/)
    const stored = await settle(() => db().find({ collection: 'join-codes', where: { meeting: { equals: meeting.id } }, overrideAccess: true, depth: 0, limit: 10 }))
    expect(
      stored.docs.map((c: any) => raw(String(c.code))),
      'the shown code is the stored one',
    ).toContain(raw(shown))
  })

  it('the meeting page with the code shown: axe finds nothing at 1280 px and 375 px (screenshots saved)', async () => {
    expect(shown, 'needs the code opened first').not.toBe('')
    await goto(moderatorPage, `/meetings/${meeting.id}`)
    await screenshot(moderatorPage, 'meeting-with-code')
    await expectNoAxeViolations(moderatorPage, `/meetings/${meeting.id} with the code shown`)
  })

  it('/join with the meeting code field: axe finds nothing at 1280 px and 375 px (screenshots saved)', async () => {
    const context = await newAxeContext(e2e.browser, e2e.server.url)
    try {
      const page = await context.newPage()
      expect((await goto(page, '/join')).status()).toBe(200)
      expect(await page.getByLabel('Meeting code').count(), 'the form has a "Meeting code" field').toBe(1)
      expect(await page.getByLabel('Count me as a first-timer at this meeting').count(), 'and the first-timer checkbox').toBe(1)
      await screenshot(page, 'join')
      await expectNoAxeViolations(page, '/join')
    } finally {
      await context.close()
    }
  })

  it(`${PEOPLE} people join with the code from the test’s one address (the per-IP limit is 3); ${TICKED} tick "Count me as a first-timer"`, { timeout: 300_000 }, async () => {
    expect(shown, 'needs the code opened first').not.toBe('')
    const r = raw(shown)
    const half = Math.ceil(r.length / 2)
    const typed = [
      shown,
      r.toLowerCase(),
      `${r.slice(0, half)}-${r.slice(half)}`,
      r,
      shown.toLowerCase(),
      `${r.slice(0, half)} ${r.slice(half)}`.toLowerCase(),
      shown,
      r,
      `${r.slice(0, half)}-${r.slice(half)}`.toLowerCase(),
      shown,
    ]
    const types = ['in-recovery', 'family-carer', 'supporter']
    for (let i = 0; i < PEOPLE; i++) {
      const person = {
        displayName: `Burnley Newcomer ${suffix} ${i + 1}`.slice(0, 40),
        email: `newcomer-${suffix}-${i + 1}@example.org`,
        password: `meadow-lantern-${suffix}-${i + 1}`,
        ticked: i < TICKED,
      }
      const context = await e2e.browser.newContext({ baseURL: e2e.server.url })
      try {
        const page = await context.newPage()
        await goto(page, '/join')
        await page.getByLabel('Display name', { exact: true }).fill(person.displayName)
        await page.getByLabel('Email address', { exact: true }).fill(person.email)
        await page.getByLabel('Password', { exact: true }).fill(person.password)
        await page.getByLabel('Which best describes you?').selectOption(types[i % types.length]!)
        await page.getByLabel('Meeting code').fill(typed[i]!)
        if (person.ticked) await page.getByLabel('Count me as a first-timer at this meeting').check()
        const response = await submitAndWait(page, 'Join')
        const text = await mainText(page)
        expect(response?.status(), `person ${i + 1} (code typed ${JSON.stringify(typed[i])}) joins:\n${text}`).toBe(200)
        expect(await page.locator('main [aria-invalid="true"]').count(), `person ${i + 1}: no field errors:\n${text}`).toBe(0)
        expect(text, `person ${i + 1} is told to check their email`).toMatch(/check your email/i)
        joined.push({ email: person.email, ticked: person.ticked })
      } finally {
        await context.close()
      }
    }
  })

  it(`all ${PEOPLE} accounts exist; joinedWithCode is ${TICKED}; firstTimers is unchanged`, async () => {
    expect(joined.length, 'needs the sign-ups first').toBe(PEOPLE)
    for (const person of joined) {
      const found = await settle(() => db().find({ collection: 'users', where: { email: { equals: person.email } }, overrideAccess: true, depth: 0, limit: 1 }))
      expect(found.docs.length, `${person.email} has an account`).toBe(1)
    }
    const doc = await storedMeeting()
    expect(doc.attendance?.joinedWithCode, 'only those who ticked are counted').toBe(TICKED)
    expect(doc.attendance?.firstTimers, 'the first-timer figure the moderator typed is never changed').toBe(FIRST_TIMERS)
    expect(doc.attendance?.total).toBe(TOTAL)
  })

  it(`the meeting page (moderator view) says "${TICKED} joined with the code"`, async () => {
    await goto(moderatorPage, `/meetings/${meeting.id}`)
    const text = await mainText(moderatorPage)
    expect(text, `the meeting page:\n${text}`).toContain(`${TICKED} joined with the code`)
  })

  it('a visitor sees no code on the meeting page', async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.server.url })
    try {
      const page = await context.newPage()
      await goto(page, `/meetings/${meeting.id}`)
      expect(await page.locator('[data-join-code]').count()).toBe(0)
      expect(raw(await page.content()).includes(raw(shown)) && raw(shown) !== '', 'the code is nowhere in the page').toBe(false)
    } finally {
      await context.close()
    }
  })
})
