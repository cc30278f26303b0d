// "Generate the next N meetings" for a locality: its cadence (six-weekly; quarterly for the county),
// skipping closure days, continuing from the latest meeting unless a first date is given. A day that
// already has a meeting of that locality is left alone. All of them are made, or none.
import type { Payload } from 'payload'

import { CommandRefusal } from '../errors.js'
import { inTransaction } from '../../db/transaction.js'
import { canManageMeeting } from '../../policies/meetingAccess.js'
import { advance, cadenceFor, defaultMeetingTitle, MAX_SERIES_COUNT, planMeetingSeries } from '../../policies/meetingSeries.js'
import { isIsoDate, isWallTime, londonParts, londonToUtc } from '../../policies/londonTime.js'
import { loadClosureDates } from '../../meetings/settings.js'

export type SeriesRequest = { locality: unknown; count: unknown; firstDate?: unknown; startTime?: unknown; durationMinutes?: unknown }
export type GeneratedMeeting = { id: number | string; startsAt: string; nominalDate: string; moved: boolean }

const DEFAULT_START = '18:00'
const DEFAULT_MINUTES = 120

function readRequest(input: SeriesRequest) {
  const count = Number(input.count)
  if (!Number.isInteger(count) || count < 1 || count > MAX_SERIES_COUNT) throw new CommandRefusal(`Choose between 1 and ${MAX_SERIES_COUNT} meetings.`, 400)
  const startTime = input.startTime === undefined || input.startTime === '' ? DEFAULT_START : input.startTime
  if (!isWallTime(startTime)) throw new CommandRefusal('Give the start time as HH:MM, for example 18:00.', 400)
  const durationMinutes = input.durationMinutes === undefined || input.durationMinutes === '' ? DEFAULT_MINUTES : Number(input.durationMinutes)
  if (!Number.isInteger(durationMinutes) || durationMinutes < 15 || durationMinutes > 600) throw new CommandRefusal('A meeting lasts between 15 and 600 minutes.', 400)
  const firstDate = input.firstDate === undefined || input.firstDate === '' ? undefined : input.firstDate
  if (firstDate !== undefined && !isIsoDate(firstDate)) throw new CommandRefusal('Give the first date as YYYY-MM-DD.', 400)
  return { count, startTime, durationMinutes, firstDate }
}

export async function generateMeetingSeries(payload: Payload, user: Record<string, any>, input: SeriesRequest): Promise<{ created: GeneratedMeeting[]; skipped: string[] }> {
  const { count, startTime, durationMinutes, firstDate } = readRequest(input)
  const localityId = typeof input.locality === 'number' || typeof input.locality === 'string' ? input.locality : null
  const locality = localityId === null ? null : await payload.findByID({ collection: 'localities', id: localityId, depth: 0, overrideAccess: true, disableErrors: true })
  if (!locality) throw new CommandRefusal('Choose a locality.', 400)
  if (!canManageMeeting(user as never, locality.id)) throw new CommandRefusal('You can only plan meetings for the localities you moderate.', 403)

  const latest = (await payload.find({ collection: 'meetings', where: { locality: { equals: locality.id } }, sort: '-startsAt', limit: 1, depth: 0, overrideAccess: true })).docs[0] as
    Record<string, any> | undefined
  const cadence = cadenceFor(locality)
  const latestNominal = latest ? String(latest.nominalDate || londonParts(new Date(latest.startsAt)).date) : undefined
  const start = firstDate ?? (latestNominal ? advance(latestNominal, cadence, 1) : undefined)
  if (!start) throw new CommandRefusal(`${locality.name} has no meetings yet: give the date of the first one.`, 400)

  const plan = planMeetingSeries({ firstDate: start, cadence, count, closures: await loadClosureDates(payload) })
  const existing = await payload.find({
    collection: 'meetings',
    where: { and: [{ locality: { equals: locality.id } }, { startsAt: { greater_than_equal: londonToUtc(plan[0]!.date, '00:00').toISOString() } }] },
    select: { startsAt: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const taken = new Set(existing.docs.map((m) => londonParts(new Date(String(m.startsAt))).date))

  return inTransaction(payload, user, async (req) => {
    const created: GeneratedMeeting[] = []
    const skipped: string[] = []
    for (const planned of plan) {
      if (taken.has(planned.date)) {
        skipped.push(planned.date)
        continue
      }
      const startsAt = londonToUtc(planned.date, startTime)
      const meeting = await payload.create({
        collection: 'meetings',
        data: {
          locality: locality.id,
          title: defaultMeetingTitle(locality),
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000).toISOString(),
          nominalDate: planned.nominalDate,
          venue: latest?.venue ? { name: latest.venue.name, address: latest.venue.address, accessibility: latest.venue.accessibility } : undefined,
          online: latest?.online ?? undefined,
          status: 'scheduled',
        } as never,
        req,
        overrideAccess: false,
        user,
      })
      created.push({ id: meeting.id, startsAt: String(meeting.startsAt), nominalDate: planned.nominalDate, moved: planned.moved })
    }
    return { created, skipped }
  })
}
