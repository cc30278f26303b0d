// The forum digest (issue 4, §9): sent only when there is something new, only what the recipient may
// see (published, in forums they follow, not their own), daily or weekly, with a one-click unsubscribe.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { sendDigests } from '../../src/jobs/sendDigests.js'
import { readUnsubscribeToken } from '../../src/email/unsubscribe.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, unique } from './helpers.js'

let payload: Payload
const api = () => payload as any
let north: any, east: any
let writer: any

const HOUR = 3_600_000

async function queuedEmailsTo(email: string): Promise<{ subject: string; html: string; headers?: Record<string, string> }[]> {
  const jobs = await payload.find({ collection: 'payload-jobs', overrideAccess: true, limit: 5000, depth: 0, pagination: false })
  return jobs.docs.map((j: any) => j.input).filter((input: any) => input?.to === email)
}

async function reader(digest: 'daily' | 'weekly' | 'never', extra: Record<string, unknown> = {}) {
  const doc = await createMember(payload)
  await payload.update({ collection: 'users', id: doc.id, data: { homeLocality: north.id, notifications: { digest, ...extra } } as never, overrideAccess: true })
  return asUser(payload, doc)
}

const thread = (user: any, locality: any, title: string) =>
  api().create({ collection: 'threads', data: { locality: locality.id, title, body: `Body of ${title}` }, user, overrideAccess: false }) as Promise<any>

beforeAll(async () => {
  payload = await bootPayload()
  await api().updateGlobal({
    slug: 'moderation-settings',
    data: { newMemberPostIntervalSeconds: 0, memberPostIntervalSeconds: 0, newMemberMaxThreadsPerDay: 1000, newMemberMaxRepliesPerDay: 1000 },
    overrideAccess: true,
  })
  north = await api().create({ collection: 'localities', data: { name: `North ${unique()}`, slug: `north-${unique()}`, forumVisibility: 'members' }, overrideAccess: true })
  east = await api().create({ collection: 'localities', data: { name: `East ${unique()}`, slug: `east-${unique()}`, forumVisibility: 'members' }, overrideAccess: true })
  const w = await createMember(payload)
  await payload.update({ collection: 'users', id: w.id, data: { approvedPostCount: 5 } as never, overrideAccess: true })
  writer = await asUser(payload, w)
})

describe('the digest', () => {
  it('lists new published threads in followed forums only, never pending ones, and says how to unsubscribe', async () => {
    const member = await reader('daily')
    const visible = await thread(writer, north, `Visible ${unique()}`)
    const elsewhere = await thread(writer, east, `Elsewhere ${unique()}`)
    const newcomer = await asUser(payload, await createMember(payload))
    const pending = await thread(newcomer, north, `Pending ${unique()}`)
    expect(pending.status).toBe('pending')
    const own = await thread(member, north, `Own ${unique()}`)
    expect(own.title).toBeTruthy()

    await sendDigests(payload, new Date(Date.now() + 60_000))
    const mails = await queuedEmailsTo(member.email)
    expect(mails).toHaveLength(1)
    const html = mails[0]!.html
    expect(html).toContain(visible.title)
    expect(html).not.toContain(elsewhere.title)
    expect(html).not.toContain(pending.title)
    expect(html).not.toContain(own.title)
    const link = html.match(/\/unsubscribe\?token=([^"&]+)/)
    expect(link, 'an unsubscribe link').not.toBeNull()
    expect(readUnsubscribeToken(decodeURIComponent(link![1]!))).toEqual({ memberId: String(member.id), what: 'digest' })
    expect(mails[0]!.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
  })

  it('is not sent again before the period is over, and not at all when nothing is new', async () => {
    const member = await reader('daily')
    await thread(writer, north, `Once ${unique()}`)
    const now = Date.now() + 60_000
    await sendDigests(payload, new Date(now))
    await sendDigests(payload, new Date(now + 2 * HOUR))
    expect(await queuedEmailsTo(member.email)).toHaveLength(1)
    // A day later with nothing new: no email.
    await sendDigests(payload, new Date(now + 25 * HOUR))
    expect(await queuedEmailsTo(member.email)).toHaveLength(1)
  })

  it('weekly members wait a week; "never" gets nothing', async () => {
    const weekly = await reader('weekly')
    const never = await reader('never')
    // The first look happens just before the new thread is written.
    const now = Date.now() - 1000
    await sendDigests(payload, new Date(now))
    const first = (await queuedEmailsTo(weekly.email)).length
    await thread(writer, north, `Weekly news ${unique()}`)
    await sendDigests(payload, new Date(now + 2 * 24 * HOUR))
    expect(await queuedEmailsTo(weekly.email)).toHaveLength(first)
    await sendDigests(payload, new Date(now + 7 * 24 * HOUR))
    expect((await queuedEmailsTo(weekly.email)).length).toBe(first + 1)
    expect(await queuedEmailsTo(never.email)).toHaveLength(0)
  })

  it('a hidden thread is left out even though it was published when written', async () => {
    const member = await reader('daily')
    const hidden = await thread(writer, north, `Hidden later ${unique()}`)
    await payload.update({ collection: 'threads', id: hidden.id, data: { status: 'hidden' } as never, overrideAccess: true, context: { forumSystemWrite: true } })
    const shown = await thread(writer, north, `Still shown ${unique()}`)
    await sendDigests(payload, new Date(Date.now() + 60_000))
    const html = (await queuedEmailsTo(member.email)).map((m) => m.html).join('\n')
    expect(html).toContain(shown.title)
    expect(html).not.toContain(hidden.title)
  })

  it('replies "in my digest" come in the digest instead of at once', async () => {
    const author = await reader('never', { replyDelivery: 'digest', notifyReplies: true })
    await payload.update({ collection: 'users', id: author.id, data: { approvedPostCount: 5 } as never, overrideAccess: true })
    const mine = await thread(await asUser(payload, author), north, `My question ${unique()}`)
    const reply = await api().create({ collection: 'replies', data: { thread: mine.id, body: `A kind answer ${unique()}` }, user: writer, overrideAccess: false })
    expect(reply.status).toBe('published')
    expect(await queuedEmailsTo(author.email), 'no immediate reply email').toHaveLength(0)
    await sendDigests(payload, new Date(Date.now() + 60_000))
    const mails = await queuedEmailsTo(author.email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.html).toContain(reply.body)
    expect(mails[0]!.html).toContain(`#reply-${reply.id}`)
  })
})
