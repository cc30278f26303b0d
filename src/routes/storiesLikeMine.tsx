// "Stories like mine" (issue 17): the GET form and its matches, the reader's "hide these warnings"
// choice, and the two questions after a story. Reads go through src/queries as the viewer; writes
// through src/commands/stories/storyFeedback.ts.
import { Router, type NextFunction, type Request, type Response } from 'express'
import type { Payload } from 'payload'

import { MessagePage } from '../../views/pages/MessagePage.js'
import { StoriesLikeMinePage } from '../../views/pages/StoriesLikeMinePage.js'
import { sendPage } from '../../views/render.js'
import { clearReadingRecords, recordStoryFeedback, saveReadingChoices } from '../commands/stories/storyFeedback.js'
import { StoryCommandError } from '../commands/stories/shared.js'
import { secureCookies } from '../env.js'
import { HIDE_WARNINGS_COOKIE, hiddenWarningsKeyPart, knownWarnings } from '../policies/readingChoices.js'
import { safeReturnPath } from '../policies/returnPath.js'
import { readFeedbackAnswer } from '../policies/storyFeedback.js'
import { requestIsEmpty, type MatchRequest } from '../policies/storyMatching.js'
import { readerHiddenWarnings } from '../queries/readingChoices.js'
import { CSRF_COOKIE } from '../security/csrf.js'
import { recordVisitorAnswer, tooManyMessage, visitorAnswerCheck } from '../security/ipLimits.js'
import { storyBySlug } from '../queries/stories.js'
import { likeMinePage } from '../queries/storyMatching.js'
import { formBox, formList, formText, handle, pageContext, readForm, sendNotFound, signedIn } from './support.js'

const COOKIE = { httpOnly: true, sameSite: 'lax' as const, secure: secureCookies, path: '/' }
const one = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 60) : '')
const many = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string').slice(0, 20)

/**
 * Before the page cache: the session's "hide these warnings" choice is part of every page's key, since
 * every story list honours it (/, /stories, locality pages, matches); a page without stories just keeps
 * one more entry for such a visitor. A member's account choice is in their key already (updatedAt).
 */
export function readingChoicesKey() {
  return (req: Request, res: Response, next: NextFunction) => {
    const part = hiddenWarningsKeyPart(req.cookies?.[HIDE_WARNINGS_COOKIE])
    if (part) res.locals.pageKeyPart = typeof res.locals.pageKeyPart === 'string' ? `${res.locals.pageKeyPart} ${part}` : part
    next()
  }
}

export function storiesLikeMineRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/stories/like-mine',
    handle(async (req, res) => {
      const user = res.locals.user ?? null
      const asked: MatchRequest = { narratorType: one(req.query.narrator), themes: many(req.query.theme), tags: many(req.query.tag), stage: one(req.query.stage), tone: one(req.query.tone) }
      const hidden = await readerHiddenWarnings(payload, user, req.cookies?.[HIDE_WARNINGS_COOKIE])
      const page = await likeMinePage(payload, user, asked, hidden)
      sendPage(res, <StoriesLikeMinePage ctx={await pageContext(payload, req, res)} page={page} hidden={hidden} asked={!requestIsEmpty(asked)} here={req.originalUrl} />)
    }),
  )

  router.post(
    '/stories/warnings',
    handle(async (req, res) => {
      const form = readForm(req.body, { hide: formList(20), next: formText(600) })
      const hide = knownWarnings(form.hide)
      const user = res.locals.user ?? null
      if (user) await saveReadingChoices(payload, user, { hiddenWarnings: hide })
      else if (hide.length > 0) res.cookie(HIDE_WARNINGS_COOKIE, hide.join(','), COOKIE)
      else res.clearCookie(HIDE_WARNINGS_COOKIE, COOKIE)
      // A member's choice lives in their account; a cookie from before they signed in is replaced by it.
      if (user) res.clearCookie(HIDE_WARNINGS_COOKIE, COOKIE)
      res.redirect(303, safeReturnPath(form.next) ?? '/stories/like-mine')
    }),
  )

  router.post(
    '/stories/:slug/feedback',
    handle(async (req, res) => {
      const user = res.locals.user ?? null
      const ctx = await pageContext(payload, req, res)
      const lookup = await storyBySlug(payload, user, String(req.params.slug).slice(0, 40))
      if (lookup.found !== 'story' || lookup.story.status !== 'published') return sendNotFound(res, ctx)
      // A longer limit than any answer: formText blanks an over-long value, which would turn "3.5" into "not answered".
      const read = readFeedbackAnswer(readForm(req.body, { hope: formText(20), connection: formText(20) }))
      const back = `/stories/${lookup.story.slug}`
      const notSent = (text: string, status: number) =>
        sendPage(
          res,
          <MessagePage ctx={ctx} title="Your answer was not sent">
            <p>{text}</p>
            <p>
              <a href={`${back}#feedback`}>Back to the story</a>
            </p>
          </MessagePage>,
          status,
        )
      if ('error' in read) return notSent(read.error, 400)
      // A visitor's session is their browser's form-token cookie: a POST cannot pass the CSRF check without
      // it, so dropping a cookie cannot make a second reader. Clearing every cookie can; the per-address cap
      // below bounds what one network can add to a story's figures.
      const sessionKey = one(req.cookies?.[CSRF_COOKIE])
      if (!user) {
        const check = await visitorAnswerCheck(req, lookup.story.id)
        if (!check.allowed) {
          res.set('Retry-After', String(check.retryAfterSeconds))
          return notSent(tooManyMessage('Many answers about this story have come from your network today.', check.retryAfterSeconds), 429)
        }
      }
      try {
        const outcome = await recordStoryFeedback({ payload, user, storyId: lookup.story.id, answer: read.answer, sessionKey })
        if (!user && outcome === 'recorded') await recordVisitorAnswer(req, lookup.story.id)
        res.redirect(303, `${back}?feedback=${outcome === 'recorded' ? 'thanks' : 'already'}#feedback`)
      } catch (error) {
        if (!(error instanceof StoryCommandError)) throw error
        if (error.status === 404) return sendNotFound(res, ctx)
        notSent(error.message, error.status)
      }
    }),
  )

  // "Remember what I read" (shown on /account): off by default; turning it off, or clearing, deletes the records.
  router.post(
    '/account/reading',
    handle(async (req, res) => {
      const user = signedIn(req, res, '/account')
      if (!user) return
      const { rememberReading } = readForm(req.body, { rememberReading: formBox() })
      await saveReadingChoices(payload, user, { rememberReading })
      res.redirect(303, '/account?notice=reading')
    }),
  )

  router.post(
    '/account/reading/clear',
    handle(async (req, res) => {
      const user = signedIn(req, res, '/account')
      if (!user) return
      await clearReadingRecords(payload, user)
      res.redirect(303, '/account?notice=reading-cleared')
    }),
  )

  return router
}
