// Three demo recovery stories, written, consented, submitted and approved through the same
// commands members and moderators use, so the demo shows the real workflow's results.
import type { Payload } from 'payload'

import { giveConsent, submitStory } from '../commands/stories/authorActions.js'
import { moderateStory } from '../commands/stories/moderateStory.js'
import { markdownToLexical } from '../richtext/index.js'
import type { ConsentChoices } from '../policies/consent.js'
import { MATCHING_STORIES, seedDemoFeedback, seedStoryTags } from './demoStoryMatching.js'

/** The story's characteristics for "stories like mine" (issue 17): tags by slug (src/seed/demoStoryTags.ts). */
type Traits = { narratorType?: string; tags?: string[]; stage?: string; tone?: string }
type DemoStory = { authorEmail: string; title: string; summary: string; body: string; themes: string[]; contentWarnings: string[]; consent: ConsentChoices } & Traits

const STORIES: DemoStory[] = [
  {
    authorEmail: 'sunrise@waymark.example',
    title: 'The first meeting I nearly walked out of',
    summary: 'I sat by the door so I could leave. Someone asked who was there for the first time, and I put my hand up.',
    body: 'I sat by the door so I could leave if it got too much.\n\nThen the chair asked who was there for the first time, because we were the most important people in the room. I put my hand up before I could stop myself.\n\n## What changed\n\n- Someone made me a brew and did not ask me anything.\n- I came back six weeks later.\n- Now I make the brews.',
    themes: ['connection', 'hope', 'connect'],
    contentWarnings: [],
    consent: { audience: 'public', byline: 'display-name', quoteInReports: true },
    narratorType: 'in-recovery',
    tags: ['alcohol'],
    stage: 'early-days',
    tone: 'hopeful',
  },
  {
    authorEmail: 'kettle@waymark.example',
    title: 'Loving someone who is still using',
    summary: 'What helped me as a mum, and what did not.',
    body: 'For years I thought if I found the right words, he would stop.\n\n> You cannot pour from an empty cup.\n\nThe family group taught me to look after myself first. He is not in recovery yet, but I am.',
    themes: ['identity', 'take-notice'],
    contentWarnings: ['substance-use'],
    consent: { audience: 'members', byline: 'anonymous', quoteInReports: false },
    narratorType: 'family-carer',
    tags: ['opiates'],
    stage: 'supporting',
    tone: 'honest',
  },
  {
    authorEmail: 'ribble@waymark.example',
    title: 'Volunteering gave my week a shape',
    summary: 'Two mornings a week at the allotment, and a reason to get up.',
    body: 'When I stopped drinking the days were very long.\n\nA peer mentor took me to the community allotment. Two mornings a week became four. Now I show new volunteers where the tools are.',
    themes: ['meaning', 'be-active', 'give'],
    contentWarnings: [],
    consent: { audience: 'public', byline: 'pen-name', penName: 'Allotment Al', quoteInReports: true },
    narratorType: 'in-recovery',
    tags: ['alcohol'],
    stage: 'a-while',
    tone: 'practical',
  },
  ...MATCHING_STORIES,
]

export async function seedDemoStories(payload: Payload): Promise<number> {
  const existing = await payload.count({ collection: 'stories', overrideAccess: true })
  if (existing.totalDocs > 0) return 0
  const moderator = (await payload.find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, limit: 1, overrideAccess: true })).docs[0]
  if (!moderator) return 0
  const tagIds = await seedStoryTags(payload)
  let created = 0
  for (const demo of STORIES) {
    const author = (await payload.find({ collection: 'users', where: { email: { equals: demo.authorEmail } }, limit: 1, overrideAccess: true })).docs[0]
    if (!author) continue
    const story = await payload.create({
      collection: 'stories',
      data: {
        title: demo.title,
        summary: demo.summary,
        body: markdownToLexical(demo.body),
        locality: typeof author.homeLocality === 'object' && author.homeLocality ? author.homeLocality.id : author.homeLocality,
        themes: demo.themes,
        contentWarnings: demo.contentWarnings,
        narratorType: demo.narratorType ?? null,
        experienceTags: (demo.tags ?? []).map((slug) => tagIds.get(slug)).filter(Boolean),
        recoveryStage: demo.stage ?? null,
        tone: demo.tone ?? null,
      } as never,
      overrideAccess: false,
      user: author,
      context: { disableEmail: true },
    })
    await giveConsent(payload, author, story.id, demo.consent, { quiet: true })
    await submitStory(payload, author, story.id, { quiet: true })
    await moderateStory({ payload, moderator, storyId: story.id, action: 'approve', quiet: true })
    created++
  }
  await seedDemoFeedback(payload)
  return created
}
