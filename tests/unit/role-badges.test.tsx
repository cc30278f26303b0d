// Issue 12, part C: roles that are what they claim. The badge a byline shows, who may confirm a
// role, whose claims wait for a moderator, and what a post keeps of its author.
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { bylineSnapshot, CLAIMED_ROLES, isClaimedRole, memberTypeBadge, sameBylineSnapshot, type BylineKind } from '../../src/policies/byline.js'
import { MEMBER_TYPES } from '../../src/policies/memberTypes.js'
import { checkQuery } from '../../src/policies/queryAllowList.js'
import { awaitsRoleConfirmation, canConfirmRole, CLEARED_CONFIRMATION, OWN_ROLE_MESSAGE, roleConfirmationFields } from '../../src/policies/roleConfirmation.js'
import { presentReply } from '../../src/presenters/forumPost.js'
import { presentStoryCard, type AuthorName } from '../../src/presenters/story.js'
import { MemberTypeBadge } from '../../views/components/MemberTypeBadge.js'

const html = (badge: ReturnType<typeof memberTypeBadge>) => renderToStaticMarkup(<MemberTypeBadge badge={badge} />)

describe('memberTypeBadge: a claimed role is a role only once a moderator confirms it', () => {
  it('claims professional and commissioner, and nothing else', () => {
    expect([...CLAIMED_ROLES].sort()).toEqual(['commissioner', 'professional'])
    for (const { value } of MEMBER_TYPES) expect(isClaimedRole(value), value).toBe(value === 'professional' || value === 'commissioner')
    expect(isClaimedRole('Professional')).toBe(false)
    expect(isClaimedRole(undefined)).toBe(false)
  })

  it.each([
    ['professional', true, { kind: 'role', label: 'Professional' }, '<span class="badge badge--role">Professional</span>'],
    ['commissioner', true, { kind: 'role', label: 'Commissioner' }, '<span class="badge badge--role">Commissioner</span>'],
    ['professional', false, { kind: 'self', label: 'Says: professional' }, '<span class="badge badge--self">Says: professional</span>'],
    ['commissioner', false, { kind: 'self', label: 'Says: commissioner' }, '<span class="badge badge--self">Says: commissioner</span>'],
    ['professional', null, { kind: 'self', label: 'Says: professional' }, '<span class="badge badge--self">Says: professional</span>'],
    ['professional', undefined, { kind: 'self', label: 'Says: professional' }, '<span class="badge badge--self">Says: professional</span>'],
    ['in-recovery', false, { kind: 'type', label: 'In recovery' }, '<span class="badge">In recovery</span>'],
    ['family-carer', true, { kind: 'type', label: 'Family member or carer' }, '<span class="badge">Family member or carer</span>'],
    ['supporter', true, { kind: 'type', label: 'Supporter' }, '<span class="badge">Supporter</span>'],
    [null, false, { kind: 'type', label: 'Member' }, '<span class="badge">Member</span>'],
  ] as const)('display name, %s, confirmed %s → %j', (memberType, confirmed, badge, markup) => {
    const decided = memberTypeBadge('display-name', memberType, confirmed)
    expect(decided).toEqual(badge)
    expect(html(decided)).toBe(markup)
  })

  it('never shows on a pen-name or anonymous byline, confirmed or not', () => {
    for (const kind of ['pen-name', 'anonymous'] as BylineKind[]) {
      for (const { value } of MEMBER_TYPES) {
        expect(memberTypeBadge(kind, value, true), `${kind} ${value}`).toBeNull()
        expect(memberTypeBadge(kind, value, false), `${kind} ${value}`).toBeNull()
      }
    }
    expect(html(null)).toBe('')
  })

  it('only a literal true confirms', () => {
    for (const confirmed of ['true', 1, {}, 'yes'] as unknown[]) expect(memberTypeBadge('display-name', 'professional', confirmed as boolean)?.kind).toBe('self')
  })
})

describe('canConfirmRole', () => {
  const member = { id: 1, roles: ['member'] }
  const reporter = { id: 2, roles: ['reporter'] }
  const lead = { id: 3, roles: ['member'], isSafeguardingLead: true }
  const moderator = { id: 4, roles: ['moderator'] }
  const scoped = { id: 5, roles: ['moderator'], moderatorLocalities: [7] }
  const admin = { id: 6, roles: ['admin'] }

  it.each([
    ['visitor', null, 9, 401],
    ['member, someone else', member, 9, 403],
    ['reporter, someone else', reporter, 9, 403],
    ['safeguarding lead (not a moderator), someone else', lead, 9, 403],
    ['member, themself', member, 1, 403],
    ['moderator, themself', moderator, 4, 403],
    ['moderator, themself (id as a string)', moderator, '4', 403],
    ['admin, themself', admin, 6, 403],
    ['moderator, someone else', moderator, 9, null],
    ['moderator scoped to a locality, someone else', scoped, 9, null],
    ['admin, someone else', admin, 9, null],
  ] as const)('%s → %s', (_label, actor, target, status) => {
    const verdict = canConfirmRole(actor as never, target)
    if (status === null) expect(verdict).toEqual({ ok: true })
    else expect(verdict).toMatchObject({ ok: false, status })
  })

  it('refuses anyone’s own role with a message that says so, before asking whether they moderate', () => {
    for (const actor of [
      { id: 1, roles: ['member'] },
      { id: 1, roles: ['moderator'] },
      { id: 1, roles: ['admin'] },
    ]) {
      const verdict = canConfirmRole(actor, 1)
      expect(verdict.ok).toBe(false)
      if (!verdict.ok) expect(verdict.reason).toBe(OWN_ROLE_MESSAGE)
    }
    expect(OWN_ROLE_MESSAGE).toContain('your own')
  })
})

describe('whose claims wait for a moderator', () => {
  it.each([
    [{ memberType: 'professional' }, true],
    [{ memberType: 'commissioner', memberTypeConfirmed: false, memberTypeConfirmedAt: null }, true],
    [{ memberType: 'professional', memberTypeConfirmed: true, memberTypeConfirmedAt: '2027-01-01T10:00:00.000Z' }, false],
    // "Not confirmed": a moderator looked; it stays "Says: …" and leaves the list.
    [{ memberType: 'professional', memberTypeConfirmed: false, memberTypeConfirmedAt: '2027-01-01T10:00:00.000Z' }, false],
    [{ memberType: 'supporter' }, false],
    [{ memberType: 'in-recovery', memberTypeConfirmed: false }, false],
    [{ memberType: null }, false],
  ])('%j → %s', (member, waits) => {
    expect(awaitsRoleConfirmation(member)).toBe(waits)
  })

  it('records who looked and when; choosing another type clears all three', () => {
    const now = new Date('2027-03-04T09:30:00.000Z')
    expect(roleConfirmationFields(true, 4, now)).toEqual({ memberTypeConfirmed: true, memberTypeConfirmedBy: 4, memberTypeConfirmedAt: '2027-03-04T09:30:00.000Z' })
    expect(roleConfirmationFields(false, 4, now)).toEqual({ memberTypeConfirmed: false, memberTypeConfirmedBy: 4, memberTypeConfirmedAt: '2027-03-04T09:30:00.000Z' })
    expect(CLEARED_CONFIRMATION).toEqual({ memberTypeConfirmed: false, memberTypeConfirmedBy: null, memberTypeConfirmedAt: null })
    expect(awaitsRoleConfirmation({ memberType: 'commissioner', ...CLEARED_CONFIRMATION })).toBe(true)
  })
})

describe('bylines use the policy', () => {
  it('a post keeps its author’s confirmation in its snapshot, and a change of it is a change of byline', () => {
    const author = { id: 1, displayName: 'Kestrel', memberType: 'professional', memberTypeConfirmed: true, roles: ['member'] }
    expect(bylineSnapshot(author)).toEqual({ displayName: 'Kestrel', memberType: 'professional', memberTypeConfirmed: true, staffRole: null, volunteerBadge: null })
    expect(bylineSnapshot(null)).toEqual({ displayName: 'A former member', memberType: null, memberTypeConfirmed: false, staffRole: null, volunteerBadge: null })
    expect(sameBylineSnapshot(bylineSnapshot(author), bylineSnapshot({ ...author, memberTypeConfirmed: false }))).toBe(false)
    expect(sameBylineSnapshot(bylineSnapshot(author), bylineSnapshot({ ...author }))).toBe(true)
    // The volunteer badge the member chose is part of the byline: choosing or dropping it changes every post.
    expect(bylineSnapshot({ ...author, volunteerBadge: 'peer-mentor' }).volunteerBadge).toBe('peer-mentor')
    expect(bylineSnapshot({ ...author, volunteerBadge: 'none' }).volunteerBadge).toBeNull()
    expect(sameBylineSnapshot(bylineSnapshot(author), bylineSnapshot({ ...author, volunteerBadge: 'volunteer' }))).toBe(false)
  })

  it('a forum post shows the badge its snapshot earns', () => {
    const post = (authorByline: Record<string, unknown>) => presentReply({ id: 1, body: 'Hello', status: 'published', authorByline }, null)
    expect(post({ displayName: 'Kestrel', memberType: 'professional', memberTypeConfirmed: true }).byline.memberType).toEqual({ kind: 'role', label: 'Professional' })
    expect(post({ displayName: 'Kestrel', memberType: 'professional', memberTypeConfirmed: false }).byline.memberType).toEqual({ kind: 'self', label: 'Says: professional' })
    expect(post({ displayName: 'Kestrel', memberType: 'commissioner' }).byline.memberType).toEqual({ kind: 'self', label: 'Says: commissioner' })
  })

  it('a story shows it on a display-name byline only', () => {
    const author: AuthorName = { displayName: 'Kestrel', staffRole: null, memberType: 'commissioner', memberTypeConfirmed: true }
    const story = (consentByline: string) => presentStoryCard({ id: 5, slug: 's', title: 'T', consentByline, consentPenName: 'Lantern' }, new Map([['5', author]]))
    expect(story('display-name').bylineMemberType).toEqual({ kind: 'role', label: 'Commissioner' })
    expect(story('pen-name').bylineMemberType).toBeNull()
    expect(story('anonymous').bylineMemberType).toBeNull()
    expect(presentStoryCard({ id: 5, slug: 's', title: 'T', consentByline: 'display-name' }, new Map()).bylineMemberType).toBeNull()
  })
})

describe('the REST guard: only staff filter by a confirmation', () => {
  const where = (path: string) => ({ where: { [path]: { equals: true } } })
  it.each([
    ['visitor', null],
    ['member', { id: 1, roles: ['member'] }],
    ['reporter', { id: 2, roles: ['reporter'] }],
    ['safeguarding lead', { id: 3, roles: ['member'], isSafeguardingLead: true }],
  ])('%s: users by memberTypeConfirmed(By/At), posts by authorByline.memberTypeConfirmed → 400', (_label, actor) => {
    for (const path of ['memberTypeConfirmed', 'memberTypeConfirmedBy', 'memberTypeConfirmedAt', 'memberTypeConfirmedBy.displayName']) {
      expect(checkQuery('users', where(path), actor as never), path).toMatchObject({ ok: false, status: 400 })
      expect(checkQuery('users', { sort: `-${path}` }, actor as never), `sort ${path}`).toMatchObject({ ok: false, status: 400 })
    }
    for (const collection of ['threads', 'replies']) expect(checkQuery(collection, where('authorByline.memberTypeConfirmed'), actor as never), collection).toMatchObject({ ok: false, status: 400 })
  })

  it('an unscoped moderator or an admin may (the queue asks it)', () => {
    for (const actor of [
      { id: 4, roles: ['moderator'] },
      { id: 6, roles: ['admin'] },
    ])
      expect(checkQuery('users', where('memberTypeConfirmed'), actor)).toEqual({ ok: true })
  })
})
