// Role predicates as tables: actor × predicate → expected.
import { describe, expect, it } from 'vitest'

import { canChangeRoles, canEnterAdmin, canPost, canReadEmail, canUnlockAccounts, isAdmin, isModerator, isSelf, moderatesLocality, type Actor } from '../../src/policies/roles.js'

const visitor: Actor = null
const member: Actor = { id: 1, roles: ['member'], _verified: true }
const unverifiedMember: Actor = { id: 2, roles: ['member'], _verified: false }
const noRoles: Actor = { id: 3, _verified: true }
const moderator: Actor = { id: 4, roles: ['moderator'], moderatorLocalities: [], _verified: true }
const moderatorNullScope: Actor = { id: 5, roles: ['moderator'], moderatorLocalities: null, _verified: true }
const scopedModerator: Actor = { id: 6, roles: ['moderator'], moderatorLocalities: [10, { id: 11 }], _verified: true }
const admin: Actor = { id: 7, roles: ['admin'], _verified: true }
const adminWithScope: Actor = { id: 8, roles: ['admin'], moderatorLocalities: [10], _verified: true }
const memberAndModerator: Actor = { id: 9, roles: ['member', 'moderator'], _verified: true }
// Mongo-style string ids.
const stringMember: Actor = { id: '64b7f0a1c2d3e4f5a6b7c8d9', roles: ['member'], _verified: true }
const stringScopedModerator: Actor = {
  id: '64b7f0a1c2d3e4f5a6b7c8da',
  roles: ['moderator'],
  moderatorLocalities: ['aaaaaaaaaaaaaaaaaaaaaaa1', { id: 'aaaaaaaaaaaaaaaaaaaaaaa2' }],
}
// A string that merely looks like a role must not count.
const fakeAdmin: Actor = { id: 12, roles: ['Admin', 'administrator', 'admin '], _verified: true }

type Row = [string, Actor, boolean]

const table = (rows: Row[]) => rows

describe('isAdmin / isModerator / canEnterAdmin / canChangeRoles / canUnlockAccounts', () => {
  // name, actor, isAdmin, isModerator, canEnterAdmin, canChangeRoles, canUnlockAccounts
  const rows: [string, Actor, boolean, boolean, boolean, boolean, boolean][] = [
    ['visitor (null)', visitor, false, false, false, false, false],
    ['visitor (undefined)', undefined, false, false, false, false, false],
    ['member', member, false, false, false, false, false],
    ['unverified member', unverifiedMember, false, false, false, false, false],
    ['user with no roles', noRoles, false, false, false, false, false],
    ['user with empty roles', { id: 13, roles: [] }, false, false, false, false, false],
    ['user with null roles', { id: 14, roles: null }, false, false, false, false, false],
    ['moderator', moderator, false, true, true, false, false],
    ['scoped moderator', scopedModerator, false, true, true, false, false],
    ['member+moderator', memberAndModerator, false, true, true, false, false],
    ['admin', admin, true, true, true, true, true],
    ['admin with a scope', adminWithScope, true, true, true, true, true],
    ['string-id member', stringMember, false, false, false, false, false],
    ['string-id scoped moderator', stringScopedModerator, false, true, true, false, false],
    ['look-alike role names', fakeAdmin, false, false, false, false, false],
  ]
  it.each(rows)('%s', (_name, actor, admin_, mod, enter, change, unlock) => {
    expect(isAdmin(actor)).toBe(admin_)
    expect(isModerator(actor)).toBe(mod)
    expect(canEnterAdmin(actor)).toBe(enter)
    expect(canChangeRoles(actor)).toBe(change)
    expect(canUnlockAccounts(actor)).toBe(unlock)
  })
})

describe('isSelf', () => {
  const rows: [string, Actor, number | string | null | undefined, boolean][] = [
    ['visitor vs 1', visitor, 1, false],
    ['visitor vs null', visitor, null, false],
    ['visitor vs undefined', visitor, undefined, false],
    ['member vs own number id', member, 1, true],
    ['member vs own id as string', member, '1', true],
    ['member vs other id', member, 2, false],
    ['member vs other id as string', member, '2', false],
    ['member vs null', member, null, false],
    ['member vs undefined', member, undefined, false],
    ['admin vs other id (admin is not self)', admin, 1, false],
    ['string-id member vs own id', stringMember, '64b7f0a1c2d3e4f5a6b7c8d9', true],
    ['string-id member vs other string id', stringMember, '64b7f0a1c2d3e4f5a6b7c8da', false],
    ['string-id member vs number', stringMember, 1, false],
  ]
  it.each(rows)('%s', (_name, actor, id, expected) => {
    expect(isSelf(actor, id)).toBe(expected)
  })
})

describe('canReadEmail (owner or admin only; not moderators)', () => {
  const rows: [string, Actor, number | string | null | undefined, boolean][] = [
    ['visitor reads member 1', visitor, 1, false],
    ['member reads own', member, 1, true],
    ['member reads own (string id)', member, '1', true],
    ['member reads other', member, 4, false],
    ['unverified member reads own', unverifiedMember, 2, true],
    ['moderator reads other', moderator, 1, false],
    ['moderator reads own', moderator, 4, true],
    ['scoped moderator reads other', scopedModerator, 1, false],
    ['member+moderator reads other', memberAndModerator, 1, false],
    ['admin reads other', admin, 1, true],
    ['admin reads other (string id)', admin, '64b7f0a1c2d3e4f5a6b7c8d9', true],
    ['admin reads own', admin, 7, true],
    ['string-id member reads own', stringMember, '64b7f0a1c2d3e4f5a6b7c8d9', true],
    ['string-id member reads other', stringMember, '64b7f0a1c2d3e4f5a6b7c8da', false],
    ['member reads undefined owner', member, undefined, false],
    ['member reads null owner', member, null, false],
  ]
  it.each(rows)('%s', (_name, actor, owner, expected) => {
    expect(canReadEmail(actor, owner)).toBe(expected)
  })
})

describe('moderatesLocality', () => {
  const rows: [string, Actor, number | string, boolean][] = [
    ['visitor', visitor, 10, false],
    ['member', member, 10, false],
    ['member with a (meaningless) scope', { id: 20, roles: ['member'], moderatorLocalities: [10] }, 10, false],
    ['user with no roles', noRoles, 10, false],
    ['admin, any locality', admin, 99, true],
    ['admin with a scope, outside it', adminWithScope, 99, true],
    ['admin with a scope, inside it', adminWithScope, 10, true],
    ['moderator with empty scope, any locality', moderator, 99, true],
    ['moderator with empty scope, string id', moderator, 'abc', true],
    ['moderator with null scope, any locality', moderatorNullScope, 42, true],
    ['moderator with undefined scope', { id: 21, roles: ['moderator'] }, 42, true],
    ['scoped moderator, number in scope', scopedModerator, 10, true],
    ['scoped moderator, number in scope given as string', scopedModerator, '10', true],
    ['scoped moderator, {id} in scope', scopedModerator, 11, true],
    ['scoped moderator, {id} in scope given as string', scopedModerator, '11', true],
    ['scoped moderator, outside scope', scopedModerator, 12, false],
    ['scoped moderator, outside scope (string)', scopedModerator, '12', false],
    ['string scoped moderator, plain string in scope', stringScopedModerator, 'aaaaaaaaaaaaaaaaaaaaaaa1', true],
    ['string scoped moderator, {id} in scope', stringScopedModerator, 'aaaaaaaaaaaaaaaaaaaaaaa2', true],
    ['string scoped moderator, outside scope', stringScopedModerator, 'aaaaaaaaaaaaaaaaaaaaaaa3', false],
  ]
  it.each(rows)('%s', (_name, actor, locality, expected) => {
    expect(moderatesLocality(actor, locality)).toBe(expected)
  })
})

describe('canPost (needs _verified === true)', () => {
  const rows: [string, Actor, boolean][] = table([
    ['visitor', visitor, false],
    ['verified member', member, true],
    ['unverified member', unverifiedMember, false],
    ['member with _verified missing', { id: 30, roles: ['member'] }, false],
    ['member with _verified null', { id: 31, roles: ['member'], _verified: null }, false],
    ['member with _verified "true" (string)', { id: 32, roles: ['member'], _verified: 'true' as unknown as boolean }, false],
    ['member with _verified 1', { id: 33, roles: ['member'], _verified: 1 as unknown as boolean }, false],
    ['verified moderator', moderator, true],
    ['verified admin', admin, true],
    ['unverified admin', { id: 34, roles: ['admin'], _verified: false }, false],
    ['verified string-id member', stringMember, true],
  ])
  it.each(rows)('%s', (_name, actor, expected) => {
    expect(canPost(actor)).toBe(expected)
  })
})
