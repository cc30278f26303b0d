// The public face of a locality.
export type LocalitySummary = {
  id: number | string
  name: string
  slug: string
  description: string
  forumVisibility: 'members' | 'public'
  meetingCadenceWeeks: number
  isCountyWide: boolean
}

export function presentLocality(doc: Record<string, any>): LocalitySummary {
  return {
    id: doc.id,
    name: String(doc.name),
    slug: String(doc.slug),
    description: String(doc.description ?? ''),
    forumVisibility: doc.forumVisibility === 'public' ? 'public' : 'members',
    meetingCadenceWeeks: Number(doc.meetingCadenceWeeks ?? 6),
    isCountyWide: doc.isCountyWide === true,
  }
}

/** How often a locality meets, in words: "every 6 weeks", "every quarter". */
export function cadenceInWords(weeks: number): string {
  if (weeks === 13) return 'every quarter'
  if (weeks === 1) return 'every week'
  return `every ${weeks} weeks`
}
