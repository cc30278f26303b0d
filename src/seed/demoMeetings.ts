// Demo meetings: each locality's last eight six-weekly meetings (held, counted, most with published
// minutes) and its next three; the county's last four quarterly meetings and next two, on one weekday;
// a few "you said, we did" actions; and the closure days (bank holidays for this year and the next two).
// Dates come from planMeetingSeries, so none falls on a bank holiday, in 24 Dec–1 Jan or on a listed
// closure day; only a meeting that has already ended is seeded as held.
import type { Payload } from 'payload'

import { englandAndWalesBankHolidays } from '../policies/bankHolidays.js'
import { addDays, londonParts, londonToUtc } from '../policies/londonTime.js'
import { advance, cadenceFor, defaultMeetingTitle, planMeetingSeries } from '../policies/meetingSeries.js'
import { markdownToLexical } from '../richtext/index.js'

const context = { seed: true, disableEmail: true }

const VENUES: Record<string, { name: string; address: string; accessibility: string }> = {
  'lancashire-north': {
    name: 'Lune Community Hub, Room 2',
    address: '1 Quay Street\nLancaster',
    accessibility: 'Step-free entrance from the car park. Accessible toilet on the ground floor. Hearing loop in Room 2.',
  },
  'lancashire-central': {
    name: 'Ribble Centre, Main Hall',
    address: '14 Fishergate Walk\nPreston',
    accessibility: 'Lift to the first floor. Accessible toilets on both floors. Quiet room available; ask at reception.',
  },
  'lancashire-east': { name: 'Weavers’ Hall', address: '22 Canal Street\nBurnley', accessibility: 'Ramp at the side door. Accessible toilet. Large-print agendas on the table.' },
  'lancashire-county': { name: 'County Hall, Council Chamber', address: 'Pitt Street\nPreston', accessibility: 'Step-free throughout. Hearing loop. BSL interpreter on request a week ahead.' },
}

const AGENDA = [
  { title: "Welcome, and who's here for the first time", presenter: 'Chair' },
  { title: 'You said, we did: updates on actions', presenter: 'Forum secretary' },
  { title: 'News from treatment and recovery services', presenter: 'Treatment provider' },
  { title: 'Open floor', presenter: '' },
]

const minutesText = (place: string, n: number) =>
  `## Welcome\nThe chair welcomed everyone, and especially the ${n} people who came for the first time.\n\n## You said, we did\n- The provider reported on evening appointments.\n- The DAAT updated the forum on the needle exchange hours.\n\n## Open floor\nPeople in ${place} talked about getting to appointments by bus, and about mutual aid meetings at weekends.`

const pick = (seed: number, low: number, high: number) => low + ((seed * 7919) % (high - low + 1))

export async function seedDemoMeetings(payload: Payload): Promise<number> {
  await seedClosureDays(payload)
  const localities = (await payload.find({ collection: 'localities', depth: 0, limit: 50, overrideAccess: true })).docs
  const closures = await closureDates(payload)
  let created = 0
  for (const locality of localities) {
    const existing = await payload.count({ collection: 'meetings', where: { locality: { equals: locality.id } }, overrideAccess: true })
    if (existing.totalDocs > 0) continue
    const cadence = cadenceFor(locality)
    const pastCount = locality.isCountyWide ? 4 : 8
    const today = londonParts(new Date()).date
    // The series' anchor: a date that puts the last held meeting one to five weeks ago.
    let anchor = addDays(today, -7 * (1 + (Number(locality.id) % 5)))
    anchor = advance(anchor, cadence, -(pastCount - 1))
    const plan = planMeetingSeries({ firstDate: anchor, cadence, count: pastCount + (locality.isCountyWide ? 2 : 3), closures }).map((planned) => {
      const startsAt = londonToUtc(planned.date, '13:00')
      const endsAt = new Date(startsAt.getTime() + 2 * 60 * 60 * 1000)
      // A date moved off a closed day may have moved into the future: it is then still to come.
      return { ...planned, startsAt, endsAt, held: endsAt.getTime() < Date.now() }
    })
    const lastHeld = plan.findLastIndex((planned) => planned.held)
    const venue = VENUES[String(locality.slug)] ?? VENUES['lancashire-central']!
    for (const [index, planned] of plan.entries()) {
      const { startsAt, endsAt, held } = planned
      const total = pick(index + Number(locality.id) * 3, locality.isCountyWide ? 150 : 45, locality.isCountyWide ? 250 : 130)
      const firstTimers = pick(index + 11 * Number(locality.id), 4, 22)
      const meeting = await payload.create({
        collection: 'meetings',
        data: {
          locality: locality.id,
          title: defaultMeetingTitle(locality),
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          nominalDate: planned.nominalDate,
          venue,
          online: `Join by video call: https://meet.example/waymark-${locality.slug} (meeting code ${4000 + Number(locality.id)}). Phone in: 0161 496 0000.`,
          agenda: AGENDA,
          status: held ? 'held' : 'scheduled',
          ...(held
            ? { attendance: { total, firstTimers }, minutes: markdownToLexical(minutesText(String(locality.name), firstTimers)), minutesVisibility: index % 3 === 2 ? 'members' : 'public' }
            : {}),
          isDemo: true,
        } as never,
        overrideAccess: true,
        context,
      })
      created++
      // The latest held meeting's minutes stay in draft: the moderators have something to approve.
      if (held && index < lastHeld) {
        for (const minutesStatus of ['approved', 'published']) {
          await payload.update({ collection: 'meetings', id: meeting.id, data: { minutesStatus } as never, overrideAccess: true, context })
        }
      }
    }
  }
  if (created > 0) await seedDemoActions(payload)
  return created
}

async function seedClosureDays(payload: Payload) {
  const settings = await payload.findGlobal({ slug: 'meeting-settings', depth: 0, overrideAccess: true })
  if ((settings.closureDays ?? []).length > 0) return
  const year = new Date().getUTCFullYear()
  const closureDays = [year, year + 1, year + 2].flatMap((y) => englandAndWalesBankHolidays(y))
  await payload.updateGlobal({ slug: 'meeting-settings', data: { closureDays }, overrideAccess: true, context })
}

async function closureDates(payload: Payload): Promise<string[]> {
  const settings = await payload.findGlobal({ slug: 'meeting-settings', depth: 0, overrideAccess: true })
  return (settings.closureDays ?? []).map((d) => String(d.date))
}

const ACTIONS = [
  {
    locality: 'lancashire-east',
    description: 'Evening appointments at the Burnley service, for people in work.',
    owner: 'Treatment provider',
    status: 'done',
    outcome: 'Tuesday and Thursday evening clinics started, until 8pm.',
  },
  {
    locality: 'lancashire-north',
    description: 'The bus to the Lancaster hub stops running before afternoon groups finish.',
    owner: 'DAAT',
    status: 'in-progress',
    outcome: 'Bus passes for group members agreed; talking to the bus company about the timetable.',
  },
  { locality: 'lancashire-central', description: 'Families want a carers’ group in Preston that meets at weekends.', owner: 'Family support service', status: 'open', outcome: '' },
  {
    locality: 'lancashire-county',
    description: 'More peer mentors on the prison release pathway.',
    owner: 'Commissioners',
    status: 'in-progress',
    outcome: 'Two peer mentor posts funded from April.',
  },
  {
    locality: 'lancashire-east',
    description: 'A drop-in on the same day as the needle exchange.',
    owner: 'Treatment provider',
    status: 'dropped',
    outcome: 'The building could not host both; the drop-in moved next door instead.',
  },
  {
    locality: 'lancashire-county',
    description: 'Make the treatment service easier to reach without an appointment.',
    owner: 'Treatment provider',
    status: 'open',
    outcome: '',
    thread: 'What would make the treatment service easier to reach?',
  },
] as const

async function seedDemoActions(payload: Payload) {
  for (const action of ACTIONS) {
    const locality = (await payload.find({ collection: 'localities', where: { slug: { equals: action.locality } }, limit: 1, depth: 0, overrideAccess: true })).docs[0]
    if (!locality) continue
    const meeting = (
      await payload.find({
        collection: 'meetings',
        where: { and: [{ locality: { equals: locality.id } }, { status: { equals: 'held' } }] },
        sort: '-startsAt',
        limit: 2,
        depth: 0,
        overrideAccess: true,
      })
    ).docs.at(-1)
    const thread = 'thread' in action ? (await payload.find({ collection: 'threads', where: { title: { equals: action.thread } }, limit: 1, depth: 0, overrideAccess: true })).docs[0] : undefined
    await payload.create({
      collection: 'actions',
      data: {
        description: action.description,
        owner: action.owner,
        status: action.status,
        outcome: action.outcome,
        locality: locality.id,
        meeting: meeting?.id,
        thread: thread?.id,
        isDemo: true,
      } as never,
      overrideAccess: true,
      context,
    })
  }
}
