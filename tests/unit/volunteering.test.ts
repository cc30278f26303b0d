// The volunteering rules (src/policies/volunteering.ts): who reads an interest and its notes, who moves
// it and where to, who chooses coordinators, and when a badge may show.
import { describe, expect, it } from 'vitest'

import {
  canMoveInterest,
  canMoveState,
  canReadCoordinatorNote,
  canReadInterest,
  canReadMemberNote,
  canSetCoordinatesFor,
  coordinatesLocality,
  interestReadWhere,
  looksLikeContactDetails,
  mayShowBadge,
  NEXT_STATES,
  shownBadge,
} from '../../src/policies/volunteering.js'

const admin = { id: 1, roles: ['admin'] }
const coordinatorX = { id: 2, roles: ['member'], coordinatesFor: [10] }
const coordinatorXY = { id: 3, roles: ['member'], coordinatesFor: [{ id: 10 }, { id: 11 }] }
const moderatorX = { id: 4, roles: ['moderator'], moderatorLocalities: [10] }
const moderatorY = { id: 5, roles: ['moderator'], moderatorLocalities: [11] }
const unscopedModerator = { id: 6, roles: ['moderator'] }
const member = { id: 7, roles: ['member'] }
const stranger = { id: 8, roles: ['member'] }
const reporter = { id: 9, roles: ['reporter'] }

const interestInX = { member: 7, locality: 10 }
const interestInY = { member: 7, locality: 11 }

describe('who reads an interest', () => {
  it('the member, the coordinators of its locality and admins; nobody else', () => {
    expect(canReadInterest(member, interestInX)).toBe(true)
    expect(canReadInterest(coordinatorX, interestInX)).toBe(true)
    expect(canReadInterest(admin, interestInX)).toBe(true)
    expect(canReadInterest(coordinatorX, interestInY)).toBe(false)
    expect(canReadInterest(coordinatorXY, interestInY)).toBe(true)
    for (const other of [stranger, moderatorX, moderatorY, unscopedModerator, reporter, null, undefined]) expect(canReadInterest(other, interestInX)).toBe(false)
  })

  it('the member reads their own note but never the coordinators’ note; moderators read neither', () => {
    expect(canReadMemberNote(member, interestInX)).toBe(true)
    expect(canReadCoordinatorNote(member, interestInX)).toBe(false)
    expect(canReadCoordinatorNote(coordinatorX, interestInX)).toBe(true)
    expect(canReadCoordinatorNote(coordinatorX, interestInY)).toBe(false)
    expect(canReadCoordinatorNote(admin, interestInY)).toBe(true)
    expect(canReadMemberNote(unscopedModerator, interestInX)).toBe(false)
    expect(canReadCoordinatorNote(unscopedModerator, interestInX)).toBe(false)
  })

  it('as a query: own rows, plus the coordinated localities; visitors nothing; admins all', () => {
    expect(interestReadWhere(null)).toBe(false)
    expect(interestReadWhere(admin)).toBe(true)
    expect(interestReadWhere(member)).toEqual({ or: [{ member: { equals: 7 } }] })
    expect(interestReadWhere(unscopedModerator)).toEqual({ or: [{ member: { equals: 6 } }] })
    expect(interestReadWhere(coordinatorXY)).toEqual({ or: [{ member: { equals: 3 } }, { locality: { in: [10, 11] } }] })
  })

  it('a moderator is not a coordinator by being one', () => {
    expect(coordinatesLocality(moderatorX, 10)).toBe(false)
    expect(coordinatesLocality(unscopedModerator, 10)).toBe(false)
    expect(coordinatesLocality(coordinatorX, '10')).toBe(true)
    expect(coordinatesLocality(coordinatorX, null)).toBe(false)
  })
})

describe('moving an interest', () => {
  it('coordinators of the locality and admins; never the member, nor a coordinator their own', () => {
    expect(canMoveInterest(coordinatorX, interestInX)).toBe(true)
    expect(canMoveInterest(coordinatorX, interestInY)).toBe(false)
    expect(canMoveInterest(member, interestInX)).toBe(false)
    expect(canMoveInterest(moderatorX, interestInX)).toBe(false)
    expect(canMoveInterest(admin, interestInX)).toBe(true)
    expect(canMoveInterest(coordinatorX, { member: 2, locality: 10 })).toBe(false)
    expect(canMoveInterest(null, interestInX)).toBe(false)
  })

  it('follows interested → contacted → in training → active → stepped back', () => {
    expect(canMoveState('interested', 'contacted')).toBe(true)
    expect(canMoveState('contacted', 'in-training')).toBe(true)
    expect(canMoveState('in-training', 'active')).toBe(true)
    expect(canMoveState('active', 'stepped-back')).toBe(true)
    expect(canMoveState('contacted', 'active')).toBe(true)
    expect(canMoveState('stepped-back', 'contacted')).toBe(true)
    expect(canMoveState('interested', 'active')).toBe(false)
    expect(canMoveState('interested', 'in-training')).toBe(false)
    expect(canMoveState('active', 'interested')).toBe(false)
    expect(canMoveState('active', 'active')).toBe(false)
    expect(canMoveState('interested', 'hired')).toBe(false)
    expect(canMoveState(undefined, 'contacted')).toBe(false)
    // Every state can step back, except stepping back twice.
    for (const [from, next] of Object.entries(NEXT_STATES)) expect(next.includes('stepped-back')).toBe(from !== 'stepped-back')
  })
})

describe('choosing coordinators', () => {
  it('admins, anywhere, themselves included', () => {
    expect(canSetCoordinatesFor(admin, 7, [], [10, 11])).toEqual({ ok: true, added: ['10', '11'], removed: [] })
    expect(canSetCoordinatesFor(admin, 1, [], [10]).ok).toBe(true)
  })

  it('moderators for the localities they moderate only, never for themselves', () => {
    expect(canSetCoordinatesFor(moderatorX, 7, [], [10])).toEqual({ ok: true, added: ['10'], removed: [] })
    expect(canSetCoordinatesFor(moderatorX, 7, [11], [11, 10])).toEqual({ ok: true, added: ['10'], removed: [] })
    expect(canSetCoordinatesFor(moderatorY, 7, [], [10])).toMatchObject({ ok: false, status: 403 })
    expect(canSetCoordinatesFor(moderatorY, 7, [10], [])).toMatchObject({ ok: false, status: 403 })
    expect(canSetCoordinatesFor(moderatorX, 7, [], [10, 11])).toMatchObject({ ok: false, status: 403 })
    expect(canSetCoordinatesFor(unscopedModerator, 7, [], [10, 11]).ok).toBe(true)
    expect(canSetCoordinatesFor(moderatorX, 4, [], [10])).toMatchObject({ ok: false, status: 403 })
  })

  it('members, coordinators and visitors never', () => {
    expect(canSetCoordinatesFor(member, 7, [], [10])).toMatchObject({ ok: false, status: 403 })
    expect(canSetCoordinatesFor(coordinatorX, 7, [], [10])).toMatchObject({ ok: false, status: 403 })
    expect(canSetCoordinatesFor(member, 7, [], [])).toMatchObject({ ok: false, status: 403 })
    expect(canSetCoordinatesFor(null, 7, [], [10])).toMatchObject({ ok: false, status: 401 })
  })
})

describe('badges and contact roles', () => {
  it('off unless chosen, and only while active in that kind', () => {
    expect(shownBadge('none', ['peer-mentor'])).toBeNull()
    expect(shownBadge(undefined, ['peer-mentor'])).toBeNull()
    expect(shownBadge('peer-mentor', [])).toBeNull()
    expect(shownBadge('peer-mentor', ['volunteer'])).toBeNull()
    expect(shownBadge('peer-mentor', ['peer-mentor'])).toBe('peer-mentor')
    expect(shownBadge('volunteer', ['recovery-champion'])).toBe('volunteer')
    expect(mayShowBadge('moderator', ['volunteer'])).toBe(false)
    expect(mayShowBadge('none', [])).toBe(true)
  })

  it('a contact is a role title, never an address, number or link', () => {
    expect(looksLikeContactDetails('Volunteer coordinator')).toBe(false)
    expect(looksLikeContactDetails('jo@example.org')).toBe(true)
    expect(looksLikeContactDetails('07700 900123')).toBe(true)
    expect(looksLikeContactDetails('https://example.org')).toBe(true)
  })
})

describe('the report’s small numbers', () => {
  it('shows people from 5 up, and “fewer than 5” below (0 included)', async () => {
    const { peopleCount } = await import('../../src/reports/figures.js')
    expect([0, 1, 4, 5, 70].map(peopleCount)).toEqual(['fewer than 5', 'fewer than 5', 'fewer than 5', '5', '70'])
  })
})
