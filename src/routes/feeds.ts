// /feed.xml (Atom) and /sitemap.xml. Both are always built as a visitor sees the site, whoever asks,
// and never cached: a withdrawn story must be gone from them on the very next request.
import { Router } from 'express'
import { Feed } from 'feed'
import type { Payload } from 'payload'

import { publicLocalities } from '../cache/localities.js'
import { escapeHtml } from '../email/templates.js'
import { serverURL } from '../env.js'
import { postExcerpt } from '../forum/markdown.js'
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

/** Threads a visitor may read (public forums only, by read access), newest activity first. */
async function publicThreads(payload: Payload, limit: number, localityId?: number | string) {
  const result = await payload.find({
    collection: 'threads',
    where: localityId === undefined ? {} : { locality: { equals: localityId } },
    sort: '-lastActivityAt',
    select: { title: true, body: true, authorByline: true, createdAt: true, lastActivityAt: true },
    depth: 0,
    limit,
    overrideAccess: false,
    user: null,
  })
  return result.docs
}

async function publicMeetingIds(payload: Payload, limit: number) {
  const result = await payload.find({ collection: 'meetings', sort: '-startsAt', select: { title: true }, depth: 0, limit, overrideAccess: false, user: null })
  return result.docs.map((doc) => doc.id)
}

const xmlEscape = (value: string) => value.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!)

/**
 * Atom writes titles and summaries as type="html": what members wrote goes in escaped, so a title
 * `<img src=x onerror=…>` reaches a feed reader as text, never as markup.
 */
const asFeedText = (value: string | null | undefined) => escapeHtml(String(value ?? ''))

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
      const locality = (await publicLocalities(payload)).find((l) => l.slug === req.params.slug)
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
        updated: threads[0] ? new Date(String(threads[0].lastActivityAt ?? threads[0].createdAt)) : new Date(0),
        feedLinks: { atom: `${page}/feed.xml` },
      })
      for (const thread of threads) {
        feed.addItem({
          title: asFeedText(String(thread.title)),
          id: `${serverURL}/threads/${thread.id}`,
          link: `${serverURL}/threads/${thread.id}`,
          description: asFeedText(postExcerpt(String(thread.body ?? ''), 300)),
          author: [{ name: asFeedText(String(thread.authorByline?.displayName || 'A member')) }],
          date: new Date(String(thread.lastActivityAt ?? thread.createdAt)),
          published: new Date(String(thread.createdAt)),
        })
      }
      res.set('Cache-Control', 'no-cache').type('application/atom+xml').send(feed.atom1())
    } catch (error) {
      next(error)
    }
  })

  router.get('/sitemap.xml', async (_req, res, next) => {
    try {
      const [stories, localities, threads, meetings] = await Promise.all([publicStories(payload, 5000), publicLocalities(payload), publicThreads(payload, 5000), publicMeetingIds(payload, 5000)])
      const urls = [
        '/',
        '/stories',
        ...localities.map((l) => `/localities/${l.slug}`),
        ...stories.map(({ card }) => `/stories/${card.slug}`),
        ...threads.map((t) => `/threads/${t.id}`),
        '/meetings',
        '/you-said-we-did',
        ...meetings.map((id) => `/meetings/${id}`),
      ]
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
