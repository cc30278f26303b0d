// The author's side of their stories once written: the list, one story's page, renewing consent,
// withdrawing, and answering a moderator's proposed redaction. State changes go through
// src/commands/stories; what the author sees is presented by src/presenters/myStory.ts.
import { Router, type Request, type Response } from 'express'
import type { Payload } from 'payload'

import { MyStoriesPage } from '../../../views/pages/MyStoriesPage.js'
import { MyStoryPage, WithdrawConfirmPage } from '../../../views/pages/MyStoryPage.js'
import { sendPage } from '../../../views/render.js'
import { giveConsent, respondToRedaction, withdrawStory } from '../../commands/stories/authorActions.js'
import { StoryCommandError } from '../../commands/stories/shared.js'
import { authorMayWithdraw } from '../../policies/storyWorkflow.js'
import { myStoryNotice } from '../../presenters/myStory.js'
import { moderationSettings } from '../../queries/forum.js'
import { myStoryPage, myStoryRows, ownStory } from '../../queries/myStories.js'
import { checkConsent, readConsentForm } from '../support/storyForms.js'
import { formText, handle, pageContext, readForm, sendNotFound, signedIn, type FieldErrors } from '../support.js'

type Author = Record<string, any> & { id: number | string }

export function myStoriesRouter(payload: Payload): Router {
  const router = Router()

  async function renderManage(
    req: Request,
    res: Response,
    user: Author,
    story: Record<string, any>,
    extra: { errors?: FieldErrors; consentValues?: Record<string, any>; notice?: string } = {},
    status = 200,
  ) {
    const page = await myStoryPage(payload, user, story, req.query.support)
    const notice = extra.notice ?? myStoryNotice(req.query.notice, (await moderationSettings(payload)).reviewHours)
    sendPage(res, <MyStoryPage ctx={await pageContext(payload, req, res)} {...page} consentValues={extra.consentValues} errors={extra.errors} notice={notice} />, status)
  }

  /** The signed-in author and their own story (after sending the sign-in detour or the 404, null). */
  async function authorAndStory(req: Request, res: Response) {
    const user = signedIn(req, res)
    if (!user) return null
    const story = await ownStory(payload, user, String(req.params.id))
    if (!story) {
      sendNotFound(res, await pageContext(payload, req, res))
      return null
    }
    return { user, story }
  }

  router.get(
    '/account/stories',
    handle(async (req, res) => {
      const user = signedIn(req, res)
      if (!user) return
      const rows = await myStoryRows(payload, user)
      sendPage(res, <MyStoriesPage ctx={await pageContext(payload, req, res)} stories={rows} notice={myStoryNotice(req.query.notice, (await moderationSettings(payload)).reviewHours)} />)
    }),
  )

  router.get(
    '/account/stories/:id',
    handle(async (req, res) => {
      const found = await authorAndStory(req, res)
      if (found) await renderManage(req, res, found.user, found.story)
    }),
  )

  router.post(
    '/account/stories/:id/consent',
    handle(async (req, res) => {
      const found = await authorAndStory(req, res)
      if (!found) return
      const { user, story } = found
      const consentForm = readConsentForm(req.body)
      const { choices, errors } = checkConsent(consentForm)
      if (!choices) return renderManage(req, res, user, story, { errors, consentValues: consentForm }, 400)
      try {
        await giveConsent(payload, user, story.id, choices)
      } catch (error) {
        if (!(error instanceof StoryCommandError)) throw error
        return renderManage(req, res, user, story, { errors: { form: error.message }, consentValues: consentForm }, error.status)
      }
      res.redirect(303, `/account/stories/${story.id}?notice=consent`)
    }),
  )

  router.get(
    '/account/stories/:id/withdraw',
    handle(async (req, res) => {
      const user = signedIn(req, res)
      if (!user) return
      const story = await ownStory(payload, user, String(req.params.id))
      if (!story || !authorMayWithdraw(story.status)) return sendNotFound(res, await pageContext(payload, req, res))
      sendPage(res, <WithdrawConfirmPage ctx={await pageContext(payload, req, res)} story={{ id: story.id, title: story.title }} />)
    }),
  )

  router.post(
    '/account/stories/:id/withdraw',
    handle(async (req, res) => {
      const found = await authorAndStory(req, res)
      if (!found) return
      try {
        await withdrawStory(payload, found.user, found.story.id)
      } catch (error) {
        if (!(error instanceof StoryCommandError)) throw error
        return renderManage(req, res, found.user, found.story, { notice: error.message }, error.status)
      }
      res.redirect(303, `/account/stories?notice=withdrawn`)
    }),
  )

  router.post(
    '/account/stories/:id/redaction',
    handle(async (req, res) => {
      const found = await authorAndStory(req, res)
      if (!found) return
      const { answer } = readForm(req.body, { answer: formText(10) })
      try {
        await respondToRedaction(payload, found.user, found.story.id, answer === 'accept')
      } catch (error) {
        if (!(error instanceof StoryCommandError)) throw error
        return renderManage(req, res, found.user, found.story, { notice: error.message }, error.status)
      }
      res.redirect(303, `/account/stories/${found.story.id}?notice=${answer === 'accept' ? 'accepted' : 'declined'}`)
    }),
  )

  return router
}
