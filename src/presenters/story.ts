// What a viewer may see of a story. The author relation never leaves the server: bylines are
// computed here from the consent (display name, "A member from <locality>", or a pen name).
import type { Payload } from 'payload'

import { memberTypeBadge, shownStaffRole, STAFF_ROLE_LABEL, staffRoleOf, type BylineKind, type MemberTypeBadge, type StaffRole } from '../policies/byline.js'
import { bylineText, type Byline } from '../policies/consent.js'
import { STORY_CARD_CONTENT_KEYS } from '../policies/storyContent.js'
import { memberTypeLabel } from '../policies/memberTypes.js'
import { stageLabel, themeLabel, toneLabel, warningLabel } from '../policies/storyTaxonomy.js'
import type { StoryState } from '../policies/storyVisibility.js'

/** The fields a story card needs: lists never load the story text (and its rich-text processing). */
export const STORY_CARD_SELECT = {
  ...(Object.fromEntries(STORY_CARD_CONTENT_KEYS.map((key) => [key, true])) as { [K in (typeof STORY_CARD_CONTENT_KEYS)[number]]: true }),
  slug: true,
  consentByline: true,
  consentPenName: true,
  publishedAt: true,
  updatedAt: true,
} as const

export type StoryCard = {
  id: number | string
  slug: string
  title: string
  summary: string
  byline: string
  /** Only on a byline that signs with the display name, when the author is staff (src/policies/byline.ts). */
  bylineStaffRole: string | null
  /** Only on a byline that signs with the display name: the author's member type, a claimed role confirmed or in their own words. */
  bylineMemberType: MemberTypeBadge | null
  localityName: string | null
  localitySlug: string | null
  themes: { value: string; label: string }[]
  warnings: { value: string; label: string }[]
  warningNote: string
  /** The characteristics the author chose for this story (issue 17): narrator, stage, tone, experiences. */
  characteristics: { kind: 'narrator' | 'stage' | 'tone' | 'tag'; label: string }[]
  publishedAt: string | null
  cover: { url: string; alt: string; width?: number; height?: number } | null
}

export type StoryPage = StoryCard & { body: unknown; status: StoryState; crisisHold: boolean }

const relation = (value: unknown) => (value && typeof value === 'object' ? (value as Record<string, any>) : null)

/**
 * Display names for the stories whose consent says to sign with one. This is the one trusted read
 * of the author: it returns nothing but the public byline (pseudonym, member type as confirmed, staff
 * role), read live so a confirmation shows on the next request, and only for those stories.
 */
export type AuthorName = { displayName: string; staffRole: StaffRole | null; memberType: string | null; memberTypeConfirmed: boolean }

export async function displayNamesFor(payload: Payload, stories: { id: number | string; consentByline?: string | null }[]): Promise<Map<string, AuthorName>> {
  const ids = stories.filter((s) => s.consentByline === 'display-name').map((s) => s.id)
  const names = new Map<string, AuthorName>()
  if (ids.length === 0) return names
  const authored = await payload.find({ collection: 'stories', where: { id: { in: ids } }, depth: 0, limit: ids.length, pagination: false, select: { author: true }, overrideAccess: true })
  const authorOf = new Map(authored.docs.map((doc) => [String(doc.id), String(doc.author)]))
  const authors = await payload.find({
    collection: 'users',
    where: { id: { in: [...new Set(authorOf.values())] } },
    depth: 0,
    limit: ids.length,
    pagination: false,
    select: { displayName: true, roles: true, isSafeguardingLead: true, memberType: true, memberTypeConfirmed: true },
    overrideAccess: true,
  })
  const nameOf = new Map<string, AuthorName>(
    authors.docs.map((user) => [
      String(user.id),
      { displayName: String(user.displayName), staffRole: staffRoleOf({ ...user, id: user.id } as never), memberType: user.memberType ?? null, memberTypeConfirmed: user.memberTypeConfirmed === true },
    ]),
  )
  for (const [storyId, authorId] of authorOf) {
    const name = nameOf.get(authorId)
    if (name) names.set(storyId, name)
  }
  return names
}

export function presentStoryCard(doc: Record<string, any>, displayNames: Map<string, AuthorName>): StoryCard {
  const locality = relation(doc.locality)
  const cover = relation(doc.coverImage)
  const coverSize = cover?.sizes?.card?.url ? cover.sizes.card : cover
  return {
    id: doc.id,
    slug: String(doc.slug),
    title: String(doc.title ?? ''),
    summary: String(doc.summary ?? ''),
    byline: bylineText(doc.consentByline as Byline, {
      displayName: displayNames.get(String(doc.id))?.displayName,
      penName: doc.consentPenName ?? undefined,
      localityName: locality?.name,
    }),
    bylineStaffRole: (() => {
      const role = shownStaffRole(doc.consentByline as BylineKind, displayNames.get(String(doc.id))?.staffRole)
      return role ? STAFF_ROLE_LABEL[role] : null
    })(),
    bylineMemberType: (() => {
      const author = displayNames.get(String(doc.id))
      return author ? memberTypeBadge(doc.consentByline as BylineKind, author.memberType, author.memberTypeConfirmed) : null
    })(),
    localityName: locality?.name ?? null,
    localitySlug: locality?.slug ?? null,
    themes: (doc.themes ?? []).map((value: string) => ({ value, label: themeLabel(value) })),
    warnings: (doc.contentWarnings ?? []).map((value: string) => ({ value, label: warningLabel(value) })),
    warningNote: String(doc.contentWarningNote ?? ''),
    characteristics: characteristicsOf(doc),
    publishedAt: doc.publishedAt ?? null,
    cover: cover && coverSize?.url ? { url: String(coverSize.url), alt: String(cover.alt ?? ''), width: coverSize.width, height: coverSize.height } : null,
  }
}

export function presentStoryPage(doc: Record<string, any>, displayNames: Map<string, AuthorName>): StoryPage {
  return { ...presentStoryCard(doc, displayNames), body: doc.body, status: doc.status, crisisHold: doc.crisisHold === true }
}

/** The story's characteristics in words; a tag shows only when it came populated (its label). */
function characteristicsOf(doc: Record<string, any>): StoryCard['characteristics'] {
  const out: StoryCard['characteristics'] = []
  if (doc.narratorType) out.push({ kind: 'narrator', label: `Told by: ${memberTypeLabel(doc.narratorType)}` })
  if (doc.recoveryStage) out.push({ kind: 'stage', label: stageLabel(doc.recoveryStage) })
  if (doc.tone) out.push({ kind: 'tone', label: toneLabel(doc.tone) })
  for (const tag of Array.isArray(doc.experienceTags) ? doc.experienceTags : []) {
    if (tag && typeof tag === 'object' && typeof tag.label === 'string') out.push({ kind: 'tag', label: tag.label })
  }
  return out
}
