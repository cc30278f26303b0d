// Issue 12 A: the report's charts. The attendance chart labels months sparsely enough that two labels
// never come closer than a label's width, however many meetings; the horizontal bar chart gives every
// name a line of its own inside the drawing. Geometry is read from the rendered SVG text.
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { labelledIndexes } from '../../src/presenters/attendanceChart.js'
import { AttendanceChart } from '../../views/components/AttendanceChart.js'
import { BarChart } from '../../views/components/BarChart.js'

const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1]!.toLowerCase(), m[2]!]))
const texts = (html: string) => [...html.matchAll(/<text\b([^>]*)>([\s\S]*?)<\/text>/g)].map((m) => ({ ...attrs(`<x ${m[1]}>`), text: m[2]!.replace(/<!--[\s\S]*?-->/g, '') }))

/** A generous box for 12–13px text in a wide sans-serif: 0.7em per character, ascent 0.95em, descent 0.3em. */
function box(t: { x?: string; y?: string; 'text-anchor'?: string; text: string }, size: number) {
  const width = t.text.length * size * 0.7
  const x = Number(t.x)
  const left = t['text-anchor'] === 'middle' ? x - width / 2 : t['text-anchor'] === 'end' ? x - width : x
  return { left, right: left + width, top: Number(t.y) - size * 0.95, bottom: Number(t.y) + size * 0.3 }
}
const overlap = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

const meetings = (n: number, days: number) =>
  Array.from({ length: n }, (_, i) => ({ label: `Meeting ${i + 1}`, date: new Date(Date.UTC(2026, 0, 5, 18) + i * days * 86_400_000).toISOString(), total: 20 + (i % 30), firstTimers: i % 5 }))

describe('AttendanceChart with many meetings', () => {
  for (const [n, days] of [
    [1, 7],
    [5, 42],
    [12, 30],
    [24, 14],
    [40, 9],
    [70, 5],
    [100, 3],
    [100, 1],
  ] as const) {
    it(`${n} meetings ${days} days apart: a bar pair each, every row in the table, no two texts overlap`, () => {
      const html = renderToString(<AttendanceChart id="many" heading="Many" points={meetings(n, days)} />)
      const svg = html.match(/<svg\b[\s\S]*?<\/svg>/)![0]
      expect([...svg.matchAll(/<rect\b/g)].length).toBe(2 * n + 2) // + the two legend keys
      expect([...html.matchAll(/<tr\b/g)].length).toBe(n + 1)
      const boxes = texts(svg).map((t) => box(t, 12))
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!), `${texts(svg)[i]!.text} / ${texts(svg)[j]!.text}`).toBe(false)
      const viewBox = attrs(svg.match(/<svg\b[^>]*>/)![0])
        .viewbox!.split(' ')
        .map(Number)
      for (const b of boxes) {
        expect(b.left).toBeGreaterThanOrEqual(0)
        expect(b.right).toBeLessThanOrEqual(viewBox[2]!)
      }
      expect(svg).toMatch(/aria-label="Many"/)
    })
  }

  it('labels every bar while they fit, then the first meeting of each month, always at least a label apart', () => {
    expect(
      labelledIndexes(
        meetings(5, 42).map((m) => m.date),
        98,
      ),
    ).toEqual([0, 1, 2, 3, 4])
    const dates = meetings(70, 5).map((m) => m.date)
    const kept = labelledIndexes(dates, 490 / 70)
    expect(kept[0]).toBe(0)
    for (let i = 1; i < kept.length; i++) expect((kept[i]! - kept[i - 1]!) * (490 / 70)).toBeGreaterThanOrEqual(60)
  })

  it('a report keeps its figure when nothing was held', () => {
    const html = renderToString(<AttendanceChart id="none" heading="Attendance, East" points={[]} empty="figure" />)
    expect(html).toMatch(/<figure\b[^>]*class="chart"/)
    expect(html).toMatch(/<figcaption\b/)
    expect(html).toMatch(/<svg\b[^>]*role="img"[^>]*aria-label="Attendance, East: No meetings/)
  })
})

describe('BarChart', () => {
  const bars = [
    { key: 'connection', label: 'Connection', count: 4 },
    { key: 'keep-learning', label: 'Keep learning', count: 0 },
    { key: 'none', label: 'No theme given', count: 12 },
    { key: 'long', label: 'A much longer category name than any theme has today', count: 1 },
  ]
  const html = renderToString(<BarChart id="themes" caption="Stories by theme, East" bars={bars} />)
  const svg = html.match(/<svg\b[\s\S]*?<\/svg>/)![0]
  const svgAttrs = attrs(svg.match(/<svg\b[^>]*>/)![0])

  it('is a figure with a caption and one svg role="img" whose label carries the figures', () => {
    expect(html).toMatch(/^<figure\b[^>]*class="chart chart--bars"/)
    expect(html).toMatch(/<figcaption id="themes-caption">Stories by theme, East<\/figcaption>/)
    expect([...html.matchAll(/<svg\b/g)]).toHaveLength(1)
    expect(svgAttrs.role).toBe('img')
    expect(svgAttrs['aria-label']).toBe('Stories by theme, East: Connection 4, Keep learning 0, No theme given 12, A much longer category name than any theme has today 1.')
  })

  it('every name is drawn whole, inside the drawing, and no two texts overlap', () => {
    const all = texts(svg)
    const width = Number(svgAttrs.viewbox!.split(' ')[2])
    for (const bar of bars) expect(all.map((t) => t.text)).toContain(bar.label)
    const boxes = all.map((t) => box(t, 13))
    for (const b of boxes) {
      expect(b.left).toBeGreaterThanOrEqual(0)
      expect(b.right).toBeLessThanOrEqual(width)
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!), `${all[i]!.text} / ${all[j]!.text}`).toBe(false)
  })

  it('bar lengths are in proportion; a zero is a zero-length bar', () => {
    const widths = [...svg.matchAll(/<rect\b[^>]*>/g)].map((m) => Number(attrs(m[0]).width))
    expect(widths[1]).toBe(0)
    expect(widths[2]! / widths[0]!).toBeCloseTo(3, 5)
  })
})
