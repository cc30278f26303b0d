// Deterministic text for the scale seed: a seeded PRNG and a small recovery-forum vocabulary, so two
// runs with the same seed write the same words, and one rare word marks about 1% of stories for the
// search benchmark.

/** Appears in about 1% of the scale seed's stories (in the body) and nowhere else in the seed. */
export const SEARCH_MARKER_WORD = 'kingfisher'
export const SEARCH_MARKER_SHARE = 0.01

export type Random = () => number

/** mulberry32: small, fast and good enough for test data (not for anything secret). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!
export const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1))

const NOUNS = [
  'meeting',
  'brew',
  'kettle',
  'group',
  'walk',
  'canal',
  'allotment',
  'morning',
  'evening',
  'week',
  'month',
  'year',
  'day',
  'step',
  'friend',
  'sponsor',
  'mentor',
  'worker',
  'family',
  'mum',
  'dad',
  'son',
  'daughter',
  'sister',
  'brother',
  'neighbour',
  'doctor',
  'nurse',
  'chair',
  'room',
  'door',
  'bus',
  'train',
  'park',
  'garden',
  'job',
  'course',
  'college',
  'library',
  'cafe',
  'kitchen',
  'church',
  'hall',
  'centre',
  'phone',
  'letter',
  'plan',
  'routine',
  'habit',
  'craving',
  'relapse',
  'setback',
  'milestone',
  'anniversary',
  'chip',
  'badge',
  'story',
  'voice',
  'hope',
  'trust',
  'shame',
  'fear',
  'anger',
  'grief',
  'peace',
  'patience',
  'courage',
  'honesty',
  'kindness',
  'laughter',
  'rain',
  'hill',
  'river',
  'moor',
  'town',
  'street',
  'flat',
  'home',
  'bed',
  'sleep',
  'appetite',
  'money',
  'debt',
  'bill',
  'court',
  'probation',
  'prescription',
  'script',
  'clinic',
  'detox',
  'rehab',
  'group-work',
  'volunteer',
  'shift',
  'bike',
  'dog',
  'football',
  'choir',
  'guitar',
] as const
const VERBS = [
  'found',
  'lost',
  'kept',
  'started',
  'stopped',
  'tried',
  'missed',
  'made',
  'shared',
  'heard',
  'walked',
  'rang',
  'wrote',
  'read',
  'cooked',
  'learned',
  'noticed',
  'helped',
  'asked',
  'listened',
  'waited',
  'slept',
  'woke',
  'cried',
  'laughed',
  'planned',
  'changed',
  'carried',
  'dropped',
  'picked',
  'opened',
  'closed',
  'joined',
  'left',
  'returned',
  'finished',
  'began',
  'remembered',
  'forgave',
  'thanked',
  'visited',
] as const
const ADJECTIVES = [
  'small',
  'quiet',
  'long',
  'hard',
  'easy',
  'early',
  'late',
  'first',
  'last',
  'new',
  'old',
  'kind',
  'honest',
  'tired',
  'hopeful',
  'steady',
  'shaky',
  'brave',
  'calm',
  'loud',
  'busy',
  'slow',
  'good',
  'bad',
  'strange',
  'warm',
  'cold',
  'grey',
  'bright',
  'local',
  'weekly',
  'daily',
] as const
const GLUE = ['the', 'a', 'my', 'our', 'that', 'every', 'one', 'this', 'their', 'his', 'her', 'some'] as const
const ADVERBS = ['slowly', 'again', 'finally', 'nearly', 'still', 'today', 'yesterday', 'together', 'somehow', 'quietly', 'honestly', 'always', 'never', 'sometimes'] as const
const PEN_NAMES = ['Allotment Al', 'Canal Walker', 'Pendle Hiller', 'Morning Brew', 'Ribble Rambler', 'Quiet Oak', 'Red Rose', 'Moorland Jay', 'Lune Lass', 'Steady Eddie'] as const
const TITLE_OPENERS = ['What', 'How', 'The', 'Why', 'When', 'After', 'Before', 'Finding', 'Keeping', 'Learning'] as const

export const penName = (random: Random) => pick(random, PEN_NAMES)

function phrase(random: Random): string {
  return `${pick(random, GLUE)} ${pick(random, ADJECTIVES)} ${pick(random, NOUNS)}`
}

/** One sentence of 6–16 words, capitalised, ending with a full stop. */
export function sentence(random: Random): string {
  const parts = ['I', pick(random, VERBS), phrase(random)]
  if (random() < 0.6) parts.push(pick(random, ADVERBS))
  if (random() < 0.5) parts.push('with', phrase(random))
  if (random() < 0.4) parts.push('and', pick(random, VERBS), phrase(random))
  const text = parts.join(' ')
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`
}

export function paragraph(random: Random, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(random)).join(' ')
}

export function storyTitle(random: Random, index: number): string {
  return `${pick(random, TITLE_OPENERS)} ${phrase(random)} ${pick(random, ADVERBS)} (${index + 1})`
}

export function threadTitle(random: Random, index: number): string {
  return `${pick(random, TITLE_OPENERS)} ${phrase(random)}? (${index + 1})`
}

/** Paragraphs of a story body; the marker word goes into one sentence when `marked`. */
export function storyParagraphs(random: Random, marked: boolean): string[] {
  const paragraphs = Array.from({ length: between(random, 3, 6) }, () => paragraph(random, between(random, 2, 4)))
  if (marked) {
    const at = Math.floor(random() * paragraphs.length)
    paragraphs[at] = `${paragraphs[at]} I watched a ${SEARCH_MARKER_WORD} by the canal.`
  }
  return paragraphs
}
