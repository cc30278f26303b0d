// What a page render read, collected while it runs: the tags (collections and globals) its reads touched,
// and the earliest moment its content changes by the clock alone (a consent ending, a meeting starting).
// The database adapter notes every read here (src/db/traceForCache.ts); so does any in-memory copy that
// answers without reading the database (src/cache/localities.ts), or the page would miss its tag.
import { AsyncLocalStorage } from 'node:async_hooks'

export type RenderTrace = {
  tags: Set<string>
  /** Epoch ms after which the page may differ without any write; Infinity when nothing on it is timed. */
  changesAt: number
}

const traces = new AsyncLocalStorage<RenderTrace>()

export const collectionTag = (slug: string) => `c:${slug}`
export const globalTag = (slug: string) => `g:${slug}`
/** Invalidates everything (a restore, or a log this process could not follow). */
export const EVERYTHING = '*'

export function traceRender<T>(trace: RenderTrace, run: () => T): T {
  return traces.run(trace, run)
}

export const newTrace = (): RenderTrace => ({ tags: new Set(), changesAt: Number.POSITIVE_INFINITY })

export const isTracing = (): boolean => traces.getStore() !== undefined

export function noteRead(tag: string): void {
  traces.getStore()?.tags.add(tag)
}

/** The page shows something that changes at `at` (a Date, ISO string or epoch ms) by time alone. */
export function noteChangeAt(at: Date | string | number | null | undefined): void {
  const trace = traces.getStore()
  if (!trace || at === null || at === undefined) return
  const ms = typeof at === 'number' ? at : new Date(at).getTime()
  if (Number.isFinite(ms) && ms > Date.now() && ms < trace.changesAt) trace.changesAt = ms
}
