// The order of the moderators' one queue across stories, threads, replies and flags:
// crisis first, then flagged, then oldest first.
export type QueueKind = 'stories' | 'threads' | 'replies'

export type QueueItem = {
  kind: QueueKind
  id: number | string
  title: string
  excerpt: string
  locality: string
  /** Held because it matched crisis words. */
  crisis: boolean
  /** Open member flags, an auto-hide, or a "flag" watched word. */
  flagged: boolean
  /** When it started waiting (submitted, posted or first flagged). */
  since: string
  status: string
  why: string[]
  openFlags: { id: number | string; reason: string; note: string | null }[]
  locked?: boolean
  pinned?: boolean
  /** Who wrote it (their display name), and whether their posts still wait in the post queue. */
  author?: { name: string; newcomer: boolean } | null
  /** For a reply: the thread it answers. */
  inReplyTo?: { id: number | string; title: string } | null
  /** The phrases of the watched-word entries its text matched. */
  watchedWords?: string[]
}

const PATTERN_SYNTAX = /[[\]|]|~\d/
const MAX_SHOWN = 80

/**
 * The phrases of the watched-word entries a triage matched (stored as triageMatches), each once. A
 * pattern entry ("want ~4 [die|dead|…]") reads as its note where it has one, else cut short: the
 * full alternation of the default crisis list runs to hundreds of characters.
 */
export function matchedPhrases(triageMatches: unknown): string[] {
  if (!Array.isArray(triageMatches)) return []
  const shown = triageMatches.map((m) => {
    if (!m || typeof m !== 'object') return ''
    const phrase = String((m as { phrase?: unknown }).phrase ?? '').trim()
    const note = String((m as { note?: unknown }).note ?? '').trim()
    if (!PATTERN_SYNTAX.test(phrase)) return phrase
    if (note) return note
    return phrase.length > MAX_SHOWN ? `${phrase.slice(0, MAX_SHOWN - 1)}…` : phrase
  })
  return [...new Set(shown.filter(Boolean))]
}

export function compareQueueItems(a: QueueItem, b: QueueItem): number {
  if (a.crisis !== b.crisis) return a.crisis ? -1 : 1
  if (a.flagged !== b.flagged) return a.flagged ? -1 : 1
  return a.since < b.since ? -1 : a.since > b.since ? 1 : 0
}

export const orderQueue = (items: QueueItem[]): QueueItem[] => [...items].sort(compareQueueItems)

/** What the queue's confirmation calls each decision (post actions, flag outcomes, crisis alerts). */
export const DECISION_LABELS: Record<string, string> = {
  approve: 'Approved',
  reject: 'Rejected',
  hide: 'Hidden',
  restore: 'Restored',
  remove: 'Removed',
  mark_safe: 'Marked safe',
  dismiss: 'Reviewed (no action needed)',
  lock: 'Locked',
  unlock: 'Unlocked',
  pin: 'Pinned',
  unpin: 'Unpinned',
  resolved: 'Flag resolved',
  rejected: 'Flag rejected',
  handled: 'Crisis alert marked handled',
}

/** The kinds of item a confirmation can name; anything else in the address is ignored. */
export const DECIDED_KINDS = ['threads', 'replies', 'stories', 'flags', 'crisis-alerts'] as const

/** Reads "?decided=<kind>:<id>&decision=<action>" from the queue's address after a decision. */
export function readDecided(decided: unknown, decision: unknown): { kind: (typeof DECIDED_KINDS)[number]; id: string; label: string } | null {
  if (typeof decided !== 'string' || typeof decision !== 'string') return null
  const match = /^([a-z-]+):([A-Za-z0-9-]{1,64})$/.exec(decided)
  const label = Object.hasOwn(DECISION_LABELS, decision) ? DECISION_LABELS[decision] : undefined
  if (!match || !label || !(DECIDED_KINDS as readonly string[]).includes(match[1]!)) return null
  return { kind: match[1] as (typeof DECIDED_KINDS)[number], id: match[2]!, label }
}
