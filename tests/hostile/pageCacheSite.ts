// What people do on the site and in the admin, for the page cache's hostile tests (issue 14): members
// post through the public forms (with the form token of the page, as a browser would), moderators and
// admins write through the admin's REST API. Nothing here writes through the Local API: a write from the
// test process would be invisible to the server's cache, which is not what these tests are about.
import { jsonOrUndefined, WebClient } from '../support/http.js'
import { formsOn, readPage } from '../support/pageCache.js'
import type { TestServer } from '../support/server.js'
import { restToken, signedIn } from './helpers.js'

export type Rest = { token: string; server: TestServer }
export type RestAnswer = { status: number; json: any; text: string }

export async function restAs(server: TestServer, email: string, password: string): Promise<Rest> {
  return { token: await restToken(server, email, password), server }
}

/** A REST call with the person's JWT, as the admin's own pages make them. */
export async function rest(who: Rest, method: string, path: string, body?: unknown): Promise<RestAnswer> {
  const response = await new WebClient(who.server.url).json(method, path, body, { headers: { authorization: `JWT ${who.token}` } })
  const text = await response.text()
  const json = jsonOrUndefined(text)
  return { status: response.status, json, text }
}

/** A REST write that must succeed (arrangement, or the write under test: a refusal there is a broken test). */
export async function restOk(who: Rest, method: string, path: string, body?: unknown): Promise<any> {
  const answer = await rest(who, method, path, body)
  if (answer.status < 200 || answer.status >= 300) throw new Error(`${method} ${path} gave ${answer.status}: ${answer.text.slice(0, 400)}`)
  return answer.json
}

/**
 * Opens `pagePath`, takes the form posting to `action` with what the page filled in (its form token
 * included), changes `fields`, and posts it. The answer must be a redirect (the site's "done").
 */
export async function submitForm(client: WebClient, pagePath: string, action: string | RegExp, fields: Record<string, string | string[]>, expectStatus = 303): Promise<Response> {
  const page = await readPage(client, pagePath)
  const form = formsOn(page.body, action)[0]
  if (!form) throw new Error(`No form posting to ${action} on ${pagePath} (status ${page.status})`)
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries({ ...form.fields, ...fields })) {
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one)
  }
  const response = await client.request(form.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(client.baseUrl).origin },
    body: body.toString(),
  })
  if (response.status !== expectStatus) throw new Error(`POST ${form.action} (from ${pagePath}) gave ${response.status}, expected ${expectStatus}: ${(await response.text()).slice(0, 400)}`)
  return response
}

export const signIn = (server: TestServer, email: string, password: string) => signedIn(server, email, password)

/** The id at the end of a redirect such as /threads/12 or /account/stories/7?notice=submitted. */
export function idFromLocation(response: Response, pattern: RegExp): string {
  const location = response.headers.get('location') ?? ''
  const id = location.match(pattern)?.[1]
  if (!id) throw new Error(`No id in the redirect "${location}"`)
  return id
}

export type StoryChoices = { title: string; summary: string; body: string; localityId: number | string; byline?: 'display-name' | 'anonymous' | 'pen-name'; penName?: string; theme?: string }

/** The author shares a story through /stories/new, consent given and sent for review. Returns its id. */
export async function shareStory(author: WebClient, story: StoryChoices, cover?: { png: Buffer; alt: string }): Promise<string> {
  const fields: Record<string, string> = {
    title: story.title,
    summary: story.summary,
    body: story.body,
    locality: String(story.localityId),
    themes: story.theme ?? 'connection',
    audience: 'public',
    byline: story.byline ?? 'anonymous',
    penName: story.penName ?? '',
    quoteInReports: 'no',
    agree: 'on',
    intent: 'submit',
  }
  let response: Response
  if (cover) {
    const page = await readPage(author, '/stories/new')
    const form = formsOn(page.body, '/stories/new')[0]
    if (!form) throw new Error('No story form on /stories/new')
    const data = new FormData()
    for (const [name, value] of Object.entries({ ...form.fields, ...fields, coverAlt: cover.alt })) data.append(name, value)
    data.append('cover', new Blob([new Uint8Array(cover.png)], { type: 'image/png' }), 'cover.png')
    response = await author.request('/stories/new', { method: 'POST', headers: { origin: new URL(author.baseUrl).origin }, body: data })
    if (response.status !== 303) throw new Error(`POST /stories/new (with a picture) gave ${response.status}: ${(await response.text()).slice(0, 400)}`)
  } else {
    response = await submitForm(author, '/stories/new', '/stories/new', fields)
  }
  return idFromLocation(response, /\/account\/stories\/(\w+)\?notice=submitted/)
}

/** A moderator's decision on a story in the admin (POST /api/stories/:id/moderate). */
export const moderateStory = (moderator: Rest, storyId: string, action: string, reason?: string) => restOk(moderator, 'POST', `/api/stories/${storyId}/moderate`, { action, reason })

/** A member starts a thread through /threads/new. Returns its id. */
export async function startThread(member: WebClient, localitySlug: string, title: string, body: string): Promise<string> {
  const response = await submitForm(member, `/threads/new?locality=${localitySlug}`, '/threads', { title, body, locality: localitySlug })
  return idFromLocation(response, /\/threads\/(\w+)/)
}

/** A member replies through the form under a thread. Returns the reply's id. */
export async function replyTo(member: WebClient, threadId: string, body: string): Promise<string> {
  const response = await submitForm(member, `/threads/${threadId}`, `/threads/${threadId}/replies`, { body })
  return idFromLocation(response, /#reply-(\w+)/)
}

/** An id read from a URL, as the REST API takes it in a relationship (a number on SQLite and PostgreSQL). */
export const asId = (id: string): number | string => (/^\d+$/.test(id) ? Number(id) : id)

/** An ISO time `ms` from now. */
export const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString()

/** A moderator plans a meeting in the admin. Returns its id. */
export async function planMeeting(moderator: Rest, data: { localityId: number | string; title: string; startsAt: string; endsAt: string; venue?: string }): Promise<string> {
  const json = await restOk(moderator, 'POST', '/api/meetings', {
    locality: data.localityId,
    title: data.title,
    startsAt: data.startsAt,
    endsAt: data.endsAt,
    venue: { name: data.venue ?? 'Test venue' },
  })
  return String(json.doc.id)
}
