// A story's picture, uploaded with the public form: checked by content, stripped of EXIF, private
// until the story is shown, and private again after withdrawal. Bad pictures lose nothing else.
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'

import { withdrawStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { signedIn, unique, useHostileServer } from './helpers.js'

const hostile = useHostileServer('stories-cover')

const CONSENT = { audience: 'public', byline: 'anonymous', quoteInReports: 'no', agree: 'on' }

function storyForm(token: string, title: string, extra: Record<string, string> = {}): FormData {
  const form = new FormData()
  const fields: Record<string, string> = { _csrf: token, title, summary: 'A short summary.', body: `Paragraph about ${title}.`, intent: 'submit', ...CONSENT, ...extra }
  for (const [key, value] of Object.entries(fields)) form.append(key, value)
  return form
}

async function postStory(client: WebClient, form: FormData) {
  return client.request('/stories/new', { method: 'POST', body: form, headers: { origin: new URL(client.baseUrl).origin } })
}

const gpsJpeg = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'ProbeCam', Model: 'Probe 1' } })
    .toBuffer()

describe('a story picture uploaded with the form', () => {
  test('is re-encoded without EXIF, private until published, public while shown, private after withdrawal', async () => {
    const { server, payload } = hostile
    const member = await createMember(payload)
    const moderator = await createMember(payload, { roles: ['moderator'] })
    const client = await signedIn(server, String(member.email), member.password)
    const title = unique('cover')
    const form = storyForm(await client.csrfToken('/stories/new'), title, { coverAlt: 'A blue square' })
    form.append('cover', new Blob([new Uint8Array(await gpsJpeg())], { type: 'image/jpeg' }), 'holiday.jpg')
    const response = await postStory(client, form)
    expect(response.status, await response.clone().text()).toBe(303)

    const story = (await payload.find({ collection: 'stories', where: { title: { equals: title } }, overrideAccess: true, depth: 1 })).docs[0] as any
    expect(story?.coverImage?.alt).toBe('A blue square')
    const fileUrl = new URL(story.coverImage.url, server.url).pathname
    const visitor = new WebClient(server.url)
    expect((await visitor.get(fileUrl)).status, 'private before it is published').toBeGreaterThanOrEqual(400)

    const stored = await client.get(fileUrl)
    expect(stored.status, 'the author sees their own picture').toBe(200)
    const bytes = Buffer.from(await stored.arrayBuffer())
    expect((await sharp(bytes).metadata()).exif).toBeUndefined()
    expect(bytes.includes(Buffer.from('ProbeCam'))).toBe(false)

    await moderateStory({ payload, moderator, storyId: story.id, action: 'approve' })
    expect((await visitor.get(fileUrl)).status, 'public while the story is public').toBe(200)
    expect(await (await visitor.get(`/stories/${story.slug}`)).text()).toContain(`alt="A blue square"`)

    await withdrawStory(payload, member, story.id)
    expect((await visitor.get(fileUrl)).status, 'private again after withdrawal').toBeGreaterThanOrEqual(400)
  })

  test('an HTML file named .jpg is refused next to the field, and no story or file is saved', async () => {
    const { server, payload } = hostile
    const member = await createMember(payload)
    const client = await signedIn(server, String(member.email), member.password)
    const title = unique('fake')
    const form = storyForm(await client.csrfToken('/stories/new'), title, { coverAlt: 'Not a picture' })
    form.append('cover', new Blob(['<html><script>alert(1)</script></html>'], { type: 'image/jpeg' }), 'photo.jpg')
    const mediaBefore = (await payload.count({ collection: 'media', overrideAccess: true })).totalDocs
    const response = await postStory(client, form)
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('field-cover-error')
    expect(html).toContain(title) // the form keeps what was typed
    expect((await payload.count({ collection: 'stories', where: { title: { equals: title } }, overrideAccess: true })).totalDocs).toBe(0)
    expect((await payload.count({ collection: 'media', overrideAccess: true })).totalDocs).toBe(mediaBefore)
  })

  test('a picture without a description is refused and nothing is saved', async () => {
    const { server, payload } = hostile
    const member = await createMember(payload)
    const client = await signedIn(server, String(member.email), member.password)
    const title = unique('noalt')
    const form = storyForm(await client.csrfToken('/stories/new'), title)
    form.append('cover', new Blob([new Uint8Array(await gpsJpeg())], { type: 'image/jpeg' }), 'a.jpg')
    const response = await postStory(client, form)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('field-coverAlt-error')
    expect((await payload.count({ collection: 'stories', where: { title: { equals: title } }, overrideAccess: true })).totalDocs).toBe(0)
  })

  test('an 11 MB picture is refused with 413 and nothing is saved', async () => {
    const { server, payload } = hostile
    const member = await createMember(payload)
    const client = await signedIn(server, String(member.email), member.password)
    const title = unique('huge')
    const form = storyForm(await client.csrfToken('/stories/new'), title, { coverAlt: 'Huge' })
    form.append('cover', new Blob([new Uint8Array(11 * 1024 * 1024).fill(1)], { type: 'image/jpeg' }), 'huge.jpg')
    const response = await postStory(client, form)
    expect(response.status).toBe(413)
    expect((await payload.count({ collection: 'stories', where: { title: { equals: title } }, overrideAccess: true })).totalDocs).toBe(0)
  })

  test('a cross-site multipart post is refused', async () => {
    const { server, payload } = hostile
    const member = await createMember(payload)
    const client = await signedIn(server, String(member.email), member.password)
    const title = unique('xsite')
    const form = storyForm(await client.csrfToken('/stories/new'), title)
    const response = await client.request('/stories/new', { method: 'POST', body: form, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })
    expect(response.status).toBe(403)
    expect((await payload.count({ collection: 'stories', where: { title: { equals: title } }, overrideAccess: true })).totalDocs).toBe(0)
  })
})
