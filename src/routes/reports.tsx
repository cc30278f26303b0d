// /reports and /reports.csv: the commissioners' report, for moderators, admins and reporters only.
import { Router, type Request, type Response } from 'express'
import type { Payload } from 'payload'

import { MessagePage } from '../../views/pages/MessagePage.js'
import { ReportsPage } from '../../views/pages/ReportsPage.js'
import { sendPage } from '../../views/render.js'
import { canSeeReports } from '../policies/meetingAccess.js'
import { commissionersReport } from '../queries/reports.js'
import { REPORT_PERIODS } from '../policies/reportPeriods.js'
import { reportCsv } from '../reports/buildReport.js'
import { handle, pageContext } from './support.js'

const periodOf = (value: unknown) => (REPORT_PERIODS as readonly number[]).find((m) => String(m) === String(value)) ?? 12

async function refuse(payload: Payload, req: Request, res: Response) {
  if (!res.locals.user) return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl.slice(0, 200))}`)
  sendPage(
    res,
    <MessagePage ctx={await pageContext(payload, req, res)} title="This report is for staff">
      <p>The report for commissioners is open to moderators and reporters. If you need it, ask an administrator.</p>
    </MessagePage>,
    403,
  )
}

export function reportsRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/reports',
    handle(async (req, res) => {
      if (!canSeeReports(res.locals.user)) return refuse(payload, req, res)
      const report = await commissionersReport(payload, res.locals.user, periodOf(req.query.months))
      sendPage(res, <ReportsPage ctx={await pageContext(payload, req, res)} report={report} />)
    }),
  )

  router.get(
    '/reports.csv',
    handle(async (req, res) => {
      if (!canSeeReports(res.locals.user)) {
        res
          .status(res.locals.user ? 403 : 401)
          .set('Cache-Control', 'no-store')
          .type('text/plain')
          .send('The report is for moderators and reporters.')
        return
      }
      const months = periodOf(req.query.months)
      const csv = reportCsv(await commissionersReport(payload, res.locals.user, months))
      res.set('Cache-Control', 'no-store').set('Content-Disposition', `attachment; filename="waymark-report-${months}-months.csv"`).type('text/csv; charset=utf-8').send(csv)
    }),
  )

  return router
}
