// What a viewer gets of "stories like mine" and "more like this" (issue 17): filter values they may use
// (with no counts below the threshold for visitors) and story cards (src/presenters/story.ts).
import type { FilterKind, MatchRequest } from '../policies/storyMatching.js'
import type { StoryCard } from './story.js'

export type FilterOption = { value: string; label: string; count: number }

export type LikeMinePage = {
  options: Record<FilterKind, FilterOption[]>
  request: MatchRequest
  /** The combination would narrow to fewer than 5 stories, so it was ignored (visitors). */
  refused: boolean
  /** Some values asked for are not offered (too few stories, or unknown) and were left out. */
  dropped: boolean
  cards: StoryCard[]
  /** How many stories match, counted up to MATCH_COUNT_CAP (src/policies/storyMatching.ts). */
  total: number
  /** More than `total` match: the page says "more than". */
  moreThanTotal: boolean
}

export type MoreLikeThis = { similar: StoryCard[]; alsoFound: StoryCard[] }

/** A filter value as offered: its words only (a count would tell how many stories share a rare value). */
export const presentOption = ({ value, label, count }: { value: string; label: string; count: number }): FilterOption => ({ value, label, count })
