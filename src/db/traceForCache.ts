// The page cache learns what a page depends on, and what a write changes, here at the database adapter,
// where every door meets: the public site, REST, the admin, jobs, seeds and the CLI. A read notes its
// collection on the render in progress; a write invalidates its collection once it is committed (inside a
// transaction: at the commit, never before it, and not at all on a rollback). Invalidation happens before
// the write's caller gets its answer, so a request sent after that answer never meets the old page.
import type { BaseDatabaseAdapter } from 'payload'

import { invalidateTags } from '../cache/invalidation.js'
import { collectionTag, globalTag, isTracing, noteChangeAt, noteRead } from '../cache/renderTrace.js'
import { relatedReadTags, type FieldShape, type FieldsOf } from '../cache/queryTags.js'
import { TIMED_FIELDS } from '../cache/timedFields.js'

type Args = Record<string, any> | undefined
type AnyFn = (...args: any[]) => Promise<any>

const COLLECTION_READS = ['find', 'findOne', 'count', 'queryDrafts', 'findVersions', 'countVersions', 'findDistinct'] as const
const GLOBAL_READS = { findGlobal: 'slug', findGlobalVersions: 'global', countGlobalVersions: 'global' } as const
const COLLECTION_WRITES = ['create', 'deleteMany', 'deleteOne', 'deleteVersions', 'updateMany', 'updateOne', 'updateVersion', 'upsert'] as const
const GLOBAL_WRITES = { createGlobal: 'slug', updateGlobal: 'slug', createGlobalVersion: 'globalSlug', updateGlobalVersion: 'global' } as const

const transactionOf = async (args: Args): Promise<string | number | null> => {
  const id = args?.req?.transactionID
  const resolved = id instanceof Promise ? await id : id
  return resolved === undefined || resolved === null ? null : resolved
}

/**
 * While a page renders, a read of a collection with timed fields also fetches those fields (even when the
 * query selects only a few others) and notes when each is next reached, so the page expires then.
 */
function noteTimedFields(db: Record<string, AnyFn>, adapter: unknown, name: string): void {
  const read = db[name]
  if (typeof read !== 'function') return
  const bound = read.bind(adapter)
  db[name] = async (args: Args, ...rest: unknown[]) => {
    const fields = args?.collection ? TIMED_FIELDS[args.collection] : undefined
    if (!fields || !isTracing()) return bound(args, ...rest)
    const select = args!.select as Record<string, unknown> | undefined
    const selectsOnly = select && Object.values(select).some((value) => value === true)
    const widened = selectsOnly ? { ...args, select: { ...select, ...Object.fromEntries(fields.map((field) => [field, true])) } } : args
    const result = await bound(widened, ...rest)
    const docs: Record<string, unknown>[] = Array.isArray(result?.docs) ? result.docs : result && typeof result === 'object' ? [result] : []
    for (const doc of docs) for (const field of fields) noteChangeAt(doc?.[field] as string | undefined)
    return result
  }
}

export function traceForCache<T extends BaseDatabaseAdapter>(adapter: T): T {
  const db = adapter as unknown as Record<string, AnyFn>
  /** Tags written inside each open transaction, published at its commit. */
  const pending = new Map<string | number, Set<string>>()

  const fieldsOf: FieldsOf = (slug) =>
    (adapter as unknown as { payload?: { collections?: Record<string, { config: { flattenedFields: FieldShape[] } }> } }).payload?.collections?.[slug]?.config.flattenedFields
  const wrapRead = (name: string, tagOf: (args: Args) => string | undefined, related?: (args: Args) => Iterable<string>) => {
    const read = db[name]
    if (typeof read !== 'function') return
    const bound = read.bind(adapter)
    db[name] = (args: Args, ...rest: unknown[]) => {
      if (isTracing()) {
        const tag = tagOf(args)
        if (tag) noteRead(tag)
        for (const other of related?.(args) ?? []) noteRead(other)
      }
      return bound(args, ...rest)
    }
  }
  const wrapWrite = (name: string, tagOf: (args: Args) => string | undefined) => {
    const write = db[name]
    if (typeof write !== 'function') return
    const bound = write.bind(adapter)
    db[name] = async (args: Args, ...rest: unknown[]) => {
      const tag = tagOf(args)
      const transaction = tag ? await transactionOf(args) : null
      if (tag && transaction !== null) {
        const tags = pending.get(transaction) ?? new Set<string>()
        tags.add(tag)
        pending.set(transaction, tags)
        return bound(args, ...rest)
      }
      try {
        return await bound(args, ...rest)
      } finally {
        // Even a failed lone write may have changed something on some adapter: forgetting costs one render.
        if (tag) await invalidateTags([tag])
      }
    }
  }

  for (const name of ['find', 'findOne', 'queryDrafts'] as const) noteTimedFields(db, adapter, name)
  // A read also depends on every collection its where and sort reach through relationships (src/cache/queryTags.ts).
  for (const name of COLLECTION_READS)
    wrapRead(
      name,
      (args) => args?.collection && collectionTag(args.collection),
      (args) => (args?.collection ? relatedReadTags(fieldsOf, args.collection, args) : []),
    )
  for (const [name, key] of Object.entries(GLOBAL_READS)) wrapRead(name, (args) => args?.[key] && globalTag(args[key]))
  for (const name of COLLECTION_WRITES) wrapWrite(name, (args) => args?.collection && collectionTag(args.collection))
  wrapWrite('createVersion', (args) => args?.collectionSlug && collectionTag(args.collectionSlug))
  wrapWrite('updateJobs', () => collectionTag('payload-jobs'))
  for (const [name, key] of Object.entries(GLOBAL_WRITES)) wrapWrite(name, (args) => args?.[key] && globalTag(args[key]))

  const commit = db.commitTransaction!.bind(adapter)
  db.commitTransaction = async (incoming: unknown) => {
    const id = (incoming instanceof Promise ? await incoming : incoming) as string | number
    const tags = pending.get(id)
    pending.delete(id)
    try {
      return await commit(id)
    } finally {
      // A commit that fails may still have landed (SQLite reports some failures after the fact).
      if (tags) await invalidateTags(tags)
    }
  }
  const rollback = db.rollbackTransaction!.bind(adapter)
  db.rollbackTransaction = async (incoming: unknown) => {
    const id = (incoming instanceof Promise ? await incoming : incoming) as string | number
    pending.delete(id)
    return rollback(id)
  }
  return adapter
}
