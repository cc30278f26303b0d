// Attendance and first-timers over recent meetings, drawn on the server as SVG (no JavaScript). The
// picture has a title and a description in words, and the same figures follow as a table. Every
// meeting gets its pair of bars however many there are; the month labels under them are thinned so
// that no two ever overlap (the table keeps every date). The data preparation (axis, label thinning,
// the chart said in words) lives below, in src/presenters/attendanceChart.ts.
import { formatLondonDate } from '../../src/policies/londonTime.js'
import { axisMaximum, describeAttendance, labelledIndexes, monthOf, safeCount as safe, type AttendancePoint } from '../../src/presenters/attendanceChart.js'

const WIDTH = 560
const HEIGHT = 256
const PLOT_TOP = 16
const PLOT_BOTTOM = 200
const PLOT_LEFT = 40
const PLOT_RIGHT = 530
/** Month labels sit below the "0" of the axis, and the legend below them, each a full line apart. */
const LABEL_BASELINE = PLOT_BOTTOM + 22
const LEGEND_BASELINE = HEIGHT - 6

/**
 * With no points a page says so in a sentence; a report (`empty="figure"`) keeps its figure, so each
 * scope has the same three charts, and the figure says so instead.
 */
export function AttendanceChart({ id, heading, points, empty = 'paragraph' }: { id: string; heading: string; points: AttendancePoint[]; empty?: 'paragraph' | 'figure' }) {
  if (points.length === 0 && empty === 'figure') {
    const none = 'No meetings were held and counted in this period.'
    return (
      <figure className="chart" aria-labelledby={`${id}-caption`}>
        <figcaption id={`${id}-caption`}>{heading}</figcaption>
        <svg role="img" aria-label={`${heading}: ${none}`} viewBox={`0 0 ${WIDTH} 40`} className="chart__svg" focusable="false">
          <text x={0} y={24} className="chart__axis">
            {none}
          </text>
        </svg>
        <AttendanceTable heading={heading} points={[]} />
      </figure>
    )
  }
  if (points.length === 0) return <p className="meta">No attendance has been recorded yet.</p>
  const max = axisMaximum(points.map((p) => p.total))
  const slot = (PLOT_RIGHT - PLOT_LEFT) / points.length
  // Two bars and a gap per slot: thin bars when there are many meetings, never wider than 22.
  const barWidth = Math.max(0.5, Math.min(22, slot / 2 - Math.min(4, slot / 8)))
  const y = (value: number) => PLOT_BOTTOM - (safe(value) / max) * (PLOT_BOTTOM - PLOT_TOP)
  const ticks = [0, max / 2, max]
  const labelled = new Set(
    labelledIndexes(
      points.map((p) => p.date),
      slot,
    ),
  )
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{heading}</figcaption>
      <svg role="img" aria-label={heading} aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="chart__svg" focusable="false">
        <title id={`${id}-title`}>{heading}</title>
        <desc id={`${id}-desc`}>{describeAttendance(points)}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PLOT_LEFT} x2={PLOT_RIGHT} y1={y(tick)} y2={y(tick)} className="chart__grid" />
            <text x={PLOT_LEFT - 6} y={y(tick) + 4} textAnchor="end" className="chart__axis">
              {Math.round(tick)}
            </text>
          </g>
        ))}
        {points.map((point, index) => {
          const x = PLOT_LEFT + index * slot + slot / 2
          return (
            <g key={`${point.date}-${index}`}>
              <rect x={x - barWidth} y={y(point.total)} width={barWidth} height={PLOT_BOTTOM - y(point.total)} className="chart__bar chart__bar--total" />
              <rect x={x} y={y(point.firstTimers)} width={barWidth} height={PLOT_BOTTOM - y(point.firstTimers)} className="chart__bar chart__bar--first" />
              {labelled.has(index) ? (
                <text x={x} y={LABEL_BASELINE} textAnchor="middle" className="chart__axis">
                  {monthOf(point.date)}
                </text>
              ) : null}
            </g>
          )
        })}
        <g className="chart__legend">
          <rect x={PLOT_LEFT} y={LEGEND_BASELINE - 10} width={12} height={12} className="chart__bar chart__bar--total" />
          <text x={PLOT_LEFT + 18} y={LEGEND_BASELINE}>
            Everyone
          </text>
          <rect x={PLOT_LEFT + 110} y={LEGEND_BASELINE - 10} width={12} height={12} className="chart__bar chart__bar--first" />
          <text x={PLOT_LEFT + 128} y={LEGEND_BASELINE}>
            First-timers
          </text>
        </g>
      </svg>
      <AttendanceTable heading={heading} points={points} />
    </figure>
  )
}

/** Every figure of the chart, as a table (a row saying so when there are none). */
function AttendanceTable({ heading, points }: { heading: string; points: AttendancePoint[] }) {
  return (
    <details className="chart__data">
      <summary>The figures as a table</summary>
      <table>
        <caption>{heading}</caption>
        <thead>
          <tr>
            <th scope="col">Meeting</th>
            <th scope="col">Date</th>
            <th scope="col">Everyone</th>
            <th scope="col">First-timers</th>
          </tr>
        </thead>
        <tbody>
          {points.length === 0 ? (
            <tr>
              <td colSpan={4}>No meetings were held and counted in this period.</td>
            </tr>
          ) : null}
          {points.map((point, index) => (
            <tr key={`${point.date}-${index}`}>
              <th scope="row">{point.label}</th>
              <td>{formatLondonDate(new Date(point.date))}</td>
              <td>{safe(point.total)}</td>
              <td>{safe(point.firstTimers)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}
