// Public story pages: the list, a story, and the 410 page for a withdrawn one. Every read is made
// as the viewer (overrideAccess: false), so canSee, written as the collection's read access, decides.
import { Router } from 'express'
import type { Payload, Where } from 'payload'

import { MessagePage } from '../../views/pages/MessagePage.js'
import { StoriesPage } from '../../views/pages/StoriesPage.js'
import { StoryPage } from '../../views/pages/StoryPage.js'
import { sendPage } from '../../views/render.js'
import { displayNamesFor, presentStoryCard, presentStoryPage, STORY_CARD_SELECT } from '../presenters/story.js'
import { isSelf } from '../policies/roles.js'
import { STORY_THEMES } from '../policies/storyTaxonomy.js'
import { sendNotFound } from './pages.js'
import { handle, pageContext } from './support.js'

const PAGE_SIZE = 12

export async function visibleStoryCards(payload: Payload, user: Record<string, any> | null, where: Where, options: { page?: number; limit?: number } = {}) {
  const result = await payload.find({
    collection: 'stories',
    where: { and: [{ status: { equals: 'published' } }, where] },
    sort: '-publishedAt',
    depth: 1,
    select: STORY_CARD_SELECT,
    page: options.page ?? 1,
    limit: options.limit ?? PAGE_SIZE,
    overrideAccess: false,
    user,
  })
  const names = await displayNamesFor(payload, result.docs as never)
  return { cards: result.docs.map((doc) => presentStoryCard(doc as never, names)), totalPages: result.totalPages, page: result.page ?? 1 }
}

export function storiesRouter(payload: Payload): Router {
  const router = Router()

  router.get('/stories', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const theme = typeof req.query.theme === 'string' && STORY_THEMES.some((t) => t.value === req.query.theme) ? req.query.theme : ''
    const localitySlug = typeof req.query.locality === 'string' ? req.query.locality : ''
    const locality = ctx.localities.find((l) => l.slug === localitySlug)
    const page = Math.max(1, Math.min(1000, Number.parseInt(String(req.query.page ?? '1'), 10) || 1))
    const filters: Where[] = []
    if (theme) filters.push({ themes: { contains: theme } })
    if (locality) filters.push({ locality: { equals: locality.id } })
    const { cards, totalPages } = await visibleStoryCards(payload, res.locals.user, { and: filters }, { page })
    sendPage(res, <StoriesPage ctx={ctx} stories={cards} theme={theme} locality={locality ? locality.slug : ''} page={page} totalPages={totalPages} />)
  }))

  router.get('/stories/:slug', handle(async (req, res) => {
    const ctx = await pageContext(payload, req, res)
    const slug = String(req.params.slug).slice(0, 40)
    const user = res.locals.user
    const found = await payload.find({ collection: 'stories', where: { slug: { equals: slug } }, depth: 1, limit: 1, overrideAccess: false, user })
    const doc = found.docs[0]
    if (!doc) {
      if (await wasWithdrawn(payload, slug)) {
        return sendPage(
          res,
          <MessagePage ctx={ctx} title="This story is no longer shared">
            <p>Its author has chosen to withdraw it, and it is not available any more. Thank you for respecting their choice.</p>
            <p>
              <a href="/stories">Read other recovery stories</a>
            </p>
          </MessagePage>,
          410,
        )
      }
      return sendNotFound(res, ctx)
    }
    const names = await displayNamesFor(payload, [doc as never])
    const isAuthor = Boolean(user && doc.author !== undefined && isSelf(user, typeof doc.author === 'object' && doc.author ? doc.author.id : (doc.author as never)))
    sendPage(res, <StoryPage ctx={ctx} story={presentStoryPage(doc as never, names)} isAuthor={isAuthor} />)
  }))

  return router
}

/** Whether a slug belonged to a story that was withdrawn: only a yes or no leaves this function. */
async function wasWithdrawn(payload: Payload, slug: string): Promise<boolean> {
  const result = await payload.count({ collection: 'stories', where: { and: [{ slug: { equals: slug } }, { status: { equals: 'withdrawn' } }] }, overrideAccess: true })
  return result.totalDocs > 0
}
