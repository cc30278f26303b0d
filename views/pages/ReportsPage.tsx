import { AttendanceChart } from '../components/AttendanceChart.js'
import { formatLondonDate } from '../../src/policies/londonTime.js'
import { REPORT_PERIODS } from '../../src/policies/reportPeriods.js'
import type { Count, Report, VolunteerCount } from '../../src/presenters/report.js'
import { BarChart } from '../components/BarChart.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

const hours = (value: number | null) => (value === null ? 'no decisions' : value < 48 ? `${value.toFixed(1)} hours` : `${(value / 24).toFixed(1)} days`)

function CountTable({ caption, rows, what }: { caption: string; rows: Count[]; what: string }) {
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{what}</th>
          <th scope="col">Number</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td>{row.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function VolunteerTable({ caption, rows }: { caption: string; rows: VolunteerCount[] }) {
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Kind of role</th>
          <th scope="col">People active</th>
          <th scope="col">Became active in the period</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td>{row.active}</td>
            <td>{row.newThisPeriod}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function ReportsPage({ ctx, report }: { ctx: PageContext; report: Report }) {
  return (
    <Layout ctx={ctx} title="Report for commissioners">
      <h1>Report for commissioners</h1>
      <p className="lead">
        The last {report.months} months: {formatLondonDate(new Date(report.since))} to {formatLondonDate(new Date(report.generatedAt))}. Figures only, and quotes from stories whose authors agreed to
        be quoted, with anything that could identify them removed.
      </p>
      <form method="get" action="/reports" className="filters" aria-label="Choose the period">
        <div className="field">
          <label htmlFor="report-months">Period</label>
          <select id="report-months" name="months" defaultValue={String(report.months)}>
            {REPORT_PERIODS.map((m) => (
              <option key={m} value={m}>
                Last {m} months
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          Show
        </button>
      </form>
      <p>
        <a href={`/reports.csv?months=${report.months}`}>Download the figures (CSV)</a>
      </p>
      {report.scopes.map((scope, index) => {
        const id = `scope-${index}`
        return (
          <section key={id} aria-labelledby={`${id}-heading`}>
            <h2 id={`${id}-heading`}>{scope.name}</h2>
            <dl className="report-totals">
              <div>
                <dt>Meetings held</dt>
                <dd>{scope.totals.meetings}</dd>
              </div>
              <div>
                <dt>Attendance, all meetings</dt>
                <dd>{scope.totals.attendance}</dd>
              </div>
              <div>
                <dt>First-timers</dt>
                <dd>{scope.totals.firstTimers}</dd>
              </div>
            </dl>
            <AttendanceChart id={`${id}-attendance`} heading={`Attendance and first-timers, ${scope.name}`} points={scope.attendance} empty="figure" />
            <BarChart id={`${id}-themes`} caption={`Stories published by theme, ${scope.name}`} bars={scope.storiesByTheme} />
            <CountTable caption={`Stories published by theme, ${scope.name}`} rows={scope.storiesByTheme} what="Theme" />
            <BarChart id={`${id}-actions`} caption={`Actions raised, by status, ${scope.name}`} bars={scope.actionsByStatus} />
            <CountTable caption={`Actions raised, by status, ${scope.name}`} rows={scope.actionsByStatus} what="Status" />
            <h3>Time from submission to a moderator's decision (median)</h3>
            <ul>
              <li>
                Stories: {hours(scope.decisionHours.stories)} ({scope.decisionHours.storiesDecided} decided)
              </li>
              <li>
                Forum posts held for review: {hours(scope.decisionHours.posts)} ({scope.decisionHours.postsDecided} decided)
              </li>
            </ul>
            <VolunteerTable
              caption={`Volunteers, peer mentors and recovery champions, ${scope.name} (counts under 5 are shown as “fewer than 5”; a count shown as “withheld” is hidden so that one of those cannot be worked out from a total)`}
              rows={scope.volunteers}
            />
            <h3>In their words</h3>
            {scope.quotes.length === 0 ? (
              <p>No quotes agreed for this period.</p>
            ) : (
              scope.quotes.map((quote, i) => (
                <blockquote key={i}>
                  <p>{quote}</p>
                </blockquote>
              ))
            )}
          </section>
        )
      })}
    </Layout>
  )
}
