// Issue 5, "Attendance at a glance": the server-rendered SVG chart of attendance and first-timers, with
// <title>, <desc> and a data-table fallback. Rendered with react-dom/server exactly as the pages do, then
// read as HTML text. Expectations come from the points passed in, never from the component.
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { AttendanceChart } from '../../views/components/AttendanceChart.js'

type Point = { label: string; date: string; total: number; firstTimers: number }

// =============================================================================================
// Tiny HTML readers (the output is React's, so attributes are always double-quoted)
// =============================================================================================
const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
const text = (html: string) =>
  decode(html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1]!.toLowerCase(), decode(m[2]!)]))
const openTags = (html: string, name: string) => [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'gi'))].map((m) => m[0])
const elements = (html: string, name: string) => [...html.matchAll(new RegExp(`<${name}\\b([^>]*)>([\\s\\S]*?)</${name}>`, 'gi'))].map((m) => ({ attrs: attrs(`<x ${m[1]}>`), inner: m[2]! }))
const svgOf = (html: string) => {
  const m = html.match(/<svg\b[\s\S]*?<\/svg>/i)
  expect(m, 'an <svg> element').not.toBeNull()
  return m![0]
}
const rectHeights = (svg: string) => openTags(svg, 'rect').map((t) => Number(attrs(t).height))
/** Data rows of the fallback table: rows with at least one <td>. */
const dataRows = (html: string) =>
  elements(html, 'tr')
    .filter((r) => /<td\b/i.test(r.inner))
    .map((r) => [...r.inner.matchAll(/<t([dh])\b[^>]*>([\s\S]*?)<\/t\1>/gi)].map((c) => text(c[2]!)))

const render = (props: { id: string; heading: string; points: Point[] }) => renderToString(<AttendanceChart {...props} />)

const POINTS: Point[] = [
  { label: 'January meeting', date: '2027-01-14T18:00:00.000Z', total: 61, firstTimers: 9 },
  { label: 'February meeting', date: '2027-02-25T18:00:00.000Z', total: 84, firstTimers: 12 },
  { label: 'April meeting', date: '2027-04-08T17:00:00.000Z', total: 208, firstTimers: 31 },
  { label: 'May meeting', date: '2027-05-20T17:00:00.000Z', total: 0, firstTimers: 0 },
  { label: 'July meeting', date: '2027-07-01T17:00:00.000Z', total: 137, firstTimers: 23 },
]
const HTML = render({ id: 'burnley-attendance', heading: 'Attendance in Burnley', points: POINTS })

// =============================================================================================
// Structure and accessibility
// =============================================================================================
describe('AttendanceChart: accessible SVG', () => {
  it('renders a <figure> holding the svg and the table', () => {
    const figure = HTML.match(/<figure\b[\s\S]*<\/figure>/i)
    expect(figure).not.toBeNull()
    expect(figure![0]).toMatch(/<svg\b/i)
    expect(figure![0]).toMatch(/<table\b/i)
  })

  it('exactly one svg, with role="img" and aria-labelledby="<id>-title <id>-desc"', () => {
    const svgs = openTags(HTML, 'svg')
    expect(svgs).toHaveLength(1)
    const a = attrs(svgs[0]!)
    expect(a.role).toBe('img')
    expect(a['aria-labelledby']!.trim().split(/\s+/)).toEqual(['burnley-attendance-title', 'burnley-attendance-desc'])
  })

  it('every id named by aria-labelledby exists exactly once: a <title> and a <desc> inside the svg', () => {
    const svg = svgOf(HTML)
    const ids = attrs(openTags(HTML, 'svg')[0]!)['aria-labelledby']!.trim().split(/\s+/)
    for (const id of ids) {
      expect(HTML.match(new RegExp(`\\bid="${id}"`, 'g')), id).toHaveLength(1)
    }
    const title = elements(svg, 'title').find((e) => e.attrs.id === 'burnley-attendance-title')
    const desc = elements(svg, 'desc').find((e) => e.attrs.id === 'burnley-attendance-desc')
    expect(title, '<title id="burnley-attendance-title">').toBeDefined()
    expect(desc, '<desc id="burnley-attendance-desc">').toBeDefined()
    expect(text(title!.inner).length).toBeGreaterThan(0)
    expect(text(desc!.inner).length).toBeGreaterThan(0)
  })

  it('the ids follow the id prop, so two charts on one page do not clash', () => {
    const other = render({ id: 'county', heading: 'County attendance', points: POINTS })
    expect(attrs(openTags(other, 'svg')[0]!)['aria-labelledby']!.trim().split(/\s+/)).toEqual(['county-title', 'county-desc'])
    expect(other).toMatch(/<title\b[^>]*\bid="county-title"/)
    expect(other).toMatch(/<desc\b[^>]*\bid="county-desc"/)
    expect(other).not.toContain('burnley-attendance')
  })

  it("the desc states the latest meeting's total and first-timers", () => {
    const desc = text(elements(svgOf(HTML), 'desc')[0]!.inner)
    expect(desc).toMatch(/\b137\b/)
    expect(desc).toMatch(/\b23\b/)
  })

  it('the desc follows the data (another latest meeting, other figures)', () => {
    const points = [...POINTS.slice(0, 4), { label: 'August meeting', date: '2027-08-12T17:00:00.000Z', total: 173, firstTimers: 41 }]
    const desc = text(elements(svgOf(render({ id: 'x', heading: 'H', points })), 'desc')[0]!.inner)
    expect(desc).toMatch(/\b173\b/)
    expect(desc).toMatch(/\b41\b/)
    expect(desc).not.toMatch(/\b137\b/)
  })

  it('no script and no client-side JavaScript is needed', () => {
    expect(HTML).not.toMatch(/<script\b/i)
    expect(HTML).not.toMatch(/\son[a-z]+=/i)
  })
})

// =============================================================================================
// The data-table fallback
// =============================================================================================
describe('AttendanceChart: the table fallback', () => {
  it('has a caption', () => {
    const caption = elements(HTML, 'caption')
    expect(caption).toHaveLength(1)
    expect(text(caption[0]!.inner).length).toBeGreaterThan(0)
  })

  it('one data row per point, each with its label, a date, total and first-timers', () => {
    const rows = dataRows(HTML)
    expect(rows).toHaveLength(POINTS.length)
    for (const p of POINTS) {
      const row = rows.find((cells) => cells.some((c) => c.includes(p.label)))
      expect(row, p.label).toBeDefined()
      expect(row!.length, `${p.label}: label, date, total, first-timers`).toBeGreaterThanOrEqual(4)
      expect(row, `${p.label} total`).toContain(String(p.total))
      expect(row, `${p.label} first-timers`).toContain(String(p.firstTimers))
      // total before first-timers, as the columns are named
      expect(row!.indexOf(String(p.total))).toBeLessThan(row!.lastIndexOf(String(p.firstTimers)))
    }
  })

  it('has header cells naming the columns', () => {
    // The wording of the total column is the component's choice ("Total", "Attendance", "Everyone" ...);
    // the first-timers column must say so.
    const headers = elements(HTML, 'th').map((h) => text(h.inner).toLowerCase())
    expect(headers.length).toBeGreaterThanOrEqual(4)
    expect(headers.some((h) => /first/.test(h))).toBe(true)
  })

  it('twelve points give twelve rows', () => {
    const points = Array.from({ length: 12 }, (_, i) => ({
      label: `Meeting ${i + 1}`,
      date: new Date(Date.UTC(2026, i, 15, 18)).toISOString(),
      total: 40 + i * 7,
      firstTimers: i,
    }))
    const rows = dataRows(render({ id: 'twelve', heading: 'Twelve', points }))
    expect(rows).toHaveLength(12)
  })
})

// =============================================================================================
// Bars
// =============================================================================================
describe('AttendanceChart: bars', () => {
  const base: Point[] = [
    { label: 'A', date: '2027-01-14T18:00:00.000Z', total: 200, firstTimers: 20 },
    { label: 'B', date: '2027-02-25T18:00:00.000Z', total: 100, firstTimers: 10 },
    { label: 'C', date: '2027-04-08T17:00:00.000Z', total: 50, firstTimers: 5 },
  ]
  const heightsFor = (points: Point[]) => rectHeights(svgOf(render({ id: 'bars', heading: 'Bars', points })))

  it('bars are <rect>s with finite, non-negative heights', () => {
    const hs = heightsFor(base)
    expect(hs.length).toBeGreaterThanOrEqual(2 * base.length)
    for (const h of hs) {
      expect(Number.isFinite(h)).toBe(true)
      expect(h).toBeGreaterThanOrEqual(0)
    }
  })

  it('one bar pair per point: each extra point adds two bars', () => {
    const extra = { label: 'D', date: '2027-05-20T17:00:00.000Z', total: 70, firstTimers: 7 }
    expect(heightsFor([...base, extra]).length - heightsFor(base).length).toBe(2)
  })

  it('a larger total gives a taller bar, in proportion (100 → 150 with the maximum unchanged)', () => {
    const before = heightsFor(base)
    const after = heightsFor(base.map((p) => (p.label === 'B' ? { ...p, total: 150 } : p)))
    expect(after).toHaveLength(before.length)
    const changed = before.map((h, i) => [h, after[i]!] as const).filter(([a, b]) => a !== b)
    expect(changed.length, 'exactly the one total bar changes').toBe(1)
    const [hA, hB] = changed[0]!
    expect(hB).toBeGreaterThan(hA)
    expect(Math.abs(hB / hA - 1.5)).toBeLessThanOrEqual(0.03 + 1 / hA)
  })

  // Which rect belongs to which point is found by changing one number and seeing which rect moves
  // (the largest total stays 200, so the scale does not change).
  const changedIndex = (before: number[], after: number[]) => {
    expect(after).toHaveLength(before.length)
    const idx = before.map((h, i) => (h === after[i] ? -1 : i)).filter((i) => i >= 0)
    expect(idx, `rects that changed: ${before.join(',')} → ${after.join(',')}`).toHaveLength(1)
    return idx[0]!
  }
  const withB = (patch: Partial<Point>, label = 'B') => base.map((p) => (p.label === label ? { ...p, ...patch } : p))

  it('total bars keep the data ratio (B 100 : C 50 is 2 : 1)', () => {
    const hs = heightsFor(base)
    const iB = changedIndex(hs, heightsFor(withB({ total: 150 })))
    const iC = changedIndex(hs, heightsFor(withB({ total: 60 }, 'C')))
    expect(iB).not.toBe(iC)
    expect(hs[iC]!).toBeGreaterThan(0)
    expect(Math.abs(hs[iB]! / hs[iC]! - 2)).toBeLessThanOrEqual(0.03 + 2 / hs[iC]!)
  })

  it('more first-timers gives a taller first-timers bar, on the same scale as the totals', () => {
    const hs = heightsFor(base)
    const iB = changedIndex(hs, heightsFor(withB({ total: 150 })))
    const after = heightsFor(withB({ firstTimers: 40 }))
    const jB = changedIndex(hs, after)
    expect(jB).not.toBe(iB)
    expect(after[jB]!).toBeGreaterThan(hs[jB]!)
    // 40 first-timers against a total of 100: 0.4 of B's total bar
    expect(Math.abs(after[jB]! / hs[iB]! - 0.4)).toBeLessThanOrEqual(0.03 + 2 / hs[iB]!)
  })

  it.each([
    ['all zero', [0, 0, 0]],
    ['one point, zero', [0]],
    ['zeros and one non-zero', [0, 12, 0]],
  ])('%s: no NaN, no Infinity, no negative size anywhere in the svg', (_name, totals) => {
    const points = totals.map((total, i) => ({ label: `M${i}`, date: new Date(Date.UTC(2027, i, 10, 18)).toISOString(), total, firstTimers: 0 }))
    const html = render({ id: 'zero', heading: 'Zero', points })
    const svg = svgOf(html)
    expect(svg).not.toMatch(/NaN|Infinity|undefined/)
    for (const tag of openTags(svg, '[a-z]+')) {
      const a = attrs(tag)
      for (const key of ['x', 'y', 'width', 'height', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r']) {
        if (a[key] === undefined) continue
        const n = Number(a[key])
        expect(Number.isFinite(n), `${key}="${a[key]}" in ${tag}`).toBe(true)
        if (key === 'width' || key === 'height' || key === 'r') expect(n, `${key} in ${tag}`).toBeGreaterThanOrEqual(0)
      }
      if (a.viewbox !== undefined)
        for (const n of a.viewbox
          .trim()
          .split(/[\s,]+/)
          .map(Number))
          expect(Number.isFinite(n)).toBe(true)
    }
    // The table still shows the zeros.
    expect(dataRows(html)).toHaveLength(totals.length)
  })
})

// =============================================================================================
// No data
// =============================================================================================
describe('AttendanceChart: no points', () => {
  const html = render({ id: 'empty', heading: 'Attendance', points: [] })
  it('says "No attendance has been recorded yet." in a paragraph', () => {
    const paragraphs = elements(html, 'p').map((p) => text(p.inner))
    expect(paragraphs).toContain('No attendance has been recorded yet.')
  })
  it('renders no svg and no empty table', () => {
    expect(html).not.toMatch(/<svg\b/i)
    expect(dataRows(html)).toHaveLength(0)
  })
})

// =============================================================================================
// Escaping
// =============================================================================================
describe('AttendanceChart: text is escaped', () => {
  const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
  const html = render({
    id: 'esc',
    heading: `<b>Bold</b> & ${evil}`,
    points: [
      { label: evil, date: '2027-01-14T18:00:00.000Z', total: 10, firstTimers: 1 },
      { label: 'Tom & Jerry\'s "meeting"', date: '2027-02-25T18:00:00.000Z', total: 20, firstTimers: 2 },
    ],
  })

  it('no markup from a label or the heading reaches the page', () => {
    expect(html).not.toMatch(/<script\b/i)
    expect(html).not.toMatch(/<img\b/i)
    expect(html).not.toMatch(/<b>/i)
    expect(html).toContain('&lt;script&gt;')
  })

  it('the label still reads correctly once decoded', () => {
    const rows = dataRows(html)
    expect(rows.some((cells) => cells.some((c) => c.includes(evil)))).toBe(true)
    expect(rows.some((cells) => cells.some((c) => c.includes('Tom & Jerry\'s "meeting"')))).toBe(true)
  })
})
