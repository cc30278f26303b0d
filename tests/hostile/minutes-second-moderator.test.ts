// Hostile: issue 12, spec B6 "Minutes approval can require a second moderator, as a setting".
//
// One real server. Past, held meetings are arranged through the Local API on its database; everything
// else goes over HTTP as the people involved would: the admin turns `minutesNeedSecondModerator` on and
// off through REST (POST /api/globals/meeting-settings); moderators record and approve minutes through
// REST (PATCH /api/meetings/:id) and through the public forms found on the meeting page (POST
// /meetings/:id/close saves the minutes, POST /meetings/:id/minutes with decision=approve approves them).
//
// With the setting on, whoever last saved the minutes text (meetings.minutesRecordedBy) cannot move
// minutesStatus to approved (REST 403 or 400 with "Another moderator needs to approve these minutes."),
// whatever else the request carries, and nothing is saved; another moderator can. With it off, a
// moderator approves their own minutes as today. A member changes neither the recorder nor the setting.
import { beforeAll, describe, expect, test } from 'vitest'

import { lexicalToPlainText, markdownToLexical } from '../../src/richtext/index.js'
import { WebClient } from '../support/http.js'
import { api, localityIds, makeMember, seededAdmin, textOf, type ApiResult, type Member, type Who } from './forumHelpers.js'
import { settle, signedIn, unique, useHostileServer } from './helpers.js'

const hostile = useHostileServer('minutes-second-moderator')
const db = () => hostile.payload as any

const DAY = 24 * 60 * 60 * 1000
const REFUSAL = 'Another moderator needs to approve these minutes.'

let loc: Record<string, number | string> = {}
let modA: Member, modB: Member, plainMember: Member

const who = (m: { email: string; password: string }): Who => ({ email: m.email, password: m.password })
const idOf = (ref: any) => (ref == null ? null : typeof ref === 'object' ? String(ref.id) : String(ref))

async function readMeeting(id: number | string): Promise<any> {
  return db().findByID({ collection: 'meetings', id, overrideAccess: true, depth: 0 })
}

/** What must not change when a request is refused. */
async function snapshot(id: number | string) {
  const m = await readMeeting(id)
  return {
    minutesStatus: m.minutesStatus,
    minutesText: m.minutes ? lexicalToPlainText(m.minutes) : '',
    minutesRecordedBy: idOf(m.minutesRecordedBy),
    minutesPublishedAt: m.minutesPublishedAt ?? null,
    minutesVisibility: m.minutesVisibility,
    status: m.status,
    attendance: { total: m.attendance?.total ?? null, firstTimers: m.attendance?.firstTimers ?? null },
    title: m.title,
  }
}

/** A held meeting that started `daysAgo` days ago, minutes empty and in draft. */
async function pastMeeting(key: string, daysAgo = 10): Promise<{ id: number | string; title: string }> {
  const title = `Minutes ${key} ${unique('mm')}`
  const start = new Date(Date.now() - daysAgo * DAY)
  start.setUTCHours(18, 0, 0, 0)
  const doc: any = await settle(() =>
    db().create({
      collection: 'meetings',
      data: {
        locality: loc['lancashire-north'],
        title,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * 60 * 60 * 1000).toISOString(),
        status: 'held',
        attendance: { total: 24, firstTimers: 4 },
      },
      overrideAccess: true,
    }),
  )
  const stored = await readMeeting(doc.id)
  if (stored.minutesStatus !== 'draft' || stored.status !== 'held') throw new Error(`Arrange failed: meeting ${key} is ${stored.status}/${stored.minutesStatus}`)
  return { id: doc.id, title }
}

const minutesOf = (words: string) => markdownToLexical(`${words}\n\nWe agreed to write to the bus company.`)
const patch = (as: Who | null, id: number | string, body: Record<string, unknown>) => api(hostile, as, 'PATCH', `/api/meetings/${id}?depth=0`, body)

async function setSecondModerator(on: boolean) {
  const result = await api(hostile, seededAdmin(hostile), 'POST', '/api/globals/meeting-settings', { minutesNeedSecondModerator: on })
  if (result.status !== 200) throw new Error(`Arrange failed: the admin could not set minutesNeedSecondModerator=${on}: ${result.status} ${result.text.slice(0, 300)}`)
  const stored = await db().findGlobal({ slug: 'meeting-settings', overrideAccess: true, depth: 0 })
  if (Boolean(stored.minutesNeedSecondModerator) !== on) throw new Error(`Arrange failed: minutesNeedSecondModerator is ${stored.minutesNeedSecondModerator} after the admin set ${on}`)
}

/** Records minutes as `as` over REST and insists it worked and made them the recorder. */
async function recordOverRest(as: Member, id: number | string, words: string, options: { checkRecorder?: boolean } = {}) {
  const result = await patch(who(as), id, { minutes: minutesOf(words) })
  expect(result.status, `saving minutes as ${as.displayName} is accepted: ${result.text.slice(0, 300)}`).toBe(200)
  const stored = await readMeeting(id)
  expect(lexicalToPlainText(stored.minutes), 'the minutes are saved').toContain(words)
  if (options.checkRecorder !== false) expect(idOf(stored.minutesRecordedBy), 'minutesRecordedBy is whoever last saved the minutes text').toBe(String(as.id))
}

function expectRefusal(result: ApiResult, what: string) {
  expect([400, 403], `${what}: refused with 400 or 403 (got ${result.status}: ${result.text.slice(0, 300)})`).toContain(result.status)
  expect(result.text, `${what}: the answer says why`).toContain(REFUSAL)
}

// The public forms, as a signed-in moderator in a browser would send them.
async function web(m: Member): Promise<WebClient> {
  return signedIn(hostile.server, m.email, m.password)
}

async function closeForm(client: WebClient, id: number | string, minutes: string) {
  const token = await client.csrfToken(`/meetings/${id}/close`)
  return client.postForm(`/meetings/${id}/close`, { _csrf: token, attendanceTotal: '24', firstTimers: '4', minutes, minutesVisibility: 'members' })
}

/** POST /meetings/:id/minutes decision=approve; the text shown afterwards (following a redirect, if any). */
async function approveForm(client: WebClient, id: number | string): Promise<{ status: number; shown: string }> {
  const token = await client.csrfToken(`/meetings/${id}`)
  const response = await client.postForm(`/meetings/${id}/minutes`, { _csrf: token, decision: 'approve' })
  let shown = textOf(await response.text())
  const location = response.headers.get('location')
  if (response.status >= 300 && response.status < 400 && location) shown = textOf(await (await client.get(location)).text())
  return { status: response.status, shown }
}

beforeAll(async () => {
  loc = await localityIds(hostile)
  modA = await makeMember(hostile, { roles: ['moderator'], name: 'Mod Ada' })
  modB = await makeMember(hostile, { roles: ['moderator'], name: 'Mod Bea' })
  plainMember = await makeMember(hostile, { name: 'Plain Pat' })
})

describe('with minutesNeedSecondModerator on', () => {
  beforeAll(() => setSecondModerator(true))

  test('saving the minutes text records who saved it; the next moderator to save it becomes the recorder', async () => {
    const m = await pastMeeting('recorder')
    await recordOverRest(modA, m.id, unique('firstdraft'))
    await recordOverRest(modB, m.id, unique('seconddraft'))
  })

  test('the recorder cannot approve their own minutes over REST; nothing changes', async () => {
    const m = await pastMeeting('own-rest')
    const words = unique('ownrest')
    await patch(who(modA), m.id, { minutes: minutesOf(words) })
    const before = await snapshot(m.id)
    expect(before.minutesText, 'arrange: the minutes are saved').toContain(words)

    const result = await patch(who(modA), m.id, { minutesStatus: 'approved' })
    expectRefusal(result, 'the recorder approving their own minutes')
    expect(await snapshot(m.id), 'the record is unchanged').toEqual(before)
  })

  test('nor together with saving the text again, nor by naming someone else as the recorder in the same request', async () => {
    const m = await pastMeeting('own-rest-tricks')
    const words = unique('tricks')
    await patch(who(modA), m.id, { minutes: minutesOf(words) })
    const before = await snapshot(m.id)

    const again = await patch(who(modA), m.id, { minutes: minutesOf(words), minutesStatus: 'approved' })
    expectRefusal(again, 'saving the same text and approving in one request')
    expect(await snapshot(m.id), 'unchanged after saving and approving together').toEqual(before)

    const renamed = await patch(who(modA), m.id, { minutesRecordedBy: modB.id, minutesStatus: 'approved' })
    expectRefusal(renamed, 'naming another moderator as the recorder while approving')
    expect(await snapshot(m.id), 'unchanged after naming someone else').toEqual(before)

    const published = await patch(who(modA), m.id, { minutesStatus: 'published' })
    expect(published.status, `publishing unapproved own minutes is refused: ${published.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400)
    expect(published.status).toBeLessThan(500)
    expect(await snapshot(m.id), 'unchanged after trying to publish').toEqual(before)
  })

  test('a moderator who saves new text and approves in the same request is the recorder of that text: refused, nothing saved', async () => {
    const m = await pastMeeting('edit-and-approve')
    await patch(who(modA), m.id, { minutes: minutesOf(unique('adadraft')) })
    const before = await snapshot(m.id)

    const result = await patch(who(modB), m.id, { minutes: minutesOf(unique('beaedit')), minutesStatus: 'approved' })
    expectRefusal(result, 'editing the text and approving it in one request')
    expect(await snapshot(m.id), 'neither the new text nor the approval is saved').toEqual(before)
  })

  test('another moderator approves them (200); the recorder stays the one who wrote them', async () => {
    const m = await pastMeeting('other-approves')
    await recordOverRest(modA, m.id, unique('forbea'), { checkRecorder: false })
    const refused = await patch(who(modA), m.id, { minutesStatus: 'approved' })
    expectRefusal(refused, 'the recorder approving')

    const result = await patch(who(modB), m.id, { minutesStatus: 'approved' })
    expect(result.status, `another moderator approves: ${result.text.slice(0, 300)}`).toBe(200)
    const stored = await readMeeting(m.id)
    expect(stored.minutesStatus).toBe('approved')
    expect(idOf(stored.minutesRecordedBy), 'approving does not make B the recorder').toBe(String(modA.id))
  })

  test('the public forms: the recorder\'s "Approve the minutes" is refused with the reason and nothing changes; another moderator\'s works', async () => {
    const m = await pastMeeting('forms')
    const ada = await web(modA)
    const words = unique('formminutes')
    const saved = await closeForm(ada, m.id, `${words}\n\n- write to the bus company`)
    expect([200, 303], `saving minutes through /meetings/${m.id}/close: ${saved.status}`).toContain(saved.status)
    const before = await snapshot(m.id)
    expect(before.minutesText, 'the minutes are saved').toContain(words)
    expect(before.minutesRecordedBy, 'the form records who saved the minutes').toBe(String(modA.id))

    const own = await approveForm(ada, m.id)
    expect(own.status, `the recorder's approval through the form is refused, never a server error (status ${own.status})`).toBeLessThan(500)
    expect(own.shown, `the page says why (status ${own.status})`).toContain(REFUSAL)
    expect(await snapshot(m.id), 'the record is unchanged').toEqual(before)

    const bea = await web(modB)
    const other = await approveForm(bea, m.id)
    expect(other.status, `another moderator's approval through the form: ${other.status}`).toBeLessThan(400)
    expect(other.shown, 'no refusal for another moderator').not.toContain(REFUSAL)
    expect((await readMeeting(m.id)).minutesStatus).toBe('approved')
  })
})

describe('with minutesNeedSecondModerator off (the default)', () => {
  beforeAll(() => setSecondModerator(false))

  test('a moderator approves their own minutes over REST', async () => {
    const m = await pastMeeting('off-rest')
    await recordOverRest(modA, m.id, unique('offrest'), { checkRecorder: false })
    const result = await patch(who(modA), m.id, { minutesStatus: 'approved' })
    expect(result.status, `approving one's own minutes with the setting off: ${result.text.slice(0, 300)}`).toBe(200)
    expect((await readMeeting(m.id)).minutesStatus).toBe('approved')
  })

  test('and through the public forms', async () => {
    const m = await pastMeeting('off-forms')
    const ada = await web(modA)
    const saved = await closeForm(ada, m.id, unique('offforms'))
    expect([200, 303]).toContain(saved.status)
    const own = await approveForm(ada, m.id)
    expect(own.status, `approving through the form with the setting off: ${own.status}`).toBeLessThan(400)
    expect(own.shown).not.toContain(REFUSAL)
    expect((await readMeeting(m.id)).minutesStatus).toBe('approved')
  })
})

describe('who may change the recorder and the setting', () => {
  test('a member cannot change the setting; nor can a visitor', async () => {
    await setSecondModerator(true)
    for (const [label, as] of [
      ['a member', who(plainMember)],
      ['a visitor', null],
    ] as const) {
      const result = await api(hostile, as, 'POST', '/api/globals/meeting-settings', { minutesNeedSecondModerator: false })
      expect([401, 403], `${label} switching the setting off: ${result.status} ${result.text.slice(0, 200)}`).toContain(result.status)
      const stored = await db().findGlobal({ slug: 'meeting-settings', overrideAccess: true, depth: 0 })
      expect(stored.minutesNeedSecondModerator, `still on after ${label} tried`).toBe(true)
    }
  })

  test('a moderator (the recorder, say) cannot switch the rule off either: only admins change it', async () => {
    await setSecondModerator(true)
    const result = await api(hostile, who(modA), 'POST', '/api/globals/meeting-settings', { minutesNeedSecondModerator: false })
    expect(result.status, `a moderator switching the setting off: ${result.status} ${result.text.slice(0, 200)}`).toBeLessThan(500)
    const stored = await db().findGlobal({ slug: 'meeting-settings', overrideAccess: true, depth: 0 })
    expect(stored.minutesNeedSecondModerator, 'still on after a moderator tried').toBe(true)
  })

  test('a member cannot set minutesRecordedBy (nor anything else on a meeting); a moderator cannot set it by hand either', async () => {
    const m = await pastMeeting('recorder-field')
    await patch(who(modA), m.id, { minutes: minutesOf(unique('fieldtest')) })
    const before = await snapshot(m.id)
    expect(before.minutesRecordedBy, 'arrange: A recorded the minutes').toBe(String(modA.id))

    const asMember = await patch(who(plainMember), m.id, { minutesRecordedBy: plainMember.id })
    expect([401, 403], `a member setting minutesRecordedBy: ${asMember.status} ${asMember.text.slice(0, 200)}`).toContain(asMember.status)
    expect(await snapshot(m.id), 'unchanged after the member tried').toEqual(before)

    const asVisitor = await patch(null, m.id, { minutesRecordedBy: plainMember.id })
    expect([401, 403], `a visitor setting minutesRecordedBy: ${asVisitor.status}`).toContain(asVisitor.status)

    const asModerator = await patch(who(modB), m.id, { minutesRecordedBy: modB.id })
    expect(asModerator.status, 'a moderator setting the recorder by hand is refused or ignored, never a server error').toBeLessThan(500)
    expect(await snapshot(m.id), 'the recorder cannot be set by hand').toEqual(before)
  })

  test('members and visitors never read minutesRecordedBy', async () => {
    const m = await pastMeeting('recorder-read')
    await patch(who(modA), m.id, { minutes: minutesOf(unique('readtest')), minutesVisibility: 'public' })
    for (const [label, as] of [
      ['a member', who(plainMember)],
      ['a visitor', null],
    ] as const) {
      const one = await api(hostile, as, 'GET', `/api/meetings/${m.id}?depth=0`)
      expect(one.status).toBe(200)
      expect(one.json?.minutesRecordedBy ?? null, `${label} reading the meeting`).toBeNull()
      const list = await api(hostile, as, 'GET', `/api/meetings?depth=0&limit=1000&where[id][equals]=${m.id}`)
      expect(list.json?.docs?.[0]?.minutesRecordedBy ?? null, `${label} listing meetings`).toBeNull()
    }
  })
})
