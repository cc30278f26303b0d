// Hostile rich text is stored harmless: links are http/https only, unknown node types and event-handler
// attributes are gone, and markup in text stays plain text. Checked on create, on a draft edit, on an
// edit of a published story (the revision), and on a moderator's redaction proposal.
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { giveConsent, submitStory } from '../../src/commands/stories/authorActions.js'
import { moderateStory } from '../../src/commands/stories/moderateStory.js'
import { lexicalToPlainText, markdownToLexical } from '../../src/richtext/index.js'
import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, unique } from './helpers.js'

let payload: Payload
let author: any, moderator: any

// Paragraphs, headings, lists, quotes and links (plus what they are made of).
const ALLOWED_TYPES = new Set(['root', 'paragraph', 'heading', 'list', 'listitem', 'quote', 'link', 'autolink', 'text', 'linebreak'])
const SCRIPT_TEXT = '<script>alert(1)</script>'

const text = (t: string, extra: Record<string, unknown> = {}) => ({ type: 'text', text: t, format: 0, detail: 0, mode: 'normal', style: '', version: 1, ...extra })
const para = (children: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'paragraph',
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  textStyle: '',
  version: 1,
  ...extra,
})
const link = (url: string, label: string) => ({
  type: 'link',
  url, // lexical's own LinkNode shape
  fields: { url, linkType: 'custom', newTab: false }, // Payload's LinkNode shape
  children: [text(label)],
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 3,
})

function hostileDoc() {
  return {
    root: {
      type: 'root',
      direction: 'ltr',
      format: '',
      indent: 0,
      version: 1,
      children: [
        para([text(SCRIPT_TEXT)]),
        para([text('Click '), link('javascript:alert(1)', 'here'), text(' please.')]),
        para([link('  JaVaScRiPt:alert(2)', 'shouty')]),
        para([link('java\tscript:alert(3)', 'tabbed')]),
        para([link('data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==', 'data')]),
        para([link('vbscript:msgbox(5)', 'vb')]),
        para([
          { type: 'autolink', url: 'javascript:alert(6)', fields: { url: 'javascript:alert(6)', linkType: 'custom' }, children: [text('auto')], direction: 'ltr', format: '', indent: 0, version: 2 },
        ]),
        para([link('https://example.org/ok', 'a good link')]),
        { type: 'image', src: 'x', onerror: 'alert(7)', attributes: { onerror: 'alert(8)' }, version: 1, children: [text('inside the unknown node')] },
        para([text('evil span', { type: 'html', html: '<img src=x onerror=alert(9)>' })]),
        para([text('styled', { style: 'background:url(javascript:alert(10))' })], { onclick: 'alert(11)' }),
        { type: 'html', html: '<img src=x onerror=alert(12)>', version: 1 },
      ],
    },
  }
}

type Node = { type?: string; children?: Node[]; [k: string]: unknown }

function walk(node: unknown, visit: (n: Node) => void) {
  if (!node || typeof node !== 'object') return
  const n = node as Node
  visit(n)
  for (const c of Array.isArray(n.children) ? n.children : []) walk(c, visit)
}

function hasKeyDeep(value: unknown, pred: (key: string, v: unknown) => boolean): string[] {
  const found: string[] = []
  const rec = (v: unknown, path: string) => {
    if (!v || typeof v !== 'object') return
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      if (pred(k, child)) found.push(`${path}.${k}`)
      rec(child, `${path}.${k}`)
    }
  }
  rec(value, '')
  return found
}

/** Every way the stored body could still be dangerous. Empty when harmless. */
function dangers(body: unknown): string[] {
  const out: string[] = []
  if (!body || typeof body !== 'object' || !(body as any).root) return ['no root']
  walk((body as any).root, (n) => {
    if (!ALLOWED_TYPES.has(String(n.type))) out.push(`node type ${String(n.type)}`)
    if (n.type === 'link' || n.type === 'autolink') {
      const urls = [n.url, (n.fields as any)?.url].filter((u) => u !== undefined && u !== null && u !== '')
      if (urls.length === 0) out.push('link without url')
      for (const u of urls) if (!/^https?:\/\//i.test(String(u))) out.push(`link url ${String(u)}`)
    }
    if (n.type === 'text' && typeof n.style === 'string' && /javascript:|expression\(|url\(/i.test(n.style)) out.push(`text style ${n.style}`)
  })
  for (const p of hasKeyDeep(body, (k) => /^on[a-z]+$/i.test(k))) out.push(`event attribute at ${p}`)
  for (const p of hasKeyDeep(body, (k, v) => k === 'html' || (k === 'src' && typeof v === 'string'))) out.push(`markup attribute at ${p}`)
  for (const p of hasKeyDeep(body, (k, v) => k !== 'text' && typeof v === 'string' && /^\s*(java\s*script|vbscript|data):/i.test(v.replace(/[\t\n\r]/g, '')))) out.push(`script-like value at ${p}`)
  return out
}

const stored = (id: number | string) => payload.findByID({ collection: 'stories', id, overrideAccess: true, depth: 0 }) as Promise<any>

async function createHostile(user = author) {
  return (await payload.create({
    collection: 'stories',
    data: { title: `Hostile ${unique()}`, summary: 'x', body: hostileDoc(), themes: [] } as any,
    overrideAccess: false,
    user,
  })) as any
}

beforeAll(async () => {
  payload = await bootPayload()
  author = await asUser(payload, await createMember(payload, { roles: ['member'] }))
  moderator = await asUser(payload, await createMember(payload, { roles: ['moderator'] }))
})

describe('on create', () => {
  it('the hostile body is accepted and stored harmless', async () => {
    const made = await createHostile()
    const doc = await stored(made.id)
    expect(dangers(doc.body)).toEqual([])
  })

  it('the script tag survives as text, not as markup', async () => {
    const made = await createHostile()
    const doc = await stored(made.id)
    const texts: string[] = []
    walk(doc.body.root, (n) => {
      if (n.type === 'text') texts.push(String(n.text))
    })
    expect(texts).toContain(SCRIPT_TEXT)
    expect(lexicalToPlainText(doc.body)).toContain(SCRIPT_TEXT)
  })

  it('the words around and inside dangerous links are kept as text; the good link is kept', async () => {
    const made = await createHostile()
    const doc = await stored(made.id)
    const plain = lexicalToPlainText(doc.body)
    for (const words of ['Click', 'here', 'please.', 'shouty', 'a good link']) expect(plain).toContain(words)
    const urls: string[] = []
    walk(doc.body.root, (n) => {
      if (n.type === 'link') urls.push(String(n.url ?? (n.fields as any)?.url))
    })
    expect(urls).toContain('https://example.org/ok')
  })

  it('what the author reads back through the API is the same harmless body', async () => {
    const made = await createHostile()
    const asAuthor: any = await payload.findByID({ collection: 'stories', id: made.id, overrideAccess: false, user: author, depth: 0 })
    expect(dangers(asAuthor.body)).toEqual([])
  })
})

describe('on every later write', () => {
  it("an author's edit of a draft", async () => {
    const made: any = await payload.create({
      collection: 'stories',
      data: { title: `Clean ${unique()}`, summary: 'x', body: markdownToLexical('Clean start.'), themes: [] } as any,
      overrideAccess: false,
      user: author,
    })
    await payload.update({ collection: 'stories', id: made.id, data: { body: hostileDoc() } as any, overrideAccess: false, user: author })
    const doc = await stored(made.id)
    expect(dangers(doc.body)).toEqual([])
    expect(lexicalToPlainText(doc.body)).toContain(SCRIPT_TEXT)
  })

  it("an author's edit of a published story (the pending revision)", async () => {
    const made: any = await payload.create({
      collection: 'stories',
      data: { title: `Clean ${unique()}`, summary: 'x', body: markdownToLexical('Clean start.'), themes: [] } as any,
      overrideAccess: false,
      user: author,
    })
    await giveConsent(payload, author, made.id, { audience: 'public', byline: 'display-name', quoteInReports: false })
    await submitStory(payload, author, made.id)
    await moderateStory({ payload, moderator, storyId: made.id, action: 'approve' })
    await payload.update({ collection: 'stories', id: made.id, data: { title: 'Edited', body: hostileDoc() } as any, overrideAccess: false, user: author })
    const doc = await stored(made.id)
    expect(doc.revisionState).toBe('submitted')
    expect(dangers(doc.revision?.body)).toEqual([])
    expect(dangers(doc.body)).toEqual([])
  })

  it("a moderator's redaction proposal", async () => {
    const made: any = await payload.create({
      collection: 'stories',
      data: { title: `Clean ${unique()}`, summary: 'x', body: markdownToLexical('Clean start.'), themes: [] } as any,
      overrideAccess: false,
      user: author,
    })
    await giveConsent(payload, author, made.id, { audience: 'public', byline: 'display-name', quoteInReports: false })
    await submitStory(payload, author, made.id)
    await moderateStory({ payload, moderator, storyId: made.id, action: 'propose_redaction', proposal: { body: hostileDoc(), note: 'Tidied.' } })
    const doc = await stored(made.id)
    expect(dangers(doc.redaction?.body)).toEqual([])
  })

  it('a system write with overrideAccess (a seed or migration script) is sanitised too', async () => {
    const made: any = await payload.create({
      collection: 'stories',
      data: { title: `System ${unique()}`, summary: 'x', body: hostileDoc(), themes: [], author: author.id } as any,
      overrideAccess: true,
    })
    const doc = await stored(made.id)
    expect(dangers(doc.body)).toEqual([])
  })
})

describe('the checker itself', () => {
  it('flags the raw hostile document (so a pass above means something)', () => {
    const found = dangers(hostileDoc())
    expect(found.some((d) => d.includes('javascript:alert(1)'))).toBe(true)
    expect(found.some((d) => d.includes('node type image'))).toBe(true)
    expect(found.some((d) => d.includes('onerror'))).toBe(true)
    expect(found.some((d) => d.includes('onclick'))).toBe(true)
    expect(found.some((d) => d.includes('java\tscript') || d.includes('java\\tscript'))).toBe(true)
  })
})
