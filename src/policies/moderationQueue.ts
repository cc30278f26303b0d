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
}

export function compareQueueItems(a: QueueItem, b: QueueItem): number {
  if (a.crisis !== b.crisis) return a.crisis ? -1 : 1
  if (a.flagged !== b.flagged) return a.flagged ? -1 : 1
  return a.since < b.since ? -1 : a.since > b.since ? 1 : 0
}

export const orderQueue = (items: QueueItem[]): QueueItem[] => [...items].sort(compareQueueItems)
