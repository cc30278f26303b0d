// The query surface for requests from outside (REST), closed by default. Each collection declares the
// fields that people who are not staff may filter and sort on; everything else, and every path through
// a relationship (a dot) that is not declared, is refused with 400. A guard that lists what is forbidden
// misses relationship paths, and an anonymous author was unmasked that way.
//
// Staff (unscoped moderators, admins) query freely, except that no query may be malformed. Moderators
// scoped to localities are held to their localities in queries too: a query of theirs that names an
// undeclared field is narrowed to their localities (so it can ask nothing about another one), and an
// undeclared relationship path is refused, as for everyone. Safeguarding leads who are not moderators
// query their own work (crisis alerts, private lines) freely and everything else as members do.
import { isAdmin, isModerator, type Actor } from './roles.js'
import { isSafeguardingLead } from './safeguarding.js'

export type QueryableFields = {
  filter: readonly string[]
  sort: readonly string[]
  /** The field holding the owner: a member may ask for their own records (`owner equals <their id>`). */
  owner?: string
  /** Leads read every record of it (their own work): they may filter and sort it by any of its fields. */
  leadsWork?: boolean
}

const NONE: QueryableFields = { filter: [], sort: [] }

/**
 * What non-staff may ask each collection. A collection not listed here accepts no filter and no sort.
 * Only fields that every record a person may read shows them in full (a title, a body) may be declared:
 * a filter on those tells nobody anything they could not read.
 */
export const QUERYABLE: Record<string, QueryableFields> = {
  stories: { filter: ['id', 'slug', 'title', 'summary', 'locality', 'themes', 'contentWarnings', 'publishedAt'], sort: ['publishedAt', 'title'], owner: 'author' },
  threads: { filter: ['id', 'title', 'body', 'locality', 'pinned', 'lastActivityAt', 'createdAt'], sort: ['lastActivityAt', 'createdAt', 'pinned'], owner: 'author' },
  replies: { filter: ['id', 'thread', 'body', 'locality', 'createdAt'], sort: ['createdAt'], owner: 'author' },
  localities: { filter: ['id', 'slug', 'name', 'isCountyWide'], sort: ['name'] },
  meetings: { filter: ['id', 'title', 'locality', 'status', 'startsAt'], sort: ['startsAt'] },
  actions: { filter: ['id', 'description', 'meeting', 'locality', 'status', 'raisedOn'], sort: ['raisedOn', 'targetDate'] },
  media: { filter: ['id'], sort: ['createdAt'], owner: 'uploader' },
  consents: { filter: ['id', 'story', 'version'], sort: ['version'], owner: 'author' },
  flags: { filter: ['id', 'targetCollection', 'targetId', 'status'], sort: ['createdAt'], owner: 'flagger' },
  'crisis-services': { filter: ['id', 'locality'], sort: ['order', 'name'] },
  'directory-kinds': { filter: ['id', 'slug', 'name', 'group'], sort: ['order', 'name'] },
  // Public fields of approved entries (a member also reads their own suggestions whole: `suggestedBy equals <me>`).
  'directory-entries': { filter: ['id', 'name', 'kind', 'locality', 'postcode', 'accessibility', 'checkedOn'], sort: ['name', 'checkedOn'], owner: 'suggestedBy' },
  'volunteer-opportunities': { filter: ['id', 'title', 'kind', 'locality', 'open'], sort: ['title'] },
  // Private to the member and the coordinators of its locality: only the member's own (member equals them) and by id.
  'volunteer-interests': { filter: ['id'], sort: ['createdAt'], owner: 'member' },
  'crisis-alerts': { filter: [], sort: [], leadsWork: true },
  conversations: { filter: ['id'], sort: ['lastMessageAt'], owner: 'member', leadsWork: true },
  messages: { filter: ['id', 'conversation', 'body'], sort: ['createdAt'], owner: 'member', leadsWork: true },
  notifications: { filter: ['id'], sort: ['createdAt'], owner: 'recipient' },
  'thread-reads': { filter: ['id'], sort: [], owner: 'member' },
  'story-tags': { filter: ['id', 'slug', 'label'], sort: ['label'] },
  'reading-records': { filter: ['id'], sort: [], owner: 'member' },
  users: { filter: ['id'], sort: [] },
  'moderation-events': { filter: ['id', 'targetCollection', 'targetId'], sort: ['at'] },
}

/** The operators anyone may use; geometry and unknown operators are refused for everyone. */
export const OPERATORS = ['equals', 'not_equals', 'in', 'not_in', 'all', 'exists', 'like', 'contains', 'greater_than', 'greater_than_equal', 'less_than', 'less_than_equal'] as const
const OPERATOR_SET = new Set<string>(OPERATORS)

export const QUERY_LIMITS = { maxNesting: 6, maxClauses: 50, maxValueLength: 500, maxListLength: 1000 }

export type QueryViewer = 'unrestricted' | 'scoped-moderator' | 'lead' | 'public'

/** Who is asking, for queries: admins and unscoped moderators are unrestricted. */
export function queryViewerOf(actor: Actor): QueryViewer {
  if (isAdmin(actor)) return 'unrestricted'
  if (isModerator(actor)) return (actor?.moderatorLocalities ?? []).length === 0 ? 'unrestricted' : 'scoped-moderator'
  if (isSafeguardingLead(actor)) return 'lead'
  return 'public'
}

/** `narrowToLocalities`: the query may run only within the asker's own localities (the hook adds that). */
export type QueryCheck = { ok: true; narrowToLocalities?: boolean } | { ok: false; status: 400; message: string }

const refuse = (message: string): QueryCheck => ({ ok: false, status: 400, message })
const OK: QueryCheck = { ok: true }

const isPlainObject = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value)

/** A value a comparison may take: a short string, a number, a boolean, null, or a short list of those. */
function badValue(operator: string, value: unknown): string | null {
  const scalar = (v: unknown) => v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= QUERY_LIMITS.maxValueLength)
  if (operator === 'in' || operator === 'not_in' || operator === 'all') {
    const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value]
    if (list.length > QUERY_LIMITS.maxListLength) return `A list in a query may hold at most ${QUERY_LIMITS.maxListLength} values.`
    return list.every(scalar) ? null : 'A value in a query list is too long or not a plain value.'
  }
  return scalar(value) ? null : 'A value in the query is too long or not a plain value.'
}

/** Every field path a `where` names, checked for shape on the way. */
function pathsOf(where: unknown, depth: number, out: string[], clauses = { count: 0 }): string | null {
  if (!isPlainObject(where)) return 'The query (where) must be made of fields and operators.'
  if (depth > QUERY_LIMITS.maxNesting) return 'The query nests "and" and "or" too deeply.'
  for (const [key, value] of Object.entries(where)) {
    if (++clauses.count > QUERY_LIMITS.maxClauses) return 'The query has too many conditions.'
    if (key === 'and' || key === 'or') {
      const list = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : null
      if (!list) return `"${key}" must be a list of conditions.`
      for (const clause of list) {
        const problem = pathsOf(clause, depth + 1, out, clauses)
        if (problem) return problem
      }
      continue
    }
    if (!/^[A-Za-z0-9_.]{1,120}$/.test(key)) return 'A field in the query has characters a field name cannot have.'
    if (!isPlainObject(value)) return `The condition on "${key}" must name an operator, such as equals.`
    const operators = Object.keys(value)
    if (operators.length !== 1) return `Give one operator for "${key}" in each condition.`
    const operator = operators[0]!
    if (!OPERATOR_SET.has(operator)) return `"${operator}" is not an operator this site accepts.`
    const problem = badValue(operator, value[operator])
    if (problem) return problem
    out.push(key)
  }
  return null
}

const sortPaths = (sort: unknown): string[] | null => {
  if (sort === undefined || sort === null || sort === '') return []
  const list = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : null
  if (!list || !list.every((s) => typeof s === 'string' && /^-?[A-Za-z0-9_.]{1,120}$/.test(s.trim()))) return null
  return list.map((s) => (s as string).trim().replace(/^-/, ''))
}

/** `author equals <my id>` and nothing else about the owner: "my own records". */
const isOwnCondition = (owner: string | undefined, viewerId: string | null) => (path: string, value: unknown) =>
  Boolean(owner && viewerId !== null && path === owner && isPlainObject(value) && Object.keys(value).length === 1 && String(value.equals) === viewerId)

/**
 * The localities a where is limited to, from `locality` conditions at its top level or in a top-level
 * "and" (an "or" limits nothing): null when it names none.
 */
function localitiesNamed(where: unknown): string[] | null {
  if (!isPlainObject(where)) return null
  const named: string[][] = []
  const visit = (clause: unknown) => {
    if (!isPlainObject(clause)) return
    for (const [key, value] of Object.entries(clause)) {
      if (key === 'and') for (const inner of Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : []) visit(inner)
      else if ((key === 'locality' || key === 'locality.id') && isPlainObject(value)) {
        if ('equals' in value) named.push([String(value.equals)])
        else if ('in' in value) named.push((Array.isArray(value.in) ? value.in : String(value.in).split(',')).map(String))
        else named.push(['*']) // any other operator on locality limits nothing we can check
      }
    }
  }
  visit(where)
  return named.length === 0 ? null : named.flat()
}

/** Finds the condition object for a path (the first one), so the owner rule can look at its value. */
function conditionsFor(where: unknown, path: string, out: unknown[] = []): unknown[] {
  if (!isPlainObject(where)) return out
  for (const [key, value] of Object.entries(where)) {
    if (key === 'and' || key === 'or') for (const clause of Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : []) conditionsFor(clause, path, out)
    else if (key === path) out.push(value)
  }
  return out
}

/**
 * Is this query allowed, for this collection and this person (their user record, or null for a visitor)? Shape first, for everyone (never a 500 from a
 * malformed query), then the allow-list for whoever is not unrestricted staff.
 */
export function checkQuery(collection: string, query: { where?: unknown; sort?: unknown }, actor: Actor): QueryCheck {
  const viewer = { kind: queryViewerOf(actor), id: actor ? String(actor.id) : null }
  const paths: string[] = []
  if (query.where !== undefined && query.where !== null && query.where !== '') {
    const problem = pathsOf(query.where, 0, paths)
    if (problem) return refuse(problem)
  }
  const sorts = sortPaths(query.sort)
  if (sorts === null) return refuse('Sort by a field name, or by -name for the other way.')
  if (viewer.kind === 'unrestricted') return OK

  const declared = QUERYABLE[collection] ?? NONE
  const own = isOwnCondition(declared.owner, viewer.id)
  // A scoped moderator's question about another locality is refused outright; one that names no locality
  // is narrowed to theirs.
  const scope = new Set(((actor?.moderatorLocalities ?? []) as unknown[]).map((l) => String(l && typeof l === 'object' ? (l as { id: unknown }).id : l)))
  const named = viewer.kind === 'scoped-moderator' ? localitiesNamed(query.where) : null
  const outsideScope = named !== null && named.some((id) => !scope.has(id))
  // Undeclared fields of the collection itself (never a path into another): a scoped moderator's query is
  // narrowed to their localities; a lead may use them on their own work.
  const staffField = (path: string) => !path.includes('.') && (viewer.kind === 'scoped-moderator' || (viewer.kind === 'lead' && declared.leadsWork === true))
  let narrow = false
  for (const path of paths) {
    if (declared.filter.includes(path)) continue
    if (conditionsFor(query.where, path).every((value) => own(path, value))) continue
    if (staffField(path) && !outsideScope) {
      narrow ||= viewer.kind === 'scoped-moderator' && named === null
      continue
    }
    return refuse(`You cannot filter ${collection} by "${path}".`)
  }
  for (const path of sorts) {
    if (declared.sort.includes(path)) continue
    if (staffField(path) && !outsideScope) {
      narrow ||= viewer.kind === 'scoped-moderator' && named === null
      continue
    }
    return refuse(`You cannot sort ${collection} by "${path}".`)
  }
  return narrow ? { ok: true, narrowToLocalities: true } : OK
}

/** Query parameters a REST read may carry; anything else is refused for people who are not staff. */
export const REST_QUERY_PARAMETERS = ['where', 'sort', 'select', 'populate', 'depth', 'joins', 'limit', 'page'] as const
export const REST_LIMITS = { maxLimit: 1000, maxPage: 100_000, maxDepth: 3 }

/** The parameters of a REST read by someone who is not staff: only known ones, in range. */
export function checkRestParameters(params: Record<string, unknown>): QueryCheck {
  for (const [key, value] of Object.entries(params)) {
    if (!(REST_QUERY_PARAMETERS as readonly string[]).includes(key)) return refuse(`"${key}" is not a parameter this site accepts.`)
    const number = (max: number, min: number) => typeof value === 'string' && /^\d{1,7}$/.test(value) && Number(value) >= min && Number(value) <= max
    if (key === 'limit' && !number(REST_LIMITS.maxLimit, 1)) return refuse(`limit must be a whole number from 1 to ${REST_LIMITS.maxLimit}.`)
    if (key === 'page' && !number(REST_LIMITS.maxPage, 1)) return refuse('page must be a whole number from 1.')
    if (key === 'depth' && !number(REST_LIMITS.maxDepth, 0)) return refuse(`depth must be a whole number from 0 to ${REST_LIMITS.maxDepth}.`)
    if (key === 'joins' && value !== 'false' && value !== undefined) return refuse('Joins are not open to queries from outside.')
  }
  return OK
}
