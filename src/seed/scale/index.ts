// The scale seed: many approved, consented, published stories and a busy forum, written in bulk on top
// of the demo data, so that pages, indexes and search can be measured at the size of a large site.
import type { Payload } from 'payload'

import { bulkWriter } from './bulkWrite.js'
import { LONG_THREAD_TITLE, planForum, posterOf, replyRow, threadRow, type SeedPoster } from './forum.js'
import { storyRows, type SeedLocality } from './stories.js'
import { pick, seededRandom } from './words.js'

export type ScaleOptions = { stories: number; replies: number; threads: number; seed: number; now?: Date }
export type ScaleProgress = { start: (total: number) => void; advance: (count: number, phase: string) => void; stop: () => void }
export type ScaleResult = { stories: number; markedStories: number; threads: number; replies: number; longThreadId: number | string | null; longThreadReplies: number }

const STORIES_PER_TRANSACTION = 5_000
const REPLIES_PER_TRANSACTION = 20_000
const ROWS_PER_BATCH = 1_000

export class ScaleSeedRefused extends Error {}

/** Threads to hold `replies`: about fifty replies each, at least one. */
export const defaultThreadCount = (replies: number) => Math.max(1, Math.round(replies / 50))

export async function seedAtScale(payload: Payload, options: ScaleOptions, progress: ScaleProgress): Promise<ScaleResult> {
  const previous = await payload.count({ collection: 'threads', where: { title: { equals: LONG_THREAD_TITLE } }, overrideAccess: true })
  if (previous.totalDocs > 0) throw new ScaleSeedRefused('This database already holds a scale seed (its long thread exists). Start from a fresh database.')
  const now = options.now ?? new Date()
  const users = await payload.find({ collection: 'users', where: { isDemo: { equals: true } }, depth: 0, limit: 100, pagination: false, overrideAccess: true })
  const posters: SeedPoster[] = users.docs.map((user) => posterOf(user as never))
  const authors = users.docs.filter((user) => !(user.roles ?? []).some((role: string) => role !== 'member'))
  const localityDocs = await payload.find({ collection: 'localities', depth: 0, limit: 100, pagination: false, sort: 'id', overrideAccess: true })
  const localities: SeedLocality[] = localityDocs.docs.map((l) => ({ id: l.id, slug: String(l.slug), forumVisibility: String(l.forumVisibility) }))
  if (authors.length === 0 || localities.length === 0) throw new ScaleSeedRefused('Run the demo seed first: the scale seed writes as its members, in its localities.')

  const writer = bulkWriter(payload)
  const random = seededRandom(options.seed)
  const threads = options.replies > 0 ? Math.max(1, options.threads) : options.threads
  progress.start(options.stories + threads + options.replies)

  let markedStories = 0
  for (let first = 0; first < options.stories; first += STORIES_PER_TRANSACTION) {
    const last = Math.min(options.stories, first + STORIES_PER_TRANSACTION)
    await writer.transaction(async (insert) => {
      for (let at = first; at < last; at += ROWS_PER_BATCH) {
        const batch = Array.from({ length: Math.min(ROWS_PER_BATCH, last - at) }, (_, k) => storyRows(random, at + k, options.stories, now, authors, localities))
        const inserted = await insert(
          'stories',
          batch.map((b) => b.story),
          ['id', 'slug'],
        )
        const idOfSlug = new Map(inserted.map((row) => [row.slug, row.id as number | string]))
        const ids = batch.map((b) => idOfSlug.get(b.story.slug)!)
        await insert(
          'consents',
          batch.map((b, k) => b.consent(ids[k]!)),
        )
        await insert(
          'stories_themes',
          batch.flatMap((b, k) => b.themes.map((value, order) => ({ parent: ids[k], order: order + 1, value }))),
        )
        await insert(
          'stories_content_warnings',
          batch.flatMap((b, k) => b.warnings.map((value, order) => ({ parent: ids[k], order: order + 1, value }))),
        )
        markedStories += batch.filter((b) => b.marked).length
        progress.advance(batch.length, 'stories')
      }
    })
  }

  const plan = planForum(random, options.replies, threads, now)
  const publicForum = localities.find((l) => l.forumVisibility === 'public') ?? localities[0]!
  const threadRefs: { id: number | string; locality: number | string }[] = []
  await writer.transaction(async (insert) => {
    for (let at = 0; at < threads; at += ROWS_PER_BATCH) {
      const rows = Array.from({ length: Math.min(ROWS_PER_BATCH, threads - at) }, (_, k) => threadRow(random, plan, at + k, at + k === 0 ? publicForum : pick(random, localities), posters))
      const inserted = await insert('threads', rows, ['id', 'title'])
      const idOfTitle = new Map(inserted.map((row) => [row.title, row.id as number | string]))
      threadRefs.push(...rows.map((row) => ({ id: idOfTitle.get(row.title)!, locality: row.locality })))
      progress.advance(rows.length, 'threads')
    }
  })

  for (let first = 0; first < options.replies; first += REPLIES_PER_TRANSACTION) {
    const last = Math.min(options.replies, first + REPLIES_PER_TRANSACTION)
    await writer.transaction(async (insert) => {
      for (let at = first; at < last; at += ROWS_PER_BATCH) {
        const rows = Array.from({ length: Math.min(ROWS_PER_BATCH, last - at) }, (_, k) => replyRow(random, plan, at + k, threadRefs[plan.threadOfReply[at + k]!]!, posters))
        await insert('replies', rows)
        progress.advance(rows.length, 'replies')
      }
    })
  }
  progress.stop()
  return { stories: options.stories, markedStories, threads, replies: options.replies, longThreadId: threadRefs[0]?.id ?? null, longThreadReplies: plan.replyCount[0] ?? 0 }
}
