// Crisis outranks everything, on every text door (issue 10, part 3), through the Local API as the member.
// First the list of text doors (src/moderation/textDoors.ts) is compared with the config, so a text field
// a member can write that is added later fails here until it is triaged or declared not free text. Then
// every door in that list is written with crisis words and with an ordinary sentence, and what is held,
// which crisis alert is raised and what the safeguarding leads are emailed is read back.
import { createLocalReq, type Payload } from 'payload'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'

import { startPrivateLine, writeInConversation } from '../../src/commands/conversations/privateLine.js'
import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { handleCrisisAlert } from '../../src/commands/safeguarding/handleCrisisAlert.js'
import { NOT_FREE_TEXT, TEXT_DOORS } from '../../src/moderation/textDoors.js'
import { markdownToLexical } from '../../src/richtext/index.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, idOf, sameId, unique } from './helpers.js'

let payload: Payload
const api = () => payload as any

// Sentences the shipped crisis lexicon holds, with the words of each that are the member's own and must
// never reach an alert or an email (short words such as "I" or "to" could appear in any email).
const CRISIS = [
  { text: 'I want to kill myself tonight', words: ['kill', 'myself', 'tonight'] },
  { text: "I'm going to take all my tablets tonight", words: ['tablets', 'tonight'] },
  { text: 'I feel suicidal', words: ['suicidal'] },
  { text: "I've written my goodbye letters", words: ['written', 'goodbye', 'letters'] },
] as const
const ORDINARY = 'Had a lovely brew at the recovery cafe'

type DoorCollection = keyof typeof TEXT_DOORS
type HeldCollection = 'stories' | 'threads' | 'replies'

let place: any // a public forum locality, where everything in this file is written
let lead: any, moderator: any, admin: any, bystander: any
/** The phrase and the note of every crisis entry in watched-words: what `matched` may say. */
let crisisEntryNames: Set<string>
let png: Buffer

// ---------------------------------------------------------------------------------------------
// The config, walked
// ---------------------------------------------------------------------------------------------
const TEXT_TYPES = new Set(['text', 'textarea', 'richText'])

type TextField = { path: string; type: string; chain: any[] }

/** Every text, textarea and rich text field of a collection, with its dotted path and the fields around it. */
function textFieldsOf(fields: any[], prefix = '', chain: any[] = []): TextField[] {
  const out: TextField[] = []
  for (const field of fields) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        const named = 'name' in tab && tab.name
        out.push(...textFieldsOf(tab.fields, named ? `${prefix}${tab.name}.` : prefix, named ? [...chain, tab] : chain))
      }
    } else if (field.type === 'row' || field.type === 'collapsible' || (field.type === 'group' && !field.name)) {
      out.push(...textFieldsOf(field.fields, prefix, chain))
    } else if (field.type === 'group' || field.type === 'array') {
      out.push(...textFieldsOf(field.fields, `${prefix}${field.name}.`, [...chain, field]))
    } else if (field.type === 'blocks') {
      for (const block of field.blocks ?? []) out.push(...textFieldsOf(block.fields, `${prefix}${field.name}.${block.slug}.`, [...chain, field]))
    } else if (TEXT_TYPES.has(field.type) && field.name) {
      out.push({ path: `${prefix}${field.name}`, type: field.type, chain: [...chain, field] })
    }
  }
  return out
}

/** Payload lets an operation through when access answers true or a Where query; a throwing rule counts as "can" here (the safe side). */
async function allows(rule: ((args: any) => unknown) | undefined, args: Record<string, unknown>): Promise<boolean> {
  if (!rule) return true
  try {
    const result = await rule(args)
    return result === true || (typeof result === 'object' && result !== null)
  } catch {
    return true
  }
}

/** A field's own access (and that of every group, array or tab around it) for one operation; Payload drops the value when it is falsy. */
async function fieldAllows(chain: any[], operation: 'create' | 'update', member: any): Promise<boolean> {
  for (const field of chain) {
    const rule = field.access?.[operation]
    if (!rule) continue
    try {
      if (!(await rule({ req: { user: member, payload }, data: {}, siblingData: {}, doc: undefined, id: undefined, operation }))) return false
    } catch {
      // a throwing rule counts as "can write"
    }
  }
  return true
}

type Writability = { writable: Map<string, string>; allText: Map<string, string>; apiClosed: Set<string> }

/** Which text fields a verified ordinary member can write through the API (REST and Local API as them). */
async function memberWritableTextFields(member: any): Promise<Writability> {
  const writable = new Map<string, string>()
  const allText = new Map<string, string>()
  const apiClosed = new Set<string>()
  for (const collection of payload.config.collections) {
    const args = { req: { user: member, payload }, data: {} }
    const canCreate = await allows(collection.access?.create as never, args)
    const canUpdate = await allows(collection.access?.update as never, args)
    if (!canCreate && !canUpdate) apiClosed.add(collection.slug)
    for (const field of textFieldsOf(collection.fields as any[])) {
      const key = `${collection.slug}.${field.path}`
      allText.set(key, field.type)
      const how: string[] = []
      if (canCreate && (await fieldAllows(field.chain, 'create', member))) how.push('create')
      if (canUpdate && (await fieldAllows(field.chain, 'update', member))) how.push('update')
      if (how.length > 0) writable.set(key, how.join('+'))
    }
  }
  return { writable, allText, apiClosed }
}

const declaredDoors = () => Object.entries(TEXT_DOORS).flatMap(([collection, door]) => door.fields.map((field) => `${collection}.${field}`))

// ---------------------------------------------------------------------------------------------
// Arranging and reading back
// ---------------------------------------------------------------------------------------------
const NO_LIMITS = { postQueueThreshold: 3, newMemberPostIntervalSeconds: 0, memberPostIntervalSeconds: 0, newMemberMaxThreadsPerDay: 1000, newMemberMaxRepliesPerDay: 1000 }

async function member(options: { roles?: ('member' | 'moderator' | 'admin')[]; approvedPostCount?: number; moderatorLocalities?: unknown[]; lead?: boolean } = {}) {
  const doc = await createMember(payload, { roles: options.roles ?? ['member'] })
  await api().update({
    collection: 'users',
    id: doc.id,
    data: {
      homeLocality: place.id,
      approvedPostCount: options.approvedPostCount ?? 0,
      ...(options.moderatorLocalities ? { moderatorLocalities: options.moderatorLocalities } : {}),
      ...(options.lead ? { isSafeguardingLead: true } : {}),
    },
    overrideAccess: true,
  })
  return asUser(payload, doc)
}

/** Established: past the newcomer post queue, so without crisis words their posts go straight up. */
const establishedMember = () => member({ approvedPostCount: 10 })

const fieldTypeOf = (collection: string, path: string) => textFieldsOf(payload.collections[collection as 'users'].config.fields as any[]).find((f) => f.path === path)?.type

/** The value to store for a text in a field: rich text fields take a Lexical document. */
const valueFor = (collection: string, path: string, text: string) => (fieldTypeOf(collection, path) === 'richText' ? markdownToLexical(text) : text)

const valueAt = (doc: any, path: string) => path.split('.').reduce((node, key) => (node && typeof node === 'object' ? node[key] : undefined), doc)

/** Whether a stored value (plain text, a Lexical document, or a whole API answer) holds the text. */
const containsText = (value: unknown, text: string) =>
  JSON.stringify(value ?? null)
    .toLowerCase()
    .includes(text.toLowerCase())

let nameCounter = 0
const usedNames = new Set<string>()
/** Display names are unique: a digit keeps the sentence matchable and the name new. */
function displayNameFor(text: string): string {
  const name = text.length <= 38 ? `${text} ${++nameCounter}` : text
  if (nameCounter > 9 || usedNames.has(name.toLowerCase())) throw new Error(`Arrange failed: display name "${name}" was used already in this file`)
  usedNames.add(name.toLowerCase())
  return name
}

async function publishedThreadBy(author: any) {
  const thread = await api().create({
    collection: 'threads',
    data: { locality: place.id, title: `Walking group ${unique()}`, body: `Meeting at the bandstand on Thursday ${unique()}.` },
    user: author,
    overrideAccess: false,
  })
  if (thread.status !== 'published') throw new Error(`Arrange failed: the moderator's thread is ${thread.status}`)
  return thread
}

async function draftStory(author: any, extra: Record<string, unknown> = {}) {
  const marker = unique()
  const story = await api().create({
    collection: 'stories',
    data: { title: `One week at a time ${marker}`, summary: `Canal walks ${marker}`, body: markdownToLexical(`The towpath in spring ${marker}.`), locality: place.id, ...extra },
    overrideAccess: false,
    user: author,
  })
  return { story, marker }
}

const PUBLIC_CONSENT = { audience: 'public' as const, byline: 'display-name' as const, quoteInReports: false }

async function publishedStory(author: any) {
  const { story, marker } = await draftStory(author)
  await giveConsent(payload, author, story.id, PUBLIC_CONSENT)
  await submitStory(payload, author, story.id)
  await moderateStory({ payload, moderator, storyId: story.id, action: 'approve', quiet: true })
  const stored = await readStored('stories', story.id)
  if (stored.status !== 'published') throw new Error(`Arrange failed: story ${story.id} is ${stored.status}`)
  return { story: stored, marker }
}

const readStored = (collection: string, id: unknown) => api().findByID({ collection, id, overrideAccess: true, depth: 0 }) as Promise<any>

/** What a visitor (user: undefined) or a member may read of one item, as the REST API would give it. */
async function readAs(user: any, collection: string, id: unknown): Promise<any[]> {
  const found = await api().find({ collection, where: { id: { equals: id } }, overrideAccess: false, user, depth: 1, limit: 1 })
  return found.docs
}

const alertsFor = async (targetCollection: string, targetId: unknown) =>
  (
    await api().find({
      collection: 'crisis-alerts',
      where: { and: [{ targetCollection: { equals: targetCollection } }, { targetId: { equals: String(targetId) } }] },
      sort: 'createdAt',
      depth: 0,
      pagination: false,
      overrideAccess: true,
    })
  ).docs as any[]

const allJobs = async () => (await api().find({ collection: 'payload-jobs', depth: 0, pagination: false, overrideAccess: true })).docs as any[]

/** The jobs queued so far, to tell later ones apart (the job runner is off in this process: emails wait in the queue). */
const jobsSoFar = async () => new Set((await allJobs()).map((job) => String(job.id)))

/** Urgent emails queued for the lead since `before` was taken. */
async function urgentMailsToLead(before: Set<string>): Promise<{ subject: string; html: string }[]> {
  return (await allJobs())
    .filter((job) => !before.has(String(job.id)))
    .filter((job) => job.taskSlug === 'sendEmail' && job.queue === 'urgent' && String(job.input?.to ?? '').toLowerCase() === String(lead.email).toLowerCase())
    .map((job) => ({ subject: String(job.input.subject ?? ''), html: String(job.input.html ?? '') }))
}

const wordIn = (haystack: string, word: string) => new RegExp(`\\b${word.replace(/[^a-z0-9]/gi, '')}\\b`, 'i').test(haystack)

/** The member's words found in `haystack`: whole distinctive words, the whole sentence, and the markers of the item's other fields. */
function memberWordsIn(haystack: string, crisis: (typeof CRISIS)[number], markers: string[]): string[] {
  const found: string[] = crisis.words.filter((word) => wordIn(haystack, word))
  if (haystack.toLowerCase().includes(crisis.text.toLowerCase())) found.push(crisis.text)
  for (const marker of markers) if (haystack.toLowerCase().includes(marker.toLowerCase())) found.push(marker)
  return found
}

function expectAlertKeepsNoText(alert: any, crisis: (typeof CRISIS)[number], markers: string[]) {
  // `matched` names watched-word entries (by their phrase or their note): each must come from a crisis entry
  // of the watched-words list, never from the member's text.
  expect(Array.isArray(alert.matched), 'matched is a list of watched-word entries').toBe(true)
  expect(alert.matched.length, 'matched names at least one watched-word entry').toBeGreaterThan(0)
  const notEntries = (alert.matched as unknown[]).filter((entry) => typeof entry !== 'string' || !crisisEntryNames.has(entry))
  expect(notEntries, 'every matched entry is the phrase or note of a crisis entry in watched-words').toEqual([])
  // Everything else in the alert (ids, states, dates, the handling note) carries none of the member's words.
  const rest = JSON.stringify({ ...alert, matched: undefined })
  expect(memberWordsIn(rest, crisis, markers), 'the alert quotes the member').toEqual([])
}

// ---------------------------------------------------------------------------------------------
// Writers: one per door collection, for any of its fields. A door added to TEXT_DOORS without a
// writer fails its test with a message saying so.
// ---------------------------------------------------------------------------------------------
type Written = {
  targetId: string
  author: any
  locality: number | string
  /** The item a crisis match must hold (hold doors only). */
  held?: { collection: HeldCollection; id: number | string; path: string; revision?: boolean }
  /** The record and path where an alert-only text must still be saved. */
  saved?: { collection: string; id: number | string; path: string }
  /** Words of the member's own in the item's other fields. */
  markers: string[]
  /** The door tells the leads about ordinary text too (a member's reply on the private line), without quoting it. */
  ordinaryEmailsLead?: boolean
}

const WRITERS: Partial<Record<DoorCollection, (field: string, text: string) => Promise<Written>>> = {
  async stories(field, text) {
    const author = await member()
    if (field.startsWith('revision.')) {
      // A revision is what an author's edit of a published story becomes (divertPublishedEdits).
      const leaf = field.slice('revision.'.length)
      const { story, marker } = await publishedStory(author)
      await api().update({ collection: 'stories', id: story.id, data: { [leaf]: valueFor('stories', leaf, text) }, overrideAccess: false, user: author })
      const after = await readStored('stories', story.id)
      if (!containsText(valueAt(after, field), text)) throw new Error(`Arrange failed: the edit did not land in ${field}`)
      return { targetId: String(story.id), author, locality: place.id, held: { collection: 'stories', id: story.id, path: field, revision: true }, markers: [marker] }
    }
    const { story, marker } = await draftStory(author, { [field]: valueFor('stories', field, text) })
    return { targetId: String(story.id), author, locality: place.id, held: { collection: 'stories', id: story.id, path: field }, markers: [marker] }
  },

  async threads(field, text) {
    const author = await establishedMember()
    const marker = unique()
    const thread = await api().create({
      collection: 'threads',
      data: { locality: place.id, title: `Thursday walk ${marker}`, body: `See you by the lock gates ${marker}.`, [field]: text },
      overrideAccess: false,
      user: author,
    })
    return { targetId: String(thread.id), author, locality: place.id, held: { collection: 'threads', id: thread.id, path: field }, markers: [marker] }
  },

  async replies(field, text) {
    const author = await establishedMember()
    const thread = await publishedThreadBy(moderator)
    const reply = await api().create({ collection: 'replies', data: { thread: thread.id, body: 'Count me in.', [field]: text }, overrideAccess: false, user: author })
    return { targetId: String(reply.id), author, locality: place.id, held: { collection: 'replies', id: reply.id, path: field }, markers: [] }
  },

  async consents(field, text) {
    if (field !== 'penName') throw new Error(`No writer for consents.${field}: consents are written by the story commands only`)
    // A pen name is given with consent (the story commands); a crisis match holds the story it signs.
    const author = await member()
    const { story, marker } = await draftStory(author)
    const consent: any = await giveConsent(payload, author, story.id, { audience: 'public', byline: 'pen-name', penName: text, quoteInReports: false })
    return { targetId: String(consent.id), author, locality: place.id, held: { collection: 'stories', id: story.id, path: 'consentPenName' }, markers: [marker] }
  },

  async flags(field, text) {
    const flagger = await member()
    const thread = await publishedThreadBy(moderator)
    const flag = await api().create({
      collection: 'flags',
      data: { targetCollection: 'threads', targetId: String(thread.id), reason: 'other', note: 'Please look at this.', [field]: text },
      overrideAccess: false,
      user: flagger,
    })
    return { targetId: String(flag.id), author: flagger, locality: place.id, saved: { collection: 'flags', id: flag.id, path: field }, markers: [] }
  },

  async users(field, text) {
    // A profile belongs to no locality: the member's home locality decides whose moderators are told.
    const who = await member()
    const value = field === 'displayName' ? displayNameFor(text) : text
    await api().update({ collection: 'users', id: who.id, data: { [field]: value }, overrideAccess: false, user: who })
    return { targetId: String(who.id), author: who, locality: place.id, saved: { collection: 'users', id: who.id, path: field }, markers: [] }
  },

  async media(field, text) {
    // A picture belongs to no locality either: its uploader's home locality decides.
    const uploader = await member()
    const doc = await api().create({
      collection: 'media',
      data: { alt: 'A view of the canal', [field]: text },
      file: { data: png, mimetype: 'image/png', name: `canal-${unique()}.png`, size: png.length },
      overrideAccess: false,
      user: uploader,
    })
    return { targetId: String(doc.id), author: uploader, locality: place.id, saved: { collection: 'media', id: doc.id, path: field }, markers: [] }
  },

  async messages(field, text) {
    if (field !== 'body') throw new Error(`No writer for messages.${field}: messages are written by the private-line commands only`)
    // A member answers on the private line a lead opened from a crisis alert (src/commands/conversations/privateLine.ts).
    const who = await member()
    const opening = await api().create({
      collection: 'crisis-alerts',
      data: { member: who.id, targetCollection: 'users', targetId: String(who.id), locality: place.id, outcome: 'alert', matched: [], matchCount: 1, status: 'open' },
      overrideAccess: true,
    })
    const conversation: any = await startPrivateLine({ payload, user: lead, alertId: String(opening.id), body: 'Hello, it is the safeguarding lead. How are you doing today?' })
    const { message } = await writeInConversation({ payload, user: who, conversationId: String(conversation.id), body: text })
    return { targetId: String(message.id), author: who, locality: place.id, saved: { collection: 'messages', id: message.id, path: 'body' }, markers: [], ordinaryEmailsLead: true }
  },

  async 'directory-entries'(field, text) {
    // A member's suggestion (a correction for the correction's note); a moderator reads it before anything is public.
    const who = await member()
    const kind = await api().create({ collection: 'directory-kinds', data: { name: `Drop-in ${unique()}`, slug: `drop-in-${unique()}`.toLowerCase(), group: 'community' }, overrideAccess: true })
    const base = { name: `Canal drop-in ${unique()}`, kind: kind.id, locality: place.id }
    let data: Record<string, unknown> = { ...base, [field]: text }
    if (field === 'correctionNote') {
      const entry = await api().create({ collection: 'directory-entries', data: { ...base, status: 'approved' }, overrideAccess: true })
      data = { ...base, correctionOf: entry.id, correctionNote: text }
    }
    const suggestion = await api().create({ collection: 'directory-entries', data, overrideAccess: false, user: who })
    return { targetId: String(suggestion.id), author: who, locality: place.id, saved: { collection: 'directory-entries', id: suggestion.id, path: field }, markers: [] }
  },

  async 'volunteer-interests'(field, text) {
    // A member's note to the coordinators of the role's locality.
    const who = await member()
    const role = await api().create({
      collection: 'volunteer-opportunities',
      data: { title: `Greeter ${unique()}`, kind: 'volunteer', locality: place.id, commitment: 'One morning a week', contactRole: 'Volunteer coordinator', description: 'Welcome people at the door.' },
      overrideAccess: true,
    })
    const interest = await api().create({ collection: 'volunteer-interests', data: { opportunity: role.id, [field]: text }, overrideAccess: false, user: who })
    return { targetId: String(interest.id), author: who, locality: place.id, saved: { collection: 'volunteer-interests', id: interest.id, path: field }, markers: [] }
  },
}

/** Words of the ordinary control sentence that no email may carry either. */
const ORDINARY_WORDS = ['lovely', 'brew', 'cafe']

/**
 * A held item: not published to anyone else, and a moderator cannot publish it before marking it safe.
 * Stories are taken as far as their author can take them (consent, submit) first.
 */
async function expectHeld(held: NonNullable<Written['held']>, author: any, crisis: (typeof CRISIS)[number]) {
  const stored = await readStored(held.collection, held.id)
  expect(stored.crisisHold, `${held.collection}/${held.id} crisisHold`).toBe(true)
  if (held.collection === 'stories') {
    if (held.revision) {
      // The approved text stays live; the held edit cannot be approved, and nobody else reads it.
      await expect(moderateStory({ payload, moderator, storyId: held.id, action: 'approve', quiet: true }), 'approving a held revision').rejects.toThrow()
      for (const [who, user] of [
        ['a visitor', undefined],
        ['another member', bystander],
      ] as const) {
        const docs = await readAs(user, 'stories', held.id)
        expect(containsText(docs, crisis.text), `${who} reads the held edit of story ${held.id}`).toBe(false)
      }
      return
    }
    if (!stored.consentAudience) await giveConsent(payload, author, held.id, PUBLIC_CONSENT)
    if ((await readStored('stories', held.id)).status === 'draft') await submitStory(payload, author, held.id)
    await expect(moderateStory({ payload, moderator, storyId: held.id, action: 'approve', quiet: true }), 'approving a held story').rejects.toThrow()
    expect((await readStored('stories', held.id)).status).not.toBe('published')
  } else {
    expect(stored.status, `${held.collection}/${held.id} status`).not.toBe('published')
  }
  expect(await readAs(undefined, held.collection, held.id), 'a visitor sees the held item').toEqual([])
  expect(await readAs(bystander, held.collection, held.id), 'another member sees the held item').toEqual([])
}

/** The control: the same door with ordinary words holds nothing, and the item goes as far as it normally would. */
async function expectNotHeld(held: NonNullable<Written['held']>, author: any) {
  const stored = await readStored(held.collection, held.id)
  expect(stored.crisisHold === true, `${held.collection}/${held.id} crisisHold`).toBe(false)
  if (held.collection === 'stories') {
    if (held.revision) {
      await moderateStory({ payload, moderator, storyId: held.id, action: 'approve', quiet: true })
    } else {
      if (!stored.consentAudience) await giveConsent(payload, author, held.id, PUBLIC_CONSENT)
      await submitStory(payload, author, held.id)
      await moderateStory({ payload, moderator, storyId: held.id, action: 'approve', quiet: true })
    }
  } else {
    expect(stored.status, 'an established member’s ordinary post goes straight up').toBe('published')
  }
  expect(
    (await readAs(undefined, held.collection, held.id)).map((d) => String(d.id)),
    'a visitor sees the ordinary item',
  ).toEqual([String(held.id)])
}

beforeAll(async () => {
  payload = await bootPayload()
  const u = unique()
  place = await api().create({ collection: 'localities', data: { name: `Crisis Doors ${u}`, slug: `crisis-doors-${u}`, forumVisibility: 'public' }, overrideAccess: true })
  await api().updateGlobal({ slug: 'moderation-settings', data: NO_LIMITS, overrideAccess: true })
  lead = await member({ lead: true })
  moderator = await member({ roles: ['moderator'] })
  admin = await member({ roles: ['admin'] })
  bystander = await member()
  const words = await api().find({ collection: 'watched-words', where: { action: { equals: 'crisis' } }, depth: 0, pagination: false, overrideAccess: true })
  crisisEntryNames = new Set((words.docs as any[]).flatMap((w) => [String(w.phrase), ...(w.note ? [String(w.note)] : [])]))
  if (words.docs.length === 0) throw new Error('Arrange failed: no crisis entries in watched-words (the lexicon migration did not run)')
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 30, g: 90, b: 140 } } })
    .png()
    .toBuffer()
})

describe('every text field a member can write is a text door or declared not free text (generated from the config)', () => {
  it('the member-writable text fields are exactly TEXT_DOORS plus NOT_FREE_TEXT (command-only doors allowed)', async () => {
    const verified = await member()
    const { writable, allText, apiClosed } = await memberWritableTextFields(verified)
    const doors = declaredDoors()
    const declared = new Set([...doors, ...Object.keys(NOT_FREE_TEXT)])

    // Every declaration names a real text field (a renamed field must not leave a stale entry behind).
    const unknown = [...declared].filter((key) => !allText.has(key))
    expect(unknown, `TEXT_DOORS / NOT_FREE_TEXT name fields that are not text fields in the config:\n  ${unknown.join('\n  ')}`).toEqual([])

    const undeclared = [...writable.keys()].filter((key) => !declared.has(key)).sort()
    expect(
      undeclared,
      `A verified member can write these text fields through the API, but they are neither a text door (TEXT_DOORS) nor declared not free text (NOT_FREE_TEXT) in src/moderation/textDoors.ts:\n  ${undeclared.map((key) => `${key} (${writable.get(key)})`).join('\n  ')}`,
    ).toEqual([])

    // NOT_FREE_TEXT is for fields members do write; an entry they cannot write is stale.
    const staleNotFree = Object.keys(NOT_FREE_TEXT).filter((key) => !writable.has(key))
    expect(staleNotFree, `NOT_FREE_TEXT entries that members cannot write through the API:\n  ${staleNotFree.join('\n  ')}`).toEqual([])

    // A door the API does not open must be in a collection that only commands write (the pen name is given
    // through the consent command; consents are create: nobody).
    const notApi = doors.filter((key) => !writable.has(key))
    const notCommandOnly = notApi.filter((key) => !apiClosed.has(key.split('.')[0]!))
    expect(notCommandOnly, `TEXT_DOORS entries members cannot write through the API, in collections that are not command-only:\n  ${notCommandOnly.join('\n  ')}`).toEqual([])
  })

  it('the walk sees the doors it should (a check on the walker itself)', async () => {
    const { writable } = await memberWritableTextFields(await member())
    for (const key of ['threads.title', 'threads.body', 'replies.body', 'flags.note', 'users.displayName', 'media.alt', 'stories.body', 'stories.revision.body']) {
      expect(writable.has(key), key).toBe(true)
    }
    // System fields are closed to members by their own access.
    for (const key of ['stories.slug', 'threads.triageAction', 'flags.moderatorNote', 'users.hash']) expect(writable.has(key), key).toBe(false)
  })
})

// One crisis case and one control per door field, generated from TEXT_DOORS.
const CASES = Object.entries(TEXT_DOORS).flatMap(([collection, door], doorIndex) =>
  door.fields.map((field, fieldIndex) => ({ collection: collection as DoorCollection, field, outcome: door.outcome, crisis: CRISIS[(doorIndex + fieldIndex) % CRISIS.length]! })),
)

describe('crisis words through every text door (generated from TEXT_DOORS)', () => {
  for (const { collection, field, outcome, crisis } of CASES) {
    describe(`${collection}.${field} (${outcome})`, () => {
      it(`"${crisis.text}" raises an open crisis alert without the member's words${outcome === 'hold' ? ' and holds the item' : ', and the text is saved'}; the leads get an urgent email without them`, async () => {
        const write = WRITERS[collection]
        if (!write) throw new Error(`No writer for the text door "${collection}": add one to WRITERS in this file`)
        const since = await jobsSoFar()
        const written = await write(field, crisis.text)

        const alerts = await alertsFor(collection, written.targetId)
        expect(
          alerts.filter((a) => a.status === 'open'),
          `open crisis alerts for ${collection}/${written.targetId}`,
        ).toHaveLength(1)
        const alert = alerts.find((a) => a.status === 'open')
        expect(sameId(idOf(alert.member), written.author.id), 'the alert names the member who wrote it').toBe(true)
        expect(sameId(idOf(alert.locality), written.locality), 'the alert belongs to the locality whose moderators handle it').toBe(true)
        expect(alert.outcome).toBe(outcome)
        expectAlertKeepsNoText(alert, crisis, written.markers)

        if (outcome === 'hold') {
          expect(written.held, `the ${collection} writer names the held item`).toBeDefined()
          await expectHeld(written.held!, written.author, crisis)
        } else {
          const saved = await readStored(written.saved!.collection, written.saved!.id)
          expect(containsText(valueAt(saved, written.saved!.path), crisis.text), 'nothing is held: the text is saved as written').toBe(true)
        }

        const mails = await urgentMailsToLead(since)
        expect(mails.length, 'urgent emails queued for the safeguarding lead').toBeGreaterThanOrEqual(1)
        for (const mail of mails) expect(memberWordsIn(`${mail.subject}\n${mail.html}`, crisis, written.markers), 'the email quotes the member').toEqual([])
      })

      it('the ordinary control sentence raises no alert and holds nothing', async () => {
        const write = WRITERS[collection]
        if (!write) throw new Error(`No writer for the text door "${collection}": add one to WRITERS in this file`)
        const since = await jobsSoFar()
        const written = await write(field, ORDINARY)
        expect(await alertsFor(collection, written.targetId)).toEqual([])
        if (written.held) await expectNotHeld(written.held, written.author)
        const mails = await urgentMailsToLead(since)
        if (written.ordinaryEmailsLead) {
          for (const mail of mails)
            expect(
              ORDINARY_WORDS.filter((word) => wordIn(`${mail.subject}\n${mail.html}`, word)),
              'an email to the lead quotes the member',
            ).toEqual([])
        } else {
          expect(mails, 'urgent emails to the lead for ordinary words').toEqual([])
        }
      })
    })
  }
})

describe('crisis outranks standing: established members, moderators and admins are held too', () => {
  const who = [
    ['an established member', () => establishedMember()],
    ['a moderator', () => member({ roles: ['moderator'] })],
    ['an admin', () => member({ roles: ['admin'] })],
  ] as const
  for (const [label, make] of who) {
    it(`${label}'s crisis reply is held, hidden from others, and alerted`, async () => {
      const author = await make()
      const thread = await publishedThreadBy(moderator)
      // The control first: the same person's ordinary reply goes straight up.
      const ordinary = await api().create({ collection: 'replies', data: { thread: thread.id, body: ORDINARY }, overrideAccess: false, user: author })
      expect(ordinary.status, `${label}'s ordinary reply`).toBe('published')

      const reply = await api().create({ collection: 'replies', data: { thread: thread.id, body: CRISIS[0].text }, overrideAccess: false, user: author })
      const stored = await readStored('replies', reply.id)
      expect(stored.crisisHold).toBe(true)
      expect(stored.status).not.toBe('published')
      expect(await readAs(undefined, 'replies', reply.id), 'a visitor sees it').toEqual([])
      expect(await readAs(bystander, 'replies', reply.id), 'another member sees it').toEqual([])
      const alerts = await alertsFor('replies', reply.id)
      expect(alerts).toHaveLength(1)
      expect(sameId(idOf(alerts[0].member), author.id)).toBe(true)
    })
  }
})

describe('one open alert per item: a second crisis save adds to it; after it is handled a new one is raised', () => {
  const leadReq = async () => createLocalReq({ user: { ...lead, collection: 'users' } as never }, payload)

  const items = [
    {
      name: 'a story draft (hold)',
      collection: 'stories',
      start: async (author: any, text: string) => String((await draftStory(author, { body: markdownToLexical(text) })).story.id),
      again: (author: any, id: string, text: string) => api().update({ collection: 'stories', id, data: { body: markdownToLexical(text) }, overrideAccess: false, user: author }),
    },
    {
      name: 'a display name (alert)',
      collection: 'users',
      start: async (author: any, text: string) => {
        await api().update({ collection: 'users', id: author.id, data: { displayName: displayNameFor(text) }, overrideAccess: false, user: author })
        return String(author.id)
      },
      again: (author: any, id: string, text: string) => api().update({ collection: 'users', id, data: { displayName: displayNameFor(text) }, overrideAccess: false, user: author }),
    },
  ]

  for (const item of items) {
    it(item.name, async () => {
      const author = await member()
      const since = await jobsSoFar()
      const id = await item.start(author, CRISIS[0].text)
      const [first] = await alertsFor(item.collection, id)
      expect(first?.status).toBe('open')
      expect(first.matchCount).toBe(1)
      expect((await urgentMailsToLead(since)).length, 'urgent emails after the first match').toBe(1)

      // Another crisis save while the alert is open: the same alert, counted again, and no second email.
      await item.again(author, id, CRISIS[3].text)
      const whileOpen = await alertsFor(item.collection, id)
      expect(whileOpen, 'alerts for the item while the first is open').toHaveLength(1)
      expect(whileOpen[0].matchCount).toBe(2)
      expect((await urgentMailsToLead(since)).length, 'urgent emails after the second match').toBe(1)

      // A lead handles it; the next crisis save is news again.
      await handleCrisisAlert(await leadReq(), String(first.id), 'Phoned the member.')
      expect((await api().findByID({ collection: 'crisis-alerts', id: first.id, overrideAccess: true, depth: 0 })).status).toBe('handled')
      await item.again(author, id, CRISIS[2].text)
      const after = await alertsFor(item.collection, id)
      expect(after.map((a) => a.status).sort(), 'alerts after handling and a new match').toEqual(['handled', 'open'])
      expect(after.find((a) => a.status === 'open').matchCount).toBe(1)
      expect((await urgentMailsToLead(since)).length, 'urgent emails after the new alert').toBe(2)
    })
  }
})

describe('the moderators of that member: text with no locality goes to the home locality’s moderators', () => {
  it('a profile alert is read by the lead and by moderators of the member’s home locality, not by others', async () => {
    const u = unique()
    const elsewhere = await api().create({ collection: 'localities', data: { name: `Elsewhere ${u}`, slug: `elsewhere-${u}` }, overrideAccess: true })
    const here = await member({ roles: ['moderator'], moderatorLocalities: [place.id] })
    const there = await member({ roles: ['moderator'], moderatorLocalities: [elsewhere.id] })
    const author = await member()
    await api().update({ collection: 'users', id: author.id, data: { displayName: displayNameFor(CRISIS[2].text) }, overrideAccess: false, user: author })
    const [alert] = await alertsFor('users', author.id)
    expect(alert, 'a crisis alert for the profile').toBeDefined()
    expect(sameId(idOf(alert.locality), place.id), 'filed under the member’s home locality').toBe(true)

    // Forbidden (no read access at all) and an empty answer both mean "cannot read".
    const canRead = async (user: any) => {
      try {
        return (await api().find({ collection: 'crisis-alerts', where: { id: { equals: alert.id } }, overrideAccess: false, user, depth: 0 })).docs.length === 1
      } catch (error) {
        if ((error as { status?: number }).status === 403) return false
        throw error
      }
    }
    expect(await canRead(lead), 'the safeguarding lead').toBe(true)
    expect(await canRead(here), 'a moderator of the home locality').toBe(true)
    expect(await canRead(admin), 'an admin').toBe(true)
    expect(await canRead(there), 'a moderator of another locality').toBe(false)
    expect(await canRead(await asUser(payload, author)), 'the member themself').toBe(false)
    expect(await canRead(undefined), 'a visitor').toBe(false)
  })
})
