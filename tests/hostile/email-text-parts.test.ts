// Hostile (issue 16, "Email"): every email the real server sends, through every way it sends them, reaches a
// real SMTP server as multipart/alternative with a plain-text part as well as the HTML, and the text says
// what the HTML says. The emails are caused the way people cause them: joining (Payload's confirmation
// email), joining again with the same address, asking for a password reset (Payload's reset email), sending
// a story and having it approved, a newcomer's conversation approved (queued emails, sent by the jobs runner).
// The story-received email promises the review time the site shows the author, both from the same setting.
import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { moderatePost } from '../../src/commands/forum/moderatePost.js'
import { startThread } from '../../src/commands/forum/posting.js'
import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { createStory } from '../../src/commands/stories/authorDrafts.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { startTestServer, type TestServer } from '../support/server.js'
import { addressesOf, startSmtp, type Mailbox } from '../support/smtp.js'
import { findUserByEmail, saveServerLogs, settle, signedIn, unique, userAsActor } from './helpers.js'

let mailbox: Mailbox
let server: TestServer
let payload: Awaited<ReturnType<typeof bootPayload>>
let reviewHours: number

beforeAll(async () => {
  mailbox = await startSmtp()
  server = await startTestServer({ smtpUrl: mailbox.url })
  payload = await bootPayload({ databaseUrl: server.databaseUrl, dataDir: server.dataDir, mediaDir: server.mediaDir })
  reviewHours = Number((await payload.findGlobal({ slug: 'moderation-settings', overrideAccess: true, depth: 0 })).reviewHours)
}, 120_000)

afterAll(async () => {
  saveServerLogs(server, 'email-text-parts')
  await server?.stop()
  await mailbox?.close()
})

const mailTo = (address: string, subject: RegExp) => mailbox.waitFor((mail) => addressesOf(mail).includes(address.toLowerCase()) && subject.test(mail.subject ?? ''), 30_000)

/** The message's own structure, not mailparser's: mailparser makes a text from the HTML when there is none. */
function expectBothParts(mail: ParsedMail) {
  const type = mail.headers.get('content-type') as { value?: string } | undefined
  expect(type?.value, mail.subject).toBe('multipart/alternative')
  expect(typeof mail.html === 'string' && mail.html.includes('<p'), mail.subject).toBe(true)
  const text = String(mail.text ?? '')
  expect(text.trim().length, mail.subject).toBeGreaterThan(20)
  expect(text, mail.subject).not.toMatch(/<\/?(p|a|br|strong|ul|li|blockquote|html)\b/i)
  expect(text, mail.subject).not.toMatch(/&(amp|lt|gt|quot|#39);/)
  // Every link of the HTML is in the text, so a reader of the text can follow it.
  for (const href of [...String(mail.html).matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))) expect(text, mail.subject).toContain(href)
}

async function join(email: string) {
  const client = new WebClient(server.url)
  const token = await client.csrfToken('/join')
  const response = await client.postForm('/join', {
    _csrf: token,
    displayName: `Joiner ${unique('j')}`.slice(0, 40),
    email,
    password: 'lantern-orchard-river-42',
    memberType: 'in-recovery',
    homeLocality: '',
  })
  expect(response.status).toBeLessThan(500)
}

describe('every email has a plain-text part', () => {
  test("joining: Payload's confirmation email", async () => {
    const email = `join-${unique('e')}@example.org`
    await join(email)
    const mail = await mailTo(email, /Confirm your email/)
    expectBothParts(mail)
    expect(mail.text).toMatch(/Confirm my email address:\n\S*\/verify\?token=/)
    expect(mail.text).toMatch(/not a helpline[\s\S]*116/)
  })

  test('joining again with a registered address', async () => {
    const email = `again-${unique('e')}@example.org`
    await join(email)
    await mailTo(email, /Confirm your email/)
    await join(email)
    expectBothParts(await mailTo(email, /tried to join/))
  })

  test("asking for a password reset: Payload's reset email", async () => {
    const member = await createMember(payload)
    const client = new WebClient(server.url)
    const token = await client.csrfToken('/forgot')
    await client.postForm('/forgot', { _csrf: token, email: member.email })
    const mail = await mailTo(member.email, /Reset your Waymark password/)
    expectBothParts(mail)
    expect(mail.text).toMatch(/\/reset\?token=/)
  })

  test('sending a story, and its approval, promising the review time the site shows', async () => {
    const author = await createMember(payload)
    const user = await userAsActor(payload, author.id)
    const localities = (await payload.find({ collection: 'localities', overrideAccess: true, depth: 0, limit: 10 })).docs as any[]
    const marker = unique('s')
    const story = await settle(() =>
      createStory({
        payload,
        user,
        content: { title: `Story ${marker} <b>`, summary: `Summary ${marker}.`, body: `Body ${marker}.`, localityId: localities[0].id, themes: ['hope'], contentWarnings: [], contentWarningNote: '' },
      }),
    )
    await settle(() => giveConsent(payload, user, story.id, { audience: 'public', byline: 'anonymous', quoteInReports: false }, { quiet: true }))
    await settle(() => submitStory(payload, user, story.id))
    const received = await mailTo(author.email, /received your story/)
    expectBothParts(received)
    expect(received.text).toContain(`Story ${marker} <b>`)
    const promise = `A moderator will read it, usually within ${reviewHours} hours.`
    expect(received.text).toContain(promise)
    expect(received.html).toContain(promise)
    // The site tells the author the same, from the same setting.
    const site = await signedIn(server, author.email, author.password)
    expect(await (await site.get(`/account/stories/${story.id}?notice=submitted`)).text()).toContain(promise)

    const moderator = await userAsActor(payload, (await findUserByEmail(payload, 'moderator@waymark.example'))!.id)
    await settle(() => moderateStory({ payload, moderator, storyId: story.id, action: 'approve' }))
    expectBothParts(await mailbox.waitFor((m) => addressesOf(m).includes(author.email.toLowerCase()) && !/received your story/.test(m.subject ?? ''), 30_000))
  })

  test("a newcomer's conversation approved by a moderator", async () => {
    const newcomer = await createMember(payload)
    const county = (await payload.find({ collection: 'localities', where: { slug: { equals: 'lancashire-county' } }, overrideAccess: true, depth: 0 })).docs[0] as any
    const newcomerUser = await userAsActor(payload, newcomer.id)
    const thread = (await settle(() => startThread({ payload, user: newcomerUser, title: `Hello ${unique('t')}`, body: 'My first words here.', localityId: county.id }))) as any
    const moderator = await userAsActor(payload, (await findUserByEmail(payload, 'moderator@waymark.example'))!.id)
    await settle(() => moderatePost(payload, { collection: 'threads', id: thread.id, action: 'approve', user: moderator }))
    expectBothParts(await mailTo(newcomer.email, /now live/))
  })

  test('and nothing was sent without one: the adapter never had to make a text part', async () => {
    expect(mailbox.messages.length).toBeGreaterThanOrEqual(7)
    for (const mail of mailbox.messages) expectBothParts(mail)
    expect(server.logs()).not.toContain('without a plain-text part')
  })
})
