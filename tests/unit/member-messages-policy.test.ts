// The read and write rules for private messages between members (issue 16), as tables written from the
// issue: only the two members read and write; moderators read only once a member of it reported it (and
// never write); a message held for crisis words is read by its sender and the safeguarding leads only
// (not the conversation); a block stops both sides writing; starting needs both past the post queue.
import { describe, expect, it } from 'vitest'

import {
  canBlock,
  canReadConversation,
  canReadMessage,
  canReportConversation,
  canStartMemberConversation,
  canUseMemberMessages,
  canWriteInConversation,
  type ConversationFacts,
} from '../../src/policies/conversations.js'
import type { Actor } from '../../src/policies/roles.js'

const FIRST = 10
const SECOND = 11
const HERE = 1
const ELSEWHERE = 2

const viewers: Record<string, Actor> = {
  visitor: null,
  first: { id: FIRST, roles: ['member'] },
  'second (id as text)': { id: String(SECOND), roles: ['member'] },
  'another member': { id: 12, roles: ['member'] },
  'unscoped moderator': { id: 20, roles: ['moderator'] },
  'moderator here': { id: 21, roles: ['moderator'], moderatorLocalities: [HERE] },
  'moderator elsewhere': { id: 22, roles: ['moderator'], moderatorLocalities: [{ id: ELSEWHERE }] },
  admin: { id: 23, roles: ['admin'] },
  'safeguarding lead': { id: 24, roles: ['member'], isSafeguardingLead: true } as Actor,
  reporter: { id: 25, roles: ['member', 'reporter'] },
}

const conversation = (extra: Partial<ConversationFacts> = {}): ConversationFacts => ({ kind: 'member', memberId: FIRST, otherMemberId: SECOND, localityId: null, reported: false, ...extra })

describe('reading a member conversation', () => {
  const expected = (name: string, reported: boolean, localityId: number | null) => {
    if (name === 'first' || name === 'second (id as text)') return true
    if (!reported) return false
    if (name === 'unscoped moderator' || name === 'admin') return true
    return name === 'moderator here' && localityId === HERE
  }
  for (const reported of [false, true]) {
    for (const localityId of [null, HERE]) {
      for (const [name, viewer] of Object.entries(viewers)) {
        it(`${name}, ${reported ? 'reported' : 'not reported'}, locality ${localityId ?? 'none'}`, () => {
          expect(canReadConversation(viewer, conversation({ reported, localityId }))).toBe(expected(name, reported, localityId))
        })
      }
    }
  }
  it('a safeguarding lead does not read a member conversation, reported or not', () => {
    expect(canReadConversation(viewers['safeguarding lead'], conversation({ reported: true }))).toBe(false)
  })
  it('the safeguarding rule is unchanged: the member, the leads, the locality’s moderators', () => {
    const line: ConversationFacts = { kind: 'safeguarding', memberId: FIRST, localityId: HERE }
    expect(canReadConversation(viewers.first, line)).toBe(true)
    expect(canReadConversation(viewers['safeguarding lead'], line)).toBe(true)
    expect(canReadConversation(viewers['moderator here'], line)).toBe(true)
    expect(canReadConversation(viewers['moderator elsewhere'], line)).toBe(false)
    expect(canReadConversation(viewers['another member'], line)).toBe(false)
    // A safeguarding line's otherMemberId (never set) gives nobody a way in.
    expect(canReadConversation(viewers['second (id as text)'], { ...line, otherMemberId: SECOND })).toBe(false)
  })
})

describe('reading one message', () => {
  const held = (senderId: number) => ({ ...conversation({ reported: true }), senderId, crisisHold: true })
  it('a held message: its sender and the safeguarding leads only', () => {
    const readers = Object.entries(viewers)
      .filter(([, viewer]) => canReadMessage(viewer, held(FIRST)))
      .map(([name]) => name)
    expect(readers.sort()).toEqual(['first', 'safeguarding lead'])
  })
  it('the other member and moderators of a reported conversation do not read a held message', () => {
    expect(canReadMessage(viewers['second (id as text)'], held(FIRST))).toBe(false)
    expect(canReadMessage(viewers.admin, held(FIRST))).toBe(false)
  })
  it('a message not held: as its conversation', () => {
    for (const [name, viewer] of Object.entries(viewers)) {
      for (const reported of [false, true]) {
        const facts = conversation({ reported })
        expect(canReadMessage(viewer, { ...facts, senderId: FIRST, crisisHold: false }), `${name} ${reported}`).toBe(canReadConversation(viewer, facts))
      }
    }
  })
})

describe('writing', () => {
  it('only the two members, while open, unblocked and both still here', () => {
    for (const [name, viewer] of Object.entries(viewers)) {
      const member = name === 'first' || name === 'second (id as text)'
      expect(canWriteInConversation(viewer, conversation({ reported: true })), name).toBe(member)
    }
  })
  it('a block either way stops both sides; so does a departure or a closed conversation', () => {
    for (const state of [{ blocked: true }, { otherGone: true }, { closed: true }]) {
      expect(canWriteInConversation(viewers.first, { ...conversation(), ...state }), JSON.stringify(state)).toBe(false)
      expect(canWriteInConversation(viewers['second (id as text)'], { ...conversation(), ...state }), JSON.stringify(state)).toBe(false)
    }
  })
  it('moderators who read a reported conversation cannot write in it', () => {
    expect(canWriteInConversation(viewers['unscoped moderator'], conversation({ reported: true }))).toBe(false)
  })
})

describe('starting a conversation (the post queue threshold)', () => {
  const THRESHOLD = 3
  const member = (id: number, approvedPostCount: number, verified = true) => ({ id, approvedPostCount, _verified: verified })
  it('both members need at least the threshold of approved posts', () => {
    expect(canStartMemberConversation(member(1, 3), member(2, 3), THRESHOLD, false)).toBe(true)
    expect(canStartMemberConversation(member(1, 2), member(2, 9), THRESHOLD, false)).toBe(false)
    expect(canStartMemberConversation(member(1, 9), member(2, 2), THRESHOLD, false)).toBe(false)
    expect(canStartMemberConversation(member(1, 0), member(2, 0), 0, false)).toBe(true)
  })
  it('not with oneself, not blocked, not unverified, not a missing member', () => {
    expect(canStartMemberConversation(member(1, 5), member(1, 5), THRESHOLD, false)).toBe(false)
    expect(canStartMemberConversation(member(1, 5), member(2, 5), THRESHOLD, true)).toBe(false)
    expect(canStartMemberConversation(member(1, 5, false), member(2, 5), THRESHOLD, false)).toBe(false)
    expect(canStartMemberConversation(member(1, 5), null, THRESHOLD, false)).toBe(false)
    expect(canUseMemberMessages(null, THRESHOLD)).toBe(false)
    expect(canUseMemberMessages({ id: 1, approvedPostCount: null }, THRESHOLD)).toBe(false)
  })
})

describe('blocking and reporting', () => {
  it('only the two members block or report; a reported conversation is not reported twice', () => {
    for (const [name, viewer] of Object.entries(viewers)) {
      const member = name === 'first' || name === 'second (id as text)'
      expect(canBlock(viewer, conversation()), name).toBe(member)
      expect(canReportConversation(viewer, conversation()), name).toBe(member)
      expect(canReportConversation(viewer, conversation({ reported: true })), name).toBe(false)
    }
  })
})
