// The moderators' directory page: decide suggestions, confirm entries are still right, and the CSV
// export and import. Moderators only; the commands act as the moderator, within their localities.
import { Router, type Request, type Response } from 'express'
import type { Payload } from 'payload'

import { DirectoryModerationPage, type ImportOutcome } from '../../../views/pages/DirectoryModerationPage.js'
import { sendPage } from '../../../views/render.js'
import { exportDirectoryCsv, importDirectoryCsv } from '../../commands/directory/csv.js'
import { decideSuggestion, markChecked } from '../../commands/directory/suggest.js'
import { CommandRefusal } from '../../commands/errors.js'
import { londonParts } from '../../policies/londonTime.js'
import { isModerator } from '../../policies/roles.js'
import { directoryWork } from '../../queries/directory.js'
import { formText, handle, isPlausibleId, pageContext, readForm, sendNotFound, signedIn, toId } from '../support.js'

const NOTICES: Record<string, string> = { approved: 'Approved.', rejected: 'Rejected.', checked: 'Marked as checked today.' }

export function directoryModerationRouter(payload: Payload): Router {
  const router = Router()

  /** The signed-in moderator, or null after a sign-in redirect or a 404 (members are not told the page exists). */
  async function moderator(req: Request, res: Response, next = '/directory/moderate') {
    const user = signedIn(req, res, next)
    if (!user) return null
    if (isModerator(user as never)) return user
    sendNotFound(res, await pageContext(payload, req, res))
    return null
  }

  async function render(req: Request, res: Response, user: Record<string, any>, extra: { outcome?: ImportOutcome; notice?: string }, status = 200) {
    const ctx = await pageContext(payload, req, res)
    const { waiting, stale } = await directoryWork(payload, user)
    sendPage(res, <DirectoryModerationPage ctx={ctx} waiting={waiting} stale={stale} {...extra} />, status)
  }

  router.get(
    '/directory/moderate',
    handle(async (req, res) => {
      const user = await moderator(req, res)
      if (!user) return
      const notice = typeof req.query.done === 'string' ? NOTICES[req.query.done] : undefined
      await render(req, res, user, { notice })
    }),
  )

  router.get(
    '/directory/moderate/export.csv',
    handle(async (req, res) => {
      const user = await moderator(req, res)
      if (!user) return
      const csv = await exportDirectoryCsv(payload, user)
      res
        .set('Cache-Control', 'no-store')
        .set('Content-Disposition', `attachment; filename="waymark-directory-${londonParts(new Date()).date}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(`\uFEFF${csv}`)
    }),
  )

  router.post(
    '/directory/moderate/import',
    handle(async (req, res) => {
      const user = await moderator(req, res)
      if (!user) return
      const upload = req.upload
      if (!upload || upload.size === 0) return render(req, res, user, { outcome: { ok: false, problems: [{ row: 0, reason: 'Choose a CSV file to import.' }] } }, 400)
      const outcome = await importDirectoryCsv(payload, user, upload.data.toString('utf8'))
      await render(req, res, user, { outcome }, outcome.ok ? 200 : 400)
    }),
  )

  router.post(
    '/directory/moderate/:id/:action',
    handle(async (req, res) => {
      const user = await moderator(req, res)
      if (!user) return
      const id = String(req.params.id)
      const action = String(req.params.action)
      const { decision } = readForm(req.body, { decision: formText(20) })
      if (!isPlausibleId(id) || !['decide', 'checked'].includes(action)) return sendNotFound(res, await pageContext(payload, req, res))
      try {
        if (action === 'checked') await markChecked({ payload, user, id: toId(id), today: londonParts(new Date()).date })
        else if (decision === 'approved' || decision === 'rejected') await decideSuggestion({ payload, user, id: toId(id), decision })
        else return render(req, res, user, { notice: 'Choose approve or reject.' }, 400)
      } catch (error) {
        if (error instanceof CommandRefusal) return render(req, res, user, { notice: error.message }, error.status)
        throw error
      }
      res.redirect(303, `/directory/moderate?done=${action === 'checked' ? 'checked' : decision}`)
    }),
  )

  return router
}
