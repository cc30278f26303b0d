// Hostile: a member's email is private (owner and admins only), and it cannot be read, searched,
// sorted on or otherwise inferred by visitors, other members or moderators. Display names are public
// pseudonyms, never email addresses.
import sharp from 'sharp'
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { createMember } from '../support/members.js'
import { countUsers, emailsIn, findUserByEmail, readUser, signedIn, unique, uploadMedia, useHostileServer } from './helpers.js'

const hostile = useHostileServer('users-privacy')
let victim: Awaited<ReturnType<typeof createMember>>
let attacker: Awaited<ReturnType<typeof createMember>>
let visitor: WebClient
let member: WebClient
let moderator: WebClient
let admin: WebClient
let victimMediaId: number | string

const tag = unique('q')
// Chosen to sort last by email but early by display name, so a sort on email would show.
const VICTIM_EMAIL = `zz-victim-${tag}@privacy-probe.example`
const NOBODY_EMAIL = `zz-nobody-${tag}@privacy-probe.example`

beforeAll(async () => {
  victim = await createMember(hostile.payload, { email: VICTIM_EMAIL, displayName: `Aardvark ${tag}`, memberType: 'family-carer' })
  attacker = await createMember(hostile.payload, { email: `aa-attacker-${tag}@privacy-probe.example`, displayName: `Zebra ${tag}` })
  visitor = new WebClient(hostile.server.url)
  member = await signedIn(hostile.server, attacker.email, attacker.password)
  moderator = await signedIn(hostile.server, 'moderator@waymark.example', hostile.server.seedPassword)
  admin = await signedIn(hostile.server, 'admin@waymark.example', hostile.server.seedPassword)

  // The victim has a public image, so their user record is reachable through media relations.
  const victimClient = await signedIn(hostile.server, victim.email, victim.password)
  const image = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#225588' } })
    .png()
    .toBuffer()
  const upload = await uploadMedia(victimClient, image, 'victim.png', 'image/png', { alt: 'A blue square' })
  if (upload.status !== 201) throw new Error(`Arrange failed: victim upload gave ${upload.status}: ${await upload.text()}`)
  victimMediaId = ((await upload.json()) as { doc: { id: number } }).doc.id
  await hostile.payload.update({ collection: 'media', id: victimMediaId, data: { isPublic: true } as never, overrideAccess: true })
})

type Probe = { status: number; signature: string; body: string }

/** A response reduced to what an attacker can compare: the status and which documents (or how many) came back. */
async function probe(client: WebClient, path: string): Promise<Probe> {
  const response = await client.get(path)
  const body = await response.text()
  expect(response.status, `${path} must never be a server error`).toBeLessThan(500)
  let signature = String(response.status)
  if (response.ok) {
    const json = JSON.parse(body) as { docs?: { id: unknown }[]; totalDocs?: number }
    signature += json.docs ? ':' + json.docs.map((d) => d.id).join(',') : `:${json.totalDocs}`
  }
  return { status: response.status, signature, body }
}

const roles = () =>
  [
    ['visitor', visitor],
    ['member', member],
    ['moderator', moderator],
  ] as const

/** Pairs of queries that differ only in whether they match the victim's email. */
function oraclePairs(): [string, string][] {
  const e = encodeURIComponent
  const pairs: [string, string][] = []
  for (const base of ['/api/users', '/api/users/count']) {
    pairs.push(
      [`${base}?where[email][equals]=${e(VICTIM_EMAIL)}`, `${base}?where[email][equals]=${e(NOBODY_EMAIL)}`],
      [`${base}?where[email][equals]=${e(VICTIM_EMAIL.toUpperCase())}`, `${base}?where[email][equals]=${e(NOBODY_EMAIL.toUpperCase())}`],
      [`${base}?where[email][like]=${e('zz-victim-' + tag)}`, `${base}?where[email][like]=${e('zz-nobody-' + tag)}`],
      [`${base}?where[email][contains]=${e('victim-' + tag)}`, `${base}?where[email][contains]=${e('nobody-' + tag)}`],
      [`${base}?where[email][in]=${e(VICTIM_EMAIL)}`, `${base}?where[email][in]=${e(NOBODY_EMAIL)}`],
      [`${base}?where[email][not_equals]=${e(VICTIM_EMAIL)}`, `${base}?where[email][not_equals]=${e(NOBODY_EMAIL)}`],
      [`${base}?where[email][greater_than_equal]=${e(VICTIM_EMAIL)}`, `${base}?where[email][greater_than_equal]=${e(VICTIM_EMAIL + '~')}`],
      [`${base}?where[or][0][email][equals]=${e(VICTIM_EMAIL)}&where[or][1][id][equals]=-1`, `${base}?where[or][0][email][equals]=${e(NOBODY_EMAIL)}&where[or][1][id][equals]=-1`],
      [`${base}?where[and][0][email][like]=${e('victim-' + tag)}`, `${base}?where[and][0][email][like]=${e('nobody-' + tag)}`],
    )
  }
  return pairs
}

describe("reading another member's email", () => {
  test('a visitor cannot read users at all, nor any email', async () => {
    for (const path of ['/api/users', '/api/users?limit=100', `/api/users/${victim.id}`, `/api/users/${victim.id}?depth=0&select[email]=true`, '/api/users/count']) {
      const result = await probe(visitor, path)
      expect(result.body, path).not.toContain(VICTIM_EMAIL)
      expect(emailsIn(result.body), path).toEqual([])
      if (result.status === 200) {
        const json = JSON.parse(result.body) as { docs?: unknown[]; totalDocs?: number }
        // "Visitors cannot read users at all": no documents may come back.
        if (json.docs) expect(json.docs, path).toEqual([])
        else if (!path.includes('/count')) throw new Error(`${path} returned a user document to a visitor`)
      }
    }
  })

  test("a member sees no other member's email in the list or by id", async () => {
    const list = await member.get('/api/users?limit=200&depth=1')
    const listBody = await list.text()
    expect(list.status).toBeLessThan(500)
    expect(listBody).not.toContain(VICTIM_EMAIL)
    expect(emailsIn(listBody).filter((e) => e !== attacker.email.toLowerCase())).toEqual([])

    for (const path of [`/api/users/${victim.id}`, `/api/users/${victim.id}?depth=2`, `/api/users/${victim.id}?select[email]=true`, '/api/users/1', '/api/users/2']) {
      const response = await member.get(path)
      const body = await response.text()
      expect(response.status, path).toBeLessThan(500)
      expect(body, path).not.toContain(VICTIM_EMAIL)
      expect(
        emailsIn(body).filter((e) => e !== attacker.email.toLowerCase()),
        path,
      ).toEqual([])
      if (response.ok) expect((JSON.parse(body) as Record<string, unknown>).email, path).toBeUndefined()
    }
  })

  test('a moderator sees members but never their email', async () => {
    const moderatorEmail = 'moderator@waymark.example'
    for (const path of ['/api/users?limit=200', '/api/users?limit=200&depth=2', `/api/users/${victim.id}`, `/api/users/${victim.id}?select[email]=true`]) {
      const response = await moderator.get(path)
      const body = await response.text()
      expect(response.status, path).toBeLessThan(500)
      expect(body, path).not.toContain(VICTIM_EMAIL)
      expect(
        emailsIn(body).filter((e) => e !== moderatorEmail),
        path,
      ).toEqual([])
    }
  })

  test("control: an admin can read the victim's email (so the checks above would see a leak)", async () => {
    const response = await admin.get(`/api/users/${victim.id}`)
    expect(response.status).toBe(200)
    expect(((await response.json()) as { email: string }).email).toBe(VICTIM_EMAIL)
    const search = await probe(admin, `/api/users?where[email][equals]=${encodeURIComponent(VICTIM_EMAIL)}`)
    expect(search.signature).toBe(`200:${victim.id}`)
  })

  test('where[email] filters are not an oracle (visitor, member, moderator; list and count)', async () => {
    for (const [who, client] of roles()) {
      for (const [matching, notMatching] of oraclePairs()) {
        const a = await probe(client, matching)
        const b = await probe(client, notMatching)
        expect(a.signature, `${who}: ${matching} vs ${notMatching}`).toBe(b.signature)
        expect(a.body, `${who}: ${matching}`).not.toContain(VICTIM_EMAIL)
      }
    }
  })

  test('sorting on email is refused or reveals nothing (visitor, member, moderator)', async () => {
    const pairs: [string, string][] = [
      ['/api/users?limit=200&sort=email', '/api/users?limit=200&sort=-email'],
      ['/api/users?limit=200&sort=memberType,email', '/api/users?limit=200&sort=memberType,-email'],
      ['/api/users?limit=200&sort[0]=email', '/api/users?limit=200&sort[0]=-email'],
      ['/api/users?limit=200&sort=EMAIL', '/api/users?limit=200&sort=-EMAIL'],
    ]
    // Precondition: a moderator does see many members, so an honoured sort would show in the order.
    const all = await probe(moderator, '/api/users?limit=200')
    expect(all.status).toBe(200)
    expect((JSON.parse(all.body) as { docs: unknown[] }).docs.length).toBeGreaterThanOrEqual(3)
    for (const [who, client] of roles()) {
      for (const [ascending, descending] of pairs) {
        const a = await probe(client, ascending)
        const b = await probe(client, descending)
        // Either both refused, or the order is the same whichever way we "sort" (the sort was ignored).
        expect(a.signature, `${who}: ${ascending} vs ${descending}`).toBe(b.signature)
      }
    }
  })

  test("the uploader's email does not leak through media relations, nor can it be queried there", async () => {
    const e = encodeURIComponent
    for (const [who, client] of roles()) {
      for (const path of ['/api/media?depth=2&limit=100', `/api/media/${victimMediaId}?depth=2`, `/api/media/${victimMediaId}?depth=5`]) {
        const response = await client.get(path)
        const body = await response.text()
        expect(response.status, `${who} ${path}`).toBeLessThan(500)
        expect(body, `${who} ${path}`).not.toContain(VICTIM_EMAIL)
      }
      const pairs: [string, string][] = [
        [`/api/media?where[uploader.email][equals]=${e(VICTIM_EMAIL)}`, `/api/media?where[uploader.email][equals]=${e(NOBODY_EMAIL)}`],
        [`/api/media?where[uploader.email][like]=${e('victim-' + tag)}`, `/api/media?where[uploader.email][like]=${e('nobody-' + tag)}`],
        [`/api/media?sort=uploader.email`, `/api/media?sort=-uploader.email`],
      ]
      for (const [a, b] of pairs) {
        expect((await probe(client, a)).signature, `${who}: ${a} vs ${b}`).toBe((await probe(client, b)).signature)
      }
    }
  })
})

describe('own email only', () => {
  test("/api/users/me shows the member their own email and no one else's", async () => {
    const response = await member.get('/api/users/me')
    const body = await response.text()
    expect(response.status).toBe(200)
    const json = JSON.parse(body) as { user: { email: string; id: unknown } }
    expect(json.user.id).toBe(attacker.id)
    expect(json.user.email).toBe(attacker.email)
    expect(emailsIn(body)).toEqual([attacker.email.toLowerCase()])
    expect(body).not.toMatch(/"(hash|salt|resetPasswordToken|_verificationToken)"/)
  })

  test('/api/users/me for a visitor holds no user and no email', async () => {
    const response = await visitor.get('/api/users/me')
    const body = await response.text()
    expect(response.status).toBeLessThan(500)
    expect(emailsIn(body)).toEqual([])
  })

  test("the /account page shows only the member's own email", async () => {
    const response = await member.get('/account')
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(html).toContain(attacker.email)
    expect(emailsIn(html)).toEqual([attacker.email.toLowerCase()])
  })

  test("no public page shows any email address (visitor), nor another member's (signed in)", async () => {
    const home = await (await visitor.get('/')).text()
    const localityPaths = [...new Set([...home.matchAll(/href="(\/localities\/[^"#?]+)"/g)].map((m) => m[1]!))]
    expect(localityPaths.length).toBeGreaterThan(0)
    const pages = ['/', '/join', '/login', '/forgot', '/reset', '/reset?token=nonsense', '/verify', '/verify?token=nonsense', '/healthz', '/no-such-page', ...localityPaths]
    // A locality page lists approved directory entries, whose contact is an organisation's public
    // address (the seed has one). Those are allowed, but only if no account has that address.
    const organisationContacts = await publishedDirectoryContacts()
    for (const contact of organisationContacts) expect(await findUserByEmail(hostile.payload, contact), contact).toBeUndefined()
    const notOrganisation = (emails: string[]) => emails.filter((e) => !organisationContacts.has(e))
    for (const path of pages) {
      const response = await visitor.get(path)
      const body = await response.text()
      expect(response.status, path).toBeLessThan(500)
      expect(notOrganisation(emailsIn(body)), `visitor ${path}`).toEqual([])
    }
    for (const path of pages) {
      const body = await (await member.get(path)).text()
      expect(
        notOrganisation(emailsIn(body)).filter((e) => e !== attacker.email.toLowerCase()),
        `member ${path}`,
      ).toEqual([])
    }
  })
})

describe('display names are pseudonyms, never email addresses', () => {
  test('/join refuses a display name that is an email address, and creates no one', async () => {
    const before = await countUsers(hostile.payload)
    for (const displayName of [`someone-${tag}@example.org`, `  SOMEONE-${tag}@EXAMPLE.ORG  `]) {
      const email = `join-${unique()}@privacy-probe.example`
      const client = new WebClient(hostile.server.url)
      const response = await client.postForm('/join', {
        _csrf: await client.csrfToken('/join'),
        displayName,
        email,
        password: 'copper-kettle-meadow-9',
        memberType: 'supporter',
      })
      const html = await response.text()
      expect(response.status, displayName).toBe(400)
      expect(html).toMatch(/id="field-displayName-error"/)
      expect(await findUserByEmail(hostile.payload, email)).toBeUndefined()
    }
    expect(await countUsers(hostile.payload)).toBe(before)
  })

  test('a member cannot rename themself to an email address (REST PATCH or /account form)', async () => {
    const subject = await createMember(hostile.payload, { displayName: `Plain ${tag}` })
    const client = await signedIn(hostile.server, subject.email, subject.password)
    const patch = await client.json('PATCH', `/api/users/${subject.id}`, { displayName: `leak-${tag}@example.org` })
    expect(patch.status).toBeGreaterThanOrEqual(400)
    expect(patch.status).toBeLessThan(500)
    expect((await readUser(hostile.payload, subject.id)).displayName).toBe(`Plain ${tag}`)

    const form = await client.postForm('/account', {
      _csrf: await client.csrfToken('/account'),
      displayName: `leak-${tag}@example.org`,
      memberType: 'in-recovery',
      homeLocality: '',
      digest: 'never',
    })
    expect(form.status).toBe(400)
    expect(await form.text()).toMatch(/id="field-displayName-error"/)
    expect((await readUser(hostile.payload, subject.id)).displayName).toBe(`Plain ${tag}`)
  })

  test('display names are unique case-insensitively (join and PATCH)', async () => {
    const email = `dup-${unique()}@privacy-probe.example`
    const client = new WebClient(hostile.server.url)
    const response = await client.postForm('/join', {
      _csrf: await client.csrfToken('/join'),
      displayName: victim.displayName.toUpperCase(),
      email,
      password: 'copper-kettle-meadow-9',
      memberType: 'supporter',
    })
    expect(response.status).toBe(400)
    expect(await findUserByEmail(hostile.payload, email)).toBeUndefined()

    const other = await createMember(hostile.payload, { displayName: `Other ${tag}` })
    const otherClient = await signedIn(hostile.server, other.email, other.password)
    const patch = await otherClient.json('PATCH', `/api/users/${other.id}`, { displayName: victim.displayName.toLowerCase() })
    expect(patch.status).toBeGreaterThanOrEqual(400)
    expect(patch.status).toBeLessThan(500)
    expect((await readUser(hostile.payload, other.id)).displayName).toBe(`Other ${tag}`)
  })
})

/** Emails given as the public contact of an approved directory entry (an organisation, by rule). */
async function publishedDirectoryContacts(): Promise<Set<string>> {
  const entries = await hostile.payload.find({ collection: 'directory-entries', where: { status: { equals: 'approved' } }, pagination: false, depth: 0 })
  return new Set(entries.docs.flatMap((entry) => emailsIn(String(entry.contact ?? ''))))
}
