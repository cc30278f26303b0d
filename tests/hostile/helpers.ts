// Shared helpers for the hostile (attacker's-view) tests. Everything here talks to the real server
// over HTTP, or reads the database through the Local API to prove what was (not) stored.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { Payload } from 'payload'
import { afterAll, beforeAll } from 'vitest'

import { WebClient } from '../support/http.js'
import { bootPayload, settle as settleWrites } from '../support/payload.js'
import { startTestServer, type TestServer, type TestServerOptions } from '../support/server.js'

export const EVIL_ORIGIN = 'https://evil.example'

/** Anything that looks like an email address. */
export const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g

export function emailsIn(text: string): string[] {
  return [...new Set((text.match(EMAIL_RE) ?? []).map((e) => e.toLowerCase()))]
}

export function unique(prefix = 'h'): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`
}

/** Signs in through the public /login form and insists it worked (303). */
export async function signedIn(server: TestServer, email: string, password: string): Promise<WebClient> {
  const client = new WebClient(server.url)
  const response = await client.signIn(email, password)
  if (response.status !== 303) {
    throw new Error(`Arrange failed: could not sign in ${email} (status ${response.status}): ${(await response.text()).slice(0, 400)}`)
  }
  return client
}

/** Logs in through REST and returns the JWT (throws if the login does not succeed). */
export async function restToken(server: TestServer, email: string, password: string): Promise<string> {
  const client = new WebClient(server.url)
  const response = await client.json('POST', '/api/users/login', { email, password })
  const body = (await response.json().catch(() => ({}))) as { token?: string }
  if (response.status !== 200 || !body.token) throw new Error(`Arrange failed: REST login for ${email} gave ${response.status}`)
  return body.token
}

export function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1]!
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
}

/** The stored user, hidden fields included (hash, salt, lockUntil, loginAttempts...). */
export async function readUser(payload: Payload, id: number | string): Promise<Record<string, any>> {
  return (await payload.findByID({ collection: 'users', id, overrideAccess: true, showHiddenFields: true, depth: 0 })) as any
}

export async function findUserByEmail(payload: Payload, email: string): Promise<Record<string, any> | undefined> {
  const result = await payload.find({
    collection: 'users',
    where: { email: { equals: email.toLowerCase() } },
    overrideAccess: true,
    showHiddenFields: true,
    depth: 0,
    limit: 1,
  })
  return result.docs[0] as any
}

export async function countUsers(payload: Payload): Promise<number> {
  return (await payload.count({ collection: 'users', overrideAccess: true })).totalDocs
}

/** Parses Set-Cookie lines into name, value and lowercased attributes. */
export function parseSetCookies(response: Response) {
  return response.headers.getSetCookie().map((line) => {
    const [pair, ...attrs] = line.split(';')
    const eq = pair!.indexOf('=')
    const attributes = new Map<string, string>()
    for (const attr of attrs) {
      const i = attr.indexOf('=')
      const key = (i === -1 ? attr : attr.slice(0, i)).trim().toLowerCase()
      const value = i === -1 ? '' : attr.slice(i + 1).trim()
      if (key) attributes.set(key, value)
    }
    return { line, name: pair!.slice(0, eq).trim(), value: pair!.slice(eq + 1).trim(), attributes }
  })
}

/** Every file under a directory (relative paths), or [] if it does not exist. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  const out: string[] = []
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name)
      if (entry.isDirectory()) walk(full)
      else out.push(path.relative(dir, full))
    }
  }
  walk(dir)
  return out.sort()
}

/** Posts a media upload (multipart) through the client, the way the admin or a script would. */
export async function uploadMedia(
  client: WebClient,
  file: Buffer,
  filename: string,
  contentType: string,
  data: Record<string, unknown> = { alt: 'An upload' },
  init: RequestInit = {},
): Promise<Response> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file)], { type: contentType }), filename)
  form.append('_payload', JSON.stringify(data))
  return client.request('/api/media', { ...init, method: 'POST', body: form })
}

export function multipartBody(fields: Record<string, string>, file: { name: string; filename: string; contentType: string; data: Buffer }) {
  const boundary = '----hostile' + Math.random().toString(16).slice(2)
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`))
  parts.push(file.data)
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`))
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/**
 * A raw HTTP request on its own connection (no keep-alive pool), for large or chunked bodies that a
 * server may cut off with abortOnLimit. Resolves with the response if one arrived, even if the
 * server then reset the connection while we were still writing.
 */
export function rawRequest(url: string, options: { method: string; headers: Record<string, string>; body: Buffer; chunked?: boolean }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let settled = false
    let response: RawResponse | undefined
    const target = new URL(url)
    const headers: Record<string, string> = { ...options.headers }
    if (!options.chunked) headers['content-length'] = String(options.body.length)
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: options.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk) => chunks.push(chunk))
      const finish = () => {
        if (settled) return
        settled = true
        response = { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }
        resolve(response)
      }
      res.on('end', finish)
      res.on('error', finish)
      res.on('aborted', finish)
      res.on('close', finish)
    })
    req.on('error', (error) => {
      if (settled) return
      // The response may still arrive after an EPIPE on our side (later on a busy machine); give it time.
      setTimeout(() => {
        if (!settled) {
          settled = true
          reject(new Error(`No HTTP response (${(error as Error).message})`))
        }
      }, 8000)
    })
    const chunkSize = 64 * 1024
    let offset = 0
    const writeMore = () => {
      while (offset < options.body.length) {
        const slice = options.body.subarray(offset, offset + chunkSize)
        offset += slice.length
        if (!req.write(slice)) {
          req.once('drain', writeMore)
          return
        }
      }
      req.end()
    }
    writeMore()
  })
}

/** With HOSTILE_LOGS=dir set, saves the server's output there (for diagnosing a failure). */
export function saveServerLogs(server: TestServer | undefined, name: string) {
  const dir = process.env.HOSTILE_LOGS
  if (!dir || !server) return
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, `${name}.log`), server.logs())
}

export type HostileServer = { server: TestServer; payload: Payload }

/**
 * Registers beforeAll (start a test server, join its database through the Local API) and afterAll
 * (save its logs as `name`, stop it). The returned object is filled in by beforeAll. `options` may be
 * a function, for options known only once an earlier beforeAll ran (a server the test started).
 */
export function useHostileServer(name: string, options?: TestServerOptions | (() => TestServerOptions)): HostileServer {
  const fixture = {} as HostileServer
  beforeAll(async () => {
    const server = await startTestServer(typeof options === 'function' ? options() : options)
    fixture.server = server
    fixture.payload = await bootPayload({ databaseUrl: server.databaseUrl, dataDir: server.dataDir, mediaDir: server.mediaDir })
  })
  afterAll(async () => {
    saveServerLogs(fixture.server, name)
    await fixture.server?.stop()
  })
  return fixture
}

/** A stored user in the shape the commands take as their actor. */
export async function userAsActor(payload: Payload, id: number | string) {
  const user = await payload.findByID({ collection: 'users', id, overrideAccess: true, depth: 0 })
  return { ...user, collection: 'users' as const } as any
}

/** tests/support/payload.ts `settle`, also waiting out a story the server has not yet committed. */
export const settle = <T>(run: () => Promise<T>): Promise<T> => settleWrites(run, /No such story/i)

/** Runs `run` over the items, at most `concurrency` at once; the results come back in the items' order. */
export async function pool<T, R>(items: T[], concurrency: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      for (;;) {
        const i = next++
        if (i >= items.length) return
        results[i] = await run(items[i]!, i)
      }
    }),
  )
  return results
}

/** The author's one click plus confirmation, as a browser does it: GET the confirmation page, POST its form. Returns the POST's response. */
export async function withdrawThroughTheForm(authorClient: WebClient, storyId: number | string): Promise<Response> {
  const page = await authorClient.get(`/account/stories/${storyId}/withdraw`)
  const html = await page.text()
  if (page.status !== 200) throw new Error(`Arrange failed: withdraw confirmation page gave ${page.status}`)
  const form = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].find((m) => /action="[^"]*\/withdraw"/.test(m[1]!) && /method="post"/i.test(m[1]!))
  if (!form) throw new Error('Arrange failed: no withdrawal form on the confirmation page')
  const action = form[1]!.match(/action="([^"]+)"/)![1]!.replace(/&amp;/g, '&')
  const fields: Record<string, string> = {}
  for (const input of form[2]!.matchAll(/<(?:input|button)\b[^>]*>/g)) {
    const name = input[0].match(/name="([^"]+)"/)?.[1]
    const value = input[0].match(/value="([^"]*)"/)?.[1] ?? ''
    const type = input[0].match(/type="([^"]+)"/)?.[1] ?? ''
    if (!name) continue
    if ((type === 'checkbox' || type === 'radio') && fields[name]) continue
    fields[name] = type === 'checkbox' ? value || 'on' : value.replace(/&amp;/g, '&')
  }
  return authorClient.postForm(action, fields)
}
