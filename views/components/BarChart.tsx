// A horizontal bar chart drawn on the server as SVG (no JavaScript), for counts by category. Each name
// sits on a line of its own above its bar, and the number just after the bar, so names never overlap;
// the drawing is as wide as its longest name, and shrinks as a whole on a narrow screen, so no name
// runs off the edge. The same figures are in a table next to it.

export type BarDatum = { key: string; label: string; count: number }

const LABEL_SIZE = 13
/** A generous width per character at 13px in a wide sans-serif (DejaVu Sans averages about 0.6em). */
const CHAR_WIDTH = LABEL_SIZE * 0.7
const ROW_HEIGHT = 46
const LABEL_BASELINE = 15
const BAR_TOP = 21
const BAR_HEIGHT = 14
const VALUE_ROOM = 56
const MIN_WIDTH = 320
const LEFT = 2

const safe = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0)

/** "Connection 3, Hope 1, …": what the picture shows, for the svg's accessible name. */
export const describeBars = (caption: string, bars: BarDatum[]) => `${caption}: ${bars.map((b) => `${b.label} ${safe(b.count)}`).join(', ')}.`

export function BarChart({ id, caption, bars }: { id: string; caption: string; bars: BarDatum[] }) {
  const longest = Math.max(0, ...bars.map((b) => b.label.length))
  const width = Math.max(MIN_WIDTH, Math.ceil(LEFT + longest * CHAR_WIDTH + 8))
  const height = Math.max(1, bars.length) * ROW_HEIGHT
  const max = Math.max(1, ...bars.map((b) => safe(b.count)))
  const barSpace = width - LEFT - VALUE_ROOM
  return (
    <figure className="chart chart--bars" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <svg role="img" aria-label={describeBars(caption, bars)} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="chart__svg chart__svg--bars" focusable="false">
        {bars.map((bar, index) => {
          const top = index * ROW_HEIGHT
          const length = (safe(bar.count) / max) * barSpace
          return (
            <g key={bar.key}>
              <text x={LEFT} y={top + LABEL_BASELINE} className="chart__label">
                {bar.label}
              </text>
              <rect x={LEFT} y={top + BAR_TOP} width={length} height={BAR_HEIGHT} className="chart__bar chart__bar--total" />
              <text x={LEFT + length + 6} y={top + BAR_TOP + BAR_HEIGHT - 2} className="chart__value">
                {safe(bar.count)}
              </text>
            </g>
          )
        })}
      </svg>
    </figure>
  )
}
