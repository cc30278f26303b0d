// Issue 16: members edit their own posts (who may, and what an edit's triage does) and quote replies.
import { describe, expect, it } from 'vitest'

import { canEditOwnPost, canReadEditHistory, decideEditedPost, MAX_POST_EDITS, quoteMarkdown, type EditFacts } from '../../src/policies/postEditing.js'
import { renderPostBody } from '../../src/forum/markdown.js'
import { presentPostEdits } from '../../src/presenters/postEdits.js'

const author = { id: 7, roles: ['member'], _verified: true }
const other = { id: 8, roles: ['member'], _verified: true }
const northModerator = { id: 9, roles: ['moderator'], moderatorLocalities: [1], _verified: true }
const eastModerator = { id: 10, roles: ['moderator'], moderatorLocalities: [2], _verified: true }
const lead = { id: 11, roles: ['member'], isSafeguardingLead: true, _verified: true }
const mine: EditFacts = { authorId: 7, status: 'published', threadLocked: false, threadStatus: 'published', editCount: 0 }

describe('canEditOwnPost', () => {
  it.each<[string, Parameters<typeof canEditOwnPost>[0], Partial<EditFacts>, boolean]>([
    ['the author, a published post', author, {}, true],
    ['the author, a pending post', author, { status: 'pending' }, true],
    ['the author, a hidden post', author, { status: 'hidden' }, true],
    ['the author, a post in a hidden thread', author, { threadStatus: 'hidden' }, true],
    ['the author with a string id', { ...author, id: '7' }, {}, true],
    ['a visitor', null, {}, false],
    ['another member', other, {}, false],
    ['a moderator of the locality (not the author: corrections go through the admin)', northModerator, {}, false],
    ['a safeguarding lead', lead, {}, false],
    ['the author, unverified', { ...author, _verified: false }, {}, false],
    ['the author, a removed post', author, { status: 'removed' }, false],
    ['the author, in a locked thread', author, { threadLocked: true }, false],
    ['the author, in a removed thread', author, { threadStatus: 'removed' }, false],
    ['the author, at the edit cap', author, { editCount: MAX_POST_EDITS }, false],
    ['the author, one below the cap', author, { editCount: MAX_POST_EDITS - 1 }, true],
    ['a post whose author was erased', author, { authorId: null }, false],
  ])('%s → %s', (_name, viewer, facts, expected) => {
    expect(canEditOwnPost(viewer as never, { ...mine, ...facts }).ok).toBe(expected)
  })

  it('says why, with a status a form can use', () => {
    expect(canEditOwnPost(other as never, mine)).toMatchObject({ ok: false, status: 403 })
    expect(canEditOwnPost(author as never, { ...mine, threadLocked: true })).toMatchObject({ ok: false, status: 409, reason: expect.stringMatching(/locked/) })
  })
})

describe('decideEditedPost: an edit is triaged as a new post', () => {
  const established = { authorIsModerator: false, approvedPostCount: 10, postQueueThreshold: 3 }
  it.each<[string, Parameters<typeof decideEditedPost>[0], ReturnType<typeof decideEditedPost>]>([
    ['clean text stays up', { ...established, state: 'published', triageAction: null }, { refused: false, status: 'published', crisisHold: false, needsReview: false }],
    ['a blocked word is refused', { ...established, state: 'published', triageAction: 'block' }, { refused: true, reason: expect.any(String) as never }],
    [
      '"require approval" sends a published post back to the queue',
      { ...established, state: 'published', triageAction: 'require-approval' },
      { refused: false, status: 'pending', crisisHold: false, needsReview: true },
    ],
    ['crisis words hold it', { ...established, state: 'published', triageAction: 'crisis' }, { refused: false, status: 'pending', crisisHold: true, needsReview: true }],
    [
      'a "flag" word leaves it up, in front of the moderators',
      { ...established, state: 'published', triageAction: 'flag' },
      { refused: false, status: 'published', crisisHold: false, needsReview: true },
    ],
    [
      'a newcomer’s edit waits like their new posts',
      { ...established, approvedPostCount: 1, state: 'published', triageAction: null },
      { refused: false, status: 'pending', crisisHold: false, needsReview: true },
    ],
    ['a pending post stays pending', { ...established, state: 'pending', triageAction: null }, { refused: false, status: 'pending', crisisHold: false, needsReview: false }],
    [
      'a hidden post stays hidden, even with crisis words (and is held)',
      { ...established, state: 'hidden', triageAction: 'crisis' },
      { refused: false, status: 'hidden', crisisHold: true, needsReview: true },
    ],
    [
      'a moderator’s own post stays up',
      { ...established, authorIsModerator: true, approvedPostCount: 0, state: 'published', triageAction: 'require-approval' },
      { refused: false, status: 'published', crisisHold: false, needsReview: false },
    ],
    [
      'a moderator’s own post is still held for crisis words',
      { ...established, authorIsModerator: true, state: 'published', triageAction: 'crisis' },
      { refused: false, status: 'pending', crisisHold: true, needsReview: true },
    ],
  ])('%s', (_name, input, expected) => {
    expect(decideEditedPost(input)).toEqual(expected)
  })
})

describe('canReadEditHistory', () => {
  it('only the moderators of the post’s locality', () => {
    expect(canReadEditHistory(northModerator as never, 1)).toBe(true)
    expect(canReadEditHistory(eastModerator as never, 1)).toBe(false)
    expect(canReadEditHistory({ id: 1, roles: ['admin'] } as never, 1)).toBe(true)
    expect(canReadEditHistory(author as never, 1)).toBe(false)
    expect(canReadEditHistory(lead as never, 1)).toBe(false)
    expect(canReadEditHistory(null, 1)).toBe(false)
  })
})

describe('presentPostEdits', () => {
  const doc = {
    id: 5,
    author: 7,
    locality: 1,
    status: 'published',
    editedAt: '2026-12-06T10:00:00.000Z',
    editHistory: [{ body: 'the first words', replacedAt: '2026-12-06T10:00:00.000Z', editorRole: 'author', editedBy: 7 }],
  }
  const open = { status: 'published' as const, locked: false }

  it('everyone sees when it was edited; only moderators of its locality get earlier versions', () => {
    for (const viewer of [null, other, author, eastModerator, lead]) {
      const edits = presentPostEdits('replies', doc, viewer as never, open)
      expect(edits.editedAt).toBe(doc.editedAt)
      expect(edits.history).toBeNull()
      expect(JSON.stringify(edits)).not.toContain('the first words')
    }
    const forModerator = presentPostEdits('replies', doc, northModerator as never, open)
    expect(forModerator.history).toEqual([{ title: null, bodyHtml: '<p>the first words</p>\n', replacedAt: doc.editHistory[0]!.replacedAt, by: 'the author' }])
  })

  it('the Edit link is the author’s, while they may edit', () => {
    expect(presentPostEdits('replies', doc, author as never, open).editHref).toBe('/replies/5/edit')
    expect(presentPostEdits('threads', doc, author as never, open).editHref).toBe('/threads/5/edit')
    expect(presentPostEdits('replies', doc, author as never, { ...open, locked: true }).editHref).toBeNull()
    expect(presentPostEdits('replies', { ...doc, status: 'removed' }, author as never, open).editHref).toBeNull()
    expect(presentPostEdits('replies', doc, other as never, open).editHref).toBeNull()
    expect(presentPostEdits('replies', doc, northModerator as never, open).editHref).toBeNull()
  })

  it('a post never edited shows no marker', () => {
    expect(presentPostEdits('replies', { ...doc, editedAt: null, editHistory: undefined }, null, open)).toEqual({ editedAt: null, editHref: null, history: null })
  })
})

describe('quoteMarkdown', () => {
  it('attributes the quote to the public display name and quotes every line', () => {
    expect(quoteMarkdown('Sam R', 'first line\n\nsecond *line*')).toBe('> Sam R wrote:\n>\n> first line\n>\n> second *line*\n\n')
  })
  it('renders as a blockquote in a forum post, with its markup still inert', () => {
    const html = renderPostBody(`${quoteMarkdown('Sam', '<script>alert(1)</script> and [x](javascript:alert(1))')}My answer`)
    expect(html).toContain('<blockquote>')
    expect(html).not.toContain('<script')
    expect(html).not.toContain('href="javascript')
    expect(html).toContain('<p>My answer</p>')
  })
  it('a blank or odd name still reads as a quote', () => {
    expect(quoteMarkdown('  \n ', 'hi')).toBe('> A member wrote:\n>\n> hi\n\n')
  })
})
