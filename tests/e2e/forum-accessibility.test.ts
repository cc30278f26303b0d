// Issue 4, "axe-core reports 0 violations on every new page": the forum pages, in the states that
// matter, checked with axe-core (WCAG 2.0/2.1/2.2 A and AA); and "Without JavaScript: every page works":
// a browser context with JavaScript off posts a thread and a reply.
//
// The threads the pages show are posted through the forms, in Chromium, by the demo member made an
// established member first (approvedPostCount raised through the Local API, so their posts publish at
// once). While arranging, the post intervals in `moderation-settings` are set to 0 so the arrangement
// is not throttled; the 429 case sets the newcomers' interval back to its default (30 s) itself.
import type { BrowserContext, Page, Response } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { createMember, DEFAULT_TEST_PASSWORD } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { DESKTOP, formatViolations, goto, mainText, newAxeContext, signInWithForm, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ context: false })

const MEMBER = 'member@waymark.example'

type Posted = { id: string; title: string }

let payload: Payload
let visitor: BrowserContext
let member: BrowserContext
let newcomer: BrowserContext
let northThread: Posted
let countyThread: Posted
let noJsEmail = ''
const replies = ['Thank you for starting this, I will come along on Tuesday.', 'The bus from Lancaster stops right outside the hall.']

async function setSettings(data: Record<string, unknown>) {
  await payload.updateGlobal({ slug: 'moderation-settings' as never, data: data as never, overrideAccess: true })
}

/** Raises a member's approved posts to the post-queue threshold (3), so their posts are not pre-moderated. */
async function makeEstablished(email: string) {
  const found = await payload.find({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true, depth: 0 })
  const user = found.docs[0] as unknown as { id: string | number } | undefined
  expect(user, `${email} exists`).toBeTruthy()
  await payload.update({ collection: 'users', id: user!.id, data: { approvedPostCount: 3 } as never, overrideAccess: true })
}

/** Presses the form's (first) submit button and waits for the page the form posts to. */
async function submitForm(page: Page, formSelector: string): Promise<Response | null> {
  const button = page.locator(formSelector).first().locator('button[type="submit"], button:not([type]), input[type="submit"]').first()
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()])
  return response
}

const THREAD_FORM = 'main form:has([name="title"])'
const REPLY_FORM = 'main form[action$="/replies"]'

/** Posts a thread through /threads/new; returns the response of the page shown after and the thread id (or ''). */
async function postThread(page: Page, locality: string, title: string, body: string) {
  await goto(page, `/threads/new?locality=${locality}`)
  if (title) await page.locator(`${THREAD_FORM} [name="title"]`).fill(title)
  await page.locator(`${THREAD_FORM} [name="body"]`).fill(body)
  const response = await submitForm(page, THREAD_FORM)
  const id = new URL(page.url()).pathname.match(/^\/threads\/([^/]+)$/)?.[1] ?? ''
  return { response, id: id === 'new' ? '' : id }
}

/** Posts a reply through the reply form on the thread page; returns the response and the URL shown after. */
async function postReply(page: Page, threadId: string, body: string) {
  await goto(page, `/threads/${threadId}`)
  await page.locator(`${REPLY_FORM} [name="body"]`).fill(body)
  const response = await submitForm(page, REPLY_FORM)
  return { response, url: new URL(page.url()) }
}

async function arrangeThread(page: Page, locality: string, title: string, body: string): Promise<Posted> {
  const { response, id } = await postThread(page, locality, title, body)
  expect(response?.status(), `posting "${title}" should succeed:\n${await mainText(page)}`).toBe(200)
  expect(id, `after posting "${title}" the member lands on /threads/:id, not ${page.url()}`).not.toBe('')
  return { id, title }
}

beforeAll(async () => {
  payload = await bootPayload({ databaseUrl: e2e.server.databaseUrl, dataDir: e2e.server.dataDir, mediaDir: e2e.server.mediaDir })
  await setSettings({ newMemberPostIntervalSeconds: 0, memberPostIntervalSeconds: 0 })
  await makeEstablished(MEMBER)
  const fresh = await createMember(payload, { displayName: 'Glasson Newcomer' })
  const noJs = await createMember(payload, { displayName: 'Silverdale Walker' })
  noJsEmail = noJs.email
  await makeEstablished(noJsEmail)

  visitor = await newAxeContext(e2e.browser, e2e.server.url)
  member = await newAxeContext(e2e.browser, e2e.server.url)
  newcomer = await newAxeContext(e2e.browser, e2e.server.url)
  const page = await member.newPage()
  await signInWithForm(page, MEMBER, e2e.server.seedPassword)
  expect(new URL(page.url()).pathname, 'the demo member should be able to sign in').toBe('/account')
  const newPage = await newcomer.newPage()
  await signInWithForm(newPage, fresh.email, fresh.password)
  expect(new URL(newPage.url()).pathname, 'the new member should be able to sign in').toBe('/account')
  await newPage.close()

  northThread = await arrangeThread(page, 'lancashire-north', 'Tuesday group at the library', 'Is anyone going this week?\n\n- 7pm start\n- *tea* provided')
  countyThread = await arrangeThread(page, 'lancashire-county', 'Open day at the recovery cafe', 'Everyone is welcome, **no booking** needed.')
  for (const body of replies) {
    const { response, url } = await postReply(page, northThread.id, body)
    expect(response?.status(), `replying should succeed:\n${await mainText(page)}`).toBe(200)
    expect(url.pathname).toBe(`/threads/${northThread.id}`)
  }
  await page.close()
}, 240_000)

afterAll(async () => {
  await visitor?.close()
  await member?.close()
  await newcomer?.close()
})

type Entry = { name: string; as: 'visitor' | 'member' | 'newcomer'; expectStatus: number; open: (page: Page) => Promise<number> }

const entries: Entry[] = [
  {
    name: '/localities/lancashire-north (members forum) as a visitor',
    as: 'visitor',
    expectStatus: 200,
    open: async (page) => {
      const status = (await goto(page, '/localities/lancashire-north')).status()
      const text = await mainText(page)
      expect(text, 'a visitor sees the short "join to take part" message').toMatch(/join to take part/i)
      expect(await page.content(), 'a visitor sees no thread titles of a members forum').not.toContain(northThread.title)
      return status
    },
  },
  {
    name: '/localities/lancashire-north (members forum) as a member',
    as: 'member',
    expectStatus: 200,
    open: async (page) => {
      const status = (await goto(page, '/localities/lancashire-north')).status()
      expect(await page.locator(`main a[href="/threads/${northThread.id}"]`).count(), 'the member sees the thread listed').toBeGreaterThan(0)
      return status
    },
  },
  {
    name: '/localities/lancashire-county (public forum) as a visitor',
    as: 'visitor',
    expectStatus: 200,
    open: async (page) => {
      const status = (await goto(page, '/localities/lancashire-county')).status()
      expect(await page.locator(`main a[href="/threads/${countyThread.id}"]`).count(), 'a visitor reads the public forum').toBeGreaterThan(0)
      return status
    },
  },
  {
    name: '/threads/new?locality=lancashire-north',
    as: 'member',
    expectStatus: 200,
    open: async (page) => {
      const status = (await goto(page, '/threads/new?locality=lancashire-north')).status()
      expect(await page.locator(`${THREAD_FORM} [name="body"]`).count(), 'the page has the new-thread form').toBe(1)
      return status
    },
  },
  {
    name: '/threads/:id with replies and the reply form',
    as: 'member',
    expectStatus: 200,
    open: async (page) => {
      const status = (await goto(page, `/threads/${northThread.id}`)).status()
      const text = await mainText(page)
      for (const body of replies) expect(text, 'the replies are shown').toContain(body)
      expect(await page.locator(`${REPLY_FORM} [name="body"]`).count(), 'the reply form is shown to a member').toBe(1)
      return status
    },
  },
  {
    name: '/threads/new with an error (empty title, 422)',
    as: 'member',
    expectStatus: 422,
    open: async (page) => {
      const body = 'A body without a title should be kept.'
      const { response } = await postThread(page, 'lancashire-north', '', body)
      expect(await page.locator(`${THREAD_FORM} [name="body"]`).inputValue(), 'the form keeps the text').toBe(body)
      expect(await page.locator('main [aria-invalid="true"]').count(), 'the title error is marked on the field').toBeGreaterThan(0)
      return response?.status() ?? 0
    },
  },
  {
    name: 'the 429 page (a new member posts twice quickly)',
    as: 'newcomer',
    expectStatus: 429,
    open: async (page) => {
      await setSettings({ newMemberPostIntervalSeconds: 30 })
      try {
        const first = await postThread(page, 'lancashire-north', 'Hello from Glasson', 'My first post here, hello everyone.')
        expect(first.response?.status(), `the first post is accepted:\n${await mainText(page)}`).toBe(200)
        const body = 'And a second thought straight away.'
        const second = await postThread(page, 'lancashire-north', 'A second thread', body)
        expect(second.response?.headers()['retry-after'], 'a 429 carries Retry-After').toMatch(/^\d+$|GMT$/)
        expect(await mainText(page), 'the page says when to try again').toMatch(/try again/i)
        expect(await page.locator(`${THREAD_FORM} [name="body"]`).inputValue(), 'the form keeps the text').toBe(body)
        return second.response?.status() ?? 0
      } finally {
        await setSettings({ newMemberPostIntervalSeconds: 0 })
      }
    },
  },
]

describe('axe-core reports no WCAG A/AA violations on the forum pages', () => {
  for (const entry of entries) {
    it(`${entry.name} (desktop ${DESKTOP.width}x${DESKTOP.height})`, async () => {
      const page = await { visitor, member, newcomer }[entry.as].newPage()
      try {
        await page.setViewportSize(DESKTOP)
        const status = await entry.open(page)
        expect(status, `${entry.name} status:\n${await mainText(page)}`).toBe(entry.expectStatus)
        const violations = await axeViolations(page)
        expect(violations, `axe violations on ${entry.name}:\n${formatViolations(violations)}`).toEqual([])
      } finally {
        await page.close()
      }
    })
  }
})

describe('the forum works without JavaScript', () => {
  let context: BrowserContext
  let page: Page
  let threadId = ''

  beforeAll(async () => {
    context = await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: false })
    page = await context.newPage()
  })
  afterAll(async () => {
    await context?.close()
  })

  it('JavaScript really is off, and a member signs in', async () => {
    await page.setContent('<title>before</title><script>document.title = "scripts ran"</script>')
    expect(await page.title()).toBe('before')
    await signInWithForm(page, noJsEmail, DEFAULT_TEST_PASSWORD)
    expect(new URL(page.url()).pathname, 'signs in without JavaScript').toBe('/account')
  })

  it('follows the link from the locality page and posts a thread', async () => {
    await goto(page, '/localities/lancashire-north')
    const start = page.locator('main a[href^="/threads/new"]')
    expect(await start.count(), 'the locality page links to /threads/new').toBeGreaterThan(0)
    const [opened] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), start.first().click()])
    expect(opened?.status()).toBe(200)
    await page.locator(`${THREAD_FORM} [name="title"]`).fill('Walking group at Arnside')
    await page.locator(`${THREAD_FORM} [name="body"]`).fill('We meet at the pier on Saturdays at ten.')
    const response = await submitForm(page, THREAD_FORM)
    const text = await mainText(page)
    expect(response?.status(), text).toBe(200)
    threadId = new URL(page.url()).pathname.match(/^\/threads\/([^/]+)$/)?.[1] ?? ''
    expect(threadId, `lands on /threads/:id, not ${page.url()}`).not.toBe('')
    expect(text).toContain('Walking group at Arnside')
    expect(text).toContain('We meet at the pier on Saturdays at ten.')
  })

  it('replies through the reply form', async () => {
    expect(threadId, 'needs the thread from the test before').not.toBe('')
    const { response, url } = await postReply(page, threadId, 'I will bring a flask of tea for everyone.')
    const text = await mainText(page)
    expect(response?.status(), text).toBe(200)
    expect(url.pathname).toBe(`/threads/${threadId}`)
    expect(url.hash, 'the redirect points at the new reply').toMatch(/^#reply-/)
    expect(text).toContain('I will bring a flask of tea for everyone.')
  })
})
