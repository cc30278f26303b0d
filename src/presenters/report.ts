// What the commissioners' report gives its readers (/reports, /reports.csv): counts, medians and
// anonymised quotes per scope, never a name, an email, a title or an id. Built by src/reports/buildReport.ts.
import type { AttendancePoint } from './attendanceChart.js'

export type Count = { key: string; label: string; count: number }
/** Held meetings in the period, the people at them and the first-timers among them. */
export type ScopeTotals = { meetings: number; attendance: number; firstTimers: number }
export type ScopeReport = {
  name: string
  totals: ScopeTotals
  /** Every held meeting of the period, oldest first: none is left out. */
  attendance: AttendancePoint[]
  storiesByTheme: Count[]
  actionsByStatus: Count[]
  decisionHours: { stories: number | null; storiesDecided: number; posts: number | null; postsDecided: number }
  quotes: string[]
}
export type Report = { months: number; since: string; generatedAt: string; scopes: ScopeReport[] }
