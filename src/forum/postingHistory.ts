// The facts the posting limits need, read from the posts themselves (so every process agrees).
import type { PayloadRequest } from 'payload'

import type { ModerationSettings } from '../policies/moderationSettings.js'
import type { PostingHistory } from '../policies/postingLimits.js'

const KINDS = ['threads', 'replies'] as const

export async function postingHistory(req: PayloadRequest, authorId: number | string, joinedAt: Date, fingerprint: string, settings: ModerationSettings, now: Date): Promise<PostingHistory> {
  const mine = { author: { equals: authorId } }
  const duplicateSince = new Date(now.getTime() - settings.duplicateWindowMinutes * 60_000).toISOString()
  const firstDay = now.getTime() - joinedAt.getTime() < settings.newMemberHours * 3_600_000
  const read = { overrideAccess: true, req, depth: 0 } as const

  const [latest, duplicates, counts] = await Promise.all([
    Promise.all(KINDS.map((collection) => req.payload.find({ collection, where: mine, sort: '-createdAt', limit: 1, pagination: false, select: { createdAt: true }, ...read }))),
    Promise.all(
      KINDS.map((collection) =>
        req.payload.find({
          collection,
          where: { and: [mine, { fingerprint: { equals: fingerprint } }, { createdAt: { greater_than: duplicateSince } }] },
          sort: '-createdAt',
          limit: 1,
          pagination: false,
          select: { createdAt: true },
          ...read,
        }),
      ),
    ),
    firstDay
      ? Promise.all(KINDS.map((collection) => req.payload.count({ collection, where: { and: [mine, { createdAt: { greater_than_equal: joinedAt.toISOString() } }] }, overrideAccess: true, req })))
      : Promise.resolve([{ totalDocs: 0 }, { totalDocs: 0 }]),
  ])
  const newest = (results: { docs: { createdAt?: string | null }[] }[]) => {
    const times = results.flatMap((r) => r.docs.map((d) => (d.createdAt ? new Date(d.createdAt).getTime() : 0)))
    return times.length > 0 ? new Date(Math.max(...times)) : null
  }
  return {
    lastPostAt: newest(latest),
    sameTextPostedAt: newest(duplicates),
    threadsSinceJoining: counts[0]!.totalDocs,
    repliesSinceJoining: counts[1]!.totalDocs,
  }
}
