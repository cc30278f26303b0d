// What the commissioners' report gives its readers (/reports, /reports.csv): counts, medians and
// anonymised quotes per scope, never a name, an email, a title or an id. Built by src/reports/buildReport.ts.
import type { AttendancePoint } from './attendanceChart.js'

export type Count = { key: string; label: string; count: number }
/** Already suppressed: a number from 5 up, or "fewer than 5". */
export type VolunteerCount = { key: string; label: string; active: string; newThisPeriod: string }
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
  /** People active in volunteering by kind of role, and those who became active in the period: counts as shown ("fewer than 5" below 5), never names. */
  volunteers: VolunteerCount[]
}
export type Report = { months: number; since: string; generatedAt: string; scopes: ScopeReport[] }
