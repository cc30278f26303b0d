// Demo volunteering: roles in the three localities and the county, a few interests for demo members, and
// the demo moderator as the volunteer coordinator for Lancashire East. Fictional and idempotent: roles are
// found by title and locality, interests by member and role, and nothing that exists is changed.
import type { Payload } from 'payload'

import { VOLUNTEER_SYSTEM_WRITE } from '../../collections/VolunteerInterests/hooks/prepareInterest.js'
import { appendModerationEvent } from '../moderation/events.js'

const SEED_CONTEXT = { seed: true, disableEmail: true, [VOLUNTEER_SYSTEM_WRITE]: true }

type DemoRole = {
  title: string
  kind: 'volunteer' | 'peer-mentor' | 'recovery-champion' | 'other'
  locality: string
  commitment: string
  training: string | null
  dbsCheck: boolean
  contactRole: string
  description: string
}

export const DEMO_ROLES: DemoRole[] = [
  {
    title: 'Peer mentor',
    kind: 'peer-mentor',
    locality: 'lancashire-north',
    commitment: 'Two hours a week for at least six months',
    training: 'Six evening sessions on listening, boundaries and safeguarding',
    dbsCheck: true,
    contactRole: 'Volunteer coordinator',
    description:
      'Walk alongside someone in early recovery: a coffee, a phone call, going with them to their first mutual aid meeting.\n\nYou need at least a year of your own recovery, and the wish to share it.',
  },
  {
    title: 'Recovery café volunteer',
    kind: 'volunteer',
    locality: 'lancashire-north',
    commitment: 'One Saturday afternoon a fortnight',
    training: 'Food hygiene level 2, paid for',
    dbsCheck: false,
    contactRole: 'Café lead',
    description: 'Make the tea, welcome people, wash up, and be a friendly face in a place where nobody has to explain themselves.',
  },
  {
    title: 'Recovery champion',
    kind: 'recovery-champion',
    locality: 'lancashire-east',
    commitment: 'A few hours a month, flexible',
    training: 'A one-day recovery champion course',
    dbsCheck: false,
    contactRole: 'Volunteer coordinator',
    description: 'Speak up for recovery in your town: at the job centre, the GP surgery, the library. Show people that recovery is possible and visible.',
  },
  {
    title: 'Meeting greeter',
    kind: 'volunteer',
    locality: 'lancashire-east',
    commitment: 'One evening every six weeks, at the forum meeting',
    training: null,
    dbsCheck: false,
    contactRole: 'Forum chair',
    description: 'Be at the door when people arrive at the locality forum meeting, show first-timers where the tea is, and make sure nobody sits alone.',
  },
  {
    title: 'Peer mentor',
    kind: 'peer-mentor',
    locality: 'lancashire-central',
    commitment: 'Two hours a week for at least six months',
    training: 'Six evening sessions on listening, boundaries and safeguarding',
    dbsCheck: true,
    contactRole: 'Volunteer coordinator',
    description: 'Walk alongside someone in early recovery in Preston, Chorley or South Ribble. Supervision every month with the other mentors.',
  },
  {
    title: 'Recovery café volunteer',
    kind: 'volunteer',
    locality: 'lancashire-central',
    commitment: 'One weekday morning a week',
    training: 'Food hygiene level 2, paid for',
    dbsCheck: false,
    contactRole: 'Café lead',
    description: 'Help run the breakfast club at the recovery café: cooking, clearing, and a chat over toast.',
  },
  {
    title: 'Prison-leaver peer coach',
    kind: 'peer-mentor',
    locality: 'lancashire-county',
    commitment: 'Meet someone at the gate on release day, then weekly for twelve weeks',
    training: 'Four days of coach training, with regular supervision',
    dbsCheck: true,
    contactRole: 'Through-the-gate coordinator',
    description:
      'Be there on the day someone leaves prison and in the weeks after: getting to probation, the GP, a bank account, a mutual aid meeting, somewhere to live.\n\nLived experience of the justice system and of recovery is what this role needs most.',
  },
]

type DemoInterest = { email: string; role: string; locality: string; state: 'interested' | 'contacted' | 'in-training' | 'active'; note: string; daysAgo: number }

const DEMO_INTERESTS: DemoInterest[] = [
  { email: 'member@waymark.example', role: 'Peer mentor', locality: 'lancashire-north', state: 'contacted', note: 'I am free most weekday evenings.', daysAgo: 20 },
  { email: 'member@waymark.example', role: 'Meeting greeter', locality: 'lancashire-east', state: 'interested', note: 'I could do the next meeting.', daysAgo: 3 },
  { email: 'volunteer@waymark.example', role: 'Recovery café volunteer', locality: 'lancashire-north', state: 'active', note: 'Saturdays suit me.', daysAgo: 120 },
  { email: 'sunrise@waymark.example', role: 'Recovery champion', locality: 'lancashire-east', state: 'active', note: '', daysAgo: 60 },
  { email: 'ribble@waymark.example', role: 'Peer mentor', locality: 'lancashire-central', state: 'in-training', note: 'Two years in recovery this spring.', daysAgo: 30 },
]

const ORDER = ['interested', 'contacted', 'in-training', 'active'] as const

export async function seedDemoVolunteering(payload: Payload, localityIds: Map<string, number | string>): Promise<void> {
  const roleIds = new Map<string, number | string>()
  for (const role of DEMO_ROLES) {
    const locality = localityIds.get(role.locality)
    if (locality === undefined) continue
    const found = await payload.find({
      collection: 'volunteer-opportunities',
      where: { and: [{ title: { equals: role.title } }, { locality: { equals: locality } }] },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    const id =
      found.docs[0]?.id ??
      (await payload.create({ collection: 'volunteer-opportunities', data: { ...role, locality: locality as never, open: true, isDemo: true }, overrideAccess: true, context: SEED_CONTEXT })).id
    roleIds.set(`${role.locality}/${role.title}`, id)
  }

  for (const interest of DEMO_INTERESTS) {
    const opportunity = roleIds.get(`${interest.locality}/${interest.role}`)
    const member = (await payload.find({ collection: 'users', where: { email: { equals: interest.email } }, limit: 1, depth: 0, overrideAccess: true })).docs[0]
    if (opportunity === undefined || !member) continue
    const already = await payload.count({ collection: 'volunteer-interests', where: { and: [{ member: { equals: member.id } }, { opportunity: { equals: opportunity } }] }, overrideAccess: true })
    if (already.totalDocs > 0) continue
    const start = Date.now() - interest.daysAgo * 24 * 3600 * 1000
    const steps = ORDER.slice(0, ORDER.indexOf(interest.state) + 1).map((state, i) => ({ state, at: new Date(start + i * 7 * 24 * 3600 * 1000).toISOString() }))
    await payload.create({
      collection: 'volunteer-interests',
      data: {
        opportunity: opportunity as never,
        member: member.id,
        note: interest.note || null,
        state: interest.state,
        history: steps,
        startedActiveAt: interest.state === 'active' ? steps[steps.length - 1]!.at : null,
        isDemo: true,
      } as never,
      overrideAccess: true,
      context: SEED_CONTEXT,
    })
  }

  // The demo moderator coordinates volunteering for Lancashire East (a scoped field, not a role), logged as any change is.
  const east = localityIds.get('lancashire-east')
  const moderator = (await payload.find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, limit: 1, depth: 0, overrideAccess: true })).docs[0] as
    Record<string, any> | undefined
  if (east !== undefined && moderator && (moderator.coordinatesFor ?? []).length === 0) {
    await payload.update({ collection: 'users', id: moderator.id, data: { coordinatesFor: [east] } as never, overrideAccess: true, context: SEED_CONTEXT })
    await appendModerationEvent(payload, undefined, {
      actorRole: 'system',
      targetCollection: 'users',
      targetId: moderator.id,
      subject: moderator.id,
      action: 'set-volunteer-coordinator',
      reason: 'Demo seed: volunteer coordinator for Lancashire East.',
      fromState: 'none',
      toState: String(east),
    })
  }
}
