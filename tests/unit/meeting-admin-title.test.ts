// The admin's name for a meeting: "<title> — <d MMM yyyy> (<locality>)", with the date as it is in London.
import { describe, expect, it } from 'vitest'

import { londonShortDate, meetingAdminTitle } from '../../src/meetings/adminTitle.js'

describe('meetingAdminTitle', () => {
  it('joins the title, the London date and the locality with an em dash and brackets', () => {
    expect(meetingAdminTitle({ title: 'East forum meeting', startsAt: '2027-03-04T18:30:00.000Z', localityName: 'Lancashire East' })).toBe('East forum meeting \u2014 4 Mar 2027 (Lancashire East)')
  })

  it('takes the date in London, not in UTC: 23:30 UTC in summer is the next day in London', () => {
    expect(londonShortDate(new Date('2027-06-30T23:30:00.000Z'))).toBe('1 Jul 2027')
    expect(londonShortDate(new Date('2027-12-31T23:30:00.000Z'))).toBe('31 Dec 2027')
    expect(londonShortDate(new Date('2027-03-28T00:30:00.000Z'))).toBe('28 Mar 2027')
  })

  it('writes September as "Sep", and every month in three letters', () => {
    const months = Array.from({ length: 12 }, (_, m) => londonShortDate(new Date(Date.UTC(2027, m, 15, 12))).split(' ')[1])
    expect(months).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'])
  })

  it('accepts a Date and leaves out what is missing', () => {
    expect(meetingAdminTitle({ title: 'County meeting', startsAt: new Date('2027-01-09T11:00:00Z'), localityName: '' })).toBe('County meeting \u2014 9 Jan 2027')
    expect(meetingAdminTitle({ title: 'County meeting', startsAt: null, localityName: 'Lancashire' })).toBe('County meeting (Lancashire)')
    expect(meetingAdminTitle({ title: '  ', startsAt: 'not a date', localityName: null })).toBe('Meeting')
  })
})
