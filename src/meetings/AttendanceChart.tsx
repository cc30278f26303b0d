// Attendance and first-timers over recent meetings, drawn on the server as SVG (no JavaScript). The
// picture has a title and a description in words, and the same figures follow as a table.
import { formatLondonDate } from '../policies/londonTime.js'

export type AttendancePoint = { label: string; date: string; total: number; firstTimers: number }

const WIDTH = 640
const HEIGHT = 240
const PLOT_TOP = 16
const PLOT_BOTTOM = 200
const PLOT_LEFT = 40
const PLOT_RIGHT = 630

const safe = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0)

/** A round axis maximum at or above the largest value, so bars compare honestly. */
export function axisMaximum(values: number[]): number {
  const largest = Math.max(1, ...values.map(safe))
  const magnitude = 10 ** Math.floor(Math.log10(largest))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= largest / 4) ?? magnitude * 10
  return Math.ceil(largest / step) * step
}

export function describeAttendance(points: AttendancePoint[]): string {
  const first = points[0]!
  const last = points[points.length - 1]!
  const totals = points.map((p) => safe(p.total))
  const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`
  const firstTimers = (n: number) => `${n} ${n === 1 ? 'first-timer' : 'first-timers'}`
  return (
    `Attendance at ${points.length} ${points.length === 1 ? 'meeting' : 'meetings'} from ${formatLondonDate(new Date(first.date))} to ${formatLondonDate(new Date(last.date))}, ` +
    `between ${people(Math.min(...totals))} and ${people(Math.max(...totals))}. ` +
    `Latest: ${last.label} on ${formatLondonDate(new Date(last.date))}, ${people(safe(last.total))}, ${firstTimers(safe(last.firstTimers))}.`
  )
}

export function AttendanceChart({ id, heading, points }: { id: string; heading: string; points: AttendancePoint[] }) {
  if (points.length === 0) return <p className="meta">No attendance has been recorded yet.</p>
  const max = axisMaximum(points.map((p) => p.total))
  const slot = (PLOT_RIGHT - PLOT_LEFT) / points.length
  const barWidth = Math.max(4, Math.min(22, slot / 2 - 4))
  const y = (value: number) => PLOT_BOTTOM - (safe(value) / max) * (PLOT_BOTTOM - PLOT_TOP)
  const ticks = [0, max / 2, max]
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{heading}</figcaption>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="chart__svg" focusable="false">
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
              <rect x={x - barWidth - 1} y={y(point.total)} width={barWidth} height={PLOT_BOTTOM - y(point.total)} className="chart__bar chart__bar--total" />
              <rect x={x + 1} y={y(point.firstTimers)} width={barWidth} height={PLOT_BOTTOM - y(point.firstTimers)} className="chart__bar chart__bar--first" />
              <text x={x} y={PLOT_BOTTOM + 16} textAnchor="middle" className="chart__axis">
                {new Date(point.date).toLocaleDateString('en-GB', { month: 'short', year: '2-digit', timeZone: 'Europe/London' })}
              </text>
            </g>
          )
        })}
        <g className="chart__legend">
          <rect x={PLOT_LEFT} y={HEIGHT - 14} width={12} height={12} className="chart__bar chart__bar--total" />
          <text x={PLOT_LEFT + 18} y={HEIGHT - 4}>
            Everyone
          </text>
          <rect x={PLOT_LEFT + 110} y={HEIGHT - 14} width={12} height={12} className="chart__bar chart__bar--first" />
          <text x={PLOT_LEFT + 128} y={HEIGHT - 4}>
            First-timers
          </text>
        </g>
      </svg>
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
    </figure>
  )
}

/** "Attendance and first-timers at the last 12 meetings, Lancashire East" (or "the last meeting"). */
export function attendanceHeading(count: number, where: string): string {
  const span = count === 0 ? '' : count === 1 ? ' at the last meeting' : ` at the last ${count} meetings`
  return `Attendance and first-timers${span}, ${where}`
}
