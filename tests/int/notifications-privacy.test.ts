// Issue 16 B: a member's notifications and their places in threads are in their data export, and go with
// them on erasure; notifications others hold about the erased member's posts go too. Real Payload, real
// SQLite file (or DATABASE_URL), through the commands the site uses.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { collectMemberData } from '../../src/commands/privacy/exportData.js'
import { eraseMember } from '../../src/commands/privacy/eraseMember.js'
import { setThreadFollow } from '../../src/commands/notifications/threadState.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, unique } from './helpers.js'

let payload: Payload
const api = () => payload as any

async function established(name: string) {
  const doc = await createMember(payload, { displayName: `${name} ${unique()}`.slice(0, 40) })
  await payload.update({ collection: 'users', id: doc.id, data: { approvedPostCount: 5 } as never, overrideAccess: true })
  return asUser(payload, doc)
}

const count = async (collection: string, where: Record<string, unknown>) => (await api().count({ collection, where, overrideAccess: true })).totalDocs

beforeAll(async () => {
  payload = await bootPayload()
}, 120_000)

describe('notifications and thread places under the member’s data rights', () => {
  it('are exported to their owner, and erased with them (and with the posts they point at)', async () => {
    const locality =
      (await api().find({ collection: 'localities', overrideAccess: true, limit: 1 })).docs[0] ??
      (await api().create({ collection: 'localities', data: { name: `Place ${unique()}`, slug: `place-${unique()}`, forumVisibility: 'public' }, overrideAccess: true }))
    const [owner, writer, leaver] = [await established('Owner'), await established('Writer'), await established('Leaver')]
    const thread = await api().create({ collection: 'threads', data: { title: `Owner’s thread ${unique()}`, body: 'Hello.', locality: locality.id }, overrideAccess: false, user: owner })
    expect(await setThreadFollow({ payload, user: owner, threadId: thread.id, follow: true })).toBe(true)
    await api().create({ collection: 'replies', data: { thread: thread.id, body: `Hi @${owner.displayName}` }, overrideAccess: false, user: writer })
    const leaversReply = await api().create({ collection: 'replies', data: { thread: thread.id, body: 'A reply from someone who leaves.' }, overrideAccess: false, user: leaver })
    expect(await count('notifications', { recipient: { equals: owner.id } })).toBe(2)
    expect(await count('notifications', { reply: { equals: leaversReply.id } })).toBe(1)

    // Export: the owner's own rows, and only theirs.
    const exported = (await collectMemberData(payload, owner.id)).json as Record<string, any>
    expect(exported.notifications.map((n: any) => n.kind).sort()).toEqual(['mention', 'reply'])
    expect(exported.threadsReadAndFollowed).toEqual([expect.objectContaining({ thread: thread.id, following: true })])
    const writersExport = (await collectMemberData(payload, writer.id)).json as Record<string, any>
    expect(writersExport.notifications).toEqual([])

    // Erasing the leaver takes the owner's notification about the leaver's reply with it.
    await eraseMember(payload, { memberId: leaver.id, mode: 'everything', actor: leaver })
    expect(await count('notifications', { recipient: { equals: owner.id } })).toBe(1)

    // Erasing the owner takes their notifications and their places.
    await eraseMember(payload, { memberId: owner.id, mode: 'everything', actor: owner })
    expect(await count('notifications', { recipient: { equals: owner.id } })).toBe(0)
    expect(await count('thread-reads', { member: { equals: owner.id } })).toBe(0)
  })
})
