// Issue 5, "Tests → Browser": the meeting cycle in real Chromium, with one server and one browser.
//
// Arranged through the Local API on the server's database: in lancashire-east a scheduled meeting that
// started 90 minutes ago (the locality's latest meeting, with a unique title) and a scheduled meeting
// ahead of every other meeting of the locality (its "Next meeting"); in lancashire-central a second
// past scheduled meeting for the no-JavaScript run.
//
// A visitor reads the attendance chart on /meetings?locality=lancashire-east and on
// /localities/lancashire-east first (its <desc> and data table). The demo moderator signs in on the
// public site, opens the meeting and closes it through /meetings/:id/close (attendance total and
// first-timers, minutes with a unique phrase, public visibility): the meeting page shows it held, with
// the minutes marked as a draft. A visitor (a separate context) cannot see the draft minutes, on the
// page or through REST. The moderator approves and then publishes the minutes with the buttons on the
// meeting page (POST /meetings/:id/minutes, 303 back). The visitor then reads the minutes, and the
// chart's <desc> and table on both pages now carry the new meeting's figures (and changed). From the
// locality page the visitor follows "Add to calendar" (fetched through the page's request context):
// text/calendar with BEGIN:VCALENDAR and the next meeting's UID, and no joining details.
//
// axe-core (WCAG 2.0/2.1/2.2 A and AA) finds nothing on /meetings, /meetings/:id (visitor and
// moderator), /meetings/:id/close, /you-said-we-did, /localities/lancashire-east and /reports (as the
// moderator), each page opened once and checked at desktop and then phone size.
//
// With JavaScript off, the moderator closes the second meeting with the form and approves and
// publishes its minutes with the buttons.
import type { BrowserContext, Locator, Page, Response } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { bootPayload, settle } from '../support/payload.js'
import { DESKTOP, PHONE, formatViolations, goto, mainText, newAxeContext, normalise, signInWithForm, uniqueSuffix, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ context: false })

const MODERATOR = 'moderator@waymark.example'
const SLUG = 'lancashire-east'
const LOCALITY_NAME = 'Lancashire East'
const NOJS_SLUG = 'lancashire-central'

const suffix = uniqueSuffix()
const HOUR = 60 * 60 * 1000

type Arranged = { id: string; title: string }

const minutes = {
  phrase: `agreed to ask for an evening clinic in Colne ${suffix}`,
  text: '',
}
minutes.text = `Welcome and introductions from the chair.\n\nThe forum ${minutes.phrase}, and to report back at the next meeting.\n\n- Bus passes for peer supporters\n- The Padiham drop-in`
const noJsMinutes = {
  phrase: `asked the DAAT about Chorley outreach hours ${suffix}`,
  text: '',
}
noJsMinutes.text = `Notes taken without scripts.\n\nThe forum ${noJsMinutes.phrase}.`
const joiningSecret = `Video call room waymark-${suffix} passcode kestrel`

let payload: Payload
let visitor: BrowserContext
let moderator: BrowserContext
let visitorPage: Page
let moderatorPage: Page
let held: Arranged
let next: Arranged
let noJs: Arranged
/** The figures recorded at the close, chosen so that nothing on the pages showed them before. */
let figures = { total: 0, firstTimers: 0 }
const before: Record<string, Chart> = {}
let closed = false
let published = false

const db = () => payload as any
const stored = (id: string) => settle<any>(() => db().findByID({ collection: 'meetings', id, overrideAccess: true, depth: 0 }))

async function createMeeting(locality: string | number, title: string, startsAt: Date, extra: Record<string, unknown> = {}): Promise<Arranged> {
  const doc = await settle<any>(() =>
    db().create({
      collection: 'meetings',
      overrideAccess: true,
      data: {
        locality,
        title,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
        venue: { name: 'Burnley Community Hub', address: '12 Parker Lane, Burnley BB11 2BY', accessibility: 'Step-free entrance; hearing loop in the main hall.' },
        agenda: [{ title: 'Welcome and introductions', presenter: 'The chair' }],
        status: 'scheduled',
        ...extra,
      },
    }),
  )
  return { id: String(doc.id), title }
}

type Chart = { svgCount: number; empty: boolean; labelledBy: string; titleId: string; descId: string; title: string; desc: string; rows: string[][] }

/** The attendance chart in <main>: the svg with a <desc>, its accessible name parts and its data table. */
function readChart(page: Page): Promise<Chart> {
  return page.evaluate(() => {
    const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()
    const main = document.querySelector('main') ?? document.body
    const svgs = [...main.querySelectorAll('svg[role="img"]')].filter((svg) => svg.querySelector('desc'))
    const empty = /No attendance has been recorded yet\./.test(clean(main.textContent))
    const svg = svgs[0]
    if (!svg) return { svgCount: 0, empty, labelledBy: '', titleId: '', descId: '', title: '', desc: '', rows: [] }
    const titleEl = svg.querySelector('title')
    const descEl = svg.querySelector('desc')
    const figure = svg.closest('figure')
    let table: Element | null = figure?.querySelector('table') ?? null
    for (let el = (figure ?? svg).nextElementSibling; el && !table; el = el.nextElementSibling) table = el.matches('table') ? el : el.querySelector('table')
    const rows = table ? [...table.querySelectorAll('tr')].filter((tr) => tr.querySelector('td')).map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => clean(cell.textContent))) : []
    return {
      svgCount: svgs.length,
      empty,
      labelledBy: svg.getAttribute('aria-labelledby') ?? '',
      titleId: titleEl?.id ?? '',
      descId: descEl?.id ?? '',
      title: clean(titleEl?.textContent),
      desc: clean(descEl?.textContent),
      rows,
    }
  })
}

const digits = (cell: string) => cell.replace(/[^\d]/g, '')
const hasWord = (text: string, n: number) => new RegExp(`(^|[^\\d])${n}([^\\d]|$)`).test(text)
const rowWith = (chart: Chart, total: number, firstTimers: number) => chart.rows.find((row) => row.some((c) => digits(c) === String(total)) && row.some((c) => digits(c) === String(firstTimers)))
const describeRows = (chart: Chart) => chart.rows.map((r) => `  | ${r.join(' | ')} |`).join('\n') || '  (no rows)'

/** The close form on /meetings/:id/close. */
const closeForm = (page: Page) => page.locator('main form:has([name="attendanceTotal"])')

async function chooseVisibility(form: Locator, value: 'public' | 'members') {
  const select = form.locator('select[name="minutesVisibility"]')
  if (await select.count()) await select.selectOption(value)
  else {
    const radio = form.locator(`input[name="minutesVisibility"][value="${value}"]`)
    // A styled radio may be drawn by its label: then the label is what a person presses.
    await radio.check({ timeout: 5_000 }).catch(async () => {
      const id = await radio.getAttribute('id')
      await form.locator(`label[for="${id}"]`).click()
    })
    expect(await radio.isChecked(), `the "${value}" visibility is chosen`).toBe(true)
  }
}

async function fillAndSendCloseForm(page: Page, values: { total: number; firstTimers: number; minutes: string }): Promise<Response | null> {
  const form = closeForm(page)
  expect(await form.count(), `the close page has one form with attendanceTotal:\n${await mainText(page)}`).toBe(1)
  await form.locator('[name="attendanceTotal"]').fill(String(values.total))
  await form.locator('[name="firstTimers"]').fill(String(values.firstTimers))
  await form.locator('[name="minutes"]').fill(values.minutes)
  await chooseVisibility(form, 'public')
  const button = form.locator('button[type="submit"], button:not([type]), input[type="submit"]').first()
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()])
  return response
}

/** The button on the meeting page that posts `decision` to /meetings/:id/minutes. */
async function decisionButton(page: Page, id: string, decision: 'approve' | 'publish'): Promise<Locator> {
  const forms = page.locator(`main form[action$="/meetings/${id}/minutes"]`)
  const byValue = forms.locator(`button[name="decision"][value="${decision}"], input[type="submit"][name="decision"][value="${decision}"]`)
  if (await byValue.count()) return byValue.first()
  return forms
    .filter({ has: page.locator(`input[type="hidden"][name="decision"][value="${decision}"]`) })
    .locator('button, input[type="submit"]')
    .first()
}

/** Presses the approve or publish button; checks the POST answered 303 and the browser is back on the meeting. */
async function decide(page: Page, id: string, decision: 'approve' | 'publish') {
  await goto(page, `/meetings/${id}`)
  const button = await decisionButton(page, id, decision)
  expect(await button.count(), `the meeting page shows the moderator a "${decision}" button (a form posting decision=${decision} to /meetings/${id}/minutes):\n${await mainText(page)}`).toBe(1)
  const label = normalise((await button.innerText().catch(() => '')) || ((await button.getAttribute('value')) ?? ''))
  expect(label, `the ${decision} button says what it does`).toMatch(new RegExp(decision, 'i'))
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()])
  const post = response?.request().redirectedFrom()
  expect(post?.method(), `pressing ${decision} posts the form`).toBe('POST')
  expect(new URL(post!.url()).pathname).toBe(`/meetings/${id}/minutes`)
  expect((await post!.response())?.status(), `POST /meetings/${id}/minutes (${decision}) answers 303`).toBe(303)
  expect(response?.status(), `after ${decision}:\n${await mainText(page)}`).toBe(200)
  expect(new URL(page.url()).pathname, `after ${decision} the moderator is back on the meeting`).toBe(`/meetings/${id}`)
}

beforeAll(async () => {
  payload = await bootPayload({ databaseUrl: e2e.server.databaseUrl, dataDir: e2e.server.dataDir, mediaDir: e2e.server.mediaDir })
  const found = await settle(() => db().find({ collection: 'localities', overrideAccess: true, limit: 100, depth: 0 }))
  const localities: Record<string, string | number> = Object.fromEntries(found.docs.map((d: any) => [d.slug, d.id]))
  if (!localities[SLUG] || !localities[NOJS_SLUG]) throw new Error(`Arrange failed: localities ${Object.keys(localities).join(', ')}`)

  const now = Date.now()
  const heldStart = new Date(Math.floor((now - 1.5 * HOUR) / 60_000) * 60_000)
  const existing = await settle(() => db().find({ collection: 'meetings', overrideAccess: true, depth: 0, limit: 1000, where: { locality: { equals: localities[SLUG] } } }))
  const starts = existing.docs.map((d: any) => new Date(d.startsAt).getTime())
  const laterHeld = existing.docs.filter((d: any) => d.status === 'held' && new Date(d.startsAt).getTime() >= heldStart.getTime())
  if (laterHeld.length) throw new Error(`Arrange failed: a held meeting of ${SLUG} is later than ours: ${laterHeld.map((d: any) => d.startsAt).join(', ')}`)
  const soonest = Math.min(...starts.filter((t: number) => t > now), Number.POSITIVE_INFINITY)
  const nextStart = new Date(Math.floor(Math.min(now + 24 * HOUR, soonest - HOUR) / 60_000) * 60_000)
  if (nextStart.getTime() < now + 15 * 60_000) throw new Error(`Arrange failed: a seeded meeting of ${SLUG} starts too soon (${new Date(soonest).toISOString()})`)

  held = await createMeeting(localities[SLUG]!, `Lancashire East forum ${suffix}`, heldStart)
  next = await createMeeting(localities[SLUG]!, `Lancashire East next forum ${suffix}`, nextStart, { online: joiningSecret })
  noJs = await createMeeting(localities[NOJS_SLUG]!, `Lancashire Central forum ${suffix}`, new Date(Math.floor((now - 3 * HOUR) / 60_000) * 60_000))

  visitor = await newAxeContext(e2e.browser, e2e.server.url)
  moderator = await newAxeContext(e2e.browser, e2e.server.url)
  visitorPage = await visitor.newPage()
  moderatorPage = await moderator.newPage()
}, 180_000)

afterAll(async () => {
  await visitor?.close()
  await moderator?.close()
})

describe('a moderator closes a meeting, publishes the minutes, and a visitor reads them and sees the chart update', () => {
  it('the visitor reads the attendance chart on /meetings?locality= and on the locality page before the meeting is closed', async () => {
    for (const path of [`/meetings?locality=${SLUG}`, `/localities/${SLUG}`]) {
      const response = await goto(visitorPage, path)
      expect(response.status(), `${path}:\n${await mainText(visitorPage)}`).toBe(200)
      before[path] = await readChart(visitorPage)
      expect(before[path]!.svgCount > 0 || before[path]!.empty, `${path} shows the attendance chart or "No attendance has been recorded yet."`).toBe(true)
    }
    // Figures no page showed before: totals 150-249 are not years, first-timers 60-99 not days, hours or minutes.
    const seen = Object.values(before)
      .flatMap((c) => [c.desc, ...c.rows.flat()])
      .join(' ')
    for (let tries = 0; ; tries++) {
      const total = 150 + Math.floor(Math.random() * 100)
      const firstTimers = 60 + Math.floor(Math.random() * 40)
      if ((!hasWord(seen, total) && !hasWord(seen, firstTimers)) || tries > 500) {
        figures = { total, firstTimers }
        break
      }
    }
  })

  it('the moderator signs in, opens the scheduled meeting and closes it with attendance and minutes (public)', { timeout: 180_000 }, async () => {
    await signInWithForm(moderatorPage, MODERATOR, e2e.server.seedPassword)
    expect(new URL(moderatorPage.url()).pathname, `the demo moderator signs in:\n${await mainText(moderatorPage)}`).toBe('/account')

    const opened = await goto(moderatorPage, `/meetings/${held.id}`)
    const page = await mainText(moderatorPage)
    expect(opened.status(), page).toBe(200)
    expect(page, 'the meeting page shows its title').toContain(held.title)
    expect(page, 'the meeting page shows its locality').toContain(LOCALITY_NAME)

    const closeLink = moderatorPage.locator(`main a[href$="/meetings/${held.id}/close"]`)
    if (await closeLink.count()) await Promise.all([moderatorPage.waitForNavigation({ waitUntil: 'load' }), closeLink.first().click()])
    else await goto(moderatorPage, `/meetings/${held.id}/close`)
    expect(new URL(moderatorPage.url()).pathname).toBe(`/meetings/${held.id}/close`)

    const response = await fillAndSendCloseForm(moderatorPage, { ...figures, minutes: minutes.text })
    const after = await mainText(moderatorPage)
    expect(response?.status(), `closing the meeting succeeds:\n${after}`).toBeLessThan(400)
    expect(await moderatorPage.locator('main [aria-invalid="true"]').count(), `the close form is not shown again with errors:\n${after}`).toBe(0)

    const doc = await stored(held.id)
    expect(doc.status, 'the meeting is stored as held').toBe('held')
    expect(doc.attendance?.total).toBe(figures.total)
    expect(doc.attendance?.firstTimers).toBe(figures.firstTimers)
    expect(doc.minutesStatus, 'the minutes are stored as a draft').toBe('draft')
    expect(doc.minutesVisibility).toBe('public')
    expect(JSON.stringify(doc.minutes ?? null), 'the minutes are stored (rich text)').toContain(minutes.phrase)
    closed = true

    if (new URL(moderatorPage.url()).pathname !== `/meetings/${held.id}`) await goto(moderatorPage, `/meetings/${held.id}`)
    const shown = await mainText(moderatorPage)
    expect(shown, 'the meeting page says it was held').toMatch(/\bheld\b/i)
    expect(hasWord(shown, figures.total), `the meeting page shows the attendance total ${figures.total}:\n${shown}`).toBe(true)
    expect(shown, `the meeting page shows ${figures.firstTimers} first-timers`).toMatch(new RegExp(`\\b${figures.firstTimers}\\b[^.]{0,40}first|first[^.]{0,40}\\b${figures.firstTimers}\\b`, 'i'))
    expect(shown, 'the moderator sees the draft minutes').toContain(minutes.phrase)
    expect(shown, 'the minutes are marked as a draft for the moderator').toMatch(/\bdraft\b/i)
  })

  it('a visitor cannot see the draft minutes, on the meeting page or through REST', async () => {
    expect(closed, 'needs the meeting closed in the test before').toBe(true)
    const response = await goto(visitorPage, `/meetings/${held.id}`)
    expect(response.status(), await mainText(visitorPage)).toBe(200)
    expect(await mainText(visitorPage), 'the visitor sees the meeting').toContain(held.title)
    expect(await visitorPage.content(), 'the draft minutes are not in the page').not.toContain(minutes.phrase)
    const api = await visitorPage.request.get(`/api/meetings/${held.id}`)
    expect(await api.text(), 'the draft minutes are not in the REST answer').not.toContain(minutes.phrase)
  })

  it('the moderator approves and then publishes the minutes with the buttons on the meeting page', async () => {
    expect(closed, 'needs the meeting closed first').toBe(true)
    await decide(moderatorPage, held.id, 'approve')
    expect((await stored(held.id)).minutesStatus, 'approve makes the minutes approved').toBe('approved')
    expect(await mainText(moderatorPage), 'the moderator sees the minutes marked as approved').toMatch(/\bapproved\b/i)
    expect(await visitorPage.goto(`/meetings/${held.id}`).then(() => visitorPage.content()), 'approved (unpublished) minutes are still hidden from visitors').not.toContain(minutes.phrase)

    await decide(moderatorPage, held.id, 'publish')
    const doc = await stored(held.id)
    expect(doc.minutesStatus, 'publish makes the minutes published').toBe('published')
    expect(doc.minutesPublishedAt, 'the publication time is recorded').toBeTruthy()
    expect(await mainText(moderatorPage)).toContain(minutes.phrase)
    published = true
  })

  it('the visitor now reads the minutes and the attendance on the meeting page', async () => {
    expect(published, 'needs the minutes published first').toBe(true)
    const response = await goto(visitorPage, `/meetings/${held.id}`)
    const text = await mainText(visitorPage)
    expect(response.status(), text).toBe(200)
    expect(text, 'the visitor reads the published public minutes').toContain(minutes.phrase)
    expect(text).toMatch(/\bheld\b/i)
    expect(hasWord(text, figures.total), `the visitor sees the attendance total ${figures.total}`).toBe(true)
  })

  for (const path of [`/meetings?locality=${SLUG}`, `/localities/${SLUG}`]) {
    it(`the chart on ${path} now includes the meeting: its <desc> and data table changed`, async () => {
      expect(published, 'needs the minutes published first').toBe(true)
      const response = await goto(visitorPage, path)
      expect(response.status()).toBe(200)
      const chart = await readChart(visitorPage)
      const was = before[path]!
      expect(chart.svgCount, `${path} shows one attendance chart (svg role="img" with a <desc>)`).toBe(1)
      const ids = chart.labelledBy.split(/\s+/)
      expect(chart.titleId && ids.includes(chart.titleId), `the svg's aria-labelledby (${chart.labelledBy}) names its <title id="${chart.titleId}">`).toBeTruthy()
      expect(chart.descId && ids.includes(chart.descId), `the svg's aria-labelledby (${chart.labelledBy}) names its <desc id="${chart.descId}">`).toBeTruthy()
      expect(chart.title, 'the chart has a <title>').not.toBe('')

      expect(chart.desc, `the <desc> changed on ${path}`).not.toBe(was.desc)
      expect(hasWord(chart.desc, figures.total), `the <desc> states the latest total ${figures.total}: "${chart.desc}"`).toBe(true)
      expect(hasWord(chart.desc, figures.firstTimers), `the <desc> states the latest first-timers ${figures.firstTimers}: "${chart.desc}"`).toBe(true)

      expect(rowWith(was, figures.total, figures.firstTimers), `before the close no row had ${figures.total} and ${figures.firstTimers}:\n${describeRows(was)}`).toBeUndefined()
      expect(rowWith(chart, figures.total, figures.firstTimers), `the data table has a row with total ${figures.total} and first-timers ${figures.firstTimers}:\n${describeRows(chart)}`).toBeTruthy()
      expect(chart.rows.length, `the chart covers at most the last 12 meetings:\n${describeRows(chart)}`).toBeLessThanOrEqual(12)
      expect(chart.rows, 'the data table changed').not.toEqual(was.rows)
    })
  }

  it('on /meetings?locality= the closed meeting is listed', async () => {
    await goto(visitorPage, `/meetings?locality=${SLUG}`)
    expect(await visitorPage.locator(`main a[href="/meetings/${held.id}"]`).count(), 'the meetings list links to the closed meeting').toBeGreaterThan(0)
  })

  it('from the locality page the visitor follows "Add to calendar" for the next meeting and gets text/calendar', async () => {
    const response = await goto(visitorPage, `/localities/${SLUG}`)
    const text = await mainText(visitorPage)
    expect(response.status()).toBe(200)
    expect(text, 'the locality page has a "Next meeting" part').toMatch(/next meeting/i)
    expect(text, 'the next meeting is ours (it is ahead of every other meeting of the locality)').toContain(next.title)
    expect(await visitorPage.locator(`main a[href="/meetings/${next.id}"]`).count(), 'the next meeting links to its page').toBeGreaterThan(0)

    const link = visitorPage.locator('main').getByRole('link', { name: /add .*to (your )?calendar/i })
    expect(await link.count(), `the locality page has one "Add to calendar" link:\n${text}`).toBe(1)
    const href = new URL((await link.getAttribute('href'))!, e2e.server.url)
    expect(href.pathname, "the link is the next meeting's calendar file").toBe(`/meetings/${next.id}/calendar.ics`)
    const ics = await visitorPage.request.get(href.href)
    expect(ics.status()).toBe(200)
    expect(ics.headers()['content-type'], 'the calendar is served as text/calendar').toMatch(/^text\/calendar\b/i)
    const body = (await ics.text()).replace(/\r?\n[ \t]/g, '')
    expect(body).toContain('BEGIN:VCALENDAR')
    expect(body, "the event carries the meeting's stable UID").toMatch(new RegExp(`^UID:meeting-${next.id}@127\\.0\\.0\\.1(:\\d+)?\\r?$`, 'm'))
    expect(body, 'the calendar never carries the joining details').not.toContain(`waymark-${suffix}`)

    const subscribe = visitorPage.locator('main').getByRole('link', { name: /subscribe to all .*meetings/i })
    expect(await subscribe.count(), 'the locality page has a "Subscribe to all Lancashire East meetings" link').toBe(1)
    expect(new URL((await subscribe.first().getAttribute('href'))!, e2e.server.url).pathname).toBe(`/localities/${SLUG}/meetings.ics`)
  })
})

type AxeEntry = { name: string; as: 'visitor' | 'moderator'; path: () => string }

const axeEntries: AxeEntry[] = [
  { name: '/meetings', as: 'visitor', path: () => '/meetings' },
  { name: '/meetings/:id (held, published minutes) as a visitor', as: 'visitor', path: () => `/meetings/${held.id}` },
  { name: '/meetings/:id (held) as the moderator', as: 'moderator', path: () => `/meetings/${held.id}` },
  { name: '/meetings/:id/close (a scheduled meeting)', as: 'moderator', path: () => `/meetings/${noJs.id}/close` },
  { name: '/you-said-we-did', as: 'visitor', path: () => '/you-said-we-did' },
  { name: `/localities/${SLUG}`, as: 'visitor', path: () => `/localities/${SLUG}` },
  { name: '/reports as the moderator', as: 'moderator', path: () => '/reports' },
]

describe('axe-core reports no WCAG A/AA violations on the meeting pages, at desktop and phone sizes', () => {
  for (const entry of axeEntries) {
    it(`${entry.name} (desktop ${DESKTOP.width}x${DESKTOP.height}, then phone ${PHONE.width}x${PHONE.height})`, async () => {
      const page = await { visitor, moderator }[entry.as].newPage()
      try {
        await page.setViewportSize(DESKTOP)
        const path = entry.path()
        const response = await goto(page, path)
        expect(response.status(), `${entry.name}:\n${await mainText(page)}`).toBe(200)
        expect(new URL(page.url()).pathname, `${entry.name} is shown, not redirected`).toBe(new URL(path, e2e.server.url).pathname)
        if (entry.name.startsWith('/meetings/:id/close')) expect(await closeForm(page).count(), 'the close form is on the page').toBe(1)
        const desktop = await axeViolations(page)
        expect(desktop, `axe violations on ${entry.name} at desktop size:\n${formatViolations(desktop)}`).toEqual([])
        await page.setViewportSize(PHONE)
        const phone = await axeViolations(page)
        expect(phone, `axe violations on ${entry.name} at phone size:\n${formatViolations(phone)}`).toEqual([])
      } finally {
        await page.close()
      }
    })
  }
})

describe('without JavaScript the close form and the minutes buttons work', () => {
  let context: BrowserContext
  let page: Page

  beforeAll(async () => {
    context = await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: false })
    page = await context.newPage()
  })
  afterAll(async () => {
    await context?.close()
  })

  it('JavaScript really is off, and the moderator signs in', async () => {
    await page.setContent('<title>before</title><script>document.title = "scripts ran"</script>')
    expect(await page.title()).toBe('before')
    await signInWithForm(page, MODERATOR, e2e.server.seedPassword)
    expect(new URL(page.url()).pathname, 'the moderator signs in without JavaScript').toBe('/account')
  })

  it('the moderator closes a meeting with the form', async () => {
    await goto(page, `/meetings/${noJs.id}/close`)
    const response = await fillAndSendCloseForm(page, { total: 42, firstTimers: 7, minutes: noJsMinutes.text })
    expect(response?.status(), `closing without JavaScript succeeds:\n${await mainText(page)}`).toBeLessThan(400)
    const doc = await stored(noJs.id)
    expect([doc.status, doc.attendance?.total, doc.attendance?.firstTimers, doc.minutesStatus, doc.minutesVisibility]).toEqual(['held', 42, 7, 'draft', 'public'])
    await goto(page, `/meetings/${noJs.id}`)
    expect(await mainText(page), 'the moderator sees the draft minutes').toContain(noJsMinutes.phrase)
  })

  it('the moderator approves and publishes the minutes with the buttons, and a visitor reads them', async () => {
    expect((await stored(noJs.id)).status, 'needs the meeting closed in the test before').toBe('held')
    await decide(page, noJs.id, 'approve')
    expect((await stored(noJs.id)).minutesStatus).toBe('approved')
    await decide(page, noJs.id, 'publish')
    expect((await stored(noJs.id)).minutesStatus).toBe('published')
    await goto(visitorPage, `/meetings/${noJs.id}`)
    expect(await mainText(visitorPage), 'a visitor reads the published minutes').toContain(noJsMinutes.phrase)
  })
})
