// The demo community assets directory: kinds, and groups and services in the three localities and the
// county. Every organisation, address, number and website is made up (numbers from Ofcom's drama range,
// websites under example.org); no real person's details. Idempotent: kinds by slug, entries by name and
// locality. A few entries are due a check and a few suggestions wait, so moderators have work to see.
import type { Payload } from 'payload'

import { addDays, londonParts } from '../policies/londonTime.js'

const SEED_CONTEXT = { seed: true, disableEmail: true }

export const DIRECTORY_KINDS = [
  { slug: 'aa', name: 'Alcoholics Anonymous (AA)', group: 'mutual-aid' },
  { slug: 'na', name: 'Narcotics Anonymous (NA)', group: 'mutual-aid' },
  { slug: 'ca', name: 'Cocaine Anonymous (CA)', group: 'mutual-aid' },
  { slug: 'smart', name: 'SMART Recovery', group: 'mutual-aid' },
  { slug: 'family-support', name: 'Family and carers’ support', group: 'family' },
  { slug: 'recovery-cafe', name: 'Recovery café', group: 'community' },
  { slug: 'peer-support', name: 'Peer support', group: 'community' },
  { slug: 'housing', name: 'Housing', group: 'practical' },
  { slug: 'education-training', name: 'Education and training', group: 'practical' },
  { slug: 'employment', name: 'Employment', group: 'practical' },
  { slug: 'harm-reduction', name: 'Harm reduction', group: 'health' },
  { slug: 'mental-health', name: 'Mental health', group: 'health' },
] as const

type Time = { frequency: 'weekly' | 'monthly'; weekday: string; week?: string; time: string; durationMinutes?: number }
type DemoEntry = {
  name: string
  kind: (typeof DIRECTORY_KINDS)[number]['slug']
  locality: string
  address?: string
  postcode?: string
  meets?: Time[]
  meetsNote?: string
  cost?: string
  contact?: string
  website?: string
  accessibility?: string[]
  description: string
  /** Days since it was last checked (over 183: due a check). */
  checkedDaysAgo?: number
  /** A suggestion waiting for a moderator. */
  suggested?: boolean
}

const weekly = (weekday: string, time: string, durationMinutes?: number): Time => ({ frequency: 'weekly', weekday, time, durationMinutes })
const monthly = (week: string, weekday: string, time: string): Time => ({ frequency: 'monthly', week, weekday, time })

export const DEMO_DIRECTORY: DemoEntry[] = [
  // Lancashire North
  {
    name: 'Morecambe Bay Tuesday AA',
    kind: 'aa',
    locality: 'lancashire-north',
    address: 'Church hall, 12 Sandylands Rise, Morecambe',
    postcode: 'LA4 5XX',
    meets: [weekly('tue', '19:30', 60)],
    cost: 'Free (a collection for tea)',
    accessibility: ['step-free', 'hearing-loop'],
    description: 'An open AA meeting: anyone curious about their drinking is welcome, and so are family and friends.',
    checkedDaysAgo: 40,
  },
  {
    name: 'Lune Valley Saturday Morning AA',
    kind: 'aa',
    locality: 'lancashire-north',
    address: 'Meeting room, 3 Quayside Walk, Lancaster',
    postcode: 'LA1 1XX',
    meets: [weekly('sat', '10:00', 60)],
    cost: 'Free',
    accessibility: ['step-free'],
    description: 'A closed AA meeting for people who want to stop drinking.',
    checkedDaysAgo: 12,
  },
  {
    name: 'Fleetwood Harbour NA',
    kind: 'na',
    locality: 'lancashire-north',
    address: 'Community centre, 8 Dock Road West, Fleetwood',
    postcode: 'FY7 6XX',
    meets: [weekly('mon', '19:00', 90), weekly('thu', '19:00', 90)],
    cost: 'Free',
    accessibility: ['step-free'],
    description: 'NA meetings twice a week. Newcomers are asked to arrive ten minutes early for a welcome.',
    checkedDaysAgo: 220,
  },
  {
    name: 'Lancaster SMART Recovery',
    kind: 'smart',
    locality: 'lancashire-north',
    address: 'Room 2, Castle View Resource Centre, Lancaster',
    postcode: 'LA1 3XX',
    meets: [weekly('wed', '18:00', 90)],
    cost: 'Free',
    accessibility: ['step-free', 'online'],
    description: 'Science-based mutual aid: tools for managing urges, problem solving and balance. Online on the same night.',
    checkedDaysAgo: 60,
  },
  {
    name: 'The Anchor Recovery Café',
    kind: 'recovery-cafe',
    locality: 'lancashire-north',
    address: '21 Harbour Parade, Morecambe',
    postcode: 'LA4 4XX',
    meets: [weekly('fri', '12:00', 180)],
    meetsNote: 'Closed on bank holidays.',
    cost: 'Pay what you can',
    accessibility: ['step-free', 'children-welcome'],
    description: 'A warm room, a cooked lunch and people who have been there. Run by volunteers in recovery.',
    checkedDaysAgo: 20,
  },
  {
    name: 'North Lancs Families Together',
    kind: 'family-support',
    locality: 'lancashire-north',
    address: 'Upstairs room, 5 Penny Street Chapel, Lancaster',
    postcode: 'LA1 1XY',
    meets: [monthly('1', 'tue', '18:30')],
    cost: 'Free',
    contact: '01632 960101',
    accessibility: ['hearing-loop'],
    description: 'For parents, partners and carers of someone who drinks or uses drugs. You do not have to talk.',
    checkedDaysAgo: 90,
  },
  {
    name: 'Wyre Young Recovery Group',
    kind: 'peer-support',
    locality: 'lancashire-north',
    address: 'Youth hub, 40 Lord Street, Fleetwood',
    postcode: 'FY7 7XX',
    meets: [weekly('wed', '16:30', 90)],
    cost: 'Free',
    accessibility: ['under-25s', 'step-free'],
    description: 'Peer support for people aged 16 to 25, run with a youth worker.',
    checkedDaysAgo: 30,
  },
  {
    name: 'Bayside Second Stage Housing',
    kind: 'housing',
    locality: 'lancashire-north',
    postcode: 'LA4 6XX',
    cost: 'Housing benefit accepted',
    contact: '01632 960102',
    website: 'https://example.org/bayside-housing',
    description: 'Shared recovery houses for people who have finished a treatment programme. Referral through your keyworker.',
    checkedDaysAgo: 150,
  },

  // Lancashire Central
  {
    name: 'Preston Riverside AA',
    kind: 'aa',
    locality: 'lancashire-central',
    address: 'St Aidan’s Hall, 14 Ribble Bank Road, Preston',
    postcode: 'PR1 8XX',
    meets: [weekly('sun', '11:00', 60), weekly('thu', '20:00', 60)],
    cost: 'Free',
    accessibility: ['step-free', 'hearing-loop'],
    description: 'Open meetings on Sunday mornings and Thursday evenings.',
    checkedDaysAgo: 8,
  },
  {
    name: 'Chorley Women’s AA',
    kind: 'aa',
    locality: 'lancashire-central',
    address: 'Quaker meeting room, 2 Orchard Lane, Chorley',
    postcode: 'PR7 1XX',
    meets: [weekly('mon', '13:00', 60)],
    cost: 'Free',
    accessibility: ['women-only', 'step-free'],
    description: 'A lunchtime AA meeting for women.',
    checkedDaysAgo: 45,
  },
  {
    name: 'Preston Central NA',
    kind: 'na',
    locality: 'lancashire-central',
    address: 'Community rooms, 9 Guild Way, Preston',
    postcode: 'PR1 2XX',
    meets: [weekly('tue', '19:00', 90), weekly('sat', '14:00', 90)],
    cost: 'Free',
    accessibility: ['step-free'],
    description: 'NA meetings with a newcomers’ share on the first Saturday of each month.',
    checkedDaysAgo: 25,
  },
  {
    name: 'Leyland CA',
    kind: 'ca',
    locality: 'lancashire-central',
    address: 'Back room, Towngate Methodist Hall, Leyland',
    postcode: 'PR25 2XX',
    meets: [weekly('wed', '19:30', 60)],
    cost: 'Free',
    description: 'Cocaine Anonymous: for anyone with a desire to stop using cocaine and all other mind-altering substances.',
    checkedDaysAgo: 200,
  },
  {
    name: 'Preston SMART Recovery',
    kind: 'smart',
    locality: 'lancashire-central',
    address: 'Second floor, 30 Fishergate Walk, Preston',
    postcode: 'PR1 3XX',
    meets: [weekly('thu', '17:30', 90)],
    cost: 'Free',
    accessibility: ['step-free', 'bsl'],
    meetsNote: 'A BSL interpreter comes on the first Thursday of the month.',
    description: 'SMART Recovery meetings with trained facilitators.',
    checkedDaysAgo: 70,
  },
  {
    name: 'The Lantern Recovery Café',
    kind: 'recovery-cafe',
    locality: 'lancashire-central',
    address: '77 Friargate Yard, Preston',
    postcode: 'PR1 2XY',
    meets: [weekly('sat', '10:00', 240), monthly('-1', 'fri', '18:00')],
    meetsNote: 'Open mic on the last Friday of the month.',
    cost: 'Tea and toast £1',
    accessibility: ['step-free', 'children-welcome', 'lgbtq'],
    description: 'Breakfast, board games and a recovery open mic. Everyone is welcome, whatever stage you are at.',
    checkedDaysAgo: 15,
  },
  {
    name: 'Central Lancs Carers in Recovery',
    kind: 'family-support',
    locality: 'lancashire-central',
    address: 'Carers’ centre, 4 Market Walk, Chorley',
    postcode: 'PR7 2XX',
    meets: [monthly('2', 'wed', '10:30'), monthly('4', 'wed', '18:30')],
    cost: 'Free',
    contact: '01632 960201',
    accessibility: ['step-free', 'hearing-loop'],
    description: 'A morning group and an evening group for family members and carers. Kinship carers welcome.',
    checkedDaysAgo: 100,
  },
  {
    name: 'Ribble Skills for Work',
    kind: 'employment',
    locality: 'lancashire-central',
    address: 'Enterprise suite, 18 Winckley Court, Preston',
    postcode: 'PR1 4XX',
    cost: 'Free',
    contact: 'hello@example.org',
    website: 'https://example.org/ribble-skills',
    accessibility: ['step-free'],
    description: 'One-to-one help with CVs, disclosure of convictions, interviews and first jobs, with employers who back recovery.',
    checkedDaysAgo: 35,
  },
  {
    name: 'Second Chapter Learning',
    kind: 'education-training',
    locality: 'lancashire-central',
    address: 'Library annexe, 6 Union Street, Leyland',
    postcode: 'PR25 1XX',
    meets: [weekly('tue', '10:00', 120)],
    cost: 'Free',
    website: 'https://example.org/second-chapter',
    accessibility: ['step-free'],
    description: 'English, maths and digital skills courses for adults in recovery, with a qualification at the end.',
    checkedDaysAgo: 55,
  },
  {
    name: 'Safer Choices Needle Exchange (Preston)',
    kind: 'harm-reduction',
    locality: 'lancashire-central',
    address: 'Ground floor, 11 Avenham Place, Preston',
    postcode: 'PR1 3XY',
    cost: 'Free and confidential',
    contact: '01632 960202',
    description: 'Clean equipment, naloxone kits and training, and blood-borne virus testing. No appointment needed.',
    checkedDaysAgo: 190,
  },

  // Lancashire East
  {
    name: 'Burnley Canal Side AA',
    kind: 'aa',
    locality: 'lancashire-east',
    address: 'Mill meeting room, 5 Wharf Street, Burnley',
    postcode: 'BB11 1XX',
    meets: [weekly('fri', '19:30', 60)],
    cost: 'Free',
    accessibility: ['step-free'],
    description: 'An open AA meeting in an old mill by the canal.',
    checkedDaysAgo: 22,
  },
  {
    name: 'Blackburn Hope NA',
    kind: 'na',
    locality: 'lancashire-east',
    address: 'Parish rooms, 19 King William Street, Blackburn',
    postcode: 'BB1 7XX',
    meets: [weekly('sun', '18:00', 90)],
    cost: 'Free',
    accessibility: ['hearing-loop'],
    description: 'NA on a Sunday evening, with a speaker share each week.',
    checkedDaysAgo: 80,
  },
  {
    name: 'Accrington CA',
    kind: 'ca',
    locality: 'lancashire-east',
    address: 'Side room, 3 Blackburn Road Hall, Accrington',
    postcode: 'BB5 1XX',
    meets: [monthly('1', 'sat', '11:00'), monthly('3', 'sat', '11:00')],
    cost: 'Free',
    description: 'Cocaine Anonymous on the first and third Saturday of the month.',
    checkedDaysAgo: 60,
  },
  {
    name: 'Pendle SMART Recovery Online',
    kind: 'smart',
    locality: 'lancashire-east',
    meets: [weekly('mon', '18:30', 90)],
    cost: 'Free',
    website: 'https://example.org/pendle-smart',
    accessibility: ['online'],
    description: 'An online SMART meeting: join from home with your camera on or off.',
    checkedDaysAgo: 33,
  },
  {
    name: 'The Weavers’ Recovery Café',
    kind: 'recovery-cafe',
    locality: 'lancashire-east',
    address: '2 Cotton Exchange Yard, Blackburn',
    postcode: 'BB2 1XX',
    meets: [weekly('wed', '11:00', 180)],
    cost: 'Soup and a roll £2',
    accessibility: ['step-free', 'children-welcome'],
    description: 'A weekly café with a craft table and a recovery coach on hand.',
    checkedDaysAgo: 18,
  },
  {
    name: 'East Lancs Dads in Recovery',
    kind: 'peer-support',
    locality: 'lancashire-east',
    address: 'Community hub, 25 Colne Road, Burnley',
    postcode: 'BB10 1XX',
    meets: [monthly('2', 'thu', '19:00')],
    cost: 'Free',
    accessibility: ['men-only'],
    description: 'Peer support for fathers in recovery: parenting, contact and getting back into family life.',
    checkedDaysAgo: 40,
  },
  {
    name: 'Hyndburn Move-On Homes',
    kind: 'housing',
    locality: 'lancashire-east',
    postcode: 'BB5 2XX',
    cost: 'Housing benefit accepted',
    contact: '01632 960301',
    description: 'Supported flats for people leaving prison or residential rehab, with a tenancy support worker.',
    checkedDaysAgo: 250,
  },
  {
    name: 'Rossendale Mind Matters Drop-in',
    kind: 'mental-health',
    locality: 'lancashire-east',
    address: 'Health centre annexe, 1 Bacup Road, Rawtenstall',
    postcode: 'BB4 7XX',
    meets: [weekly('tue', '13:00', 120)],
    cost: 'Free',
    accessibility: ['step-free', 'hearing-loop'],
    description: 'A drop-in for anxiety, low mood and dual diagnosis, run by peer workers with a mental health nurse.',
    checkedDaysAgo: 65,
  },

  // The county
  {
    name: 'Red Rose Recovery Helpline',
    kind: 'peer-support',
    locality: 'lancashire-county',
    cost: 'Free to call',
    contact: '01632 960401',
    website: 'https://example.org/red-rose-helpline',
    description: 'A phone line answered by volunteers in recovery, 9am to 9pm. They can tell you about meetings near you.',
    checkedDaysAgo: 10,
  },
  {
    name: 'Lancashire Families Online',
    kind: 'family-support',
    locality: 'lancashire-county',
    meets: [weekly('thu', '20:00', 60)],
    cost: 'Free',
    website: 'https://example.org/lancs-families',
    accessibility: ['online'],
    description: 'An online group for families across the county, for anyone who cannot get to a meeting.',
    checkedDaysAgo: 28,
  },
  {
    name: 'County Recovery Into Work',
    kind: 'employment',
    locality: 'lancashire-county',
    cost: 'Free',
    contact: '01632 960402',
    website: 'https://example.org/recovery-into-work',
    description: 'Training places and job matching with employers across Lancashire who welcome people in recovery and people with convictions.',
    checkedDaysAgo: 120,
  },
  {
    name: 'Lancashire Naloxone Network',
    kind: 'harm-reduction',
    locality: 'lancashire-county',
    cost: 'Free',
    contact: '01632 960403',
    description: 'Free naloxone kits and a ten-minute training session, posted or in person at any partner pharmacy.',
    checkedDaysAgo: 45,
  },
  {
    name: 'Women’s Recovery Circle (county)',
    kind: 'peer-support',
    locality: 'lancashire-county',
    meets: [monthly('-1', 'sun', '15:00')],
    cost: 'Free',
    accessibility: ['women-only', 'online'],
    description: 'A monthly online circle for women in recovery, with a different theme each month.',
    checkedDaysAgo: 75,
  },

  // Waiting for a moderator.
  {
    name: 'Colne Thursday Recovery Walk',
    kind: 'peer-support',
    locality: 'lancashire-east',
    meets: [weekly('thu', '10:00', 90)],
    cost: 'Free',
    description: 'A walk along the canal with people in recovery, meeting at the bus station.',
    suggested: true,
  },
  {
    name: 'Garstang Family Coffee Morning',
    kind: 'family-support',
    locality: 'lancashire-north',
    meets: [monthly('1', 'fri', '10:00')],
    cost: 'Free',
    description: 'Coffee and a chat for families, in the church hall.',
    suggested: true,
  },
]

export async function seedDemoDirectory(payload: Payload, localityIds: Map<string, number | string>): Promise<void> {
  const kindIds = new Map<string, number | string>()
  for (const kind of DIRECTORY_KINDS) {
    const found = await payload.find({ collection: 'directory-kinds', where: { slug: { equals: kind.slug } }, limit: 1, depth: 0, overrideAccess: true })
    const existing = found.docs[0]
    const id =
      existing?.id ??
      (
        await payload.create({
          collection: 'directory-kinds',
          data: { ...kind, order: DIRECTORY_KINDS.indexOf(kind), isDemo: true } as never,
          overrideAccess: true,
          context: SEED_CONTEXT,
        })
      ).id
    kindIds.set(kind.slug, id)
  }
  const suggester = (await payload.find({ collection: 'users', where: { email: { equals: 'member@waymark.example' } }, limit: 1, depth: 0, overrideAccess: true })).docs[0]
  const today = londonParts(new Date()).date
  for (const entry of DEMO_DIRECTORY) {
    const locality = localityIds.get(entry.locality)
    const kind = kindIds.get(entry.kind)
    if (locality === undefined || kind === undefined) continue
    const exists = await payload.count({ collection: 'directory-entries', where: { and: [{ name: { equals: entry.name } }, { locality: { equals: locality } }] }, overrideAccess: true })
    if (exists.totalDocs > 0) continue
    const { checkedDaysAgo, suggested, ...fields } = entry
    await payload.create({
      collection: 'directory-entries',
      data: {
        ...fields,
        kind,
        locality,
        meets: (entry.meets ?? []).map((m) => ({ ...m, week: m.week ?? null, durationMinutes: m.durationMinutes ?? null })),
        status: suggested ? 'suggested' : 'approved',
        checkedOn: suggested ? null : addDays(today, -(checkedDaysAgo ?? 30)),
        ...(suggested && suggester ? { suggestedBy: suggester.id } : {}),
        isDemo: true,
      } as never,
      overrideAccess: true,
      context: SEED_CONTEXT,
    })
  }
}
