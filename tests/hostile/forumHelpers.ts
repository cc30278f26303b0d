// Shared arrangement and inspection tools for the forum hostile tests (issue 4). Posts are made over
// REST by real members (so the server decides status, author and locality, exactly as in production);
// the database is read through the Local API only to prove what was or was not stored.
import fs from 'node:fs'
import path from 'node:path'
import { simpleParser } from 'mailparser'

import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { restToken, settle, unique, type HostileServer } from './helpers.js'

export type Member = Awaited<ReturnType<typeof createMember>>
export type Who = { email: string; password: string }
export type ApiResult = { status: number; text: string; json: any; headers: Headers }
export type Posted = { id: number | string; titleMarker: string; bodyMarker: string; markers: string[] }
export type Mail = { file: string; to: string[]; text: string }

export const BANNER = 'Awaiting review: usually within 24 hours. Only you and the moderators can see it.'
export const LOCALITIES = ['lancashire-north', 'lancashire-central', 'lancashire-east', 'lancashire-county'] as const

/** The Local API without the generated collection types (the forum collections may be newer than them). */
export const db = (forum: HostileServer) => forum.payload as any

export function tryJson(text: string): any {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Visible text of an HTML page: tags removed, common entities decoded, whitespace collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
}

/** Every object in a JSON tree. */
export function* objectsIn(value: any): Generator<Record<string, any>> {
  if (Array.isArray(value)) for (const v of value) yield* objectsIn(v)
  else if (value && typeof value === 'object') {
    yield value
    for (const v of Object.values(value)) yield* objectsIn(v)
  }
}

export const idOf = (ref: any) => (ref == null ? undefined : typeof ref === 'object' ? ref.id : ref)
export const sameId = (a: any, b: any) => a != null && b != null && String(idOf(a)) === String(idOf(b))

/** Ids of the docs in a REST list answer (empty when the answer is not a 200 list). */
export function docIds(result: ApiResult): string[] {
  return result.status === 200 && Array.isArray(result.json?.docs) ? result.json.docs.map((d: any) => String(d?.id)) : []
}

export async function localityIds(forum: HostileServer): Promise<Record<string, number | string>> {
  const found = await db(forum).find({ collection: 'localities', overrideAccess: true, limit: 100, depth: 0 })
  const ids: Record<string, number | string> = {}
  for (const doc of found.docs) ids[doc.slug] = doc.id
  for (const slug of LOCALITIES) if (ids[slug] == null) throw new Error(`Arrange failed: no seeded locality ${slug}`)
  return ids
}

/** A verified member; `established` members have 3 approved posts, so they are not pre-moderated. */
export async function makeMember(forum: HostileServer, options: { established?: boolean; roles?: ('member' | 'moderator' | 'admin')[]; name?: string } = {}): Promise<Member> {
  const displayName = `${options.name ?? 'Fm'} ${unique('n')}`.slice(0, 40)
  const member = await settle(() => createMember(forum.payload, { roles: options.roles, displayName }))
  await settle(() => db(forum).update({ collection: 'users', id: member.id, data: { approvedPostCount: options.established ? 3 : 0 }, overrideAccess: true }))
  return member
}

export const seededModerator = (forum: HostileServer): Who => ({ email: 'moderator@waymark.example', password: forum.server.seedPassword })
export const seededAdmin = (forum: HostileServer): Who => ({ email: 'admin@waymark.example', password: forum.server.seedPassword })

const tokens = new Map<string, string>()
export async function tokenFor(forum: HostileServer, who: Who): Promise<string> {
  const key = `${forum.server.url} ${who.email}`
  if (!tokens.has(key)) tokens.set(key, await restToken(forum.server, who.email, who.password))
  return tokens.get(key)!
}

/** A REST call as `who` (JWT header), or as a visitor when `who` is null. */
export async function api(forum: HostileServer, who: Who | null, method: string, urlPath: string, body?: unknown): Promise<ApiResult> {
  const headers: Record<string, string> = who ? { authorization: `JWT ${await tokenFor(forum, who)}` } : {}
  const response = await new WebClient(forum.server.url).json(method, urlPath, body, { headers })
  const text = await response.text()
  return { status: response.status, text, json: tryJson(text), headers: response.headers }
}

export async function getPage(client: WebClient, urlPath: string): Promise<{ status: number; html: string }> {
  const response = await client.get(urlPath)
  return { status: response.status, html: await response.text() }
}

function markersFor(prefix: string) {
  const titleMarker = unique(`${prefix}t`)
  const bodyMarker = unique(`${prefix}b`)
  return { titleMarker, bodyMarker }
}

/** Starts a thread through REST as `who`; throws unless the server answers 201. */
export async function newThread(forum: HostileServer, who: Who, locality: number | string, extra: Record<string, unknown> = {}): Promise<Posted> {
  const { titleMarker, bodyMarker } = markersFor('th')
  const result = await api(forum, who, 'POST', '/api/threads', {
    locality,
    title: `Thread ${titleMarker}`,
    body: `A few words about ${bodyMarker} and the week.`,
    ...extra,
  })
  const id = result.json?.doc?.id
  if (result.status !== 201 || id == null) throw new Error(`Arrange failed: POST /api/threads gave ${result.status}: ${result.text.slice(0, 300)}`)
  return { id, titleMarker, bodyMarker, markers: [titleMarker, bodyMarker] }
}

/** Replies through REST as `who`; throws unless the server answers 201. */
export async function newReply(forum: HostileServer, who: Who, thread: number | string, extra: Record<string, unknown> = {}): Promise<Posted> {
  const { titleMarker, bodyMarker } = markersFor('re')
  const result = await api(forum, who, 'POST', '/api/replies', { thread, body: `Thanks, ${bodyMarker} helped me too.`, ...extra })
  const id = result.json?.doc?.id
  if (result.status !== 201 || id == null) throw new Error(`Arrange failed: POST /api/replies gave ${result.status}: ${result.text.slice(0, 300)}`)
  return { id, titleMarker, bodyMarker, markers: [bodyMarker] }
}

/** The stored document (everything, access ignored), or undefined if there is none. */
export async function stored(forum: HostileServer, collection: string, id: number | string): Promise<Record<string, any> | undefined> {
  const found = await db(forum).find({ collection, where: { id: { equals: id } }, overrideAccess: true, depth: 0, limit: 1 })
  return found.docs[0]
}

export async function countStored(forum: HostileServer, collection: string, where: Record<string, unknown>): Promise<number> {
  return (await db(forum).count({ collection, where, overrideAccess: true })).totalDocs
}

export function moderate(forum: HostileServer, who: Who, collection: 'threads' | 'replies', id: number | string, action: string, extra: Record<string, unknown> = {}) {
  return api(forum, who, 'POST', `/api/${collection}/${id}/moderate`, { action, ...extra })
}

/** Arrangement: the seeded (unscoped) moderator applies `action`; the stored status must become `status`. */
export async function arrangeModeration(forum: HostileServer, collection: 'threads' | 'replies', id: number | string, action: string, status: string, extra: Record<string, unknown> = {}) {
  const result = await moderate(forum, seededModerator(forum), collection, id, action, extra)
  const doc = await stored(forum, collection, id)
  if (result.status !== 200 || doc?.status !== status) {
    throw new Error(`Arrange failed: ${action} on ${collection}/${id} gave ${result.status} and status ${doc?.status}: ${result.text.slice(0, 300)}`)
  }
}

export async function expectStatus(forum: HostileServer, collection: string, id: number | string, status: string) {
  const doc = await stored(forum, collection, id)
  if (doc?.status !== status) throw new Error(`Arrange failed: ${collection}/${id} is ${doc?.status}, expected ${status}`)
}

const SETTINGS = 'moderation-settings'

export async function readSettings(forum: HostileServer): Promise<Record<string, any>> {
  return db(forum).findGlobal({ slug: SETTINGS, overrideAccess: true, depth: 0 })
}

export async function updateSettings(forum: HostileServer, data: Record<string, unknown>) {
  await settle(() => db(forum).updateGlobal({ slug: SETTINGS, data, overrideAccess: true }))
}

/** Runs `run` with some settings changed, then puts the previous values back. */
export async function withSettings<T>(forum: HostileServer, patch: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
  const before = await readSettings(forum)
  const saved = Object.fromEntries(Object.keys(patch).map((k) => [k, before[k]]))
  await updateSettings(forum, patch)
  try {
    return await run()
  } finally {
    await updateSettings(forum, saved)
  }
}

/** Posting limits that do not get in the way of arranging fixtures (for files that do not test them). */
export const RELAXED_LIMITS = {
  newMemberPostIntervalSeconds: 0,
  memberPostIntervalSeconds: 0,
  newMemberMaxThreadsPerDay: 1000,
  newMemberMaxRepliesPerDay: 1000,
}

// ---------------------------------------------------------------------------------------------
// Emails (the server writes <dataDir>/outbox/*.eml when it has no SMTP server)
// ---------------------------------------------------------------------------------------------
const parsedMail = new Map<string, Mail>()

export async function readOutbox(forum: HostileServer): Promise<Mail[]> {
  const outbox = path.join(forum.server.dataDir, 'outbox')
  const files = fs.existsSync(outbox)
    ? fs
        .readdirSync(outbox)
        .filter((f) => f.endsWith('.eml'))
        .sort()
    : []
  const mails: Mail[] = []
  for (const file of files) {
    const full = path.join(outbox, file)
    if (!parsedMail.has(full)) {
      const parsed = await simpleParser(fs.readFileSync(full))
      const groups = [parsed.to, parsed.cc, parsed.bcc].flatMap((g) => (Array.isArray(g) ? g : g ? [g] : []))
      const to = groups.flatMap((g) => g.value.map((v) => (v.address ?? '').toLowerCase()))
      const html = typeof parsed.html === 'string' ? parsed.html : ''
      parsedMail.set(full, { file, to, text: `${parsed.subject ?? ''}\n${parsed.text ?? ''}\n${html}` })
    }
    mails.push(parsedMail.get(full)!)
  }
  return mails
}

export const mailsTo = (mails: Mail[], email: string) => mails.filter((m) => m.to.includes(email.toLowerCase()))

/** Lets the server's job queue work through what is due now (bounded). */
export async function drainJobs(forum: HostileServer, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const open = await db(forum).find({ collection: 'payload-jobs', overrideAccess: true, limit: 10_000, depth: 0 })
    const due = (open.docs as any[]).filter((j) => !j.completedAt && !j.hasError && (!j.waitUntil || new Date(j.waitUntil).getTime() <= Date.now()))
    if (due.length === 0 || Date.now() > deadline) return
    await new Promise((r) => setTimeout(r, 500))
  }
}

/** Waits until some email matches (or the time is up). */
export async function waitForMail(forum: HostileServer, predicate: (mail: Mail) => boolean, timeoutMs = 60_000): Promise<Mail | undefined> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = (await readOutbox(forum)).find(predicate)
    if (found || Date.now() > deadline) return found
    await new Promise((r) => setTimeout(r, 500))
  }
}

/** Emails of every moderator and admin (who may see everything). */
export async function moderatorEmails(forum: HostileServer): Promise<Set<string>> {
  const found = await db(forum).find({ collection: 'users', overrideAccess: true, limit: 10_000, depth: 0 })
  return new Set((found.docs as any[]).filter((u) => (u.roles ?? []).some((r: string) => r === 'moderator' || r === 'admin')).map((u) => String(u.email).toLowerCase()))
}
