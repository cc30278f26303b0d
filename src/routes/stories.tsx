// Public story pages: the list, a story, and the 410 page for a withdrawn one. Every read is made
// as the viewer (overrideAccess: false), so canSee, written as the collection's read access, decides.
import { Router } from 'express'
import type { Payload } from 'payload'

import { listHref } from '../../views/components/Pager.js'
import { MessagePage } from '../../views/pages/MessagePage.js'
import { StoriesPage } from '../../views/pages/StoriesPage.js'
import { StoryPage } from '../../views/pages/StoryPage.js'
import { sendPage } from '../../views/render.js'
import { reportNoticeFor } from '../policies/flags.js'
import { STORY_THEMES } from '../policies/storyTaxonomy.js'
import { HIDE_WARNINGS_COOKIE } from '../policies/readingChoices.js'
import { pageRequestFor } from '../queries/keyset.js'
import { readerHiddenWarnings } from '../queries/readingChoices.js'
import { moreLikeThis } from '../queries/storyMatching.js'
import { STORY_LIST_ORDER, storyBySlug, storyList } from '../queries/stories.js'
import { handle, pageContext, sendBadPageLink, sendNotFound } from './support.js'

export function storiesRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/stories',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const theme = typeof req.query.theme === 'string' && STORY_THEMES.some((t) => t.value === req.query.theme) ? req.query.theme : ''
      const localitySlug = typeof req.query.locality === 'string' ? req.query.locality : ''
      const locality = ctx.localities.find((l) => l.slug === localitySlug)
      const filters: Record<string, string> = { ...(theme ? { theme } : {}), ...(locality ? { locality: locality.slug } : {}) }
      const at = pageRequestFor(req.query, STORY_LIST_ORDER, 1000)
      if (!at) return sendBadPageLink(res, ctx, listHref('/stories', filters))
      // The reader's "hide stories with these warnings" holds in this list too (the page cache key has it),
      // in the query, so every page is full and the paging links stay true.
      const hidden = await readerHiddenWarnings(payload, res.locals.user, req.cookies?.[HIDE_WARNINGS_COOKIE])
      const list = await storyList(payload, res.locals.user, { theme, localityId: locality?.id, at, hiddenWarnings: hidden })
      sendPage(res, <StoriesPage ctx={ctx} stories={list.cards} filters={filters} before={list.before} after={list.after} firstPage={at.kind === 'first'} />)
    }),
  )

  router.get(
    '/stories/:slug',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const lookup = await storyBySlug(payload, res.locals.user, String(req.params.slug).slice(0, 40))
      if (lookup.found === 'story') {
        // "More like this" reads the other stories as this viewer: the page's cache tags include them.
        const hidden = await readerHiddenWarnings(payload, res.locals.user, req.cookies?.[HIDE_WARNINGS_COOKIE])
        const related = await moreLikeThis(payload, res.locals.user, lookup.story.id, hidden)
        const feedbackState = req.query.feedback === 'thanks' || req.query.feedback === 'already' ? req.query.feedback : undefined
        return sendPage(res, <StoryPage ctx={ctx} story={lookup.story} isAuthor={lookup.isAuthor} notice={reportNoticeFor(req.query)} related={related} feedbackState={feedbackState} />)
      }
      if (lookup.found === 'nothing') return sendNotFound(res, ctx)
      sendPage(
        res,
        // Nothing to come back to after signing in, and the page must not repeat the story's address.
        <MessagePage ctx={{ ...ctx, returnPath: undefined }} title="This story is no longer shared">
          <p>Its author has chosen to withdraw it, and it is not available any more. Thank you for respecting their choice.</p>
          <p>
            <a href="/stories">Read other recovery stories</a>
          </p>
        </MessagePage>,
        410,
      )
    }),
  )

  return router
}
