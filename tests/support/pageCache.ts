// What the rendered-page cache's tests share (issue 14): the X-Waymark-Cache header, reading a page with
// its cache state, the form token a page must carry for the browser that asked, and the forms on a page.
import crypto from 'node:crypto'

import type { WebClient } from './http.js'

/** `hit` or `miss` on a cacheable page, `off` with WAYMARK_CACHE=off, absent on pages that are never cached. */
export const CACHE_HEADER = 'x-waymark-cache'

/** The browser id cookie the form token is bound to (src/security/csrf.ts). */
export const CSRF_COOKIE = 'wm_csrf'

export type Page = { path: string; status: number; body: string; cache: string | null; cacheControl: string | null; location: string | null }

export async function readPage(client: WebClient, path: string, init: RequestInit = {}): Promise<Page> {
  const response = await client.get(path, init)
  return {
    path,
    status: response.status,
    body: await response.text(),
    cache: response.headers.get(CACHE_HEADER),
    cacheControl: response.headers.get('cache-control'),
    location: response.headers.get('location'),
  }
}

/**
 * Requests a page twice and returns both answers. The second is what a test checks as "served from the
 * cache": nothing was written in between, so a working cache answers it with `hit`.
 */
export async function readTwice(client: WebClient, path: string): Promise<{ first: Page; second: Page }> {
  const first = await readPage(client, path)
  const second = await readPage(client, path)
  return { first, second }
}

/**
 * The form token a browser must be given: an HMAC of its id cookie under the server's secret as Payload
 * holds it (the first 32 hex digits of SHA-256 of PAYLOAD_SECRET). Written out here rather than imported,
 * so that the test does not share the server's code for it.
 */
export function expectedCsrfToken(payloadSecret: string, browserId: string): string {
  const secret = crypto.createHash('sha256').update(payloadSecret).digest('hex').slice(0, 32)
  return crypto.createHmac('sha256', secret).update(`csrf:${browserId}`).digest('base64url')
}

/** Every form token (hidden `_csrf` field) on a page. */
export function csrfTokensIn(html: string): string[] {
  return [...html.matchAll(/name="_csrf" value="([^"]*)"/g)].map((m) => m[1]!)
}

const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

export type PageForm = { action: string; method: string; fields: Record<string, string> }

/**
 * The forms on a page whose action matches, with what a browser would send without the user touching
 * anything: hidden and text fields, checked boxes and radios, selected options, textareas.
 */
export function formsOn(html: string, action: string | RegExp): PageForm[] {
  const forms: PageForm[] = []
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = match[1]!
    const formAction = decode(attrs.match(/action="([^"]*)"/)?.[1] ?? '')
    if (typeof action === 'string' ? formAction !== action : !action.test(formAction)) continue
    const fields: Record<string, string> = {}
    const inner = match[2]!
    for (const input of inner.matchAll(/<input\b[^>]*>/g)) {
      const tag = input[0]
      const name = tag.match(/\bname="([^"]+)"/)?.[1]
      if (!name) continue
      const type = tag.match(/\btype="([^"]+)"/)?.[1] ?? 'text'
      const value = decode(tag.match(/\bvalue="([^"]*)"/)?.[1] ?? '')
      if (type === 'checkbox' || type === 'radio') {
        if (/\bchecked(="[^"]*")?/.test(tag)) fields[name] = type === 'checkbox' ? value || 'on' : value
        continue
      }
      if (type === 'file' || type === 'submit') continue
      fields[name] = value
    }
    for (const area of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = area[1]!.match(/\bname="([^"]+)"/)?.[1]
      if (name) fields[name] = decode(area[2]!)
    }
    for (const select of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = select[1]!.match(/\bname="([^"]+)"/)?.[1]
      if (!name) continue
      const chosen = [...select[2]!.matchAll(/<option\b([^>]*)>/g)].find((o) => /\bselected/.test(o[1]!))
      fields[name] = decode(chosen?.[1]!.match(/\bvalue="([^"]*)"/)?.[1] ?? '')
    }
    forms.push({ action: formAction, method: (attrs.match(/method="([^"]*)"/)?.[1] ?? 'get').toLowerCase(), fields })
  }
  return forms
}

/** Visible text of an HTML page: tags removed, common entities decoded, whitespace collapsed. */
export function visibleText(html: string): string {
  return decode(
    html
      .replace(/<script[\s\S]*?<\/script>/gi, ' ')
      .replace(/<style[\s\S]*?<\/style>/gi, ' ')
      .replace(/<[^>]+>/g, ' '),
  )
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/\s+/g, ' ')
}
