// Hostile: names that pretend to be staff (issue 11, item 4).
//
// - Twenty display names confusable with staff or with the site (homoglyphs from Cyrillic and Greek,
//   full-width and mathematical letters, "rn" for "m", zero-width characters, reserved phrases, odd
//   case and spacing) are refused at every door a member can name themselves through: the join form
//   (POST /join), the profile form (POST /account) and REST (PATCH /api/users/:id as themself). Each
//   refusal says why next to the field (or in the REST error for displayName), and nothing is saved.
// - Ordinary names from many scripts are still accepted at the same doors (the control).
// - Staff bylines carry a staff badge wherever they are shown, so a real moderator is never
//   ambiguous; a member's byline never does; and a story a moderator writes under a pen name or
//   anonymously shows no badge (nor their name).
//
// What counts as a staff badge: the word "Staff", "Moderator", "Administrator"/"Admin", "Moderation
// team" or "Waymark team" in the visible text of the post's or story's byline area, once the display
// names and pen names themselves are taken out ("Demo Moderator" is the seeded moderator's name).
import { beforeAll, describe, expect, test } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { jsonOrUndefined, WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { RELAXED_LIMITS, arrangeModeration, localityIds, makeMember, newReply, newThread, seededModerator, stored, textOf, type Member, type Posted } from './forumHelpers.js'
import { findUserByEmail, readUser, restToken, settle, signedIn, unique, useHostileServer, userAsActor } from './helpers.js'

const hostile = useHostileServer('staff-names')
const db = () => hostile.payload as any

const PUBLIC_FORUM = 'lancashire-county'
const DEMO_MODERATOR = 'Demo Moderator'
const STAFF_BADGE = /\b(staff|moderator|moderation team|administrator|admin|waymark team)\b/i
const PASSWORD = 'harbour-lantern-quietly-88'

// ---------------------------------------------------------------------------------------------
// The names
// ---------------------------------------------------------------------------------------------
/** [what it imitates, the name]. Escapes keep the lookalikes visible in this file. */
const CONFUSABLE_NAMES: [string, string][] = [
  ['"Demo Moderator", Cyrillic е', 'D\u0435mo Moderator'],
  ['"Demo Moderator", Cyrillic о twice', 'Demo M\u043Ederat\u043Er'],
  ['"Demo Moderator", Greek ο twice', 'Demo M\u03BFderat\u03BFr'],
  ['"Demo Moderator", rn for m', 'Derno Moderator'],
  ['"Demo Moderator", all full-width', '\uFF24\uFF45\uFF4D\uFF4F \uFF2D\uFF4F\uFF44\uFF45\uFF52\uFF41\uFF54\uFF4F\uFF52'],
  ['"Moderator", full-width Ｍ', '\uFF2Doderator'],
  ['"Moderator", Cyrillic М', '\u041Coderator'],
  ['"Moderator", Greek Μ and ο', '\u039C\u03BFderator'],
  ['"Moderator", mathematical bold', '\u{1D40C}\u{1D428}\u{1D41D}\u{1D41E}\u{1D42B}\u{1D41A}\u{1D42D}\u{1D428}\u{1D42B}'],
  ['"Moderator", zero-width space inside', 'Mod\u200Berator'],
  ['"Admin", Cyrillic А', '\u0410dmin'],
  ['"Admin", Greek Α and Cyrillic і', '\u0391dm\u0456n'],
  ['"Waymark Moderator"', 'Waymark Moderator'],
  ['"Moderator Team"', 'Moderator Team'],
  ['"Site Admin"', 'Site Admin'],
  ['"Safeguarding Lead"', 'Safeguarding Lead'],
  ['"Safeguarding Lead", Cyrillic а and е', 'S\u0430feguarding L\u0435ad'],
  ['"Waymark Team", zero-width non-joiner inside', 'Waymark\u200C Team'],
  ['"Moderator Team", mixed case and spacing', 'mODERATOR   tEAM'],
  ['"Site Admin", mixed case and spacing', '  SITE  \t admin '],
]

/** Ordinary names from many scripts, a different set per door (display names are unique). */
const ORDINARY_NAMES = {
  join: ['Zoë', 'Siobhán', 'Łukasz', 'Αλέξανδρος', 'Мария', 'محمد', '李华', 'राहुल', 'Nguyễn Văn', "O'Brien"],
  profile: ['Chloé', 'Aoife', 'Małgorzata', 'Γιώργος', 'Дмитрий', 'فاطمة', '王芳', 'प्रिया', 'Trần Thị', "D'Arcy"],
  rest: ['Renée', 'Niamh', 'Wojciech', 'Ελένη', 'Ольга', 'يوسف', '张伟', 'अमित', 'Phạm Minh', 'McAllister-Jones'],
}

const visible = (name: string) => JSON.stringify(name).replace(/[^\x20-\x7e]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`)

let localities: Record<string, number | string> = {}

beforeAll(async () => {
  // Many joins from one address in this file: the per-address join limit has its own tests.
  await settle(() => db().updateGlobal({ slug: 'moderation-settings', data: { ...RELAXED_LIMITS, registrationsPerIpPerDay: 10_000 }, overrideAccess: true }))
  localities = await localityIds(hostile)
}, 60_000)

// ---------------------------------------------------------------------------------------------
// The three doors
// ---------------------------------------------------------------------------------------------
/** The error shown next to the display name field, or null. */
function displayNameError(html: string): string | null {
  const match = html.match(/id="field-displayName-error"[^>]*>([\s\S]*?)<\/p>/)
  return match ? textOf(match[1]!).trim() : null
}

async function join(displayName: string) {
  const client = new WebClient(hostile.server.url)
  const email = `${unique('join')}@example.org`
  const csrf = await client.csrfToken('/join')
  const response = await client.postForm('/join', { _csrf: csrf, displayName, email, password: PASSWORD, memberType: 'in-recovery', homeLocality: '' })
  const html = await response.text()
  return { status: response.status, html, email }
}

async function saveProfile(client: WebClient, displayName: string) {
  const csrf = await client.csrfToken('/account')
  const response = await client.postForm('/account', { _csrf: csrf, displayName, memberType: 'in-recovery', homeLocality: '', digest: 'never', replyDelivery: 'immediately' })
  return { status: response.status, location: response.headers.get('location'), html: await response.text() }
}

async function patchSelf(member: { id: number | string; email: string; password: string }, displayName: string) {
  const token = await restToken(hostile.server, member.email, member.password)
  const response = await new WebClient(hostile.server.url).json('PATCH', `/api/users/${member.id}`, { displayName }, { headers: { authorization: `JWT ${token}` } })
  const text = await response.text()
  const json = jsonOrUndefined(text)
  return { status: response.status, text, json }
}

/** The REST validation error that names displayName (its message, or Payload's "field is invalid: displayName"), or null. */
function restDisplayNameError(json: any): string | null {
  for (const error of json?.errors ?? []) {
    for (const field of error?.data?.errors ?? []) if (field?.path === 'displayName' && field?.message) return String(field.message)
    if (/display ?name/i.test(String(error?.message ?? ''))) return String(error.message)
  }
  return null
}

/**
 * Nothing saved: the stored name is the one from before. If a name was saved, it is put back, so
 * that it is not "taken" (and refused for that reason) when the next name or door is tried.
 */
async function expectKept(id: number | string, before: Record<string, any>, label: string, problems: string[]) {
  const now = await readUser(hostile.payload, id)
  if (now.displayName === before.displayName) return
  problems.push(`${label}: saved as ${visible(now.displayName)}`)
  await settle(() => db().update({ collection: 'users', id, data: { displayName: before.displayName }, overrideAccess: true }))
}

describe('names confusable with staff or with the site are refused at every door, with a clear message and nothing saved', () => {
  test('the join form (POST /join)', async () => {
    const problems: string[] = []
    for (const [imitates, name] of CONFUSABLE_NAMES) {
      const { status, html, email } = await join(name)
      const message = displayNameError(html)
      if (status !== 400) problems.push(`${imitates} ${visible(name)}: status ${status}`)
      if (!message) problems.push(`${imitates} ${visible(name)}: no message next to the display name`)
      const made = await findUserByEmail(hostile.payload, email)
      if (made) {
        problems.push(`${imitates} ${visible(name)}: an account was made`)
        // Gone again, so that the name is not "taken" when the next name or door is tried.
        await settle(() => db().delete({ collection: 'users', id: made.id, overrideAccess: true }))
      }
    }
    expect(problems).toEqual([])
  })

  test('the profile form (POST /account)', async () => {
    const member = await createMember(hostile.payload, { displayName: `Kept ${unique('n')}`.slice(0, 40) })
    const client = await signedIn(hostile.server, member.email, member.password)
    const before = await readUser(hostile.payload, member.id)
    const problems: string[] = []
    for (const [imitates, name] of CONFUSABLE_NAMES) {
      const { status, html, location } = await saveProfile(client, name)
      const message = displayNameError(html)
      if (status !== 400) problems.push(`${imitates} ${visible(name)}: status ${status} ${location ?? ''}`)
      if (!message) problems.push(`${imitates} ${visible(name)}: no message next to the display name`)
      await expectKept(member.id, before, `${imitates} ${visible(name)}`, problems)
    }
    expect(problems).toEqual([])
  })

  test('REST (PATCH /api/users/:id as themself)', async () => {
    const member = await createMember(hostile.payload, { displayName: `Kept ${unique('n')}`.slice(0, 40) })
    const before = await readUser(hostile.payload, member.id)
    const problems: string[] = []
    for (const [imitates, name] of CONFUSABLE_NAMES) {
      const { status, json } = await patchSelf(member, name)
      if (status !== 400) problems.push(`${imitates} ${visible(name)}: status ${status}`)
      if (!restDisplayNameError(json)) problems.push(`${imitates} ${visible(name)}: no displayName error in ${JSON.stringify(json?.errors ?? json).slice(0, 200)}`)
      await expectKept(member.id, before, `${imitates} ${visible(name)}`, problems)
    }
    expect(problems).toEqual([])
  })
})

describe('ordinary names from many scripts are still accepted (the control)', () => {
  test('the join form makes the account with the name as typed', async () => {
    const problems: string[] = []
    for (const name of ORDINARY_NAMES.join) {
      const { status, html, email } = await join(name)
      const user = await findUserByEmail(hostile.payload, email)
      if (status !== 200 || !user) problems.push(`${name}: status ${status}, account ${user ? 'made' : 'not made'}: ${displayNameError(html) ?? ''}`)
      else if (user.displayName !== name.normalize('NFC')) problems.push(`${name}: stored as ${user.displayName}`)
    }
    expect(problems).toEqual([])
  })

  test('the profile form saves them', async () => {
    const member = await createMember(hostile.payload)
    const client = await signedIn(hostile.server, member.email, member.password)
    const problems: string[] = []
    for (const name of ORDINARY_NAMES.profile) {
      const { status, html } = await saveProfile(client, name)
      const now = await readUser(hostile.payload, member.id)
      if (status !== 303 || now.displayName !== name.normalize('NFC')) problems.push(`${name}: status ${status}, stored ${now.displayName}: ${displayNameError(html) ?? ''}`)
    }
    expect(problems).toEqual([])
  })

  test('REST saves them', async () => {
    const member = await createMember(hostile.payload)
    const problems: string[] = []
    for (const name of ORDINARY_NAMES.rest) {
      const { status, json } = await patchSelf(member, name)
      const now = await readUser(hostile.payload, member.id)
      if (status !== 200 || now.displayName !== name.normalize('NFC')) problems.push(`${name}: status ${status}, stored ${now.displayName}: ${restDisplayNameError(json) ?? ''}`)
    }
    expect(problems).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// Staff badges
// ---------------------------------------------------------------------------------------------
/** Visible text with every given name taken out, so "Demo Moderator" itself is not a badge. */
function withoutNames(text: string, names: string[]): string {
  let out = text
  for (const name of names.filter(Boolean).sort((a, b) => b.length - a.length)) out = out.split(name).join(' ')
  return out
}

/** The visible text of each <article> on a page (a thread page has one per post). */
function articles(html: string): string[] {
  return [...html.matchAll(/<article\b[\s\S]*?<\/article>/g)].map((m) => textOf(m[0]))
}

/** The visible text of the list item that links to `href`. */
function listItemLinking(html: string, href: string): string | null {
  const item = [...html.matchAll(/<li\b[\s\S]*?<\/li>/g)].map((m) => m[0]).find((li) => li.includes(`href="${href}"`))
  return item ? textOf(item) : null
}

describe('staff bylines carry a staff badge; members’ never do', () => {
  let member: Member
  let modThread: Posted
  let memberReplyInModThread: Posted
  let memberThread: Posted
  let modReplyInMemberThread: Posted

  beforeAll(async () => {
    member = await makeMember(hostile, { established: true, name: 'Heron' })
    const memberWho = { email: member.email, password: member.password }
    modThread = await newThread(hostile, seededModerator(hostile), localities[PUBLIC_FORUM]!)
    memberThread = await newThread(hostile, memberWho, localities[PUBLIC_FORUM]!)
    memberReplyInModThread = await newReply(hostile, memberWho, modThread.id)
    modReplyInMemberThread = await newReply(hostile, seededModerator(hostile), memberThread.id)
    for (const [collection, post] of [
      ['threads', modThread],
      ['threads', memberThread],
      ['replies', memberReplyInModThread],
      ['replies', modReplyInMemberThread],
    ] as const) {
      if ((await stored(hostile, collection, post.id))?.status !== 'published') await arrangeModeration(hostile, collection, post.id, 'approve', 'published')
    }
  }, 120_000)

  const names = () => [DEMO_MODERATOR, member.displayName]

  /** The article on a thread page that holds `marker` (a post's own unique words). */
  async function postOnThreadPage(threadId: number | string, marker: string): Promise<string> {
    const page = await new WebClient(hostile.server.url).get(`/threads/${threadId}`)
    const html = await page.text()
    expect(page.status).toBe(200)
    const found = articles(html).filter((a) => a.includes(marker))
    expect(found.length, `arrangement: one article on /threads/${threadId} holds ${marker}`).toBe(1)
    return found[0]!
  }

  test('the thread page: the demo moderator’s thread shows a staff badge by the byline; the member’s reply in it does not', async () => {
    const modPost = await postOnThreadPage(modThread.id, modThread.bodyMarker)
    expect(modPost, 'arrangement: the byline names the moderator').toContain(DEMO_MODERATOR)
    expect(withoutNames(modPost, names()), 'the moderator’s thread').toMatch(STAFF_BADGE)
    const memberReply = await postOnThreadPage(modThread.id, memberReplyInModThread.bodyMarker)
    expect(memberReply).toContain(member.displayName)
    expect(withoutNames(memberReply, names()), 'the member’s reply').not.toMatch(STAFF_BADGE)
  })

  test('the thread page: the member’s thread shows no badge; the demo moderator’s reply in it does', async () => {
    const memberPost = await postOnThreadPage(memberThread.id, memberThread.bodyMarker)
    expect(memberPost).toContain(member.displayName)
    expect(withoutNames(memberPost, names()), 'the member’s thread').not.toMatch(STAFF_BADGE)
    const modReply = await postOnThreadPage(memberThread.id, modReplyInMemberThread.bodyMarker)
    expect(modReply).toContain(DEMO_MODERATOR)
    expect(withoutNames(modReply, names()), 'the moderator’s reply').toMatch(STAFF_BADGE)
  })

  test('the forum’s list of conversations: the moderator’s thread has the badge, the member’s has not', async () => {
    const page = await new WebClient(hostile.server.url).get(`/localities/${PUBLIC_FORUM}`)
    const html = await page.text()
    expect(page.status).toBe(200)
    const modItem = listItemLinking(html, `/threads/${modThread.id}`)
    const memberItem = listItemLinking(html, `/threads/${memberThread.id}`)
    expect(modItem, 'arrangement: the moderator’s thread is listed').toBeTruthy()
    expect(memberItem, 'arrangement: the member’s thread is listed').toBeTruthy()
    expect(withoutNames(modItem!, names()), 'the moderator’s thread in the list').toMatch(STAFF_BADGE)
    expect(withoutNames(memberItem!, names()), 'the member’s thread in the list').not.toMatch(STAFF_BADGE)
  })
})

describe('stories: the badge follows the byline the author chose', () => {
  type Story = { slug: string; title: string; penName?: string }
  let approver: any

  beforeAll(async () => {
    const admins = await db().find({ collection: 'users', where: { email: { equals: 'admin@waymark.example' } }, overrideAccess: true, limit: 1, depth: 0 })
    approver = await userAsActor(hostile.payload, admins.docs[0]!.id)
  })

  async function publishedStory(authorId: number | string, byline: 'display-name' | 'pen-name' | 'anonymous', penName?: string): Promise<Story> {
    const user = await userAsActor(hostile.payload, authorId)
    const title = `Story ${unique('byline')}`
    const doc = (await settle(() =>
      db().create({
        collection: 'stories',
        data: { title, summary: `Summary ${unique('s')}`, body: markdownToLexical(`The year I learned to walk slowly ${unique('b')}.`), themes: ['connection'], locality: localities[PUBLIC_FORUM] },
        overrideAccess: false,
        user,
      }),
    )) as any
    await settle(() => giveConsent(hostile.payload, user, doc.id, { audience: 'public', byline, penName, quoteInReports: false }))
    await settle(() => submitStory(hostile.payload, user, doc.id))
    await settle(() => moderateStory({ payload: hostile.payload, moderator: approver, storyId: doc.id, action: 'approve' }))
    const s = (await db().findByID({ collection: 'stories', id: doc.id, overrideAccess: true, depth: 0 })) as any
    if (s.status !== 'published') throw new Error(`Arrange failed: story is ${s.status}`)
    return { slug: s.slug, title, penName }
  }

  /** The story's own page (its article) and its card on /stories, as a visitor sees them. */
  async function bylineAreas(story: Story): Promise<{ page: string; card: string }> {
    const visitor = new WebClient(hostile.server.url)
    const page = await visitor.get(`/stories/${story.slug}`)
    expect(page.status).toBe(200)
    const article = articles(await page.text()).find((a) => a.includes(story.title))
    const list = await (await visitor.get('/stories')).text()
    const card = listItemLinking(list, `/stories/${story.slug}`)
    expect(article, 'arrangement: the story page has the story').toBeTruthy()
    expect(card, 'arrangement: /stories lists the story').toBeTruthy()
    return { page: article!, card: card! }
  }

  const demoModeratorId = async () => (await db().find({ collection: 'users', where: { email: { equals: 'moderator@waymark.example' } }, overrideAccess: true, limit: 1, depth: 0 })).docs[0].id

  test('a moderator’s story under a pen name, and one told anonymously: no staff badge and no name, on the page or the card', async () => {
    const moderatorId = await demoModeratorId()
    const penName = `Lantern ${unique('p')}`.slice(0, 30)
    const penned = await publishedStory(moderatorId, 'pen-name', penName)
    const anonymous = await publishedStory(moderatorId, 'anonymous')
    for (const [label, story] of [
      ['pen name', penned],
      ['anonymous', anonymous],
    ] as const) {
      const { page, card } = await bylineAreas(story)
      for (const [where, text] of [
        ['page', page],
        ['card', card],
      ] as const) {
        expect(text, `${label} ${where}: the moderator’s name`).not.toContain(DEMO_MODERATOR)
        expect(withoutNames(text, [penName]), `${label} ${where}: a staff badge`).not.toMatch(STAFF_BADGE)
      }
    }
    expect((await bylineAreas(penned)).page, 'arrangement: the pen name is the byline').toContain(penName)
  })

  test('a moderator’s story under their display name carries the badge; a member’s does not', async () => {
    const modStory = await publishedStory(await demoModeratorId(), 'display-name')
    const member = await makeMember(hostile, { name: 'Curlew' })
    const memberStory = await publishedStory(member.id, 'display-name')
    const mod = await bylineAreas(modStory)
    expect(mod.page, 'arrangement: the byline names the moderator').toContain(DEMO_MODERATOR)
    expect(withoutNames(mod.page, [DEMO_MODERATOR]), 'the moderator’s story page').toMatch(STAFF_BADGE)
    expect(withoutNames(mod.card, [DEMO_MODERATOR]), 'the moderator’s story card').toMatch(STAFF_BADGE)
    const mem = await bylineAreas(memberStory)
    expect(mem.page).toContain(member.displayName)
    expect(withoutNames(mem.page, [member.displayName]), 'the member’s story page').not.toMatch(STAFF_BADGE)
    expect(withoutNames(mem.card, [member.displayName]), 'the member’s story card').not.toMatch(STAFF_BADGE)
  })
})
