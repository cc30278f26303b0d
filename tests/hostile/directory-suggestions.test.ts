// Hostile: directory suggestions (issue 17 A). A member's suggestion is seen by them and the moderators
// only: never by a visitor or another member through REST, GraphQL, the pages, the calendar, search or the
// sitemap. A member cannot approve, or make their own record approved by sending a status. JSON-LD built
// from a suggested name cannot end its <script> element. Controls (the suggester's own read, the entry
// once a moderator approves it) prove each check can fail.
import { beforeAll, describe, expect, test } from 'vitest'

import type { WebClient } from '../support/http.js'
import { api, db, makeMember, seededModerator, textOf, type Member } from './forumHelpers.js'
import { signedIn, unique, useHostileServer } from './helpers.js'

/** Posts a CSV file to the moderators' import form, as a browser would (multipart, with the form token). */
async function importCsv(client: WebClient, csv: string): Promise<{ status: number; text: string }> {
  const form = new FormData()
  form.append('_csrf', await client.csrfToken('/directory'))
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'directory.csv')
  const response = await client.request('/directory/moderate/import', { method: 'POST', body: form, headers: { origin: new URL(client.baseUrl).origin } })
  return { status: response.status, text: textOf(await response.text()) }
}

const hostile = useHostileServer('directory-suggestions')

let suggester: Member
let nosy: Member
let suggesterClient: WebClient
let nosyClient: WebClient
let moderatorClient: WebClient
let visitor: WebClient

const HOSTILE_NAME = '</script><script>alert(1)</script>'

/** Suggests an entry through the public form, as a browser would; returns the stored record's id. */
async function suggestThroughForm(client: WebClient, fields: Record<string, string>): Promise<string> {
  const token = await client.csrfToken('/directory/suggest')
  const response = await client.postForm('/directory/suggest', { _csrf: token, kind: 'recovery-cafe', locality: 'lancashire-central', meets: 'Tue 19:00; 1st Sat 10:30', ...fields })
  expect(
    response.status,
    await response
      .clone()
      .text()
      .then((t) => textOf(t).slice(0, 300)),
  ).toBe(303)
  expect(response.headers.get('location')).toBe('/directory/suggested')
  const found = await db(hostile).find({ collection: 'directory-entries', where: { name: { equals: fields.name } }, overrideAccess: true, depth: 0 })
  expect(found.docs).toHaveLength(1)
  return String(found.docs[0]!.id)
}

const stored = (id: string) => db(hostile).findByID({ collection: 'directory-entries', id, overrideAccess: true, depth: 0 }) as Promise<Record<string, any>>

/** Every door a visitor or another member might read a suggestion through, with what each shows. */
async function doorsFor(client: WebClient, who: Member | null, id: string, marker: string): Promise<string[]> {
  const seen: string[] = []
  const show = async (name: string, run: () => Promise<{ status: number; text: string }>) => {
    const { status, text } = await run()
    if (status === 200 && text.includes(marker)) seen.push(name)
  }
  const page = async (path: string) => {
    const r = await client.get(path)
    return { status: r.status, text: await r.text() }
  }
  await show('REST list', () => api(hostile, who, 'GET', '/api/directory-entries?limit=1000&depth=0'))
  await show('REST by id', () => api(hostile, who, 'GET', `/api/directory-entries/${id}`))
  await show('REST where name', () => api(hostile, who, 'GET', `/api/directory-entries?where[name][like]=${marker}`))
  await show('GraphQL', () => api(hostile, who, 'POST', '/api/graphql', { query: '{ DirectoryEntries { docs { id name } } }' }))
  await show('listing', () => page('/directory'))
  await show('listing filtered', () => page('/directory?locality=lancashire-central&kind=recovery-cafe&day=tue'))
  await show('entry page', () => page(`/directory/${id}`))
  await show('calendar', () => page(`/directory/${id}/calendar.ics`))
  await show('correction form', () => page(`/directory/${id}/correct`))
  await show('locality page', () => page('/localities/lancashire-central'))
  // The search box repeats what was asked: ask for the marker without its last letters, so only a result can show it.
  await show('search', () => page(`/search?q=${encodeURIComponent(marker.slice(0, -3))}`))
  // The sitemap lists addresses, not names: it shows the entry when it lists its address.
  await show('sitemap', async () => {
    const r = await page('/sitemap-1.xml')
    return { status: r.status, text: r.text.includes(`/directory/${id}<`) ? marker : '' }
  })
  return seen
}

beforeAll(async () => {
  ;[suggester, nosy] = await Promise.all([makeMember(hostile, { name: 'Suggester' }), makeMember(hostile, { name: 'Nosy' })])
  suggesterClient = await signedIn(hostile.server, suggester.email, suggester.password)
  nosyClient = await signedIn(hostile.server, nosy.email, nosy.password)
  const mod = seededModerator(hostile)
  moderatorClient = await signedIn(hostile.server, mod.email, mod.password)
  const { WebClient: Client } = await import('../support/http.js')
  visitor = new Client(hostile.server.url)
}, 120_000)

describe('a suggestion is private until a moderator approves it', () => {
  test('visitors and other members see it through no door; the suggester and moderators do; approval makes it public', async () => {
    const marker = unique('dirsecret')
    const id = await suggestThroughForm(suggesterClient, { name: `Quiet Room ${marker}`, description: `Described ${marker}` })
    expect(await stored(id)).toMatchObject({ status: 'suggested', suggestionType: 'entry' })
    expect(String((await stored(id)).suggestedBy)).toBe(String(suggester.id))

    expect(await doorsFor(visitor, null, id, marker)).toEqual([])
    expect(await doorsFor(nosyClient, nosy, id, marker)).toEqual([])
    // Control: the suggester reads their own suggestion through REST (and only that door shows it to them).
    const own = await api(hostile, suggester, 'GET', `/api/directory-entries/${id}`)
    expect(own.status).toBe(200)
    expect(own.text).toContain(marker)

    // A member cannot approve: not through REST, not through the moderators' form.
    const patched = await api(hostile, suggester, 'PATCH', `/api/directory-entries/${id}`, { status: 'approved' })
    expect(patched.status).toBeGreaterThanOrEqual(400)
    expect(patched.status).toBeLessThan(500)
    const token = await suggesterClient.csrfToken('/directory')
    const decided = await suggesterClient.postForm(`/directory/moderate/${id}/decide`, { _csrf: token, decision: 'approved' })
    expect(decided.status).toBe(404)
    expect((await suggesterClient.get('/directory/moderate')).status).toBe(404)
    expect((await stored(id)).status).toBe('suggested')

    // The moderator approves it on their page; now everyone sees it (the doors above can show it).
    const modToken = await moderatorClient.csrfToken('/directory/moderate')
    const approve = await moderatorClient.postForm(`/directory/moderate/${id}/decide`, { _csrf: modToken, decision: 'approved' })
    expect(approve.status).toBe(303)
    expect((await stored(id)).status).toBe('approved')
    const seen = await doorsFor(visitor, null, id, marker)
    expect(seen).toEqual(expect.arrayContaining(['REST list', 'REST by id', 'listing', 'listing filtered', 'entry page', 'calendar', 'locality page', 'sitemap']))
    // Who suggested it is never public, in REST or on the page.
    const publicRead = await api(hostile, null, 'GET', `/api/directory-entries/${id}`)
    expect(publicRead.json).not.toHaveProperty('suggestedBy')
    const asOther = await api(hostile, nosy, 'GET', `/api/directory-entries/${id}`)
    expect(asOther.json).not.toHaveProperty('suggestedBy')
    expect(asOther.text).not.toContain(suggester.displayName)
    const filter = await api(hostile, nosy, 'GET', `/api/directory-entries?where[suggestedBy][equals]=${suggester.id}`)
    expect(filter.status).toBeGreaterThanOrEqual(400)
    expect(filter.status).toBeLessThan(500)
  }, 120_000)

  test('a member cannot create an approved, checked or someone else’s entry through REST', async () => {
    const marker = unique('dirrest')
    const [kind, locality] = await Promise.all([
      db(hostile).find({ collection: 'directory-kinds', where: { slug: { equals: 'aa' } }, overrideAccess: true }),
      db(hostile).find({ collection: 'localities', where: { slug: { equals: 'lancashire-east' } }, overrideAccess: true }),
    ])
    const created = await api(hostile, suggester, 'POST', '/api/directory-entries', {
      name: `Sneaky ${marker}`,
      kind: kind.docs[0]!.id,
      locality: locality.docs[0]!.id,
      status: 'approved',
      checkedOn: '2026-12-01',
      suggestedBy: nosy.id,
      suggestionType: 'entry',
      isDemo: true,
    })
    expect(created.status).toBe(201)
    const id = String(created.json.doc.id)
    expect(await stored(id)).toMatchObject({ status: 'suggested', checkedOn: null, isDemo: false })
    expect(String((await stored(id)).suggestedBy)).toBe(String(suggester.id))
    expect(await doorsFor(visitor, null, id, marker)).toEqual([])
    // Nor update one: PATCH by a member is refused, and nothing changes.
    const patched = await api(hostile, suggester, 'PATCH', `/api/directory-entries/${id}`, { status: 'approved', name: `Changed ${marker}` })
    expect(patched.status).toBeGreaterThanOrEqual(400)
    expect(patched.status).toBeLessThan(500)
    expect(await stored(id)).toMatchObject({ status: 'suggested', name: `Sneaky ${marker}` })
    // A visitor cannot create one at all.
    const anonymous = await api(hostile, null, 'POST', '/api/directory-entries', { name: `Anon ${marker}`, kind: kind.docs[0]!.id, locality: locality.docs[0]!.id })
    expect(anonymous.status).toBe(403)
  })

  test('a correction is never public, even once approved; approving it changes its entry', async () => {
    const marker = unique('dircorr')
    const id = await suggestThroughForm(suggesterClient, { name: `Open Door ${marker}` })
    const modToken = await moderatorClient.csrfToken('/directory/moderate')
    await moderatorClient.postForm(`/directory/moderate/${id}/decide`, { _csrf: modToken, decision: 'approved' })
    const token = await nosyClient.csrfToken(`/directory/${id}/correct`)
    const sent = await nosyClient.postForm(`/directory/${id}/correct`, {
      _csrf: token,
      name: `Open Door ${marker}`,
      kind: 'recovery-cafe',
      locality: 'lancashire-central',
      meets: 'Wed 11:00',
      cost: `Corrected cost ${marker}`,
      correctionNote: `It moved ${marker}`,
    })
    expect(sent.status).toBe(303)
    const correction = (await db(hostile).find({ collection: 'directory-entries', where: { correctionOf: { equals: id } }, overrideAccess: true })).docs[0]!
    expect(correction).toMatchObject({ status: 'suggested', suggestionType: 'correction' })
    for (const [client, who] of [
      [visitor, null],
      [suggesterClient, suggester],
    ] as const) {
      const r = await api(hostile, who, 'GET', `/api/directory-entries/${correction.id}`)
      expect(r.text).not.toContain('It moved')
      expect((await client.get(`/directory/${correction.id}`)).status).toBe(404)
    }
    const approve = await moderatorClient.postForm(`/directory/moderate/${correction.id}/decide`, { _csrf: modToken, decision: 'approved' })
    expect(approve.status).toBe(303)
    expect(textOf(await (await visitor.get(`/directory/${id}`)).text())).toContain(`Corrected cost ${marker}`)
    expect((await visitor.get(`/directory/${correction.id}`)).status).toBe(404)
    expect((await api(hostile, null, 'GET', `/api/directory-entries/${correction.id}`)).status).not.toBe(200)
  }, 60_000)
})

describe('JSON-LD from suggested text', () => {
  test('a suggested name like </script><script>alert(1)</script> stays inside its JSON-LD element, on the entry and the listing', async () => {
    const name = `${HOSTILE_NAME} ${unique('x')}`
    const id = await suggestThroughForm(suggesterClient, { name, description: '<!-- & </SCRIPT > \u2028' })
    const modToken = await moderatorClient.csrfToken('/directory/moderate')
    expect((await moderatorClient.postForm(`/directory/moderate/${id}/decide`, { _csrf: modToken, decision: 'approved' })).status).toBe(303)
    for (const path of [`/directory/${id}`, '/directory?kind=recovery-cafe']) {
      const response = await visitor.get(path)
      expect(response.status).toBe(200)
      const html = await response.text()
      // The only scripts on the page are the JSON-LD ones: no element was opened by the name.
      const openings = html.match(/<script\b[^>]*>/gi) ?? []
      expect(openings.length, path).toBeGreaterThan(0)
      for (const opening of openings) expect(opening, path).toBe('<script type="application/ld+json">')
      expect(html).not.toContain('<script>alert(1)')
      const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!)
      expect(blocks.length).toBe(openings.length)
      const data = blocks.map((b) => JSON.parse(b))
      // The name is intact inside the data, as schema.org readers will see it.
      expect(JSON.stringify(data)).toContain(JSON.stringify(name).slice(1, -1))
      // The visible page shows it as text.
      expect(textOf(html)).toContain(name)
    }
  }, 60_000)
})

describe('the moderators’ spreadsheet doors', () => {
  test('members and visitors cannot export or import; a moderator’s bad file is a 400 naming the rows, and stores nothing', async () => {
    const marker = unique('dircsv')
    const csv = `name,kind,locality,meets\nImported ${marker},aa,lancashire-east,Tue 19:00\nBad ${marker},aa,atlantis,Tue 19:00\n`
    const countMarked = async () => (await db(hostile).count({ collection: 'directory-entries', where: { name: { like: marker } }, overrideAccess: true })).totalDocs

    // A visitor is sent to sign in; a member is told there is nothing here; neither gets the file.
    const visitorExport = await visitor.get('/directory/moderate/export.csv')
    expect(visitorExport.status).toBe(303)
    expect(visitorExport.headers.get('location')).toMatch(/^\/login\?next=/)
    const memberExport = await nosyClient.get('/directory/moderate/export.csv')
    expect(memberExport.status).toBe(404)
    expect(await memberExport.text()).not.toContain('name,kind,locality')
    expect((await importCsv(nosyClient, csv.replace(/\nBad.*\n$/, '\n'))).status).toBe(404)
    expect(await countMarked()).toBe(0)

    // The moderator's file with one bad row: 400, the row named, nothing stored.
    const bad = await importCsv(moderatorClient, csv)
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('Nothing was imported')
    expect(bad.text).toContain('Row 3: "atlantis" is not a locality')
    expect(bad.text).not.toContain('Row 2')
    expect(await countMarked()).toBe(0)
    // Not a CSV at all: still a 400 with a reason, never a 500.
    const junk = await importCsv(moderatorClient, '\u0000\u0001"unclosed')
    expect(junk.status).toBe(400)
    // Fixed, it imports; the export carries it.
    const good = await importCsv(moderatorClient, csv.replace(/\nBad.*\n$/, '\n'))
    expect(good.status).toBe(200)
    expect(good.text).toContain('Imported: 1 new entry, 0 updated.')
    expect(await countMarked()).toBe(1)
    const exported = await moderatorClient.get('/directory/moderate/export.csv')
    expect(exported.headers.get('content-type')).toContain('text/csv')
    expect(await exported.text()).toContain(`Imported ${marker}`)
  }, 60_000)
})
