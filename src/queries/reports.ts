// The commissioners' report for /reports and /reports.csv. buildReport (src/reports) reads with
// overrideAccess, because it counts what nobody may list, and refuses anyone canSeeReports does not
// allow; it returns only counts, medians and anonymised quotes.
import type { Payload } from 'payload'

import type { Report } from '../presenters/report.js'
import { buildReport } from '../reports/buildReport.js'

export function commissionersReport(payload: Payload, user: Record<string, any> | null, months: number): Promise<Report> {
  return buildReport(payload, user, months)
}
