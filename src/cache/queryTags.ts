// The collections a read depends on beyond its own: a where or sort path through a relationship
// (`locality.forumVisibility`, `thread.status`) is answered by joining the related collection in the same
// query, so a write there can change the answer too. Read access adds such paths (a visitor sees a thread
// only while its forum is public), which is how a hidden thread could otherwise live on in a cached answer.
import { collectionTag } from './renderTrace.js'

/** The part of a Payload field this needs: its name, and where a relationship or a nested group leads. */
export type FieldShape = {
  name?: string
  type: string
  relationTo?: string | string[]
  collection?: string | string[]
  flattenedFields?: readonly FieldShape[]
}
export type FieldsOf = (collection: string) => readonly FieldShape[] | undefined

const targetsOf = (field: FieldShape): string[] => {
  const to = field.type === 'join' ? field.collection : field.relationTo
  return to === undefined ? [] : Array.isArray(to) ? to : [to]
}

/** Tags of every collection a dotted path passes through after the first (the queried one is noted already). */
export function tagsOfPath(fieldsOf: FieldsOf, collection: string, path: string, into: Set<string>): void {
  let fields = fieldsOf(collection)
  const segments = path.replace(/^-/, '').split('.')
  // Reads of versions and drafts address the document's fields under `version.`.
  if (segments[0] === 'version' && !fields?.some((candidate) => candidate.name === 'version')) segments.shift()
  for (const [at, segment] of segments.entries()) {
    const field = fields?.find((candidate) => candidate.name === segment)
    if (!field) return
    const targets = targetsOf(field)
    // A relationship compared by its id is this collection's own column; only a path into it reads the other.
    if (targets.length > 0 && at < segments.length - 1) {
      for (const target of targets) into.add(collectionTag(target))
      // Past a polymorphic relationship the next segment is `value` or `relationTo`: each target is noted already.
      fields = targets.length === 1 ? fieldsOf(targets[0]!) : undefined
    } else {
      fields = field.flattenedFields
    }
  }
}

function walkWhere(where: unknown, visit: (path: string) => void): void {
  if (!where || typeof where !== 'object') return
  for (const [key, value] of Object.entries(where as Record<string, unknown>)) {
    if ((key === 'and' || key === 'or') && Array.isArray(value)) for (const inner of value) walkWhere(inner, visit)
    else visit(key)
  }
}

/** The other collections a read's where, sort and joins reach, as cache tags. */
export function relatedReadTags(fieldsOf: FieldsOf, collection: string, args: { where?: unknown; sort?: unknown; joins?: unknown }): Set<string> {
  const tags = new Set<string>()
  const visit = (path: string) => tagsOfPath(fieldsOf, collection, path, tags)
  walkWhere(args.where, visit)
  const sort = args.sort
  for (const path of Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : []) if (typeof path === 'string') visit(path.trim())
  // Join fields bring the other collection's documents into this answer.
  if (args.joins !== false) for (const field of fieldsOf(collection) ?? []) if (field.type === 'join') for (const target of targetsOf(field)) tags.add(collectionTag(target))
  return tags
}
