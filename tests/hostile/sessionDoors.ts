// Who the server thinks a request is, asked at each of its doors (issue 14's remembered credentials):
// a public page's header, /account, REST /api/users/me and the admin's /admin. Used by
// session-changes.test.ts and session-changes-cross-process.test.ts.
//
// Every answer is reduced to one line ("visitor", `"Name" moderation=false reports=false`,
// `id=7 "Name" roles=member`, "member", "staff"), and what the server's current truth says it must be
// is reduced the same way, so that a failure shows both side by side.
import { createMember } from '../support/members.js'
import { CACHE_HEADER } from '../support/pageCache.js'
import { restToken, settle, unique, type HostileServer } from './helpers.js'
import { signIn } from './pageCacheSite.js'

/** The credentials a request carries: a browser's whole Cookie header, or a REST token sent as `Authorization: JWT ...`. */
export type Credentials = { cookie?: string; jwt?: string }

export type DoorKind = 'page' | 'account' | 'me' | 'admin'

export type Door = { name: string; path: string; kind: DoorKind; via: 'cookie' | 'jwt' }

export const DOORS = {
  home: { name: 'page / (cookie)', path: '/', kind: 'page', via: 'cookie' },
  stories: { name: 'page /stories (cookie)', path: '/stories', kind: 'page', via: 'cookie' },
  county: { name: 'page /localities/lancashire-county (cookie)', path: '/localities/lancashire-county', kind: 'page', via: 'cookie' },
  account: { name: '/account (cookie)', path: '/account', kind: 'account', via: 'cookie' },
  me: { name: 'REST /api/users/me (cookie)', path: '/api/users/me', kind: 'me', via: 'cookie' },
  admin: { name: '/admin (cookie)', path: '/admin', kind: 'admin', via: 'cookie' },
  meJwt: { name: 'REST /api/users/me (Authorization: JWT)', path: '/api/users/me', kind: 'me', via: 'jwt' },
  adminJwt: { name: '/admin (Authorization: JWT)', path: '/admin', kind: 'admin', via: 'jwt' },
} satisfies Record<string, Door>

export const COOKIE_DOORS: Door[] = [DOORS.home, DOORS.stories, DOORS.account, DOORS.me, DOORS.admin]
export const ALL_DOORS: Door[] = [...COOKIE_DOORS, DOORS.meJwt, DOORS.adminJwt]

/** The server's current truth about a person (null: nobody, a visitor). */
export type Person = { id: number | string; displayName: string; roles: string[] }

export type Seen = { door: Door; as: string; status: number; cache: string | null; body: string }

export const MEMBERS_ONLY_TEXT = 'The moderation area is for moderators only.'

const isStaff = (person: Person) => person.roles.includes('moderator') || person.roles.includes('admin')

/** What the door must answer for this person (fresh test accounts: no safeguarding lead, no reporter role). */
export function expectedAs(door: Door, person: Person | null): string {
  if (!person) return 'visitor'
  const staff = isStaff(person)
  switch (door.kind) {
    case 'page':
    case 'account':
      return `"${person.displayName}" moderation=${staff} reports=${staff}`
    case 'me':
      return `id=${person.id} "${person.displayName}" roles=${[...person.roles].sort().join(',')}`
    case 'admin':
      return staff ? 'staff' : 'member'
  }
}

const decode = (text: string) =>
  text
    .replace(/<!-- -->/g, '')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim()

/** The header's account part of a public page, as one line. */
export function headerAs(html: string): string {
  const account = html.match(/<nav aria-label="Account"[\s\S]*?<\/nav>/)?.[0]
  if (!account) return 'no account part in the header'
  const name = account.match(/<a href="\/account"[^>]*>([^<]*)/)?.[1]
  if (name === undefined) return /href="\/login(\?next=[^"]*)?"/.test(account) ? 'visitor' : 'neither signed in nor a visitor'
  const main = html.match(/<nav aria-label="Main"[\s\S]*?<\/nav>/)?.[0] ?? ''
  return `"${decode(name)}" moderation=${/href="\/admin"/.test(account)} reports=${/href="\/reports"/.test(main)}`
}

/** The headers a same-origin browser request carries, with these credentials (and `extra` on top). */
export function requestHeaders(credentials: Credentials, extra: Record<string, string> = {}): Headers {
  const headers = new Headers({ 'sec-fetch-site': 'same-origin' })
  if (credentials.cookie) headers.set('cookie', credentials.cookie)
  if (credentials.jwt) headers.set('authorization', `JWT ${credentials.jwt}`)
  for (const [name, value] of Object.entries(extra)) headers.set(name, value)
  return headers
}

/** Asks one door with the credentials, and says who the answer treats the requester as. */
export async function ask(baseUrl: string, door: Door, credentials: Credentials, extra: Record<string, string> = {}): Promise<Seen> {
  const response = await fetch(new URL(door.path, baseUrl), { redirect: 'manual', headers: requestHeaders(credentials, extra) })
  const body = await response.text()
  const status = response.status
  const cache = response.headers.get(CACHE_HEADER)
  const seen = (as: string): Seen => ({ door, as, status, cache, body })
  switch (door.kind) {
    case 'page':
      return seen(status === 200 ? headerAs(body) : `status ${status}`)
    case 'account': {
      const location = response.headers.get('location') ?? ''
      if (status >= 300 && status < 400) return seen(/^\/login(\?|$)/.test(location) ? 'visitor' : `redirected to ${location}`)
      if (status === 401 || status === 403) return seen('visitor')
      return seen(status === 200 ? headerAs(body) : `status ${status}`)
    }
    case 'me': {
      let json: any
      try {
        json = JSON.parse(body)
      } catch {
        return seen(`status ${status}, not JSON`)
      }
      const user = json?.user
      if (!user) return seen(status < 500 ? 'visitor' : `status ${status}`)
      return seen(`id=${user.id} "${user.displayName}" roles=${[...(user.roles ?? [])].sort().join(',')}`)
    }
    case 'admin':
      if (status === 403 && body.includes(MEMBERS_ONLY_TEXT)) return seen('member')
      if (status === 200 && body.includes('/admin/collections/users')) return seen('staff')
      // A visitor is shown (or sent to) the admin's login.
      if ((status === 200 && body.includes('/admin/login')) || (status >= 300 && status < 400 && (response.headers.get('location') ?? '').includes('/admin/login'))) return seen('visitor')
      return seen(`status ${status}`)
  }
}

/** One line describing a mismatch, for a failure message. */
export function describeMismatch(where: string, seen: Seen, want: string): string {
  return `${where}, ${seen.door.name}: expected ${want}, seen ${seen.as} [status ${seen.status}${seen.cache ? `, ${CACHE_HEADER}: ${seen.cache}` : ''}]`
}

/**
 * Asks every door `rounds` times with the credentials, insisting each answer is `person` (throws
 * "Arrange failed" otherwise): the credentials were accepted, repeatedly, so any memory of them is warm.
 * Returns how many page answers came from the page cache.
 */
export async function warm(baseUrl: string, doors: Door[], credentials: Record<Door['via'], Credentials>, person: Person | null, rounds = 3, where = 'before the change'): Promise<number> {
  let hits = 0
  for (let round = 0; round < rounds; round++) {
    for (const door of doors) {
      const seen = await ask(baseUrl, door, credentials[door.via])
      const want = expectedAs(door, person)
      if (seen.as !== want) throw new Error(`Arrange failed: ${describeMismatch(`${where} (round ${round + 1})`, seen, want)}`)
      if (seen.cache === 'hit') hits++
    }
  }
  return hits
}

/** `doors`, with `first` moved to the front. */
export const firstThen = (first: Door, doors: Door[]) => [first, ...doors.filter((door) => door !== first)]

/** A person signed in for a test: who the server holds them to be, and their credentials (a browser cookie and a REST token). */
export type Subject = { person: Person; credentials: Record<Door['via'], Credentials> }

export type Scenario<S extends Subject> = {
  /** Says what changed, in failure messages. */
  label: string
  doors: Door[]
  /** A fresh person, signed in. */
  arrange: () => Promise<S>
  /** Makes the change; returns the server's truth about the person afterwards (null: nobody). */
  change: (subject: S) => Promise<Person | null>
  /** The server(s) the credentials are used on before the change (each door, several times). */
  warmAt: string[]
  /** The server asked after the change. */
  askAt: string
  /** Further problems with an answer after the change (e.g. an old display name still in it). */
  extra?: (seen: Seen, before: Person, after: Person | null) => string[]
  rounds?: number
}

/**
 * For each door in turn: a fresh person is signed in and their credentials are used at every door,
 * several times (each answer must be them); the change is made; then that door is asked first (the very
 * next request with the old credentials), and the others after it. Returns every answer that was not the
 * server's current truth.
 */
export async function eachDoorFirst<S extends Subject>(scenario: Scenario<S>): Promise<string[]> {
  const problems: string[] = []
  for (const first of scenario.doors) {
    const subject = await scenario.arrange()
    let hits = 0
    for (const url of scenario.warmAt) hits += await warm(url, scenario.doors, subject.credentials, subject.person, scenario.rounds ?? 3)
    if (scenario.doors.some((door) => door.kind === 'page') && hits === 0) throw new Error(`Arrange failed: ${scenario.label}: no page came from the page cache while the credentials were used`)
    const before = subject.person
    const after = await scenario.change(subject)
    for (const [i, door] of firstThen(first, scenario.doors).entries()) {
      const seen = await ask(scenario.askAt, door, subject.credentials[door.via])
      const want = expectedAs(door, after)
      const where = `${scenario.label}, ${i === 0 ? 'the very next request' : `request ${i + 1} after the change`}`
      if (seen.as !== want) problems.push(describeMismatch(where, seen, want))
      for (const problem of scenario.extra?.(seen, before, after) ?? []) problems.push(`${where}, ${door.name}: ${problem}`)
    }
  }
  return problems
}

/**
 * The change made while requests with the old credentials are under way (`inFlight` at a time, asked at
 * `askAt`): those begun before the change was answered may answer as before, but every request begun
 * after it must be the current truth (none may leave the old person behind in the server's memory).
 * Repeated `rounds` times with a fresh person; `after` requests are made once the change is answered.
 */
export async function whileBusy<S extends Subject>(scenario: Omit<Scenario<S>, 'extra'>, load: { rounds: number; inFlight: number; after: number }): Promise<string[]> {
  const problems: string[] = []
  for (let round = 1; round <= load.rounds; round++) {
    const subject = await scenario.arrange()
    for (const url of scenario.warmAt) await warm(url, scenario.doors, subject.credentials, subject.person, scenario.rounds ?? 2)
    let changedAt = Infinity
    let startedAfter = 0
    let after: Person | null = null
    const answers: { seen: Seen; startedAt: number }[] = []
    const workers = Array.from({ length: load.inFlight }, async (_, w) => {
      for (let i = w; startedAfter < load.after; i++) {
        const door = scenario.doors[i % scenario.doors.length]!
        const startedAt = performance.now()
        if (startedAt > changedAt) startedAfter++
        answers.push({ seen: await ask(scenario.askAt, door, subject.credentials[door.via]), startedAt })
      }
    })
    await new Promise((resolve) => setTimeout(resolve, 150))
    try {
      after = await scenario.change(subject)
    } finally {
      changedAt = performance.now()
      await Promise.all(workers)
    }
    if (!answers.some((answer) => answer.startedAt <= changedAt)) throw new Error(`Arrange failed: ${scenario.label}: no request was under way before the change`)
    for (const { seen, startedAt } of answers) {
      if (startedAt <= changedAt) continue
      const want = expectedAs(seen.door, after)
      if (seen.as !== want) problems.push(describeMismatch(`${scenario.label}, round ${round}, a request begun ${Math.round(startedAt - changedAt)} ms after the change was answered`, seen, want))
    }
  }
  return problems
}

export type Signed = Subject & { client: Awaited<ReturnType<typeof signIn>> }

/** Accounts on a hostile server: the server's truth about one, and fresh ones signed in both ways. */
export function accountsOn(hostile: HostileServer) {
  /** The server's truth about an account, read from the database (null once it is gone). */
  async function truthOf(id: number | string): Promise<Person | null> {
    const found = await settle(() => hostile.payload.find({ collection: 'users', where: { id: { equals: id } }, overrideAccess: true, depth: 0, limit: 1 }))
    const doc = found.docs[0] as { id: number | string; displayName: string; roles: string[] } | undefined
    return doc ? { id: doc.id, displayName: doc.displayName, roles: doc.roles } : null
  }

  /** A fresh account with these roles, signed in through the site's form (cookie) and through REST (token). */
  async function signedInPerson(roles: ('member' | 'moderator')[], name = 'Heron'): Promise<Signed> {
    const made = await settle(() => createMember(hostile.payload, { roles, displayName: `${name} ${unique('')}` }))
    const client = await signIn(hostile.server, made.email, made.password)
    const jwt = await restToken(hostile.server, made.email, made.password)
    const person = await truthOf(made.id)
    if (!person) throw new Error('Arrange failed: the new account is not stored')
    return { person, client, credentials: { cookie: { cookie: client.cookieHeader() }, jwt: { jwt } } }
  }
  return { truthOf, signedInPerson }
}
