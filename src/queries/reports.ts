// The commissioners' report for /reports and /reports.csv. buildReport (src/reports) reads with
// overrideAccess, because it counts what nobody may list, and refuses anyone canSeeReports does not
// allow; it returns only counts, medians and anonymised quotes.
import type { Payload } from 'payload'

import { buildReport, type Report } from '../reports/buildReport.js'

export function commissionersReport(payload: Payload, user: Record<string, any> | null, months: number): Promise<Report> {
  return buildReport(payload, user, months)
}
