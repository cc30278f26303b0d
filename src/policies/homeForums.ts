// Whose forums' news a member's home page puts first: their home locality and the localities they
// follow; with neither chosen, the county-wide forum, which every member belongs to. Pure, so the rule
// is testable; the page reads those forums as the member, so access still decides what shows.

type Id = number | string
type LocalityRef = { id: Id; isCountyWide: boolean }
type Member = { homeLocality?: unknown; followedLocalities?: unknown }

const idOfRelation = (value: unknown): Id | null => {
  if (value && typeof value === 'object' && 'id' in value) return idOfRelation((value as { id: unknown }).id)
  return typeof value === 'number' || typeof value === 'string' ? value : null
}

/** The ids of the member's forums, in the site's locality order, only localities that exist. */
export function memberForumIds(member: Member | null | undefined, localities: readonly LocalityRef[]): Id[] {
  if (!member) return []
  const followed = Array.isArray(member.followedLocalities) ? member.followedLocalities : []
  const chosen = new Set(
    [member.homeLocality, ...followed]
      .map(idOfRelation)
      .filter((id): id is Id => id !== null)
      .map(String),
  )
  const mine = localities.filter((locality) => chosen.has(String(locality.id)))
  return (mine.length > 0 ? mine : localities.filter((locality) => locality.isCountyWide)).map((locality) => locality.id)
}
