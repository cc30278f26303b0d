// /feed.xml (Atom) and /sitemap.xml. Both are always built as a visitor sees the site, whoever asks,
// and never cached: a withdrawn story must be gone from them on the very next request.
import { Router } from 'express'
import { Feed } from 'feed'
import type { Payload } from 'payload'

import { publicLocalities } from '../cache/localities.js'
import { serverURL } from '../env.js'
import { displayNamesFor, presentStoryCard, STORY_CARD_SELECT } from '../presenters/story.js'

async function publicStories(payload: Payload, limit: number) {
  const result = await payload.find({
    collection: 'stories',
    where: { status: { equals: 'published' } },
    sort: '-publishedAt',
    depth: 1,
    select: STORY_CARD_SELECT,
    limit,
    overrideAccess: false,
    user: null,
  })
  const names = await displayNamesFor(payload, result.docs as never)
  return result.docs.map((doc) => ({ card: presentStoryCard(doc as never, names), updatedAt: String((doc as { updatedAt: string }).updatedAt) }))
}

const xmlEscape = (value: string) => value.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!)

export function feedsRouter(payload: Payload): Router {
  const router = Router()

  router.get('/feed.xml', async (_req, res, next) => {
    try {
      const stories = await publicStories(payload, 50)
      const feed = new Feed({
        title: 'Waymark recovery stories',
        description: 'Lived-experience recovery stories from Lancashire.',
        id: `${serverURL}/stories`,
        link: `${serverURL}/stories`,
        language: 'en-GB',
        copyright: 'Each story belongs to its author.',
        updated: stories[0] ? new Date(stories[0].updatedAt) : new Date(0),
        feedLinks: { atom: `${serverURL}/feed.xml` },
      })
      for (const { card, updatedAt } of stories) {
        feed.addItem({
          title: card.title,
          id: `${serverURL}/stories/${card.slug}`,
          link: `${serverURL}/stories/${card.slug}`,
          description: card.summary,
          author: [{ name: card.byline }],
          date: new Date(updatedAt),
          published: card.publishedAt ? new Date(card.publishedAt) : undefined,
        })
      }
      res.set('Cache-Control', 'no-cache').type('application/atom+xml').send(feed.atom1())
    } catch (error) {
      next(error)
    }
  })

  router.get('/sitemap.xml', async (_req, res, next) => {
    try {
      const [stories, localities] = await Promise.all([publicStories(payload, 5000), publicLocalities(payload)])
      const urls = ['/', '/stories', ...localities.map((l) => `/localities/${l.slug}`), ...stories.map(({ card }) => `/stories/${card.slug}`)]
      const body = urls.map((path) => `  <url><loc>${xmlEscape(serverURL + path)}</loc></url>`).join('\n')
      res
        .set('Cache-Control', 'no-cache')
        .type('application/xml')
        .send(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`)
    } catch (error) {
      next(error)
    }
  })

  return router
}
