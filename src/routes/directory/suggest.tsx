// The forms a member uses to suggest a directory entry or a correction to one. Writes go through
// src/commands/directory as the member: whatever they send, it is stored as a suggestion.
import { Router, type Request, type Response } from 'express'
import type { Payload } from 'payload'

import { DirectorySuggestPage, type SuggestFormValues } from '../../../views/pages/DirectorySuggestPage.js'
import { MessagePage } from '../../../views/pages/MessagePage.js'
import { sendPage } from '../../../views/render.js'
import { suggestEntry } from '../../commands/directory/suggest.js'
import { canSuggestEntry } from '../../policies/directory.js'
import type { DirectoryEntryView } from '../../presenters/directory.js'
import { localCrisisServices } from '../../queries/crisisServices.js'
import { directoryEntry, directoryKinds } from '../../queries/directory.js'
import { sendCrisisPanelPage } from '../support/crisisPage.js'
import { checkSuggestion, formValuesOf, SUGGESTION_FORM } from '../support/directoryForms.js'
import { fieldErrorsFrom, handle, isPlausibleId, pageContext, readForm, sendNotFound, signedIn, toId, type FieldErrors } from '../support.js'

export function directorySuggestRouter(payload: Payload): Router {
  const router = Router()

  /** The signed-in member who may suggest, or null after a sign-in redirect or the "confirm your email" page. */
  async function suggester(req: Request, res: Response, next?: string) {
    const user = signedIn(req, res, next)
    if (!user) return null
    if (canSuggestEntry(user as never)) return user
    sendPage(
      res,
      <MessagePage ctx={await pageContext(payload, req, res)} title="Confirm your email address first">
        <p>To suggest directory entries, confirm your email address with the link we sent you when you joined.</p>
      </MessagePage>,
      403,
    )
    return null
  }

  async function renderForm(req: Request, res: Response, props: { action: string; heading: string; values: SuggestFormValues; errors?: FieldErrors; correcting?: string }, status = 200) {
    const ctx = await pageContext(payload, req, res)
    const kinds = await directoryKinds(payload, res.locals.user ?? null)
    sendPage(res, <DirectorySuggestPage ctx={ctx} kinds={kinds} {...props} />, status)
  }

  router.get(
    '/directory/suggest',
    handle(async (req, res) => {
      if (!(await suggester(req, res))) return
      const locality = typeof req.query.locality === 'string' ? req.query.locality.slice(0, 80) : undefined
      await renderForm(req, res, { action: '/directory/suggest', heading: 'Suggest an entry', values: { locality } })
    }),
  )

  router.post(
    '/directory/suggest',
    handle(async (req, res) => {
      const user = await suggester(req, res, '/directory/suggest')
      if (!user) return
      const form = readForm(req.body, SUGGESTION_FORM)
      const ctx = await pageContext(payload, req, res)
      const kinds = await directoryKinds(payload, user)
      const again = (errors: FieldErrors) => renderForm(req, res, { action: '/directory/suggest', heading: 'Suggest an entry', values: form, errors }, 400)
      const checked = checkSuggestion(form, kinds, ctx, false)
      if ('errors' in checked) return again(checked.errors)
      let crisis: Awaited<ReturnType<typeof suggestEntry>>['crisis']
      try {
        ;({ crisis } = await suggestEntry({ payload, user, values: checked.values }))
      } catch (error) {
        const fieldErrors = fieldErrorsFrom(error)
        if (!fieldErrors) throw error
        return again(fieldErrors)
      }
      // Crisis words: the suggestion is saved and the leads alerted; the member sees who to call, now.
      if (crisis) return sendCrisisPanelPage(res, ctx, 'Thank you for your suggestion', 'suggestion', await localCrisisServices(payload, crisis.locality), '/directory')
      res.redirect(303, '/directory/suggested')
    }),
  )

  router.get(
    '/directory/suggested',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      sendPage(
        res,
        <MessagePage ctx={ctx} title="Thank you for your suggestion">
          <p>A moderator will check it. It appears in the directory once they approve it.</p>
          <p>
            <a href="/directory">Back to the directory</a>
          </p>
        </MessagePage>,
      )
    }),
  )

  async function correctionTarget(req: Request, res: Response): Promise<{ entry: DirectoryEntryView } | null> {
    const id = String(req.params.id)
    const entry = isPlausibleId(id) ? await directoryEntry(payload, res.locals.user ?? null, toId(id)) : null
    if (!entry) {
      sendNotFound(res, await pageContext(payload, req, res))
      return null
    }
    return { entry }
  }

  router.get(
    '/directory/:id/correct',
    handle(async (req, res) => {
      if (!(await suggester(req, res))) return
      const target = await correctionTarget(req, res)
      if (!target) return
      const { entry } = target
      await renderForm(req, res, { action: `/directory/${entry.id}/correct`, heading: `Suggest a correction to ${entry.name}`, values: formValuesOf(entry), correcting: entry.name })
    }),
  )

  router.post(
    '/directory/:id/correct',
    handle(async (req, res) => {
      const user = await suggester(req, res, `/directory/${encodeURIComponent(String(req.params.id))}/correct`)
      if (!user) return
      const target = await correctionTarget(req, res)
      if (!target) return
      const { entry } = target
      const form = readForm(req.body, SUGGESTION_FORM)
      const ctx = await pageContext(payload, req, res)
      const kinds = await directoryKinds(payload, user)
      const props = { action: `/directory/${entry.id}/correct`, heading: `Suggest a correction to ${entry.name}`, correcting: entry.name }
      const again = (errors: FieldErrors) => renderForm(req, res, { ...props, values: form, errors }, 400)
      const checked = checkSuggestion(form, kinds, ctx, true)
      if ('errors' in checked) return again(checked.errors)
      let crisis: Awaited<ReturnType<typeof suggestEntry>>['crisis']
      try {
        ;({ crisis } = await suggestEntry({ payload, user, values: checked.values, correctionOf: toId(entry.id), correctionNote: form.correctionNote }))
      } catch (error) {
        const fieldErrors = fieldErrorsFrom(error)
        if (!fieldErrors) throw error
        return again(fieldErrors)
      }
      if (crisis) return sendCrisisPanelPage(res, ctx, 'Thank you for your suggestion', 'suggestion', await localCrisisServices(payload, crisis.locality), `/directory/${entry.id}`)
      res.redirect(303, '/directory/suggested')
    }),
  )

  return router
}
