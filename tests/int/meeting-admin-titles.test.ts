// meetings.adminTitle ("<title> — <d MMM yyyy> (<locality>)"): set on every save, kept up to date when
// the locality is renamed, and backfilled by the data step for meetings saved before the field existed,
// without touching the meeting itself (its sequence, which calendars watch, stays).
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { refreshMeetingAdminTitles } from '../../src/meetings/adminTitles.js'
import { DATA_STEPS } from '../../src/migrations/dataSteps.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, unique } from './helpers.js'

let payload: Payload
let moderator: any

const read = (id: number | string) => payload.findByID({ collection: 'meetings', id, overrideAccess: true, depth: 0 }) as Promise<any>

async function locality(name: string) {
  const u = unique()
  return payload.create({ collection: 'localities', data: { name: `${name} ${u}`, slug: `place-${u}` } as any, overrideAccess: true })
}

async function meeting(localityId: number | string, title: string, startsAt: string) {
  const ends = new Date(Date.parse(startsAt) + 2 * 3600_000).toISOString()
  return payload.create({ collection: 'meetings', data: { locality: localityId, title, startsAt, endsAt: ends } as any, overrideAccess: false, user: moderator })
}

beforeAll(async () => {
  payload = await bootPayload()
  moderator = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
})

describe('meetings.adminTitle', () => {
  it('is set on create and follows a change of title, date or locality (London date, em dash)', async () => {
    const east = await locality('East')
    const north = await locality('North')
    const made = await meeting(east.id, 'East forum meeting', '2031-03-04T18:30:00.000Z')
    expect((await read(made.id)).adminTitle).toBe(`East forum meeting \u2014 4 Mar 2031 (${east.name})`)

    // 23:30 UTC on 30 June is 00:30 on 1 July in London.
    await payload.update({
      collection: 'meetings',
      id: made.id,
      data: { title: 'Summer meeting', startsAt: '2031-06-30T23:30:00.000Z', endsAt: '2031-07-01T01:30:00.000Z', locality: north.id } as any,
      overrideAccess: false,
      user: moderator,
    })
    expect((await read(made.id)).adminTitle).toBe(`Summer meeting \u2014 1 Jul 2031 (${north.name})`)
  })

  it('nobody sets it by hand', async () => {
    const east = await locality('Hand')
    const made = await meeting(east.id, 'Hand meeting', '2031-05-01T18:00:00.000Z')
    await payload.update({ collection: 'meetings', id: made.id, data: { adminTitle: 'Something else' } as any, overrideAccess: false, user: moderator })
    expect((await read(made.id)).adminTitle).toBe(`Hand meeting \u2014 1 May 2031 (${east.name})`)
  })

  it('follows a renamed locality, without changing the meetings themselves', async () => {
    const place = await locality('Old name')
    const a = await meeting(place.id, 'First', '2031-09-10T18:00:00.000Z')
    const b = await meeting(place.id, 'Second', '2031-10-22T18:00:00.000Z')
    const before = await read(a.id)
    const renamed = `New name ${unique()}`
    await payload.update({ collection: 'localities', id: place.id, data: { name: renamed } as any, overrideAccess: true })
    const after = await read(a.id)
    expect(after.adminTitle).toBe(`First \u2014 10 Sep 2031 (${renamed})`)
    expect((await read(b.id)).adminTitle).toBe(`Second \u2014 22 Oct 2031 (${renamed})`)
    expect(after.sequence, 'calendars see no change').toBe(before.sequence)
    expect(after.title).toBe(before.title)
  })

  it('the data step fills it in for meetings saved before it existed, and is safe to run twice', async () => {
    expect(DATA_STEPS.map((s) => s.name)).toContain('meeting-admin-titles')
    const place = await locality('Backfill')
    const made = await meeting(place.id, 'Old meeting', '2031-12-03T19:00:00.000Z')
    await payload.db.updateOne({ collection: 'meetings', id: made.id, data: { adminTitle: null }, returning: false })
    expect((await read(made.id)).adminTitle ?? null).toBeNull()
    const sequence = (await read(made.id)).sequence

    expect(await refreshMeetingAdminTitles(payload)).toBeGreaterThanOrEqual(1)
    const filled = await read(made.id)
    expect(filled.adminTitle).toBe(`Old meeting \u2014 3 Dec 2031 (${place.name})`)
    expect(filled.sequence).toBe(sequence)
    expect(await refreshMeetingAdminTitles(payload, undefined, { id: { equals: made.id } }), 'nothing left to change').toBe(0)
  })
})
