// /feed.xml (Atom), the forums' feeds, the sitemap index and its files, and /robots.txt. Always built as a
// visitor sees the site, whoever asks. Browsers are told not to keep them; the page cache may, and any write to
// what they list drops its copy, so a withdrawn story is gone from them on the very next request.
import { type Response, Router } from 'express'
import { Feed } from 'feed'
import type { Payload } from 'payload'

import { escapeHtml } from '../email/templates.js'
import { robotsTxt } from '../policies/crawlers.js'
import { STORIES_FEED } from '../policies/feeds.js'
import { serverURL } from '../env.js'
import { publicStories, publicThreads } from '../queries/feeds.js'
import { localityBySlug } from '../queries/localities.js'
import { sitemapFileCount, sitemapFilePaths } from '../queries/sitemap.js'

const xmlEscape = (value: string) => value.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!)

/**
 * Atom writes titles and summaries as type="html": what members wrote goes in escaped, so a title
 * `<img src=x onerror=…>` reaches a feed reader as text, never as markup.
 */
const asFeedText = (value: string | null | undefined) => escapeHtml(String(value ?? ''))

/** An XML document with its declaration; readers are told to ask again before each use. */
const sendXml = (res: Response, document: string) => res.set('Cache-Control', 'no-cache').type('application/xml').send(`<?xml version="1.0" encoding="UTF-8"?>\n${document}\n`)

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
        feedLinks: { atom: `${serverURL}${STORIES_FEED.href}` },
      })
      for (const { card, updatedAt } of stories) {
        feed.addItem({
          title: asFeedText(card.title),
          id: `${serverURL}/stories/${card.slug}`,
          link: `${serverURL}/stories/${card.slug}`,
          description: asFeedText(card.summary),
          author: [{ name: asFeedText(card.byline) }],
          date: new Date(updatedAt),
          published: card.publishedAt ? new Date(card.publishedAt) : undefined,
        })
      }
      res.set('Cache-Control', 'no-cache').type('application/atom+xml').send(feed.atom1())
    } catch (error) {
      next(error)
    }
  })

  // The Atom feed of one forum's conversations: only a public forum has one, built as a visitor sees it.
  router.get('/localities/:slug/feed.xml', async (req, res, next) => {
    try {
      const locality = await localityBySlug(payload, req.params.slug)
      if (!locality || locality.forumVisibility !== 'public') {
        res.status(404).set('Cache-Control', 'no-cache').type('text/plain').send('There is no public feed here.')
        return
      }
      const threads = await publicThreads(payload, 50, locality.id)
      const page = `${serverURL}/localities/${locality.slug}`
      const feed = new Feed({
        title: `${locality.name} forum · Waymark`,
        description: `Conversations in the ${locality.name} forum.`,
        id: page,
        link: page,
        language: 'en-GB',
        copyright: 'Each post belongs to its author.',
        updated: threads[0] ? new Date(threads[0].lastActivityAt) : new Date(0),
        feedLinks: { atom: `${page}/feed.xml` },
      })
      for (const thread of threads) {
        feed.addItem({
          title: asFeedText(thread.title),
          id: `${serverURL}/threads/${thread.id}`,
          link: `${serverURL}/threads/${thread.id}`,
          description: asFeedText(thread.excerpt),
          author: [{ name: asFeedText(thread.author) }],
          date: new Date(thread.lastActivityAt),
          published: new Date(thread.createdAt),
        })
      }
      res.set('Cache-Control', 'no-cache').type('application/atom+xml').send(feed.atom1())
    } catch (error) {
      next(error)
    }
  })

  // /sitemap.xml is an index of numbered files, so the sitemap stays complete at any size.
  router.get('/sitemap.xml', async (_req, res, next) => {
    try {
      const files = await sitemapFileCount(payload)
      const entries = Array.from({ length: files }, (_, i) => `  <sitemap><loc>${xmlEscape(`${serverURL}/sitemap-${i + 1}.xml`)}</loc></sitemap>`)
      sendXml(res, `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</sitemapindex>`)
    } catch (error) {
      next(error)
    }
  })

  router.get(/^\/sitemap-(\d{1,9})\.xml$/, async (req, res, next) => {
    try {
      const paths = await sitemapFilePaths(payload, Number(req.params[0]))
      if (!paths) {
        res.status(404).set('Cache-Control', 'no-cache').type('text/plain').send('There is no such sitemap file: /sitemap.xml lists them.')
        return
      }
      const body = paths.map((path) => `  <url><loc>${xmlEscape(serverURL + path)}</loc></url>`).join('\n')
      sendXml(res, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>`)
    } catch (error) {
      next(error)
    }
  })

  // Tells crawlers where the sitemap is and which paths to keep out of (src/policies/crawlers.ts); every page's
  // own access rules still decide what they may read.
  router.get('/robots.txt', (_req, res) => {
    res
      .set('Cache-Control', 'no-cache')
      .type('text/plain')
      .send(robotsTxt(`${serverURL}/sitemap.xml`))
  })

  return router
}
