// Demo data for a fresh site. Every record is marked isDemo so it can be found and removed.
import crypto from 'node:crypto'
import type { Payload, Where } from 'payload'

import { addMissingDefaultWords } from '../moderation/installLexicon.js'
import { seedCrisisServices } from './demoCrisisServices.js'
import { seedDemoDirectory } from './demoDirectory.js'
import { seedDemoVolunteering } from './demoVolunteering.js'
import { checkPassword } from '../policies/password.js'
import { seedDemoStories } from './demoStories.js'
import { seedStoryTags } from './demoStoryMatching.js'
import { seedDemoMeetings } from './demoMeetings.js'
import { seedDemoThreads } from './demoThreads.js'

export const LOCALITIES = [
  {
    name: 'Lancashire North',
    slug: 'lancashire-north',
    description: 'Lancaster, Morecambe, Fleetwood, Wyre and the rural north of the county.',
    meetingCadenceWeeks: 6,
    isCountyWide: false,
  },
  {
    name: 'Lancashire Central',
    slug: 'lancashire-central',
    description: 'Preston, Chorley, South Ribble, West Lancashire and Fylde.',
    meetingCadenceWeeks: 6,
    isCountyWide: false,
  },
  {
    name: 'Lancashire East',
    slug: 'lancashire-east',
    description: 'Burnley, Pendle, Hyndburn, Rossendale, Ribble Valley and Blackburn with Darwen.',
    meetingCadenceWeeks: 6,
    isCountyWide: false,
  },
  {
    name: 'Lancashire (county-wide)',
    slug: 'lancashire-county',
    description: 'The whole county together. The chair takes what we say to the commissioners.',
    meetingCadenceWeeks: 13,
    isCountyWide: true,
  },
] as const

type DemoAccount = { email: string; displayName: string; memberType: string; roles: string[]; locality: string; safeguardingLead?: boolean }

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@waymark.example', displayName: 'Demo Admin', memberType: 'supporter', roles: ['admin'], locality: 'lancashire-central' },
  { email: 'moderator@waymark.example', displayName: 'Demo Moderator', memberType: 'in-recovery', roles: ['moderator'], locality: 'lancashire-east', safeguardingLead: true },
  { email: 'member@waymark.example', displayName: 'Demo Member', memberType: 'in-recovery', roles: ['member'], locality: 'lancashire-north' },
  { email: 'sunrise@waymark.example', displayName: 'Sunrise Walker', memberType: 'in-recovery', roles: ['member'], locality: 'lancashire-east' },
  { email: 'ribble@waymark.example', displayName: 'Ribble Rover', memberType: 'in-recovery', roles: ['member'], locality: 'lancashire-central' },
  { email: 'kettle@waymark.example', displayName: 'Kettle On', memberType: 'family-carer', roles: ['member'], locality: 'lancashire-north' },
  { email: 'oakmum@waymark.example', displayName: 'Oak Tree Mum', memberType: 'family-carer', roles: ['member'], locality: 'lancashire-east' },
  { email: 'keyworker@waymark.example', displayName: 'Keyworker Jo', memberType: 'professional', roles: ['member'], locality: 'lancashire-central' },
  { email: 'nurse@waymark.example', displayName: 'Nurse Practitioner', memberType: 'professional', roles: ['member'], locality: 'lancashire-north' },
  { email: 'daat@waymark.example', displayName: 'DAAT Commissioner', memberType: 'commissioner', roles: ['member', 'reporter'], locality: 'lancashire-county' },
  { email: 'planning@waymark.example', displayName: 'Service Planner', memberType: 'commissioner', roles: ['member'], locality: 'lancashire-central' },
  { email: 'friend@waymark.example', displayName: 'Red Rose Friend', memberType: 'supporter', roles: ['member'], locality: 'lancashire-east' },
  { email: 'volunteer@waymark.example', displayName: 'Canal Volunteer', memberType: 'supporter', roles: ['member'], locality: 'lancashire-north' },
]

export function randomDemoPassword(): string {
  for (;;) {
    const candidate = crypto.randomBytes(12).toString('base64url')
    if (!checkPassword(candidate)) return candidate
  }
}

const SEED_CONTEXT = { seed: true, disableEmail: true }

export type SeedResult = { createdLocalities: number; createdUsers: number; createdStories: number; password?: string }

/** Idempotent: existing localities (by slug) and accounts (by email) are left alone. */
export async function seedDemoData(payload: Payload, options: { password?: string } = {}): Promise<SeedResult> {
  const localityIds = new Map<string, number | string>()
  let createdLocalities = 0
  for (const locality of LOCALITIES) {
    const { id, created } = await findOrCreate(payload, 'localities', { slug: { equals: locality.slug } }, () => ({
      data: { ...locality, forumVisibility: locality.isCountyWide ? 'public' : 'members', isDemo: true },
    }))
    localityIds.set(locality.slug, id)
    if (created) createdLocalities++
  }

  const password = options.password ?? process.env.SEED_PASSWORD ?? randomDemoPassword()
  const problem = checkPassword(password)
  if (problem) throw new Error(`SEED_PASSWORD is not acceptable: ${problem}`)
  let createdUsers = 0
  for (const account of DEMO_ACCOUNTS) {
    const { created } = await findOrCreate(payload, 'users', { email: { equals: account.email } }, () => ({
      data: {
        email: account.email,
        password,
        displayName: account.displayName,
        memberType: account.memberType,
        roles: account.roles,
        homeLocality: localityIds.get(account.locality),
        isDemo: true,
        isSafeguardingLead: account.safeguardingLead === true,
        _verified: true,
      },
      disableVerificationEmail: true,
    }))
    if (created) createdUsers++
  }
  // The migration that shipped the lexicon added it already; this only fills gaps in a demo database.
  await addMissingDefaultWords(payload)
  await seedCrisisServices(payload, localityIds)
  await seedStoryTags(payload)
  const createdStories = await seedDemoStories(payload)
  await seedDemoThreads(payload)
  await seedDemoMeetings(payload)
  await seedDemoDirectory(payload, localityIds)
  await seedDemoVolunteering(payload, localityIds)
  return { createdLocalities, createdUsers, createdStories, password: createdUsers > 0 ? password : undefined }
}

/** Seeds touch nothing that exists already, and switch side effects such as email off. */
async function findOrCreate(
  payload: Payload,
  collection: 'localities' | 'users',
  where: Where,
  build: () => { data: Record<string, unknown>; disableVerificationEmail?: boolean },
): Promise<{ id: number | string; created: boolean }> {
  const found = await payload.find({ collection, where, limit: 1, depth: 0, overrideAccess: true })
  if (found.docs[0]) return { id: found.docs[0].id, created: false }
  const { data, ...options } = build()
  const doc = await payload.create({ collection, data: data as never, overrideAccess: true, context: SEED_CONTEXT, ...options })
  return { id: doc.id, created: true }
}

export async function databaseIsEmpty(payload: Payload): Promise<boolean> {
  const [users, localities] = await Promise.all([payload.count({ collection: 'users', overrideAccess: true }), payload.count({ collection: 'localities', overrideAccess: true })])
  return users.totalDocs === 0 && localities.totalDocs === 0
}
