// Issue 12 A in real Chromium: the meeting page, the crisis numbers, the report's charts, and a moderator
// refused when recording a meeting that has not happened yet.
//
// - Each meeting page has an <h2> "Your first meeting" saying what to expect (a welcome, no need to speak,
//   you may bring someone, what happens, what is said stays in the room), with and without JavaScript.
// - Crisis numbers (footer and crisis panels, a[href^="tel:"]) never hold an ordinary space inside a
//   number, and the number does not wrap (computed white-space: nowrap).
// - /reports: each scope section (county-wide, then each locality) has three figure.chart (attendance,
//   stories by theme, actions by status), each with a figcaption and one svg[role="img"][aria-label];
//   the tables stay; a dl.report-totals shows the totals; no two <text> elements of one chart overlap on
//   screen at 375 px and 1280 px, with 70 held meetings in one locality over 24 months.
// - axe-core (WCAG 2.0/2.1/2.2 A and AA) finds nothing on the meeting page and on /reports.
// - The demo moderator opens the close form of a future meeting and is told, in words, that it has not
//   happened yet; nothing is saved and the meeting is still the locality's next meeting.
//
// Arranged through the Local API on the server's database (70 held meetings in Lancashire North, every
// 9 days back from 3 days ago; a future meeting in Lancashire East before every other one to come).
import type { BrowserContext, Page } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { bootPayload, settle } from '../support/payload.js'
import { DESKTOP, PHONE, formatViolations, goto, mainText, newAxeContext, normalise, signInWithForm, uniqueSuffix, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ context: false })

const MODERATOR = 'moderator@waymark.example'
const COUNTY_WIDE_SCOPE = 'County-wide (all localities)'
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const suffix = uniqueSuffix()
const NOT_YET = /has not happened yet/i

let payload: Payload
let visitor: BrowserContext
let moderator: BrowserContext
let noScript: BrowserContext
let localityNames: string[] = []
let futureId = ''
let futureTitle = ''
let heldId = ''

const db = () => payload as any

async function createMeeting(locality: number | string, title: string, startsAt: Date, extra: Record<string, unknown> = {}) {
  return settle<any>(() =>
    db().create({
      collection: 'meetings',
      overrideAccess: true,
      data: {
        locality,
        title,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
        venue: { name: 'Lune Community Hub', address: '1 Quay Street, Lancaster', accessibility: 'Step-free entrance from the car park.' },
        status: 'scheduled',
        ...extra,
      },
    }),
  )
}

const stored = (id: string) => settle<any>(() => db().findByID({ collection: 'meetings', id, overrideAccess: true, depth: 0 }))

beforeAll(async () => {
  payload = await bootPayload({ databaseUrl: e2e.server.databaseUrl, dataDir: e2e.server.dataDir, mediaDir: e2e.server.mediaDir })
  const found = await settle(() => db().find({ collection: 'localities', overrideAccess: true, limit: 100, depth: 0 }))
  const bySlug: Record<string, any> = Object.fromEntries(found.docs.map((d: any) => [d.slug, d]))
  localityNames = found.docs.map((d: any) => String(d.name))
  if (!bySlug['lancashire-north'] || !bySlug['lancashire-east']) throw new Error(`Arrange failed: localities ${Object.keys(bySlug).join(', ')}`)

  // 70 held meetings in one locality within the last 24 months, with two- and three-digit figures.
  const now = Date.now()
  for (let i = 0; i < 70; i++) {
    const start = new Date(now - (3 + 9 * i) * DAY)
    start.setUTCHours(18, 0, 0, 0)
    await createMeeting(bySlug['lancashire-north'].id, `North forum ${suffix} ${i + 1}`, start, {
      status: 'held',
      attendance: { total: 12 + ((i * 37) % 190), firstTimers: (i * 7) % 11 },
    })
  }

  // A future East meeting, before every other East meeting to come (so it is "Next meeting").
  const upcoming = await settle(() =>
    db().find({
      collection: 'meetings',
      overrideAccess: true,
      depth: 0,
      limit: 1,
      sort: 'startsAt',
      where: { and: [{ locality: { equals: bySlug['lancashire-east'].id } }, { startsAt: { greater_than: new Date(now).toISOString() } }] },
    }),
  )
  const soonest = upcoming.docs[0] ? new Date(upcoming.docs[0].startsAt).getTime() : Number.POSITIVE_INFINITY
  const at = Math.floor(Math.min(now + 30 * HOUR, soonest - HOUR) / MINUTE) * MINUTE
  if (at < now + 2 * HOUR) throw new Error(`Arrange failed: an East meeting starts too soon (${new Date(soonest).toISOString()})`)
  futureTitle = `East forum ${suffix}`
  futureId = String((await createMeeting(bySlug['lancashire-east'].id, futureTitle, new Date(at))).id)

  // A held demo meeting (not one of ours).
  const held = await settle(() => db().find({ collection: 'meetings', overrideAccess: true, depth: 0, limit: 200, sort: '-startsAt', where: { status: { equals: 'held' } } }))
  heldId = String(held.docs.find((d: any) => !String(d.title).includes(suffix))?.id ?? '')
  if (!heldId) throw new Error('Arrange failed: no held demo meeting')

  visitor = await newAxeContext(e2e.browser, e2e.server.url)
  moderator = await newAxeContext(e2e.browser, e2e.server.url)
  noScript = await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: false, viewport: DESKTOP })
  const page = await moderator.newPage()
  await signInWithForm(page, MODERATOR, e2e.server.seedPassword)
  if (new URL(page.url()).pathname !== '/account') throw new Error(`Arrange failed: the moderator did not sign in (${page.url()})`)
  await page.close()
}, 300_000)

afterAll(async () => {
  await visitor?.close()
  await moderator?.close()
  await noScript?.close()
})

async function withPage<T>(context: BrowserContext, run: (page: Page) => Promise<T>): Promise<T> {
  const page = await context.newPage()
  try {
    return await run(page)
  } finally {
    await page.close()
  }
}

// ---------------------------------------------------------------------------------------------
// "Your first meeting"
// ---------------------------------------------------------------------------------------------
/** The text under the h2 "Your first meeting": its own section, or the siblings up to the next h2. */
async function firstMeetingText(page: Page): Promise<{ headings: string[]; text: string }> {
  return page.evaluate(() => {
    const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()
    const main = document.querySelector('main')
    const h2s = [...(main?.querySelectorAll('h2') ?? [])]
    const headings = h2s.map((h) => clean(h.textContent))
    const h2 = h2s.find((h) => clean(h.textContent) === 'Your first meeting')
    if (!h2) return { headings, text: '' }
    const container = h2.parentElement
    if (container && container !== main && container.querySelectorAll('h2').length === 1) return { headings, text: clean(container.textContent) }
    let text = ''
    for (let el = h2.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) text += ` ${el.textContent ?? ''}`
    return { headings, text: clean(text) }
  })
}

function expectWhatToExpect(got: { headings: string[]; text: string }, where: string) {
  expect(got.headings, `${where}: an h2 reading "Your first meeting"`).toContain('Your first meeting')
  expect(got.text, `${where}: a welcome`).toMatch(/welcom/i)
  expect(got.text, `${where}: no need to speak`).toMatch(/speak|talk|say anything/i)
  expect(got.text, `${where}: you may bring someone`).toMatch(/bring/i)
  expect(got.text, `${where}: what is said stays in the room`).toMatch(/in the room|confidential/i)
}

describe('each meeting page says what to expect at a first meeting', () => {
  it('an upcoming meeting and a held meeting each have an h2 "Your first meeting" with what to expect', async () => {
    await withPage(visitor, async (page) => {
      for (const id of [futureId, heldId]) {
        const response = await goto(page, `/meetings/${id}`)
        expect(response.status()).toBe(200)
        expectWhatToExpect(await firstMeetingText(page), `/meetings/${id}`)
      }
    })
  })

  it('without JavaScript the meeting page shows the same', async () => {
    await withPage(noScript, async (page) => {
      await page.setContent('<title>before</title><script>document.title = "scripts ran"</script>')
      expect(await page.title(), 'JavaScript is really off').toBe('before')
      const response = await goto(page, `/meetings/${futureId}`)
      expect(response.status()).toBe(200)
      expect(await mainText(page)).toContain(futureTitle)
      expectWhatToExpect(await firstMeetingText(page), `/meetings/${futureId} without JavaScript`)
    })
  })
})

// ---------------------------------------------------------------------------------------------
// Crisis numbers
// ---------------------------------------------------------------------------------------------
type TelLink = { href: string; text: string; ordinarySpaceInNumber: boolean; digitRuns: { text: string; whiteSpace: string; textWrapMode: string }[] }

function readTelLinks(page: Page): Promise<TelLink[]> {
  return page.evaluate(() => {
    const links = [...document.querySelectorAll('footer a[href^="tel:"], .crisis a[href^="tel:"]')] as HTMLElement[]
    return links.map((a) => {
      const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT)
      const digitRuns: { text: string; whiteSpace: string; textWrapMode: string }[] = []
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!/\d/.test(node.textContent ?? '')) continue
        const style = getComputedStyle(node.parentElement!)
        digitRuns.push({ text: node.textContent ?? '', whiteSpace: style.whiteSpace, textWrapMode: (style as any).textWrapMode ?? '' })
      }
      const text = a.textContent ?? ''
      // An ordinary space (or any breaking whitespace) between two digits; U+00A0 is the right one.
      return { href: a.getAttribute('href') ?? '', text, ordinarySpaceInNumber: /\d[ \t\r\n\u2000-\u200b]+\d/.test(text), digitRuns }
    })
  })
}

describe('crisis numbers never wrap inside a number', () => {
  for (const path of ['/', '/meetings/:id', '/meetings']) {
    it(`${path}: each tel: number uses no-break spaces and white-space: nowrap`, async () => {
      await withPage(visitor, async (page) => {
        for (const width of [PHONE, DESKTOP]) {
          await page.setViewportSize(width)
          await goto(page, path.replace(':id', futureId))
          const links = await readTelLinks(page)
          expect(links.length, `${path}: the footer has crisis numbers`).toBeGreaterThanOrEqual(3)
          const grouped = links.filter((l) => /\d\D+\d/.test(l.text.replace(/,.*$/, '')))
          expect(grouped.length, `${path}: some numbers are written in groups (116 123, 0300 123 6600)`).toBeGreaterThan(0)
          for (const link of links) {
            expect(link.ordinarySpaceInNumber, `${link.href} reads ${JSON.stringify(link.text)}: an ordinary space inside the number`).toBe(false)
            for (const run of link.digitRuns) {
              expect(run.whiteSpace === 'nowrap' || run.textWrapMode === 'nowrap', `${link.href} ${JSON.stringify(run.text)} has white-space ${run.whiteSpace}`).toBe(true)
            }
          }
          for (const link of grouped) expect(link.text, `${link.href}: the groups are joined by U+00A0`).toContain('\u00a0')
        }
      })
    })
  }
})

// ---------------------------------------------------------------------------------------------
// /reports: charts, tables, totals; labels never overlap
// ---------------------------------------------------------------------------------------------
type ScopeShape = {
  name: string
  found: boolean
  figures: { caption: string; labelledSvgs: number; label: string }[]
  tables: number
  totalsText: string
}

function readScopes(page: Page, names: string[]): Promise<ScopeShape[]> {
  return page.evaluate((names) => {
    const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()
    const h2s = [...document.querySelectorAll('main h2')]
    return names.map((name) => {
      const h2 = h2s.find((h) => clean(h.textContent) === name)
      const section = h2?.closest('section')
      if (!section) return { name, found: false, figures: [], tables: 0, totalsText: '' }
      const figures = [...section.querySelectorAll('figure.chart')].map((figure) => {
        const svgs = [...figure.querySelectorAll('svg[role="img"][aria-label]')]
        return { caption: clean(figure.querySelector('figcaption')?.textContent), labelledSvgs: svgs.length, label: clean(svgs[0]?.getAttribute('aria-label')) }
      })
      return { name, found: true, figures, tables: section.querySelectorAll('table').length, totalsText: clean(section.querySelector('dl.report-totals')?.textContent) }
    })
  }, names)
}

type Overlap = { chart: string; a: string; b: string; ax: number; bx: number }

/** Every pair of <text> elements, within one chart svg, whose boxes on screen overlap. */
function overlappingLabels(page: Page): Promise<{ charts: number; texts: number; overlaps: Overlap[] }> {
  return page.evaluate(() => {
    const overlaps: { chart: string; a: string; b: string; ax: number; bx: number }[] = []
    const svgs = [...document.querySelectorAll('main figure.chart svg')]
    let texts = 0
    for (const svg of svgs) {
      const boxes = [...svg.querySelectorAll('text')].map((t) => ({ text: (t.textContent ?? '').trim(), r: t.getBoundingClientRect() })).filter((b) => b.text !== '' && b.r.width > 0 && b.r.height > 0)
      texts += boxes.length
      const chart = (svg.closest('figure')?.querySelector('figcaption')?.textContent ?? svg.getAttribute('aria-label') ?? '').trim()
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.r
          const b = boxes[j]!.r
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left)
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
          if (w > 0.5 && h > 0.5) overlaps.push({ chart, a: boxes[i]!.text, b: boxes[j]!.text, ax: Math.round(a.left), bx: Math.round(b.left) })
        }
      }
    }
    return { charts: svgs.length, texts, overlaps }
  })
}

/** The held meetings the 24-month report counts, from the database ([now − 24 months, now]). */
async function heldIn24Months(): Promise<number> {
  const now = new Date()
  const since = new Date(now)
  since.setUTCMonth(since.getUTCMonth() - 24)
  const found = await settle(() =>
    db().find({
      collection: 'meetings',
      overrideAccess: true,
      depth: 0,
      pagination: false,
      where: { and: [{ status: { equals: 'held' } }, { startsAt: { greater_than_equal: since.toISOString() } }, { startsAt: { less_than_equal: now.toISOString() } }] },
    }),
  )
  return found.docs.filter((d: any) => d.attendance?.total != null).length
}

describe('/reports?months=24 as the moderator', () => {
  it('each scope section has three charts (figure.chart, figcaption, svg[role=img][aria-label]), its tables and its totals', async () => {
    await withPage(moderator, async (page) => {
      const response = await goto(page, '/reports?months=24')
      expect(response.status(), await mainText(page)).toBe(200)
      const scopes = await readScopes(page, [COUNTY_WIDE_SCOPE, ...localityNames])
      for (const scope of scopes) {
        expect(scope.found, `a section headed "${scope.name}"`).toBe(true)
        expect(scope.figures.length, `${scope.name}: figure.chart elements`).toBe(3)
        for (const [i, figure] of scope.figures.entries()) {
          expect(figure.caption, `${scope.name}, chart ${i + 1}: a figcaption`).not.toBe('')
          expect(figure.labelledSvgs, `${scope.name}, chart ${i + 1} (${figure.caption}): one svg[role="img"][aria-label]`).toBe(1)
          expect(figure.label, `${scope.name}, chart ${i + 1}: a non-empty aria-label`).not.toBe('')
        }
        const captions = scope.figures.map((f) => f.caption).join(' | ')
        expect(captions, `${scope.name}: an attendance chart`).toMatch(/attendance/i)
        expect(captions, `${scope.name}: a stories-by-theme chart`).toMatch(/theme/i)
        expect(captions, `${scope.name}: an actions-by-status chart`).toMatch(/action/i)
        expect(scope.tables, `${scope.name}: the attendance, theme and action tables stay`).toBeGreaterThanOrEqual(3)
        expect(scope.totalsText, `${scope.name}: a dl.report-totals`).not.toBe('')
      }
    })
  })

  it('the county-wide totals count every held meeting of the 24 months (more than 70, none cut off)', async () => {
    await withPage(moderator, async (page) => {
      await goto(page, '/reports?months=24')
      const want = await heldIn24Months()
      expect(want, 'the arranged meetings are there').toBeGreaterThanOrEqual(70)
      const [county] = await readScopes(page, [COUNTY_WIDE_SCOPE])
      expect(county!.totalsText, `the county-wide totals show ${want} meetings`).toMatch(new RegExp(`(^|[^\\d,])${want}([^\\d,]|$)`))
    })
  })

  for (const size of [PHONE, DESKTOP]) {
    it(`no two chart labels overlap at ${size.width} px wide`, async () => {
      await withPage(moderator, async (page) => {
        await page.setViewportSize(size)
        await goto(page, '/reports?months=24')
        const got = await overlappingLabels(page)
        expect(got.charts, 'charts on the page').toBeGreaterThanOrEqual(3)
        expect(got.texts, 'labels measured').toBeGreaterThan(0)
        const described = got.overlaps
          .slice(0, 15)
          .map((o) => `  ${o.chart}: "${o.a}" (x ${o.ax}) over "${o.b}" (x ${o.bx})`)
          .join('\n')
        expect(got.overlaps.length, `${got.overlaps.length} overlapping label pairs at ${size.width} px:\n${described}`).toBe(0)
      })
    })
  }
})

// ---------------------------------------------------------------------------------------------
// axe-core
// ---------------------------------------------------------------------------------------------
describe('axe-core finds no WCAG A/AA violations', () => {
  const entries: [string, () => BrowserContext, () => string][] = [
    ['the upcoming meeting page (visitor)', () => visitor, () => `/meetings/${futureId}`],
    ['a held meeting page (visitor)', () => visitor, () => `/meetings/${heldId}`],
    ['the meeting page (moderator)', () => moderator, () => `/meetings/${futureId}`],
    ['/reports?months=24 (moderator)', () => moderator, () => '/reports?months=24'],
  ]
  for (const [name, context, path] of entries) {
    it(`${name}, at desktop and phone sizes`, async () => {
      await withPage(context(), async (page) => {
        for (const size of [DESKTOP, PHONE]) {
          await page.setViewportSize(size)
          const response = await goto(page, path())
          expect(response.status()).toBe(200)
          const violations = await axeViolations(page)
          expect(violations, `axe on ${name} at ${size.width} px:\n${formatViolations(violations)}`).toEqual([])
        }
      })
    })
  }
})

// ---------------------------------------------------------------------------------------------
// The moderator's journey: recording a future meeting is refused in words
// ---------------------------------------------------------------------------------------------
describe('the moderator tries to record a meeting that has not happened yet', () => {
  it('the close page says it has not happened yet; sending the figures anyway is refused (400) in words; nothing is saved', async () => {
    const before = await stored(futureId)
    await withPage(moderator, async (page) => {
      const response = await goto(page, `/meetings/${futureId}/close`)
      expect(response.status()).toBeLessThan(500)
      const shown = await mainText(page)
      expect(shown, 'the close page explains why it cannot be recorded yet').toMatch(NOT_YET)

      const form = page.locator('main form:has([name="attendanceTotal"])')
      if ((await form.count()) > 0) {
        await form.locator('[name="attendanceTotal"]').fill('33')
        await form.locator('[name="firstTimers"]').fill('4')
        await form.locator('[name="minutes"]').fill(`Written too early ${suffix}`)
        const button = form.locator('button[type="submit"], button:not([type]), input[type="submit"]').first()
        const [sent] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()])
        expect(sent?.status(), `sending the close form for a future meeting:\n${await mainText(page)}`).toBe(400)
        expect(await mainText(page), 'the refusal is in words').toMatch(NOT_YET)
      }
    })
    const after = await stored(futureId)
    expect([after.status, after.attendance?.total ?? null, after.attendance?.firstTimers ?? null, after.minutesStatus]).toEqual([before.status, null, null, 'draft'])
    expect(JSON.stringify(after.minutes ?? null)).not.toContain(`Written too early ${suffix}`)
  })

  it('the East locality page still shows it as the next meeting', async () => {
    await withPage(visitor, async (page) => {
      await goto(page, '/localities/lancashire-east')
      const next = await page.evaluate(() => {
        const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()
        const h2 = [...document.querySelectorAll('main h2')].find((h) => /next meeting/i.test(clean(h.textContent)))
        if (!h2) return ''
        for (let el = h2.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
          const a = el.matches('a[href^="/meetings/"]') ? el : el.querySelector('a[href^="/meetings/"]')
          if (a) return a.getAttribute('href') ?? ''
        }
        return ''
      })
      expect(next, `the link under "Next meeting":\n${normalise(await mainText(page))}`).toBe(`/meetings/${futureId}`)
    })
  })
})
