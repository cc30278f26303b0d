// Demo data for "stories like mine" (issue 17): the experience tags moderators keep, more published
// stories with characteristics (so that a visitor's choices reach the 5 stories a filter needs), and
// readers' answers as counts (totals and pairs), as if readers had answered. No real people's data.
import { randomUUID } from 'node:crypto'
import type { Payload } from 'payload'

import type { ConsentChoices } from '../policies/consent.js'

export const DEMO_STORY_TAGS = [
  { slug: 'alcohol', label: 'Alcohol' },
  { slug: 'opiates', label: 'Opiates' },
  { slug: 'crack-cocaine', label: 'Crack cocaine' },
  { slug: 'prescription-drugs', label: 'Prescription drugs' },
  { slug: 'gambling', label: 'Gambling' },
  { slug: 'prison', label: 'Prison' },
  { slug: 'homelessness', label: 'Homelessness' },
] as const

/** Idempotent: tags are found by slug. Returns every tag's id by slug. */
export async function seedStoryTags(payload: Payload): Promise<Map<string, number | string>> {
  const ids = new Map<string, number | string>()
  for (const tag of DEMO_STORY_TAGS) {
    const found = await payload.find({ collection: 'story-tags', where: { slug: { equals: tag.slug } }, limit: 1, depth: 0, overrideAccess: true })
    const doc = found.docs[0] ?? (await payload.create({ collection: 'story-tags', data: { ...tag }, overrideAccess: true }))
    ids.set(tag.slug, doc.id)
  }
  return ids
}

const PUBLIC: ConsentChoices = { audience: 'public', byline: 'anonymous', quoteInReports: false }

/** Published, public demo stories with characteristics; authors are the demo members. */
export const MATCHING_STORIES = [
  {
    authorEmail: 'sunrise@waymark.example',
    title: 'Ninety days and a bus pass',
    summary: 'Counting days on the fridge, and the bus route to the Tuesday group.',
    body: 'I wrote the days on the fridge calendar.\n\nThe bus to the Tuesday group took forty minutes each way. I read the timetable like scripture.\n\nNinety days on, I still catch that bus.',
    themes: ['hope', 'connection', 'be-active'],
    contentWarnings: [],
    consent: PUBLIC,
    narratorType: 'in-recovery',
    tags: ['alcohol'],
    stage: 'early-days',
    tone: 'hopeful',
  },
  {
    authorEmail: 'ribble@waymark.example',
    title: 'What the recovery café taught me about mornings',
    summary: 'Toast, tea and people who did not need me to explain.',
    body: 'Mornings were the worst part.\n\nThe recovery café opens at nine. Toast, tea, and a room of people who did not need me to explain anything.\n\nI go most days now, and I help wash up.',
    themes: ['connection', 'hope', 'connect'],
    contentWarnings: [],
    consent: PUBLIC,
    narratorType: 'in-recovery',
    tags: ['alcohol', 'homelessness'],
    stage: 'early-days',
    tone: 'hopeful',
  },
  {
    authorEmail: 'sunrise@waymark.example',
    title: 'The slip I did not hide',
    summary: 'I drank at a wedding. Telling my group the next day was the hardest and best thing.',
    body: 'At my cousin’s wedding I drank.\n\nThe next morning I wanted to stay away from the group for good. Instead I went and told them.\n\nNobody left. Someone said: welcome back.',
    themes: ['hope', 'identity', 'connection'],
    contentWarnings: ['relapse'],
    consent: PUBLIC,
    narratorType: 'in-recovery',
    tags: ['alcohol'],
    stage: 'early-days',
    tone: 'honest',
  },
  {
    authorEmail: 'volunteer@waymark.example',
    title: 'Walking the canal towpath every Sunday',
    summary: 'A walking group, a flask, and five miles of talking.',
    body: 'Sunday mornings used to be for sleeping it off.\n\nNow a dozen of us walk the towpath with a flask. Five miles is a long time to talk, and a long time to listen.',
    themes: ['hope', 'be-active', 'connect'],
    contentWarnings: [],
    consent: PUBLIC,
    narratorType: 'in-recovery',
    tags: ['alcohol'],
    stage: 'early-days',
    tone: 'hopeful',
  },
  {
    authorEmail: 'friend@waymark.example',
    title: 'Leaving prison with a plan this time',
    summary: 'A Gateways coach met me at the gate. It made all the difference.',
    body: 'The last time I left prison I had a bin bag and a train ticket.\n\nThis time a coach met me at the gate, took me for breakfast, and to my first meeting that afternoon.',
    themes: ['hope', 'empowerment', 'connection'],
    contentWarnings: ['prison'],
    consent: PUBLIC,
    narratorType: 'in-recovery',
    tags: ['prison', 'crack-cocaine'],
    stage: 'early-days',
    tone: 'practical',
  },
  {
    authorEmail: 'oakmum@waymark.example',
    title: 'Learning to say no to my son',
    summary: 'Boundaries are love too. The family group helped me find the words.',
    body: 'Saying no to my son felt like abandoning him.\n\nThe family group helped me see that boundaries are love too.\n\nHe is eight months clean now. I still go to the group.',
    themes: ['hope', 'identity', 'take-notice'],
    contentWarnings: ['substance-use'],
    consent: PUBLIC,
    narratorType: 'family-carer',
    tags: ['opiates'],
    stage: 'supporting',
    tone: 'practical',
  },
  {
    authorEmail: 'keyworker@waymark.example',
    title: 'What I learned from people I support',
    summary: 'Twenty years as a keyworker, and what recovery looks like from my chair.',
    body: 'I have been a keyworker for twenty years.\n\nThe people I support taught me that recovery is not a straight line, and that hope is catching.',
    themes: ['hope', 'keep-learning', 'give'],
    contentWarnings: [],
    consent: PUBLIC,
    narratorType: 'professional',
    tags: ['opiates', 'prescription-drugs'],
    stage: 'supporting',
    tone: 'hopeful',
  },
] satisfies (Record<string, unknown> & { title: string })[]

/** Readers' answers and pairs, so the demo shows authors' totals and "readers who also found". Only on a fresh demo. */
export async function seedDemoFeedback(payload: Payload): Promise<void> {
  const existing = await payload.count({ collection: 'story-feedback-answers', overrideAccess: true })
  if (existing.totalDocs > 0) return
  const idOf = async (title: string) => (await payload.find({ collection: 'stories', where: { title: { equals: title } }, limit: 1, depth: 0, overrideAccess: true })).docs[0]?.id
  const first = await idOf('The first meeting I nearly walked out of')
  const sayNo = await idOf('Learning to say no to my son')
  const allotment = await idOf('Volunteering gave my week a shape')
  if (first === undefined || sayNo === undefined || allotment === undefined) return
  // Seven readers: hope 3, 4, 4, 5, 5, 5, 5 and connection 2, 4, 4, 4, 5, 5, 5.
  const hope = [3, 4, 4, 5, 5, 5, 5]
  const connection = [2, 4, 4, 4, 5, 5, 5]
  for (let i = 0; i < hope.length; i++) {
    await payload.create({ collection: 'story-feedback-answers', data: { id: randomUUID(), story: first, hope: hope[i], connection: connection[i] } as never, overrideAccess: true })
  }
  const pair = (a: number | string, b: number | string) => (Number(a) < Number(b) ? { storyA: a, storyB: b } : { storyA: b, storyB: a })
  for (const [other, readers] of [
    [sayNo, 6],
    [allotment, 5],
  ] as const) {
    for (let i = 0; i < readers; i++) await payload.create({ collection: 'story-pair-marks', data: { id: randomUUID(), ...pair(first, other) } as never, overrideAccess: true })
  }
}
