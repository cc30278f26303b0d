// What the REST cache's hostile tests share (issue 14, visitors' REST reads from the page cache): a REST
// read as a visitor's script sends it (no cookie, no Authorization, and no Origin unless the test adds
// one), as a signed-in person (their cookie session, or `Authorization: JWT …`), and what an answer must
// show (or not) before and after a write or a moment in time.
import sharp from 'sharp'
import { expect } from 'vitest'

import { jsonOrUndefined, WebClient } from '../support/http.js'
import { CACHE_HEADER } from '../support/pageCache.js'
import type { TestServer } from '../support/server.js'

export type RestRead = {
  path: string
  status: number
  text: string
  json: any
  /** X-Waymark-Cache: `hit`, `miss`, or null when the answer is not a cacheable one. */
  cache: string | null
  allowOrigin: string | null
}

async function toRead(path: string, response: Response): Promise<RestRead> {
  const text = await response.text()
  const json = jsonOrUndefined(text)
  return { path, status: response.status, text, json, cache: response.headers.get(CACHE_HEADER), allowOrigin: response.headers.get('access-control-allow-origin') }
}

/** A visitor's REST read: plain fetch, no cookie jar, no credentials, no Origin unless `headers` adds one. */
export async function visitorGet(server: TestServer, path: string, headers: Record<string, string> = {}): Promise<RestRead> {
  return toRead(path, await fetch(new URL(path, server.url), { headers, redirect: 'manual' }))
}

/** Reads twice as a visitor: the second answer is the one a working cache gives from memory. */
export async function visitorTwice(server: TestServer, path: string, headers: Record<string, string> = {}) {
  const first = await visitorGet(server, path, headers)
  const second = await visitorGet(server, path, headers)
  return { first, second }
}

/** A signed-in person's REST read with their cookie session (from the /login form). */
export async function cookieGet(client: WebClient, path: string): Promise<RestRead> {
  if (!client.cookies.has('payload-token')) throw new Error('Arrange failed: this client has no session cookie')
  return toRead(path, await client.get(path))
}

/** A signed-in person's REST read with `Authorization: JWT <token>` and no cookie. */
export async function jwtGet(server: TestServer, token: string, path: string): Promise<RestRead> {
  return toRead(path, await fetch(new URL(path, server.url), { headers: { authorization: `JWT ${token}` }, redirect: 'manual' }))
}

/** The ids in a REST answer: a list's docs, or the one document. */
export function idsIn(read: RestRead): string[] {
  if (!read.json || typeof read.json !== 'object') return []
  if (Array.isArray(read.json.docs)) return read.json.docs.map((d: any) => String(d?.id))
  return read.json.id != null ? [String(read.json.id)] : []
}

/** Whether the answer carries the text anywhere (any field, any depth). */
export const mentions = (read: RestRead, text: string) => read.text.includes(text) || read.text.includes(JSON.stringify(text).slice(1, -1))

/** A query-string value, encoded. */
export const q = (value: string | number) => encodeURIComponent(String(value))

/** Short description of an answer for failure messages. */
export const describeRead = (read: RestRead) => `${read.path} [${read.status}, X-Waymark-Cache: ${read.cache}] ${read.text.slice(0, 300)}`

// ---------------------------------------------------------------------------------------------
// What an answer must show, for the staleness and time tests
// ---------------------------------------------------------------------------------------------
/** What "no longer returns it" may look like for a document by id. */
export const GONE = [403, 404, 410]

export type Check = { status?: number[]; has?: string[]; lacks?: string[]; ids?: { has?: string[]; lacks?: string[] }; totalDocs?: number; fields?: Record<string, unknown> }

export const isList = (path: string) => /^\/api\/[\w-]+(\?|$)/.test(path)

type Shown = { id: string; title: string }
/** Shown: 200 with its title and id. Gone: a document 403/404/410 without the title; a list 200 without it. */
export const shown = (s: Shown, _path: string): Check => ({ has: [s.title], ids: { has: [s.id] } })
export const gone = (s: Shown, path: string): Check => (isList(path) ? { lacks: [s.title], ids: { lacks: [s.id] } } : { status: GONE, lacks: [s.title] })

/** A story's REST URLs a visitor reads: by id, and the lists that name it. */
export const storyUrls = (s: Shown, localityId: number | string) => [
  `/api/stories/${s.id}`,
  `/api/stories/${s.id}?depth=1`,
  '/api/stories?limit=1000',
  `/api/stories?where[locality][equals]=${localityId}&sort=-publishedAt&limit=1000&depth=0`,
  `/api/stories?where[title][equals]=${q(s.title)}`,
]

/** `soft`: after the write, every URL is checked and every miss reported, not only the first. */
export function check(read: RestRead, c: Check, label: string, soft = false) {
  const expectIt = soft ? expect.soft : expect
  const statuses = c.status ?? [200]
  expectIt(statuses, `${label}: status (${describeRead(read)})`).toContain(read.status)
  for (const text of c.has ?? []) expectIt(mentions(read, text), `${label}: should show "${text}" (${describeRead(read)})`).toBe(true)
  for (const text of c.lacks ?? []) expectIt(mentions(read, text), `${label}: should not show "${text}" (${describeRead(read)})`).toBe(false)
  const ids = Array.isArray(read.json?.docs) ? read.json.docs.map((d: any) => String(d.id)) : read.json?.id != null ? [String(read.json.id)] : []
  for (const id of c.ids?.has ?? []) expectIt(ids, `${label}: should list id ${id}`).toContain(id)
  for (const id of c.ids?.lacks ?? []) expectIt(ids, `${label}: should not list id ${id}`).not.toContain(id)
  if (c.totalDocs !== undefined) expectIt(read.json?.totalDocs, `${label}: totalDocs (${describeRead(read)})`).toBe(c.totalDocs)
  for (const [key, value] of Object.entries(c.fields ?? {})) expectIt(read.json?.[key], `${label}: ${key} (${describeRead(read)})`).toEqual(value)
}

/** A 200 is a cacheable answer (hit or miss); anything else must never come from the cache. */
export function expectCacheState(read: RestRead, label: string, soft = false) {
  const expectIt = soft ? expect.soft : expect
  if (read.status === 200) expectIt(['hit', 'miss'], `${label}: a visitor's 200 is a cacheable answer`).toContain(read.cache)
  else expectIt(read.cache, `${label}: a ${read.status} is never served from the cache`).not.toBe('hit')
}

export const tinyPng = () =>
  sharp({ create: { width: 32, height: 32, channels: 3, background: '#446688' } })
    .png()
    .toBuffer()
