// Meetings: each locality every six weeks, the county every quarter. Meetings are public; joining
// details are for members; minutes follow canSeeMinutes (draft → approved → published).
import type { CollectionConfig, Field } from 'payload'

import { MEETING_STATES, MINUTES_STATES, MINUTES_VISIBILITIES } from '../../src/policies/meetingAccess.js'
import { richTextEditor } from '../../src/richtext/editor.js'
import { refusePrivateQueries } from '../shared/refusePrivateQueries.js'
import { adminsOnly, anyone, moderatorsOnly, moderatorsOfLocality, systemField } from '../shared/access.js'
import { joiningDetailsRead, minutesRead } from './access.js'
import { generateSeriesEndpoint } from './endpoints/generateSeries.js'
import { checkMeeting } from './hooks/checkMeeting.js'
import { deleteMeetingDependents } from './hooks/deleteMeetingDependents.js'
import { notifyMeetingChange } from './hooks/notifyMeetingChange.js'
import { recordMinutesRecorder } from './hooks/recordMinutesRecorder.js'
import { requireSecondModerator } from './hooks/requireSecondModerator.js'
import { setAdminTitle } from './hooks/setAdminTitle.js'

/** Meetings are held in Lancashire: the admin shows and takes London wall-clock times. */
const LONDON_ONLY = { defaultTimezone: 'Europe/London', supportedTimezones: [{ label: 'UK time (London)', value: 'Europe/London' }] }
const londonDate = (name: string, label: string): Field => ({
  name,
  label,
  type: 'date',
  required: true,
  index: name === 'startsAt',
  timezone: LONDON_ONLY,
  admin: { date: { pickerAppearance: 'dayAndTime', timeIntervals: 15, displayFormat: 'EEEE d MMMM yyyy, HH:mm' } },
})
const choices = (values: readonly string[]) => values.map((value) => ({ value, label: value[0]!.toUpperCase() + value.slice(1) }))

export const Meetings: CollectionConfig = {
  slug: 'meetings',
  admin: {
    // "<title> — <d MMM yyyy> (<locality>)" (hooks/setAdminTitle.ts): pickers and lists tell meetings apart.
    useAsTitle: 'adminTitle',
    defaultColumns: ['adminTitle', 'locality', 'startsAt', 'status', 'minutesStatus'],
    group: 'Meetings',
    description: 'Use "Generate meetings" above the list to plan the next meetings of a locality at its cadence.',
    components: { beforeList: ['/admin/GenerateSeries#GenerateSeries'] },
  },
  defaultSort: '-startsAt',
  endpoints: [generateSeriesEndpoint],
  // Moderators run the meetings of their own localities.
  access: { read: anyone, create: moderatorsOfLocality, update: moderatorsOfLocality, delete: adminsOnly, readVersions: adminsOnly },
  hooks: {
    // Asking "do any minutes contain X?", or sorting by them, would read draft minutes (or joining details) one question at a time.
    beforeOperation: [refusePrivateQueries({ privatePaths: ['minutes', 'online'], ownerPath: '', noun: 'meetings' })],
    beforeChange: [checkMeeting, setAdminTitle, recordMinutesRecorder, requireSecondModerator],
    afterChange: [notifyMeetingChange],
    beforeDelete: [deleteMeetingDependents],
  },
  fields: [
    { name: 'locality', type: 'relationship', relationTo: 'localities', required: true, index: true, admin: { description: 'Use the county-wide locality for county meetings.' } },
    { name: 'title', type: 'text', required: true, maxLength: 140 },
    // "<title> — <d MMM yyyy> (<locality>)": what pickers and the list show, so a meeting is never ambiguous.
    {
      name: 'adminTitle',
      label: 'Meeting',
      type: 'text',
      access: { create: systemField, update: systemField },
      admin: { readOnly: true, position: 'sidebar', description: 'Set from the title, the date and the locality.' },
    },
    { type: 'row', fields: [londonDate('startsAt', 'Starts'), londonDate('endsAt', 'Ends')] },
    { name: 'nominalDate', type: 'text', admin: { readOnly: true, position: 'sidebar', description: 'Where this meeting falls in its series (set by "Generate meetings").' } },
    {
      name: 'venue',
      type: 'group',
      fields: [
        { name: 'name', type: 'text', maxLength: 140 },
        { name: 'address', type: 'textarea', maxLength: 500 },
        { name: 'accessibility', type: 'textarea', maxLength: 1000, admin: { description: 'Step-free access, hearing loop, toilets, parking, quiet room…' } },
      ],
    },
    {
      name: 'online',
      label: 'Joining online',
      type: 'textarea',
      maxLength: 1000,
      access: { read: joiningDetailsRead },
      admin: { description: 'Members only: never shown to visitors or in calendar feeds.' },
    },
    {
      name: 'agenda',
      type: 'array',
      maxRows: 40,
      fields: [
        { name: 'title', type: 'text', required: true, maxLength: 200 },
        { name: 'presenter', type: 'text', maxLength: 120 },
        { name: 'thread', type: 'relationship', relationTo: 'threads', admin: { description: 'Optional: the forum conversation this item comes from.' } },
      ],
    },
    { name: 'status', type: 'select', required: true, defaultValue: 'scheduled', index: true, options: choices(MEETING_STATES), admin: { position: 'sidebar' } },
    { name: 'cancellationReason', type: 'textarea', maxLength: 500, admin: { condition: (data) => data?.status === 'cancelled' } },
    {
      name: 'attendance',
      type: 'group',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'total', type: 'number', min: 0, max: 1000, admin: { step: 1 } },
            { name: 'firstTimers', type: 'number', min: 0, max: 1000, admin: { step: 1 } },
          ],
        },
        // Counted when someone joins with this meeting's code and agrees; never added to firstTimers.
        // Moderators only: watching it go up would tell a visitor when someone joined at the meeting.
        {
          name: 'joinedWithCode',
          type: 'number',
          defaultValue: 0,
          access: { read: moderatorsOnly, create: systemField, update: systemField },
          admin: { readOnly: true, description: 'People who joined Waymark with this meeting’s code and agreed to be counted. Not added to first-timers.' },
        },
      ],
    },
    { name: 'minutes', type: 'richText', editor: richTextEditor, access: { read: minutesRead } },
    { name: 'minutesStatus', type: 'select', required: true, defaultValue: 'draft', options: choices(MINUTES_STATES), admin: { position: 'sidebar' } },
    {
      name: 'minutesVisibility',
      type: 'select',
      required: true,
      defaultValue: 'members',
      options: [
        { value: 'public', label: 'Everyone' },
        { value: 'members', label: 'Members only' },
      ].filter((o) => MINUTES_VISIBILITIES.includes(o.value as never)),
      admin: { position: 'sidebar' },
    },
    {
      name: 'minutesRecordedBy',
      type: 'relationship',
      relationTo: 'users',
      access: { read: moderatorsOnly, create: systemField, update: systemField },
      admin: { readOnly: true, position: 'sidebar' },
    },
    { name: 'minutesPublishedAt', type: 'date', access: { create: systemField, update: systemField }, admin: { readOnly: true, position: 'sidebar' } },
    {
      name: 'sequence',
      type: 'number',
      defaultValue: 0,
      access: { create: systemField, update: systemField },
      admin: { readOnly: true, position: 'sidebar', description: 'Goes up on every change, so calendars notice.' },
    },
    { name: 'isDemo', type: 'checkbox', defaultValue: false, access: { read: moderatorsOnly }, admin: { description: 'Made by the seed.' } },
  ],
}
