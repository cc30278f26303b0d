// De-identification with the author's sign-off: a moderator proposes, the author accepts or declines,
// and no text reaches the public that the author has not seen and accepted.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { giveConsent, respondToRedaction, submitStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { lexicalToPlainText, markdownToLexical } from '../../src/richtext/index.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, unique } from './helpers.js'

let payload: Payload
let moderator: any, otherMember: any

const CONSENT = { audience: 'public' as const, byline: 'display-name' as const, quoteInReports: false }
const ORIGINAL = 'I grew up on Mill Lane in Hartley and worked at the Crown until March 2019.'
const PROPOSED = 'I grew up in a small town and worked in a pub until a few years ago.'

const newAuthor = async () => asUser(payload, await createMember(payload, { roles: ['member'] }))
const stored = (id: number | string) => payload.findByID({ collection: 'stories', id, overrideAccess: true, depth: 0 }) as Promise<any>
const textOf = (doc: any) => lexicalToPlainText(doc.body)

async function submitted(author: any) {
  const title = `Coming home to Hartley ${unique()}`
  const doc: any = await payload.create({
    collection: 'stories',
    data: { title, summary: 'Growing up and getting well.', body: markdownToLexical(ORIGINAL), themes: [] } as any,
    overrideAccess: false,
    user: author,
  })
  await giveConsent(payload, author, doc.id, CONSENT)
  await submitStory(payload, author, doc.id)
  return { id: doc.id, title }
}

async function published(author: any) {
  const s = await submitted(author)
  await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' })
  return s
}

const propose = (storyId: number | string, title = 'Coming home') =>
  moderateStory({
    payload,
    moderator,
    storyId,
    action: 'propose_redaction',
    proposal: { title, body: markdownToLexical(PROPOSED), note: 'Removed the street, the town, the pub and the date.' },
  })

async function rejects(promise: Promise<unknown>) {
  let failed = false
  try {
    await promise
  } catch {
    failed = true
  }
  expect(failed, 'the operation should have been refused').toBe(true)
}

async function visitorView(id: number | string): Promise<any | null> {
  try {
    return await payload.findByID({ collection: 'stories', id, overrideAccess: false, depth: 0 })
  } catch {
    return null
  }
}

beforeAll(async () => {
  payload = await bootPayload()
  moderator = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
  otherMember = await newAuthor()
})

describe('a proposal on a submitted story', () => {
  it('leaves the live text unchanged and is open', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await propose(s.id)
    const doc = await stored(s.id)
    expect(doc.title).toBe(s.title)
    expect(textOf(doc)).toBe(ORIGINAL)
    expect(doc.redaction?.state).toBe('open')
    expect(doc.status).toBe('submitted')
  })

  it('the author can read the proposal (to see the change); another member cannot', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await propose(s.id)
    const asAuthor: any = await payload.findByID({ collection: 'stories', id: s.id, overrideAccess: false, user: author, depth: 0 })
    expect(lexicalToPlainText(asAuthor.redaction?.body)).toBe(PROPOSED)
    expect(asAuthor.redaction?.note).toContain('Removed the street')
    let asOther: any = null
    try {
      asOther = await payload.findByID({ collection: 'stories', id: s.id, overrideAccess: false, user: otherMember, depth: 0 })
    } catch {
      asOther = null
    }
    expect(JSON.stringify(asOther ?? {})).not.toContain('small town')
  })

  it('cannot be approved while the redaction is open', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await propose(s.id)
    await rejects(moderateStory({ payload, moderator, storyId: s.id, action: 'approve' }))
    const doc = await stored(s.id)
    expect(doc.status).toBe('submitted')
    expect(textOf(doc)).toBe(ORIGINAL)
  })

  it('accepted: the proposed text becomes the text under review, and approval publishes it', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await propose(s.id, 'Coming home, accepted')
    await respondToRedaction(payload, author, s.id, true)
    let doc = await stored(s.id)
    expect(doc.redaction?.state).toBe('accepted')
    expect(doc.title).toBe('Coming home, accepted')
    expect(textOf(doc)).toBe(PROPOSED)
    expect(doc.status).toBe('submitted')

    await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' })
    doc = await stored(s.id)
    expect(doc.status).toBe('published')
    expect(textOf(doc)).toBe(PROPOSED)
    const seen = await visitorView(s.id)
    expect(seen?.title).toBe('Coming home, accepted')
    expect(JSON.stringify(seen)).not.toContain('Mill Lane')
  })

  it("declined: the author's text stays, and approval publishes the author's text", async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await propose(s.id)
    await respondToRedaction(payload, author, s.id, false)
    let doc = await stored(s.id)
    expect(doc.redaction?.state).toBe('declined')
    expect(doc.title).toBe(s.title)
    expect(textOf(doc)).toBe(ORIGINAL)

    await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' })
    doc = await stored(s.id)
    expect(doc.status).toBe('published')
    expect(doc.title).toBe(s.title)
    expect(textOf(doc)).toBe(ORIGINAL)
  })

  it('only the author can answer a proposal', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await propose(s.id)
    await rejects(respondToRedaction(payload, otherMember, s.id, true))
    await rejects(respondToRedaction(payload, moderator, s.id, true))
    const doc = await stored(s.id)
    expect(doc.redaction?.state).toBe('open')
    expect(textOf(doc)).toBe(ORIGINAL)
  })

  it('a second proposal after an accepted one changes nothing until the author answers it', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await propose(s.id, 'First proposal')
    await respondToRedaction(payload, author, s.id, true)
    // A new proposal replaces nothing until the author answers it.
    await moderateStory({
      payload,
      moderator,
      storyId: s.id,
      action: 'propose_redaction',
      proposal: { title: 'Second proposal', body: markdownToLexical("Entirely the moderator's words."), note: 'Shorter.' },
    })
    let doc = await stored(s.id)
    expect(doc.title).toBe('First proposal')
    expect(textOf(doc)).toBe(PROPOSED)
    await rejects(moderateStory({ payload, moderator, storyId: s.id, action: 'approve' }))
    await respondToRedaction(payload, author, s.id, false)
    await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' })
    doc = await stored(s.id)
    expect(doc.title).toBe('First proposal')
    expect(textOf(doc)).toBe(PROPOSED)
  })
})

describe('a proposal on a published story', () => {
  it('leaves the live text unchanged and invisible to visitors while open', async () => {
    const author = await newAuthor()
    const s = await published(author)
    await propose(s.id)
    const doc = await stored(s.id)
    expect(doc.status).toBe('published')
    expect(doc.title).toBe(s.title)
    expect(textOf(doc)).toBe(ORIGINAL)
    const seen = await visitorView(s.id)
    expect(seen?.title).toBe(s.title)
    expect(JSON.stringify(seen)).not.toContain('small town')
  })

  it('cannot be approved while open', async () => {
    const author = await newAuthor()
    const s = await published(author)
    await propose(s.id)
    await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' }).catch(() => undefined)
    const doc = await stored(s.id)
    expect(textOf(doc)).toBe(ORIGINAL)
    expect(doc.title).toBe(s.title)
  })
})

describe('a proposal on a published story, accepted', () => {
  it("goes live only through the author's acceptance (directly, or as a revision then approved)", async () => {
    const author = await newAuthor()
    const s = await published(author)
    await propose(s.id, 'Coming home, agreed')
    await respondToRedaction(payload, author, s.id, true)
    let doc = await stored(s.id)
    expect(doc.redaction?.state).toBe('accepted')
    const live = textOf(doc) === PROPOSED
    if (!live) {
      expect(doc.revisionState).toBe('submitted')
      expect(lexicalToPlainText(doc.revision?.body)).toBe(PROPOSED)
      expect(textOf(doc)).toBe(ORIGINAL)
      await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' })
      doc = await stored(s.id)
    }
    expect(doc.status).toBe('published')
    expect(doc.title).toBe('Coming home, agreed')
    expect(textOf(doc)).toBe(PROPOSED)
  })
})

describe('a moderator can never publish text the author has not seen and accepted', () => {
  it('not by approving with a proposal attached', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await moderateStory({
      payload,
      moderator,
      storyId: s.id,
      action: 'approve',
      proposal: { title: 'Slipped in', body: markdownToLexical('Slipped-in words.'), note: 'x' },
    }).catch(() => undefined)
    const doc = await stored(s.id)
    expect(doc.title).toBe(s.title)
    expect(textOf(doc)).toBe(ORIGINAL)
  })

  it('not by marking the redaction accepted through update, then approving', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await propose(s.id)
    try {
      await payload.update({ collection: 'stories', id: s.id, data: { redaction: { state: 'accepted' } } as any, overrideAccess: false, user: moderator })
    } catch {
      /* refused: fine */
    }
    await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' }).catch(() => undefined)
    const doc = await stored(s.id)
    expect(textOf(doc)).toBe(ORIGINAL)
    expect(doc.title).toBe(s.title)
    if (doc.status === 'published') throw new Error('published while the redaction was never answered by the author')
  })

  it('not by changing the proposal after the author accepted it', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    await propose(s.id, 'Agreed title')
    await respondToRedaction(payload, author, s.id, true)
    try {
      await payload.update({
        collection: 'stories',
        id: s.id,
        data: { title: 'Not agreed', body: markdownToLexical('Not agreed words.'), redaction: { title: 'Not agreed', body: markdownToLexical('Not agreed words.') } } as any,
        overrideAccess: false,
        user: moderator,
      })
    } catch {
      /* refused: fine */
    }
    await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' }).catch(() => undefined)
    const doc = await stored(s.id)
    expect(doc.title).toBe('Agreed title')
    expect(textOf(doc)).toBe(PROPOSED)
  })

  it('not by writing a revision of a published story through update, then approving', async () => {
    const author = await newAuthor()
    const s = await published(author)
    try {
      await payload.update({
        collection: 'stories',
        id: s.id,
        data: { revision: { title: 'Moderator revision', body: markdownToLexical('Moderator revision words.') }, revisionState: 'submitted' } as any,
        overrideAccess: false,
        user: moderator,
      })
    } catch {
      /* refused: fine */
    }
    await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' }).catch(() => undefined)
    const doc = await stored(s.id)
    expect(doc.title).toBe(s.title)
    expect(textOf(doc)).toBe(ORIGINAL)
  })

  it('not by editing the live text of a submitted story through update', async () => {
    const author = await newAuthor()
    const s = await submitted(author)
    try {
      await payload.update({
        collection: 'stories',
        id: s.id,
        data: { title: 'Moderator title', summary: 'Moderator summary', body: markdownToLexical('Moderator words.') } as any,
        overrideAccess: false,
        user: moderator,
      })
    } catch {
      /* refused: fine */
    }
    await moderateStory({ payload, moderator, storyId: s.id, action: 'approve' })
    const doc = await stored(s.id)
    expect(doc.title).toBe(s.title)
    expect(doc.summary).toBe('Growing up and getting well.')
    expect(textOf(doc)).toBe(ORIGINAL)
  })
})
