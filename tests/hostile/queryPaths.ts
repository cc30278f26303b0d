// Everything a REST caller can name in a query, generated from the Payload config (issue 11): every
// field of every collection, and every field reached through a relationship or upload, two hops deep
// (actions → story → author → …). Nothing here is hand-listed, so a field or collection added later is
// covered the day it is added. Also: plausible values and documents for probing collections generically.
import type { Payload } from 'payload'

import { seededRandom } from '../../src/seed/scale/words.js'

type AnyField = Record<string, any>
type Config = Payload['config']

export type QueryPath = {
  collection: string
  /** The dotted path as a REST query names it, e.g. `story.author.displayName`. */
  path: string
  /** The field at the end of the path (`{ type: 'id' }` for ids). */
  field: AnyField
  /** How many relationships the path passes through (0: a field of the collection itself). */
  hops: number
}

/** Named data fields, with group/array/tab prefixes applied; rows, collapsibles and unnamed tabs/groups add none. */
export function* dataFields(fields: AnyField[], config: Config, prefix = ''): Generator<{ path: string; field: AnyField }> {
  for (const field of fields ?? []) {
    switch (field.type) {
      case 'ui':
        continue
      case 'row':
      case 'collapsible':
        yield* dataFields(field.fields, config, prefix)
        continue
      case 'tabs':
        for (const tab of field.tabs ?? []) yield* dataFields(tab.fields, config, tab.name ? `${prefix}${tab.name}.` : prefix)
        continue
      case 'group':
        yield* dataFields(field.fields, config, field.name ? `${prefix}${field.name}.` : prefix)
        continue
      case 'array':
        yield* dataFields(field.fields, config, `${prefix}${field.name}.`)
        continue
      case 'blocks': {
        yield { path: `${prefix}${field.name}.blockType`, field: { type: 'text', name: 'blockType' } }
        const blocks = [...(field.blocks ?? []), ...(field.blockReferences ?? [])].map((b: any) => (typeof b === 'string' ? (config as any).blocks?.find((x: any) => x.slug === b) : b))
        for (const block of blocks) if (block) yield* dataFields(block.fields, config, `${prefix}${field.name}.`)
        continue
      }
      default:
        if (field.name) yield { path: `${prefix}${field.name}`, field }
    }
  }
}

const isRelation = (field: AnyField) => field.type === 'relationship' || field.type === 'upload'

/** Every query path of `slug`, following single-target relationships and uploads up to `maxHops` deep. */
export function queryPaths(config: Config, slug: string, maxHops = 2): QueryPath[] {
  const out = new Map<string, QueryPath>()
  const add = (p: QueryPath) => out.has(p.path) || out.set(p.path, p)
  const expand = (target: string, prefix: string, hops: number) => {
    const collection = config.collections.find((c) => c.slug === target)
    if (!collection) return
    add({ collection: slug, path: `${prefix}id`, field: { type: 'id', name: 'id' }, hops })
    for (const { path, field } of dataFields(collection.fields as AnyField[], config)) {
      const full = `${prefix}${path}`
      add({ collection: slug, path: full, field, hops })
      if (!isRelation(field)) continue
      if (Array.isArray(field.relationTo)) {
        // Polymorphic: Payload queries `<field>.relationTo` and `<field>.value`.
        add({ collection: slug, path: `${full}.relationTo`, field: { type: 'text', name: 'relationTo' }, hops })
        add({ collection: slug, path: `${full}.value`, field: { type: 'id', name: 'value' }, hops })
      } else if (hops < maxHops) {
        expand(field.relationTo, `${full}.`, hops + 1)
      }
    }
  }
  expand(slug, '', 0)
  return [...out.values()]
}

/** A value of the right type for `equals`, so that a refusal is about the path and not the value. */
export function sampleValue(field: AnyField): string | number | boolean {
  switch (field.type) {
    case 'id':
    case 'relationship':
    case 'upload':
    case 'number':
      return 1
    case 'checkbox':
      return true
    case 'date':
      return '2020-01-01T00:00:00.000Z'
    case 'select':
    case 'radio': {
      const first = field.options?.[0]
      return String(typeof first === 'object' ? first.value : (first ?? 'x'))
    }
    case 'email':
      return 'someone@example.org'
    default:
      return 'x'
  }
}

/** Collections with a top-level `locality` relationship, whose moderators may be scoped to localities. */
export function localityScoped(config: Config): string[] {
  return config.collections.filter((c) => (c.fields as AnyField[]).some((f) => f.name === 'locality' && f.type === 'relationship' && f.relationTo === 'localities')).map((c) => c.slug)
}

/** Payload's own collections and globals (not written by us). */
export const isPayloadOwn = (slug: string) => slug.startsWith('payload-')

/** A small deterministic RNG (mulberry32), so a failing sample can be replayed from its seed. */
export const rng = (seed: number): (() => number) => seededRandom(seed)

export function sample<T>(items: T[], count: number, random: () => number): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy.slice(0, count)
}

/** Query-string encoding of a where object the way qs (and so Payload) reads it: where[a][b]=c. */
export function whereQuery(where: unknown, prefix = 'where'): string[] {
  if (where === null || typeof where !== 'object') return [`${prefix}=${encodeURIComponent(String(where))}`]
  return Object.entries(where as Record<string, unknown>).flatMap(([key, value]) => whereQuery(value, `${prefix}[${key}]`))
}

// ---------------------------------------------------------------------------------------------
// The allow-list module the fix provides (src/policies/queryAllowList.ts)
// ---------------------------------------------------------------------------------------------
export type Verdict = { ok: true } | { ok: false; status: 400; message: string }
export type AllowListModule = {
  QUERYABLE: Record<string, { filter: string[]; sort: string[] }>
  checkQuery: (collection: string, query: { where?: unknown; sort?: unknown }, viewer: unknown) => Verdict
}

/** The fix's module, or undefined while it does not exist (tests that need it then fail, saying so). */
export async function loadAllowList(): Promise<AllowListModule | undefined> {
  try {
    // A specifier in a variable, so that the type check does not fail on a module the fix has yet to write.
    const specifier = '../../src/policies/queryAllowList.js'
    return (await import(/* @vite-ignore */ specifier)) as AllowListModule
  } catch (error) {
    // Only the module itself being absent counts as "not written yet"; an error inside it is reported.
    const message = String((error as Error)?.message ?? error)
    if (/(Cannot find module|Failed to load url) '?[^' ]*policies\/queryAllowList\.js/i.test(message)) return undefined
    throw error
  }
}

/**
 * Whether `path` is declared for non-staff in `list`: 'yes' (listed), 'alias' (the id of a listed
 * relationship, e.g. `locality.id` when `locality` is listed: the same question, so the tests neither
 * demand nor forbid it), or 'no'.
 */
export function declaredAs(list: readonly string[] | undefined, path: string): 'yes' | 'alias' | 'no' {
  if (!list) return 'no'
  if (list.includes(path)) return 'yes'
  const base = path.replace(/\.(id|value)$/, '')
  return base !== path && list.includes(base) ? 'alias' : 'no'
}
