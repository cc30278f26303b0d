// The author writes: a new story (saved as a draft, or sent with consent), and changes to their own
// story (a revision for review, once it is published). Saving goes through src/commands/stories.
import { Router, type Request, type Response } from 'express'
import type { Payload } from 'payload'

import { StoryFormPage, type StoryFormValues } from '../../../views/pages/StoryFormPage.js'
import { sendPage } from '../../../views/render.js'
import { giveConsent, submitStory } from '../../commands/stories/authorActions.js'
import { createStory, editStory } from '../../commands/stories/authorDrafts.js'
import { StoryCommandError } from '../../commands/stories/shared.js'
import { authorMayEdit, editMakesRevision } from '../../policies/storyWorkflow.js'
import { presentStoryFormValues } from '../../presenters/myStory.js'
import { ownStory } from '../../queries/myStories.js'
import { storyTags } from '../../queries/storyMatching.js'
import { checkConsent, consentStarted, readConsentForm, readStoryForm, storyErrors, uploadCover } from '../support/storyForms.js'
import { fieldErrorsFrom, handle, pageContext, sendNotFound, signedIn, type FieldErrors } from '../support.js'

type FormProps = { action: string; heading: string; values: StoryFormValues; errors?: FieldErrors; consent?: Record<string, any>; editingPublished?: boolean; askConsent?: boolean; hasCover?: boolean }

export function myStoryWritingRouter(payload: Payload): Router {
  const router = Router()

  async function renderForm(req: Request, res: Response, props: FormProps, status = 200) {
    const ctx = await pageContext(payload, req, res)
    const tags = (await storyTags(payload, res.locals.user ?? null)).map((tag) => ({ value: String(tag.id), label: tag.label }))
    sendPage(
      res,
      <StoryFormPage
        ctx={ctx}
        action={props.action}
        heading={props.heading}
        values={props.values}
        consent={props.consent ?? {}}
        errors={props.errors}
        editingPublished={props.editingPublished}
        askConsent={props.askConsent}
        hasCover={props.hasCover}
        tags={tags}
      />,
      status,
    )
  }

  router.get(
    '/stories/new',
    handle(async (req, res) => {
      if (!signedIn(req, res)) return
      await renderForm(req, res, { action: '/stories/new', heading: 'Share your story', values: {} })
    }),
  )

  router.post(
    '/stories/new',
    handle(async (req, res) => {
      const user = signedIn(req, res)
      if (!user) return
      const form = readStoryForm(req.body)
      const consentForm = readConsentForm(req.body)
      const values: StoryFormValues = { ...form, locality: form.locality }
      const submitting = form.intent === 'submit'
      const consent = submitting || consentStarted(consentForm) ? checkConsent(consentForm) : { choices: null, errors: {} }
      const choices = consent.choices
      // Errors are listed in the order of the page: the story first, then the consent step.
      const errors: FieldErrors = { ...storyErrors(form), ...consent.errors }
      const again = (problems: FieldErrors) => renderForm(req, res, { action: '/stories/new', heading: 'Share your story', values, errors: problems, consent: consentForm }, 400)
      if (Object.keys(errors).length > 0) return again(errors)
      const cover = await uploadCover(payload, user, req.upload, form.coverAlt)
      if (Object.keys(cover.errors).length > 0) return again(cover.errors)

      let story: Record<string, any>
      try {
        story = await createStory({ payload, user, content: form, coverId: cover.id })
      } catch (error) {
        const fieldErrors = fieldErrorsFrom(error)
        if (!fieldErrors) throw error
        return again(fieldErrors)
      }
      if (choices) await giveConsent(payload, user, story.id, choices)
      if (submitting) await submitStory(payload, user, story.id)
      res.redirect(303, `/account/stories/${story.id}?notice=${submitting ? 'submitted' : 'saved'}${cover.crisis ? '&support=picture' : ''}`)
    }),
  )

  router.get(
    '/account/stories/:id/edit',
    handle(async (req, res) => {
      const user = signedIn(req, res)
      if (!user) return
      const story = await ownStory(payload, user, String(req.params.id))
      if (!story || !authorMayEdit(story.status)) return sendNotFound(res, await pageContext(payload, req, res))
      await renderForm(req, res, {
        action: `/account/stories/${story.id}/edit`,
        heading: `Edit: ${story.title}`,
        values: presentStoryFormValues(story),
        editingPublished: editMakesRevision(story.status),
        askConsent: !story.consentAudience,
        hasCover: Boolean(story.coverImage),
      })
    }),
  )

  router.post(
    '/account/stories/:id/edit',
    handle(async (req, res) => {
      const user = signedIn(req, res)
      if (!user) return
      const story = await ownStory(payload, user, String(req.params.id))
      if (!story) return sendNotFound(res, await pageContext(payload, req, res))
      const form = readStoryForm(req.body)
      const consentForm = readConsentForm(req.body)
      const editingPublished = editMakesRevision(story.status)
      const submitting = form.intent === 'submit' && !editingPublished
      const askConsent = !story.consentAudience
      const consent = askConsent && (submitting || consentStarted(consentForm)) ? checkConsent(consentForm) : { choices: null, errors: {} as FieldErrors }
      const choices = consent.choices
      const errors: FieldErrors = { ...storyErrors(form), ...consent.errors }
      const values: StoryFormValues = { ...form }
      const again = (problems: FieldErrors) =>
        renderForm(req, res, { action: `/account/stories/${story.id}/edit`, heading: `Edit: ${story.title}`, values, errors: problems, consent: consentForm, editingPublished, askConsent }, 400)
      if (Object.keys(errors).length > 0) return again(errors)
      const cover = await uploadCover(payload, user, req.upload, form.coverAlt)
      if (Object.keys(cover.errors).length > 0) return again(cover.errors)
      try {
        await editStory({ payload, user, storyId: story.id, content: form, coverId: cover.id })
        if (choices) await giveConsent(payload, user, story.id, choices)
        if (submitting) await submitStory(payload, user, story.id)
      } catch (error) {
        const fieldErrors = fieldErrorsFrom(error) ?? (error instanceof StoryCommandError || (error as { status?: number }).status === 409 ? { form: (error as Error).message } : null)
        if (!fieldErrors) throw error
        return again(fieldErrors)
      }
      res.redirect(303, `/account/stories/${story.id}?notice=${editingPublished ? 'revision' : submitting ? 'submitted' : 'saved'}${cover.crisis ? '&support=picture' : ''}`)
    }),
  )

  return router
}
