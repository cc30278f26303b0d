// The story workflow through the real commands and the Local API: consent before submission,
// moderators' decisions, edits of published stories as revisions, crisis holds, the moderation log,
// emails to the author, and withdrawal.
import fs from 'node:fs'

import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { giveConsent, submitStory, withdrawStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { seedDemoData } from '../../src/seed/demo.js'
import { lexicalToPlainText, markdownToLexical } from '../../src/richtext/index.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, outboxFiles, unique } from './helpers.js'

let payload: Payload
let moderator: any, otherMember: any, admin: any, lead: any

const CONSENT = { audience: 'public' as const, byline: 'display-name' as const, quoteInReports: false }
const CRISIS_TEXT = "Some mornings I don't want to wake up, and I have not told anyone."

const newAuthor = async () => asUser(payload, await createMember(payload, { roles: ['member'] }))
const stored = (id: number | string) => payload.findByID({ collection: 'stories', id, overrideAccess: true, depth: 0 }) as Promise<any>

async function makeStory(user: any, text = 'The first year was the hardest. The walking group kept me going.') {
  const title = `Walking back ${unique()}`
  const doc: any = await payload.create({
    collection: 'stories',
    data: { title, summary: 'How a walking group helped.', body: markdownToLexical(text), themes: [] } as any,
    overrideAccess: false,
    user,
  })
  return { id: doc.id, title, text }
}

async function submitted(user: any, text?: string) {
  const s = await makeStory(user, text)
  await giveConsent(payload, user, s.id, CONSENT)
  await submitStory(payload, user, s.id)
  return s
}

async function published(user: any, text?: string) {
  const s = await submitted(user, text)
  await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' })
  return s
}

async function rejects(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (e) {
    return e as Error
  }
  throw new Error('expected the operation to be refused, but it succeeded')
}

async function eventsFor(storyId: number | string) {
  const found = await payload.find({
    collection: 'moderation-events',
    where: { targetId: { equals: String(storyId) } },
    sort: 'createdAt',
    limit: 1000,
    depth: 0,
    overrideAccess: true,
    pagination: false,
  })
  return found.docs as any[]
}

/** sendEmail jobs waiting in the queue (jobs are not run in this process unless a test runs them). */
async function queuedEmails(to?: string) {
  const jobs = await payload.find({ collection: 'payload-jobs', overrideAccess: true, limit: 5000, depth: 0, pagination: false })
  return (jobs.docs as any[]).filter((j) => j.taskSlug === 'sendEmail' && (!to || j.input?.to === to))
}

const norm = (s: unknown) =>
  String(s ?? '')
    .toLowerCase()
    .replace(/[^a-z]/g, '')

async function canRead(user: any, id: number | string): Promise<boolean> {
  try {
    const doc = await payload.findByID({ collection: 'stories', id, overrideAccess: false, user, depth: 0 })
    return Boolean(doc)
  } catch {
    return false
  }
}

beforeAll(async () => {
  payload = await bootPayload()
  await seedDemoData(payload, { password: 'seed-lantern-orchard-77' }) // the default watched words
  moderator = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
  admin = await asUser(payload, await createMember(payload, { roles: ['admin'] }))
  otherMember = await newAuthor()
  const leadDoc = await createMember(payload, { roles: ['moderator'] })
  await payload.update({ collection: 'users', id: leadDoc.id, data: { isSafeguardingLead: true } as any, overrideAccess: true })
  lead = await asUser(payload, leadDoc)
})

describe('submission', () => {
  it('submit needs consent', async () => {
    const author = await newAuthor()
    const s = await makeStory(author)
    await rejects(submitStory(payload, author, s.id))
    expect((await stored(s.id)).status).toBe('draft')
    await giveConsent(payload, author, s.id, CONSENT)
    await submitStory(payload, author, s.id)
    expect((await stored(s.id)).status).toBe('submitted')
  })

  it('only the author submits their story', async () => {
    const author = await newAuthor()
    const s = await makeStory(author)
    await giveConsent(payload, author, s.id, CONSENT)
    await rejects(submitStory(payload, otherMember, s.id))
    expect((await stored(s.id)).status).toBe('draft')
  })
})

describe('decisions', () => {
  it('approve publishes', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' })
    const doc = await stored(s.id)
    expect(doc.status).toBe('published')
    expect(await canRead(null, s.id)).toBe(true)
  })

  it('request_changes → changes_requested, with the reason in reasonForAuthor, which the author can read', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    const reason = `Please take out the name of the hostel ${unique()}.`
    await moderateStory({ payload, moderator, storyId: s.id, action: 'request_changes', reason, privateNote: 'Checked with the lead.' })
    const doc = await stored(s.id)
    expect(doc.status).toBe('changes_requested')
    expect(doc.reasonForAuthor).toBe(reason)
    const asAuthor: any = await payload.findByID({ collection: 'stories', id: s.id, overrideAccess: false, user: author, depth: 0 })
    expect(asAuthor.reasonForAuthor).toBe(reason)
  })

  it('request_changes needs a reason', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await rejects(moderateStory({ payload, moderator, storyId: s.id, action: 'request_changes' }))
    expect((await stored(s.id)).status).toBe('submitted')
  })

  it("a moderator's private note never reaches the author", async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    const note = `private-note-${unique()}`
    await moderateStory({ payload, moderator, storyId: s.id, action: 'request_changes', reason: 'Please shorten it.', privateNote: note })
    const asAuthor = await payload.findByID({ collection: 'stories', id: s.id, overrideAccess: false, user: author, depth: 0 })
    expect(JSON.stringify(asAuthor)).not.toContain(note)
    let events: any[] = []
    try {
      events = (await payload.find({ collection: 'moderation-events', overrideAccess: false, user: author, limit: 1000, depth: 0 })).docs
    } catch {
      events = []
    }
    expect(JSON.stringify(events)).not.toContain(note)
    // …but it is kept for moderators.
    expect((await eventsFor(s.id)).some((e) => e.privateNote === note)).toBe(true)
  })

  it('a moderator cannot approve their own story', async () => {
    const modAuthor = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
    const s = await submitted(modAuthor)
    await rejects(moderateStory({ payload, moderator: modAuthor, storyId: s.id, action: 'approve' }))
    expect((await stored(s.id)).status).toBe('submitted')
    // Another moderator can.
    await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' })
    expect((await stored(s.id)).status).toBe('published')
  })

  it("a member who is not a moderator cannot take a moderator's decision", async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await rejects(moderateStory({ payload, moderator: otherMember, storyId: s.id, action: 'approve' }))
    expect((await stored(s.id)).status).toBe('submitted')
  })

  it('unpublish needs a reason and hides the story from visitors', async () => {
    const author = await newAuthor()
    const s = await published(author)
    await rejects(moderateStory({ payload, moderator, storyId: s.id, action: 'unpublish' }))
    expect((await stored(s.id)).status).toBe('published')
    await moderateStory({ payload, moderator, storyId: s.id, action: 'unpublish', reason: 'A detail could identify someone.' })
    expect((await stored(s.id)).status).toBe('unpublished')
    expect(await canRead(null, s.id)).toBe(false)
    expect(await canRead(author, s.id)).toBe(true)
  })
})

describe('editing', () => {
  it('the author edits a draft', async () => {
    const author = await newAuthor()
    const s = await makeStory(author)
    await payload.update({ collection: 'stories', id: s.id, data: { title: 'Draft, edited' } as any, overrideAccess: false, user: author })
    expect((await stored(s.id)).title).toBe('Draft, edited')
  })

  it('the author edits a story in changes_requested', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await moderateStory({ payload, moderator, storyId: s.id, action: 'request_changes', reason: 'Please change the title.' })
    await payload.update({ collection: 'stories', id: s.id, data: { title: 'Changes made' } as any, overrideAccess: false, user: author })
    expect((await stored(s.id)).title).toBe('Changes made')
  })

  it('the author cannot edit while the story is submitted', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await rejects(payload.update({ collection: 'stories', id: s.id, data: { title: 'Sneaky change', body: markdownToLexical('Other words') } as any, overrideAccess: false, user: author }))
    const doc = await stored(s.id)
    expect(doc.title).toBe(s.title)
    expect(lexicalToPlainText(doc.body)).toContain('walking group')
  })

  it("another member cannot edit someone else's draft", async () => {
    const author = await newAuthor()
    const s = await makeStory(author)
    try {
      await payload.update({ collection: 'stories', id: s.id, data: { title: 'Hijacked' } as any, overrideAccess: false, user: otherMember })
    } catch {
      /* refused: fine */
    }
    expect((await stored(s.id)).title).toBe(s.title)
  })

  it('editing a published story keeps the live text and stores the edit as a revision awaiting review', async () => {
    const author = await newAuthor()
    const s = await published(author)
    const newTitle = `Walking back, revised ${unique()}`
    await payload.update({
      collection: 'stories',
      id: s.id,
      data: { title: newTitle, body: markdownToLexical('A revised telling of the walking group.') } as any,
      overrideAccess: false,
      user: author,
    })
    const doc = await stored(s.id)
    expect(doc.status).toBe('published')
    expect(doc.title).toBe(s.title)
    expect(lexicalToPlainText(doc.body)).toContain('The first year was the hardest')
    expect(doc.revisionState).toBe('submitted')
    expect(doc.revision?.title).toBe(newTitle)
    expect(lexicalToPlainText(doc.revision?.body)).toContain('A revised telling')
    // A visitor still reads the approved text, and not the pending one.
    const asVisitor: any = await payload.findByID({ collection: 'stories', id: s.id, overrideAccess: false, depth: 0 })
    expect(asVisitor.title).toBe(s.title)
    expect(JSON.stringify(asVisitor)).not.toContain('A revised telling')

    await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' })
    const after = await stored(s.id)
    expect(after.status).toBe('published')
    expect(after.title).toBe(newTitle)
    expect(lexicalToPlainText(after.body)).toContain('A revised telling')
    expect(after.revisionState).not.toBe('submitted')
  })

  it.each([
    ['submitted', 'submitted'],
    ['published', 'published'],
  ])('a moderator cannot change the text of a %s story through update', async (_n, state) => {
    const author = await newAuthor()
    const s = state === 'published' ? await published(author) : await submitted(author)
    try {
      await payload.update({
        collection: 'stories',
        id: s.id,
        data: { title: 'Moderator wording', body: markdownToLexical('Words the author never wrote.') } as any,
        overrideAccess: false,
        user: moderator,
      })
    } catch {
      /* refused: fine */
    }
    const doc = await stored(s.id)
    expect(doc.title).toBe(s.title)
    expect(lexicalToPlainText(doc.body)).not.toContain('never wrote')
    expect(JSON.stringify(doc.revision ?? {})).not.toContain('never wrote')
    // Approving afterwards publishes the author's words.
    await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' }).catch(() => undefined)
    const after = await stored(s.id)
    expect(after.title).toBe(s.title)
    expect(lexicalToPlainText(after.body)).not.toContain('never wrote')
  })

  it('a member cannot publish their own story through update (status)', async () => {
    const author = await newAuthor()
    const s = await makeStory(author)
    await giveConsent(payload, author, s.id, CONSENT)
    try {
      await payload.update({ collection: 'stories', id: s.id, data: { status: 'published', crisisHold: false } as any, overrideAccess: false, user: author })
    } catch {
      /* refused: fine */
    }
    expect((await stored(s.id)).status).toBe('draft')
  })
})

describe('crisis hold', () => {
  it('a story saying "I don\'t want to wake up" is held, cannot be approved until mark_safe, and then can', async () => {
    const author = await newAuthor()
    const s = await submitted(author, CRISIS_TEXT)
    const held = await stored(s.id)
    expect(held.crisisHold).toBe(true)

    await rejects(moderateStory({ payload, moderator, storyId: s.id, action: 'approve' }))
    let doc = await stored(s.id)
    expect(doc.status).toBe('submitted')
    expect(doc.crisisHold).toBe(true)
    expect(await canRead(null, s.id)).toBe(false)

    await moderateStory({ payload, moderator, storyId: s.id, action: 'mark_safe' })
    doc = await stored(s.id)
    expect(doc.crisisHold).toBe(false)

    await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' })
    expect((await stored(s.id)).status).toBe('published')
  })

  it('the author cannot clear their own crisis hold through update', async () => {
    const author = await newAuthor()
    const s = await makeStory(author, CRISIS_TEXT)
    await giveConsent(payload, author, s.id, CONSENT)
    await submitStory(payload, author, s.id)
    try {
      await payload.update({ collection: 'stories', id: s.id, data: { crisisHold: false } as any, overrideAccess: false, user: author })
    } catch {
      /* refused: fine */
    }
    expect((await stored(s.id)).crisisHold).toBe(true)
  })

  it('safeguarding leads get an urgent email at once', async () => {
    const before = (await queuedEmails(lead.email)).length
    const author = await newAuthor()
    await submitted(author, CRISIS_TEXT)
    const after = await queuedEmails(lead.email)
    expect(after.length).toBeGreaterThan(before)
    expect(after.some((j) => j.queue === 'urgent')).toBe(true)
  })
})

describe("the moderation log and the author's emails", () => {
  it('every decision appends a moderation-events record and queues an email to the author', async () => {
    const author = await newAuthor()
    const s = await submitted(author, CRISIS_TEXT)
    const steps: { action: 'request_changes' | 'approve' | 'unpublish' | 'mark_safe' | 'propose_redaction'; reason?: string; emails: boolean; before?: () => Promise<void> }[] = [
      { action: 'mark_safe', emails: false },
      { action: 'request_changes', reason: 'Please remove the date.', emails: true },
      {
        action: 'approve',
        emails: true,
        before: async () => {
          await payload.update({
            collection: 'stories',
            id: s.id,
            data: { title: `Without the date ${unique()}`, body: markdownToLexical('Things are steadier now; I talk to my key worker every week.') } as any,
            overrideAccess: false,
            user: author,
          })
          await submitStory(payload, author, s.id)
        },
      },
      { action: 'unpublish', reason: 'Paused for a check.', emails: true },
    ]
    for (const step of steps) {
      if (step.before) await step.before()
      const eventsBefore = await eventsFor(s.id)
      const emailsBefore = await queuedEmails(author.email)
      await moderateStory({ payload, moderator, storyId: s.id, action: step.action, reason: step.reason })
      const eventsAfter = await eventsFor(s.id)
      expect(eventsAfter.length, step.action).toBeGreaterThan(eventsBefore.length)
      // Append-only: the earlier records are still there, unchanged.
      expect(eventsAfter.slice(0, eventsBefore.length)).toEqual(eventsBefore)
      const fresh = eventsAfter.slice(eventsBefore.length)
      const mine = fresh.find((e) => norm(e.action).includes(norm(step.action).replace('propose', '')) || norm(step.action).includes(norm(e.action)))
      expect(mine, `${step.action}: ${JSON.stringify(fresh)}`).toBeTruthy()
      expect(String(mine.actor)).toBe(String(moderator.id))
      expect(mine.targetId).toBe(String(s.id))
      expect(mine.at).toBeTruthy()
      if (step.reason) expect(mine.reason).toBe(step.reason)
      if (step.emails) {
        const emailsAfter = await queuedEmails(author.email)
        expect(emailsAfter.length, `${step.action} email`).toBeGreaterThan(emailsBefore.length)
      }
    }
  })

  it('a proposed redaction is logged and emailed to the author', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    const eventsBefore = (await eventsFor(s.id)).length
    const emailsBefore = (await queuedEmails(author.email)).length
    await moderateStory({ payload, moderator, storyId: s.id, action: 'propose_redaction', proposal: { title: 'A shorter title', note: 'Removed a place name.' } })
    expect((await eventsFor(s.id)).length).toBeGreaterThan(eventsBefore)
    expect((await queuedEmails(author.email)).length).toBeGreaterThan(emailsBefore)
  })

  it('moderation events cannot be edited or deleted by a moderator', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await moderateStory({ payload, moderator, storyId: s.id, action: 'request_changes', reason: 'Original reason.' })
    const [event] = (await eventsFor(s.id)).filter((e) => e.reason === 'Original reason.')
    expect(event).toBeTruthy()
    await payload.update({ collection: 'moderation-events', id: event.id, data: { reason: 'Rewritten' } as any, overrideAccess: false, user: moderator }).catch(() => undefined)
    await payload.delete({ collection: 'moderation-events', id: event.id, overrideAccess: false, user: moderator }).catch(() => undefined)
    const again = await payload.findByID({ collection: 'moderation-events', id: event.id, overrideAccess: true, depth: 0 })
    expect((again as any).reason).toBe('Original reason.')
  })

  it("the queued emails are delivered to the author's address when the queue runs", async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await moderateStory({ payload, moderator, storyId: s.id, action: 'request_changes', reason: 'Please add a summary.' })
    const before = new Set(outboxFiles())
    await payload.jobs.run({ queue: 'default', limit: 1000 })
    await payload.jobs.run({ queue: 'urgent', limit: 1000 })
    const fresh = outboxFiles()
      .filter((f) => !before.has(f))
      .map((f) => fs.readFileSync(f, 'utf8'))
    const toAuthor = fresh.filter((raw) => raw.includes(author.email))
    expect(toAuthor.length).toBeGreaterThan(0)
    // The decision email names the reason (decoded from quoted-printable if need be).
    const decoded = toAuthor.map((raw) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16)))).join('\n')
    expect(decoded).toContain('Please add a summary.')
    expect(await queuedEmails(author.email)).toEqual([])
  })
})

describe('withdrawal', () => {
  it('withdraw → withdrawn, a new consent version with withdrawnAt, visible only to the author and moderators', async () => {
    const author = await newAuthor()
    const s = await published(author)
    const consentsBefore = await payload.find({ collection: 'consents', where: { story: { equals: s.id } }, sort: '-version', overrideAccess: true, depth: 0 })
    expect(consentsBefore.docs.length).toBe(1)
    const v1: any = consentsBefore.docs[0]

    await withdrawStory(payload, author, s.id)
    const doc = await stored(s.id)
    expect(doc.status).toBe('withdrawn')

    const consentsAfter = await payload.find({ collection: 'consents', where: { story: { equals: s.id } }, sort: '-version', overrideAccess: true, depth: 0 })
    expect(consentsAfter.docs.length).toBe(2)
    const latest: any = consentsAfter.docs[0]
    expect(latest.version).toBe(v1.version + 1)
    expect(latest.withdrawnAt).toBeTruthy()
    // The earlier record is untouched.
    const first: any = consentsAfter.docs[1]
    expect(first.withdrawnAt ?? null).toBe(v1.withdrawnAt ?? null)
    expect(first.updatedAt).toBe(v1.updatedAt)

    expect(await canRead(null, s.id)).toBe(false)
    expect(await canRead(otherMember, s.id)).toBe(false)
    expect(await canRead(author, s.id)).toBe(true)
    expect(await canRead(moderator, s.id)).toBe(true)
    expect(await canRead(admin, s.id)).toBe(true)
    const listed = await payload.find({ collection: 'stories', overrideAccess: false, limit: 500, depth: 0 })
    expect(listed.docs.map((d) => String(d.id))).not.toContain(String(s.id))
  })

  it('only the author withdraws', async () => {
    const author = await newAuthor()
    const s = await published(author)
    await rejects(withdrawStory(payload, otherMember, s.id))
    expect((await stored(s.id)).status).toBe('published')
  })

  it('withdrawn is final: submit, approve, consent and edits are refused', async () => {
    const author = await newAuthor()
    const s = await published(author)
    await withdrawStory(payload, author, s.id)
    await rejects(submitStory(payload, author, s.id))
    await rejects(moderateStory({ payload, moderator, storyId: s.id, action: 'approve' }))
    await giveConsent(payload, author, s.id, CONSENT).catch(() => undefined)
    await payload.update({ collection: 'stories', id: s.id, data: { title: 'Back again' } as any, overrideAccess: false, user: author }).catch(() => undefined)
    const doc = await stored(s.id)
    expect(doc.status).toBe('withdrawn')
    expect(doc.title).toBe(s.title)
    expect(await canRead(null, s.id)).toBe(false)
  })
})
