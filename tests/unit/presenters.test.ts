// Member types, the viewer presenter (never an email or roles), and locality cadence wording.
import { describe, expect, it } from 'vitest'

import { isMemberType, MEMBER_TYPES, memberTypeLabel } from '../../src/policies/memberTypes.js'
import { cadenceInWords } from '../../src/presenters/locality.js'
import { presentViewer } from '../../src/presenters/viewer.js'

const FIVE = ['in-recovery', 'family-carer', 'professional', 'commissioner', 'supporter']

describe('member types', () => {
  it('are exactly the five self-declared types', () => {
    expect(MEMBER_TYPES.map((t) => t.value).sort()).toEqual([...FIVE].sort())
  })

  it.each(FIVE)('%s is a member type with its own label', (value) => {
    expect(isMemberType(value)).toBe(true)
    const label = memberTypeLabel(value)
    expect(typeof label).toBe('string')
    expect(label.trim().length).toBeGreaterThan(0)
  })

  it('labels are distinct', () => {
    expect(new Set(FIVE.map(memberTypeLabel)).size).toBe(5)
  })

  it.each(['admin', 'moderator', 'member', '', 'In recovery', 'IN-RECOVERY', 'ceo', undefined, null, 3])('%j is not a member type', (value) => {
    expect(isMemberType(value)).toBe(false)
  })

  it('an unknown type still gets a label and does not throw', () => {
    expect(() => memberTypeLabel('nonsense')).not.toThrow()
    expect(typeof memberTypeLabel(undefined)).toBe('string')
  })
})

describe('presentViewer', () => {
  const full = {
    id: 42,
    email: 'secret.person@example.org',
    displayName: 'Canal Walker',
    memberType: 'family-carer',
    roles: ['member'],
    moderatorLocalities: [],
    hash: 'deadbeef',
    salt: 'cafe',
    _verified: true,
    _verificationToken: 'tok-123',
    resetPasswordToken: 'reset-456',
    loginAttempts: 0,
    homeLocality: 3,
    approvedPostCount: 7,
    collection: 'users',
  }

  it('returns null for nobody', () => {
    expect(presentViewer(null)).toBeNull()
    expect(presentViewer(undefined)).toBeNull()
  })

  // Issue 10 added isSafeguardingLead: leads who are not moderators get the "Moderation" link for the crisis queue.
  // Issue 12 replaced memberTypeLabel with memberTypeBadge: a claimed role reads "Says: …" until a moderator confirms it.
  it('has exactly id, displayName, memberType, memberTypeBadge, isModerator, isSafeguardingLead and canSeeReports', () => {
    const viewer = presentViewer(full)!
    expect(Object.keys(viewer).sort()).toEqual(['canSeeReports', 'displayName', 'id', 'isModerator', 'isSafeguardingLead', 'memberType', 'memberTypeBadge'])
    expect(viewer).toEqual({
      id: 42,
      displayName: 'Canal Walker',
      memberType: 'family-carer',
      memberTypeBadge: { kind: 'type', label: memberTypeLabel('family-carer') },
      isModerator: false,
      isSafeguardingLead: false,
      canSeeReports: false,
    })
  })

  it.each([
    [['member'], 'commissioner', false],
    [['member'], 'professional', false],
    [['reporter'], 'in-recovery', true],
    [['moderator'], 'in-recovery', true],
    [['admin'], 'supporter', true],
  ])('roles %j with memberType %s → canSeeReports %s (member type is never the gate)', (roles, memberType, expected) => {
    expect(presentViewer({ ...full, roles, memberType })!.canSeeReports).toBe(expected)
  })

  it('never carries the email, roles or secrets, even serialised', () => {
    const json = JSON.stringify(presentViewer(full))
    for (const secret of ['secret.person@example.org', 'roles', 'deadbeef', 'tok-123', 'reset-456', 'email', 'hash', 'salt']) {
      expect(json).not.toContain(secret)
    }
  })

  it.each([
    [['member'], false],
    [[], false],
    [undefined, false],
    [['moderator'], true],
    [['member', 'moderator'], true],
    [['admin'], true],
  ])('roles %j → isModerator %s', (roles, expected) => {
    const viewer = presentViewer({ ...full, roles })!
    expect(viewer.isModerator).toBe(expected)
    expect(viewer).not.toHaveProperty('roles')
    expect(viewer).not.toHaveProperty('email')
  })

  it.each([
    ['professional', undefined, { kind: 'self', label: 'Says: professional' }],
    ['commissioner', false, { kind: 'self', label: 'Says: commissioner' }],
    ['professional', true, { kind: 'role', label: 'Professional' }],
    ['commissioner', true, { kind: 'role', label: 'Commissioner' }],
    ['in-recovery', true, { kind: 'type', label: 'In recovery' }],
  ])('memberType %s, confirmed %s → header badge %j', (memberType, memberTypeConfirmed, badge) => {
    expect(presentViewer({ ...full, memberType, memberTypeConfirmed })!.memberTypeBadge).toEqual(badge)
  })

  it('keeps string ids', () => {
    expect(presentViewer({ ...full, id: '64b7f0a1c2d3e4f5a6b7c8d9' })!.id).toBe('64b7f0a1c2d3e4f5a6b7c8d9')
  })
})

describe('cadenceInWords', () => {
  it.each([
    [6, 'every 6 weeks'],
    [2, 'every 2 weeks'],
    [4, 'every 4 weeks'],
    [8, 'every 8 weeks'],
    [13, 'every quarter'],
  ])('%i weeks → %j', (weeks, words) => {
    expect(cadenceInWords(weeks)).toBe(words)
  })
})
