// The meeting-settings global: the days no meeting is held (bank holidays, venue closures). The
// series generator moves a meeting that would fall on one to the next open weekday.
import type { GlobalConfig } from 'payload'

import { isIsoDate } from '../../src/policies/londonTime.js'
import { adminsOnly, moderatorsOnly, nobody } from '../shared/access.js'

export const MeetingSettings: GlobalConfig = {
  slug: 'meeting-settings',
  label: 'Meeting settings',
  admin: { group: 'Meetings' },
  access: {
    read: moderatorsOnly,
    update: moderatorsOnly,
    readVersions: nobody,
  },
  fields: [
    {
      name: 'minutesNeedSecondModerator',
      type: 'checkbox',
      defaultValue: false,
      label: 'Minutes need a second moderator',
      // Admins only: otherwise the recorder could switch the rule off, approve their own minutes and switch it back.
      access: { update: adminsOnly },
      admin: { description: 'When ticked, the moderator who recorded a meeting’s minutes cannot approve them: another moderator must. Only admins change this.' },
    },
    {
      name: 'closureDays',
      type: 'array',
      maxRows: 500,
      admin: {
        description:
          'Other days with no meetings. England and Wales bank holidays (worked out for any year) and 24 December to 1 January are always skipped; add venue closures and one-off holidays here.',
      },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'date', type: 'text', required: true, validate: (value: unknown) => (isIsoDate(value) ? true : 'Write the date as YYYY-MM-DD, for example 2027-12-27.') },
            { name: 'name', type: 'text', required: true, maxLength: 80 },
          ],
        },
      ],
    },
  ],
}
