// Issue 16, "Browser journeys → edit with re-triage", in real Chromium, with axe-core on every page shown.
//
// The demo member (established) starts a public thread and two replies, and edits the first reply through
// its Edit link: the thread shows the new words and "Edited", a visitor never sees the old words, and the
// moderator finds them under "Earlier versions". The member edits again with a word the moderators
// hold for approval: the reply goes back to the queue (the author sees "Awaiting review", a visitor sees
// nothing of it). Then, with JavaScript off, a second member quotes the other reply (the form arrives
// filled in with a blockquote under the public display name), posts it, and edits their own reply.
import type { BrowserContext, Page, Response } from 'playwright-core'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { axeViolations } from '../support/browser.js'
import { createMember, DEFAULT_TEST_PASSWORD } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { formatViolations, goto, mainText, newAxeContext, signInWithForm, uniqueSuffix, useBrowserServer } from './helpers.js'

const e2e = useBrowserServer({ context: false })

const MEMBER = 'member@waymark.example'
const MODERATOR = 'moderator@waymark.example'
const suffix = uniqueSuffix()
const words = {
  title: `Walking group on Sundays ${suffix}`,
  opener: `Shall we meet by the canal at ten ${suffix}?`,
  first: `Count me in firstdraft${suffix} for Sunday.`,
  second: `Count me in secondtake${suffix} for Sunday, and I will bring a flask.`,
  quoted: `The towpath is muddy quoteme${suffix}, bring boots.`,
}
// Letters only: digits inside a word are read as the letters they look like (k1ll).
const HELD_WORD = `holdme${suffix.replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)]!)}`

let payload: Payload
let member: BrowserContext
let moderator: BrowserContext
let visitor: BrowserContext
let noJs: BrowserContext
let threadId = ''
let firstReplyId = ''
let quotedReplyId = ''
let memberName = ''

const REPLY_FORM = 'main form[action$="/replies"]'
const EDIT_FORM = 'main form[action$="/edit"]'

async function submit(page: Page, formSelector: string): Promise<Response | null> {
  const button = page.locator(formSelector).first().locator('button[type="submit"]').first()
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()])
  return response
}

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await axeViolations(page)
  expect(violations, `axe violations on ${where}:\n${formatViolations(violations)}`).toEqual([])
}

async function postReply(page: Page, body: string): Promise<string> {
  await goto(page, `/threads/${threadId}`)
  await page.locator(`${REPLY_FORM} [name="body"]`).fill(body)
  const response = await submit(page, REPLY_FORM)
  expect(response?.status(), await mainText(page)).toBe(200)
  const id = new URL(page.url()).hash.match(/^#reply-(.+)$/)?.[1] ?? ''
  expect(id, `lands on the new reply, not ${page.url()}`).not.toBe('')
  return id
}

beforeAll(async () => {
  payload = await bootPayload({ databaseUrl: e2e.server.databaseUrl, dataDir: e2e.server.dataDir, mediaDir: e2e.server.mediaDir })
  await payload.updateGlobal({ slug: 'moderation-settings' as never, data: { memberPostIntervalSeconds: 0, newMemberPostIntervalSeconds: 0 } as never, overrideAccess: true })
  await payload.create({ collection: 'watched-words', data: { phrase: HELD_WORD, action: 'require-approval', kind: 'phrase', note: 'e2e' } as never, overrideAccess: true })
  const found = await payload.find({ collection: 'users', where: { email: { equals: MEMBER } }, overrideAccess: true, depth: 0 })
  const demo = found.docs[0] as unknown as { id: number | string; displayName: string }
  memberName = demo.displayName
  await payload.update({ collection: 'users', id: demo.id, data: { approvedPostCount: 3 } as never, overrideAccess: true })
  member = await newAxeContext(e2e.browser, e2e.server.url)
  moderator = await newAxeContext(e2e.browser, e2e.server.url)
  visitor = await newAxeContext(e2e.browser, e2e.server.url)
  noJs = await e2e.browser.newContext({ baseURL: e2e.server.url, javaScriptEnabled: false })
})

afterAll(async () => {
  for (const context of [member, moderator, visitor, noJs]) await context?.close()
})

describe('edit with re-triage', () => {
  it('the member starts a thread and two replies, then edits the first through its Edit link', async () => {
    const page = await member.newPage()
    expect((await signInWithForm(page, MEMBER, e2e.server.seedPassword))?.status()).toBe(200)
    await goto(page, '/threads/new?locality=lancashire-county')
    await page.locator('main form [name="title"]').fill(words.title)
    await page.locator('main form [name="body"]').fill(words.opener)
    await submit(page, 'main form:has([name="title"])')
    threadId = new URL(page.url()).pathname.match(/^\/threads\/(\d+)$/)?.[1] ?? ''
    expect(threadId, await mainText(page)).not.toBe('')
    firstReplyId = await postReply(page, words.first)
    quotedReplyId = await postReply(page, words.quoted)

    const reply = page.locator(`#reply-${firstReplyId}`)
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), reply.getByRole('link', { name: 'Edit your reply' }).click()])
    expect(new URL(page.url()).pathname).toBe(`/replies/${firstReplyId}/edit`)
    await expect.poll(() => page.locator(`${EDIT_FORM} [name="body"]`).inputValue()).toBe(words.first)
    await expectNoAxeViolations(page, 'the edit form')
    await page.getByLabel('Your post').fill(words.second)
    const saved = await submit(page, EDIT_FORM)
    expect(saved?.status()).toBe(200)
    expect(new URL(page.url()).pathname).toBe(`/threads/${threadId}`)
    const edited = await page.locator(`#reply-${firstReplyId}`).innerText()
    expect(edited).toContain(`secondtake${suffix}`)
    expect(edited).toMatch(/Edited \d/)
    expect(await mainText(page)).not.toContain(`firstdraft${suffix}`)
    await expectNoAxeViolations(page, 'the thread after an edit (Edit and Quote links, “Edited”)')
    await page.close()
  })

  it('a visitor sees the new words and “Edited”, never the old words; the moderator finds them under “Earlier versions”', async () => {
    const page = await visitor.newPage()
    await goto(page, `/threads/${threadId}`)
    const text = await mainText(page)
    expect(text).toContain(`secondtake${suffix}`)
    expect(text).not.toContain(`firstdraft${suffix}`)
    expect(await page.content()).not.toContain(`firstdraft${suffix}`)
    expect(await page.locator('main').getByRole('link', { name: /^Edit/ }).count()).toBe(0)
    await expectNoAxeViolations(page, 'the thread as a visitor')
    await page.close()

    const modPage = await moderator.newPage()
    expect((await signInWithForm(modPage, MODERATOR, e2e.server.seedPassword))?.status()).toBe(200)
    await goto(modPage, `/threads/${threadId}`)
    const history = modPage.locator(`#reply-${firstReplyId} details.edit-history`)
    await history.locator('summary').click()
    expect(await history.innerText()).toContain(`firstdraft${suffix}`)
    expect(await history.innerText()).toMatch(/by the author/)
    await expectNoAxeViolations(modPage, 'the thread as a moderator, earlier versions open')
    await modPage.close()
  })

  it('an edit with a word held for approval goes back to the queue: the author sees “Awaiting review”, a visitor nothing', async () => {
    const page = await member.newPage()
    await goto(page, `/replies/${firstReplyId}/edit`)
    await page.getByLabel('Your post').fill(`Changed my mind ${HELD_WORD}`)
    await submit(page, EDIT_FORM)
    const own = await page.locator(`#reply-${firstReplyId}`).innerText()
    expect(own).toContain(HELD_WORD)
    expect(own).toContain('Awaiting review')
    await expectNoAxeViolations(page, 'the thread with the author’s edit awaiting review')
    await page.close()

    const visitorPage = await visitor.newPage()
    await goto(visitorPage, `/threads/${threadId}`)
    expect(await visitorPage.content()).not.toContain(HELD_WORD)
    expect(await visitorPage.content()).not.toContain(`secondtake${suffix}`)
    await visitorPage.close()
  })

  it('without JavaScript, another member quotes a reply (under its public display name), posts it, and edits their own reply', async () => {
    const other = await createMember(payload, { displayName: `Canal Walker ${suffix}`.slice(0, 40) })
    await payload.update({ collection: 'users', id: other.id, data: { approvedPostCount: 3 } as never, overrideAccess: true })
    const page = await noJs.newPage()
    expect((await signInWithForm(page, other.email, DEFAULT_TEST_PASSWORD))?.status()).toBe(200)
    await goto(page, `/threads/${threadId}`)
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page
        .locator(`#reply-${quotedReplyId}`)
        .getByRole('link', { name: /^Quote/ })
        .click(),
    ])
    const filled = await page.locator(`${REPLY_FORM} [name="body"]`).inputValue()
    expect(filled).toContain(`> ${memberName} wrote:`)
    expect(filled).toContain(`> ${words.quoted}`)
    expect(filled).not.toContain(MEMBER)
    await page.locator(`${REPLY_FORM} [name="body"]`).fill(`${filled}Thanks, boots it is.`)
    await submit(page, REPLY_FORM)
    const ownId = new URL(page.url()).hash.match(/^#reply-(.+)$/)?.[1] ?? ''
    expect(ownId).not.toBe('')
    const posted = page.locator(`#reply-${ownId}`)
    expect(await posted.locator('blockquote').innerText()).toContain(`quoteme${suffix}`)

    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), posted.getByRole('link', { name: 'Edit your reply' }).click()])
    await page.locator(`${EDIT_FORM} [name="body"]`).fill('Thanks, boots and a flask it is.')
    await submit(page, EDIT_FORM)
    const after = await page.locator(`#reply-${ownId}`).innerText()
    expect(after).toContain('boots and a flask')
    expect(after).toMatch(/Edited \d/)
    await page.close()
  })
})
