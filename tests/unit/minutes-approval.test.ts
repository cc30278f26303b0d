// The second-moderator rule for minutes (meeting-settings.minutesNeedSecondModerator), as a table.
import { describe, expect, it } from 'vitest'

import { decideMinutesApproval, SECOND_MODERATOR_MESSAGE, type MinutesApproval } from '../../src/policies/meetingAccess.js'
import { isNewcomer } from '../../src/policies/postQueue.js'

const base: MinutesApproval = { needSecondModerator: true, from: 'draft', to: 'approved', textChanged: false, recordedBy: 7, actor: 7 }
const refused = { ok: false, reason: SECOND_MODERATOR_MESSAGE }

describe('decideMinutesApproval', () => {
  it('refuses the recorder moving the minutes to approved, with the message', () => {
    expect(SECOND_MODERATOR_MESSAGE).toBe('Another moderator needs to approve these minutes.')
    expect(decideMinutesApproval(base)).toEqual(refused)
    expect(decideMinutesApproval({ ...base, recordedBy: '7', actor: 7 }), 'ids compare as text (PostgreSQL numbers, MongoDB strings)').toEqual(refused)
  })

  it('lets another moderator approve', () => {
    expect(decideMinutesApproval({ ...base, actor: 8 })).toEqual({ ok: true })
  })

  it('lets anyone approve when the setting is off (the default)', () => {
    expect(decideMinutesApproval({ ...base, needSecondModerator: false })).toEqual({ ok: true })
    expect(decideMinutesApproval({ ...base, needSecondModerator: false, textChanged: true, from: 'approved' })).toEqual({ ok: true })
  })

  it('lets minutes with no recorder be approved by anyone', () => {
    expect(decideMinutesApproval({ ...base, recordedBy: null })).toEqual({ ok: true })
    expect(decideMinutesApproval({ ...base, recordedBy: undefined })).toEqual({ ok: true })
  })

  it('never stops minutes going back to draft, or being recorded as draft', () => {
    expect(decideMinutesApproval({ ...base, from: 'approved', to: 'draft' })).toEqual({ ok: true })
    expect(decideMinutesApproval({ ...base, from: 'draft', to: 'draft', textChanged: true })).toEqual({ ok: true })
  })

  it('lets the recorder publish minutes another moderator approved, if the words did not change', () => {
    expect(decideMinutesApproval({ ...base, from: 'approved', to: 'published' })).toEqual({ ok: true })
    expect(decideMinutesApproval({ ...base, from: 'approved', to: 'approved' })).toEqual({ ok: true })
  })

  it('refuses changing the words of approved or published minutes without sending them back to draft (the one who changes them is the recorder)', () => {
    expect(decideMinutesApproval({ ...base, from: 'approved', to: 'approved', textChanged: true })).toEqual(refused)
    expect(decideMinutesApproval({ ...base, from: 'approved', to: 'published', textChanged: true })).toEqual(refused)
    expect(decideMinutesApproval({ ...base, from: 'published', to: 'published', textChanged: true })).toEqual(refused)
  })

  it('does not hold server code with no actor to it', () => {
    expect(decideMinutesApproval({ ...base, actor: null, recordedBy: null })).toEqual({ ok: true })
  })
})

describe('isNewcomer (the post-queue threshold)', () => {
  it('is a newcomer with fewer approved posts than the threshold', () => {
    expect(isNewcomer(0, 3)).toBe(true)
    expect(isNewcomer(2, 3)).toBe(true)
    expect(isNewcomer(3, 3)).toBe(false)
    expect(isNewcomer(null, 1)).toBe(true)
    expect(isNewcomer(0, 0)).toBe(false)
  })
})
