// The sanitiser. Every door goes through sanitizeLexical: whatever it is given, it returns a
// document in one canonical shape (the JSON shapes lexical 0.50 and Payload's LinkNode export),
// so that
//   markdownToLexical(lexicalToMarkdown(x)) deep-equals sanitizeLexical(x)
// and sanitizeLexical(sanitizeLexical(x)) deep-equals sanitizeLexical(x).
//
// Canonical form (what "clean" means here):
// - text nodes carry bold (format 1) or nothing (format 0), and no other formatting (detail 0,
//   mode 'normal', style ''); bold text neither starts nor ends with whitespace (that whitespace
//   is plain text); adjacent text nodes of the same weight are merged; control characters are
//   removed; a newline inside text becomes a linebreak; only nodes of type 'text' carry bold;
// - each line (a block's content between linebreaks) is trimmed of surrounding whitespace;
// - empty blocks and empty list items are dropped; an empty line (two linebreaks in a row) splits
//   a paragraph or a quote in two, is removed inside a list item, and headings turn linebreaks
//   into spaces (markdown headings are one line);
// - links are { type: 'link', fields: { url, newTab: false, linkType: 'custom' } } whose url is
//   an absolute http(s) URL, normalised by the WHATWG URL parser, with no user:password part;
//   a link holds one text node; any other link keeps its text and loses the link;
// - lists: a nested list sits alone in a listitem (Lexical's shape); a list's first entry is an
//   item (leading nested lists are lifted one level); adjacent sibling lists of the same type are
//   merged; nesting deeper than 3 levels is flattened into the third level; bullet lists start
//   at 1; listitem `value` and `indent` are computed as Lexical computes them;
// - direction is null, format '' and indent 0 everywhere else (lexical 0.50 no longer derives
//   direction from text, so this is what the editor itself stores);
// - a document with nothing left in it is one empty paragraph (Lexical cannot load an empty root).
import {
  BR,
  type Block,
  type Entry,
  type HeadingTag,
  type Inline,
  type LexicalBlockNode,
  type LexicalDoc,
  type LexicalInlineNode,
  type LexicalListItemNode,
  type LexicalListNode,
  type LexicalTextNode,
  type List,
  type ListType,
  type Seg,
} from './types.js'

// ---------------------------------------------------------------------------------------------
// Limits

/** Input nesting deeper than this is ignored. */
export const MAX_DEPTH = 20
/** Total characters of text kept from one document. */
export const MAX_TEXT_LENGTH = 100_000
/** Lists nest at most this many levels (a list in a list in a list). */
export const MAX_LIST_DEPTH = 3
/** Longer link URLs are refused (the text stays). */
export const MAX_URL_LENGTH = 2048
/** Input nodes looked at, at most: bounds the work on hostile (even cyclic) objects. */
const MAX_NODES = 100_000
/** JSON strings longer than this are not parsed (treated as text). */
const MAX_JSON_STRING = 5_000_000
/** Highest list start number (markdown allows 9 digits). */
const MAX_LIST_START = 999_999_999

// ---------------------------------------------------------------------------------------------
// Links

/**
 * The normalised URL when `raw` is an absolute http:// or https:// URL (no credentials, at most
 * MAX_URL_LENGTH characters), else null. Relative, protocol-relative, javascript:, data:,
 * vbscript:, mailto: and every other scheme give null.
 */
export function safeHttpUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null
  const s = raw.trim()
  if (s.length === 0 || s.length > MAX_URL_LENGTH) return null
  if (!/^https?:\/\//i.test(s)) return null
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(s)) return null
  let url: URL
  try {
    url = new URL(s)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null
  const href = url.href
  return href.length <= MAX_URL_LENGTH ? href : null
}

// ---------------------------------------------------------------------------------------------
// Reading whatever arrives

type Ctx = { nodes: number; text: number }

/** Node types dropped with everything in them. */
const DROPPED = new Set(['upload', 'relationship', 'block', 'inlineBlock', 'image', 'horizontalrule', 'embed', 'video', 'iframe', 'html'])

/** Element types whose content reads as separate lines when found inside inline content. */
const BLOCKISH = new Set(['root', 'paragraph', 'heading', 'quote', 'list', 'listitem', 'code', 'table', 'tablerow', 'tablecell'])

type Rec = Record<string, unknown>

/** push(...items) without the argument-count limit (hostile input can make huge arrays). */
export function append<V>(target: V[], items: readonly V[]): void {
  for (const item of items) target.push(item)
}

function asRec(v: unknown): Rec | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : null
}

function own(o: Rec, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined
}

function typeOf(o: Rec): string {
  const t = own(o, 'type')
  return typeof t === 'string' ? t : ''
}

function tick(ctx: Ctx): boolean {
  if (ctx.nodes >= MAX_NODES) return false
  ctx.nodes++
  return true
}

// C0 controls except tab/newline/carriage return, DEL, and the C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g

/** Text as inline pieces: newlines become breaks; counts against the document's text budget. */
function textInline(raw: string, ctx: Ctx, bold = false): Inline[] {
  if (ctx.text >= MAX_TEXT_LENGTH) return []
  let s = raw.replace(/\r\n?/g, '\n').replace(CONTROL, '')
  const room = MAX_TEXT_LENGTH - ctx.text
  if (s.length > room) {
    s = s.slice(0, room)
    // Never leave half a surrogate pair at the cut.
    const last = s.charCodeAt(s.length - 1)
    if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, -1)
  }
  ctx.text += s.length
  const out: Inline[] = []
  s.split('\n').forEach((part, i) => {
    if (i > 0) out.push(BR)
    if (part) out.push(bold ? { t: 'text', text: part, bold: true } : { t: 'text', text: part })
  })
  return out
}

/** Lexical's format bitmask: bit 1 is bold (italic, underline and the rest are not kept). */
const isBold = (format: unknown): boolean => typeof format === 'number' && Number.isInteger(format) && (format & 1) === 1

function headingTag(tag: unknown): HeadingTag | null {
  switch (tag) {
    case 'h1':
    case 'h2':
      return 'h2'
    case 'h3':
      return 'h3'
    case 'h4':
    case 'h5':
    case 'h6':
      return 'h4'
    default:
      return null
  }
}

function clampStart(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_LIST_START ? v : 1
}

/** Block content of an array of nodes found at `depth`. */
function readBlocks(nodes: unknown, depth: number, ctx: Ctx, out: Block[]): void {
  if (!Array.isArray(nodes) || depth > MAX_DEPTH) return
  let run: Inline[] = []
  const flush = () => {
    if (run.length) out.push({ k: 'p', inline: run })
    run = []
  }
  for (let i = 0; i < nodes.length; i++) {
    if (!tick(ctx)) break
    const value: unknown = nodes[i]
    if (typeof value === 'string') {
      append(run, textInline(value, ctx))
      continue
    }
    const node = asRec(value)
    if (!node) continue
    const type = typeOf(node)
    if (DROPPED.has(type)) continue
    if (type === 'paragraph' || type === 'quote' || type === 'heading') {
      flush()
      const inline = readInline(own(node, 'children'), depth + 1, ctx)
      const tag = type === 'heading' ? headingTag(own(node, 'tag')) : null
      if (tag) out.push({ k: 'h', tag, inline })
      else out.push({ k: type === 'quote' ? 'quote' : 'p', inline })
    } else if (type === 'list') {
      flush()
      out.push({ k: 'list', list: readList(node, depth, ctx) })
    } else if (!BLOCKISH.has(type) && isInlineNode(node, type)) {
      append(run, readInlineNode(node, type, depth, ctx))
    } else if (Array.isArray(own(node, 'children'))) {
      // Unknown or unwanted containers (code, table, layout, a stray listitem...): keep what is
      // inside, as blocks of their own.
      flush()
      readBlocks(own(node, 'children'), depth + 1, ctx, out)
    }
  }
  flush()
}

function isInlineNode(node: Rec, type: string): boolean {
  if (type === 'text' || type === 'linebreak' || type === 'link' || type === 'autolink' || type === 'tab') return true
  // Unknown leaves that carry text (hashtag, code-highlight, mention...): their text.
  return typeof own(node, 'text') === 'string' && !Array.isArray(own(node, 'children'))
}

function readInline(nodes: unknown, depth: number, ctx: Ctx): Inline[] {
  if (!Array.isArray(nodes) || depth > MAX_DEPTH) return []
  const out: Inline[] = []
  for (let i = 0; i < nodes.length; i++) {
    if (!tick(ctx)) break
    const value: unknown = nodes[i]
    if (typeof value === 'string') {
      append(out, textInline(value, ctx))
      continue
    }
    const node = asRec(value)
    if (node) append(out, readInlineNode(node, typeOf(node), depth, ctx))
  }
  return out
}

/** One node (at `depth`) read as inline content. */
function readInlineNode(node: Rec, type: string, depth: number, ctx: Ctx): Inline[] {
  if (DROPPED.has(type)) return []
  if (type === 'linebreak') return [BR]
  const children = own(node, 'children')
  if (type === 'link' || type === 'autolink') {
    const fields = asRec(own(node, 'fields'))
    const internal = fields !== null && own(fields, 'linkType') === 'internal'
    // Payload keeps the url in `fields`; plain @lexical/link nodes keep it on the node.
    const url = internal ? null : safeHttpUrl(fields !== null ? own(fields, 'url') : own(node, 'url'))
    const inner = readInline(children, depth + 1, ctx)
    if (url === null) return inner
    // A link holds text only: breaks become spaces, nested links give their text.
    const text = inner.map((x) => (x.t === 'br' ? ' ' : x.text)).join('')
    return text ? [{ t: 'link', url, text }] : []
  }
  const text = own(node, 'text')
  if (typeof text === 'string' && !Array.isArray(children)) return textInline(text, ctx, type === 'text' && isBold(own(node, 'format')))
  if (Array.isArray(children)) {
    const inner = readInline(children, depth + 1, ctx)
    return BLOCKISH.has(type) ? [BR, ...inner, BR] : inner
  }
  return []
}

function readList(node: Rec, depth: number, ctx: Ctx): List {
  const listType = own(node, 'listType')
  const type: ListType = listType === 'number' || (listType !== 'bullet' && listType !== 'check' && own(node, 'tag') === 'ol') ? 'number' : 'bullet'
  const list: List = { type, start: type === 'number' ? clampStart(own(node, 'start')) : 1, entries: [] }
  const children = own(node, 'children')
  if (!Array.isArray(children) || depth + 1 > MAX_DEPTH) return list
  for (let i = 0; i < children.length; i++) {
    if (!tick(ctx)) break
    const value: unknown = children[i]
    if (typeof value === 'string') {
      list.entries.push({ k: 'item', inline: textInline(value, ctx) })
      continue
    }
    const child = asRec(value)
    if (!child) continue
    const type = typeOf(child)
    if (type === 'listitem') {
      readListItem(child, depth + 1, ctx, list.entries)
    } else if (type === 'list') {
      list.entries.push({ k: 'nest', list: readList(child, depth + 1, ctx) })
    } else {
      const inline = readInlineNode(child, type, depth + 1, ctx)
      if (inline.length) list.entries.push({ k: 'item', inline })
    }
  }
  return list
}

function readListItem(item: Rec, depth: number, ctx: Ctx, entries: Entry[]): void {
  const children = own(item, 'children')
  if (!Array.isArray(children) || depth + 1 > MAX_DEPTH) return
  let inline: Inline[] = []
  const flush = () => {
    if (inline.length) entries.push({ k: 'item', inline })
    inline = []
  }
  for (let i = 0; i < children.length; i++) {
    if (!tick(ctx)) break
    const value: unknown = children[i]
    if (typeof value === 'string') {
      append(inline, textInline(value, ctx))
      continue
    }
    const child = asRec(value)
    if (!child) continue
    const type = typeOf(child)
    if (type === 'list') {
      flush()
      entries.push({ k: 'nest', list: readList(child, depth + 1, ctx) })
    } else {
      append(inline, readInlineNode(child, type, depth + 1, ctx))
    }
  }
  flush()
}

function readDocument(value: unknown, ctx: Ctx, allowString = true): Block[] {
  const out: Block[] = []
  if (typeof value === 'string') {
    if (!allowString) return out
    const s = value.trimStart()
    if ((s.startsWith('{') || s.startsWith('[')) && value.length <= MAX_JSON_STRING) {
      let parsed: unknown
      let ok = false
      try {
        parsed = JSON.parse(value)
        ok = true
      } catch {
        // not JSON: plain text below
      }
      if (ok) return readDocument(parsed, ctx, false)
    }
    // A plain string is plain text: never markup.
    out.push({ k: 'p', inline: textInline(value, ctx) })
    return out
  }
  if (Array.isArray(value)) {
    readBlocks(value, 1, ctx, out)
    return out
  }
  const rec = asRec(value)
  if (!rec) return out
  const root = asRec(own(rec, 'root'))
  if (root) readBlocks(own(root, 'children'), 1, ctx, out)
  else if (Array.isArray(own(rec, 'children')) && (typeOf(rec) === 'root' || typeOf(rec) === '')) {
    readBlocks(own(rec, 'children'), 1, ctx, out)
  } else readBlocks([rec], 1, ctx, out)
  return out
}

// ---------------------------------------------------------------------------------------------
// Normalising to the canonical form

type Line = Seg[]

const plain = (text: string): Seg => ({ t: 'text', text })

/** Bold text's leading and trailing whitespace is plain text (markdown bold cannot start or end with a space). */
function boldEdgesPlain(segs: Seg[]): Seg[] {
  const out: Seg[] = []
  for (const s of segs) {
    if (s.t !== 'text' || !s.bold) {
      out.push(s)
      continue
    }
    // trim() and the markdown reader's \s agree on what whitespace is.
    const start = s.text.length - s.text.trimStart().length
    const core = s.text.trim()
    const lead = s.text.slice(0, start)
    const trail = s.text.slice(start + core.length)
    if (lead) out.push(plain(lead))
    if (core) out.push({ t: 'text', text: core, bold: true })
    if (trail) out.push(plain(trail))
  }
  return out
}

function mergeSegs(segs: Seg[]): Seg[] {
  const out: Seg[] = []
  for (const s of boldEdgesPlain(segs)) {
    if (s.text.length === 0) continue
    const last = out[out.length - 1]
    if (s.t === 'text' && last !== undefined && last.t === 'text' && Boolean(last.bold) === Boolean(s.bold)) {
      out[out.length - 1] = { ...last, text: last.text + s.text }
    } else out.push(s)
  }
  return out
}

/** Splits at breaks; each line trimmed, empty links dropped, adjacent text merged. */
function toLines(inline: Inline[]): Line[] {
  const raw: Seg[][] = [[]]
  for (const x of inline) {
    if (x.t === 'br') raw.push([])
    else raw[raw.length - 1]?.push(x)
  }
  return raw.map((segs) => {
    const line = mergeSegs(segs)
    while (line.length > 0) {
      const first = line[0] as Seg
      const text = first.text.trimStart()
      if (text) {
        line[0] = { ...first, text }
        break
      }
      line.shift()
    }
    while (line.length > 0) {
      const last = line[line.length - 1] as Seg
      const text = last.text.trimEnd()
      if (text) {
        line[line.length - 1] = { ...last, text }
        break
      }
      line.pop()
    }
    return line
  })
}

function joinLines(lines: Line[]): Inline[] {
  const out: Inline[] = []
  lines.forEach((line, i) => {
    if (i > 0) out.push(BR)
    append(out, line)
  })
  return out
}

/** Paragraph or quote content, split where an empty line is. */
function splitAtEmptyLines(inline: Inline[]): Inline[][] {
  const groups: Inline[][] = []
  let current: Line[] = []
  for (const line of toLines(inline)) {
    if (line.length === 0) {
      if (current.length) groups.push(joinLines(current))
      current = []
    } else current.push(line)
  }
  if (current.length) groups.push(joinLines(current))
  return groups
}

function headingInline(inline: Inline[]): Inline[] {
  const oneLine = inline.map((x): Inline => (x.t === 'br' ? plain(' ') : x))
  return joinLines(toLines(oneLine))
}

function itemInline(inline: Inline[]): Inline[] {
  return joinLines(toLines(inline).filter((line) => line.length > 0))
}

/** Adjacent nested lists of the same type become one (recursively, where they meet). */
function mergeEntries(entries: Entry[]): Entry[] {
  const out: Entry[] = []
  for (const e of entries) {
    const last = out[out.length - 1]
    if (e.k === 'nest' && last !== undefined && last.k === 'nest' && last.list.type === e.list.type) {
      out[out.length - 1] = {
        k: 'nest',
        list: { ...last.list, entries: mergeEntries([...last.list.entries, ...e.list.entries]) },
      }
    } else out.push(e)
  }
  return out
}

/** The list at nesting level `level` (1 = outermost), or null when nothing is left in it. */
function normList(list: List, level: number): List | null {
  let entries: Entry[] = []
  for (const e of list.entries) {
    if (e.k === 'item') {
      const inline = itemInline(e.inline)
      if (inline.length) entries.push({ k: 'item', inline })
    } else if (level >= MAX_LIST_DEPTH) {
      // Too deep: its items join this list.
      const flat = normList(e.list, level)
      if (flat) append(entries, flat.entries)
    } else {
      const sub = normList(e.list, level + 1)
      if (sub) entries.push({ k: 'nest', list: sub })
    }
  }
  entries = mergeEntries(entries)
  // A list starts with an item: a leading nested list is lifted into this one.
  const first = entries[0]
  if (first !== undefined && first.k === 'nest') {
    entries = mergeEntries([...first.list.entries, ...entries.slice(1)])
  }
  if (entries.length === 0) return null
  return { type: list.type, start: list.type === 'number' ? list.start : 1, entries }
}

function normalize(blocks: Block[]): Block[] {
  const out: Block[] = []
  for (const b of blocks) {
    if (b.k === 'list') {
      const list = normList(b.list, 1)
      if (!list) continue
      const last = out[out.length - 1]
      if (last !== undefined && last.k === 'list' && last.list.type === list.type) {
        last.list = { ...last.list, entries: mergeEntries([...last.list.entries, ...list.entries]) }
      } else out.push({ k: 'list', list })
    } else if (b.k === 'h') {
      const inline = headingInline(b.inline)
      if (inline.length) out.push({ k: 'h', tag: b.tag, inline })
    } else {
      for (const inline of splitAtEmptyLines(b.inline)) out.push({ k: b.k, inline })
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Emitting Lexical JSON

function textNode(text: string, bold = false): LexicalTextNode {
  return { detail: 0, format: bold ? 1 : 0, mode: 'normal', style: '', text, type: 'text', version: 1 }
}

function emitInline(inline: Inline[]): LexicalInlineNode[] {
  return inline.map((x): LexicalInlineNode => {
    if (x.t === 'br') return { type: 'linebreak', version: 1 }
    if (x.t === 'text') return textNode(x.text, x.bold === true)
    return {
      children: [textNode(x.text)],
      direction: null,
      format: '',
      indent: 0,
      type: 'link',
      version: 3,
      fields: { url: x.url, newTab: false, linkType: 'custom' },
    }
  })
}

function emitList(list: List, level: number): LexicalListNode {
  let value = list.start
  const children = list.entries.map((e): LexicalListItemNode => {
    const base = { direction: null, format: '', indent: level - 1, type: 'listitem', version: 1 } as const
    if (e.k === 'nest') return { children: [emitList(e.list, level + 1)], ...base, value }
    return { children: emitInline(e.inline), ...base, value: value++ }
  })
  return {
    children,
    direction: null,
    format: '',
    indent: 0,
    type: 'list',
    version: 1,
    listType: list.type,
    start: list.start,
    tag: list.type === 'number' ? 'ol' : 'ul',
  }
}

function emitBlock(b: Block): LexicalBlockNode {
  const base = { direction: null, format: '', indent: 0 } as const
  switch (b.k) {
    case 'p':
      return { children: emitInline(b.inline), ...base, type: 'paragraph', version: 1, textFormat: 0, textStyle: '' }
    case 'quote':
      return { children: emitInline(b.inline), ...base, type: 'quote', version: 1 }
    case 'h':
      return { children: emitInline(b.inline), ...base, type: 'heading', version: 1, tag: b.tag }
    case 'list':
      return emitList(b.list, 1)
  }
}

/** Lexical JSON for blocks already normalised (or about to be sanitised, as fromMarkdown.ts does). */
export function emitDoc(blocks: Block[]): LexicalDoc {
  // Lexical refuses an editor state whose root has no children ("the editor state is empty"),
  // so an empty story is one empty paragraph, as the editor itself stores it.
  const children = blocks.length ? blocks.map(emitBlock) : [emitBlock({ k: 'p', inline: [] })]
  return { root: { children, direction: null, format: '', indent: 0, type: 'root', version: 1 } }
}

/** An empty document: one empty paragraph. */
export function emptyLexicalDoc(): LexicalDoc {
  return emitDoc([])
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * A clean rich-text document from anything: a Lexical document, a root node, an array of nodes, a
 * JSON string of one, or plain text (a string that is not JSON is text, never markup). Never
 * throws. See the top of this file for what survives.
 */
export function sanitizeLexical(value: unknown): LexicalDoc {
  try {
    const ctx: Ctx = { nodes: 0, text: 0 }
    return emitDoc(normalize(readDocument(value, ctx)))
  } catch {
    // Hostile objects (throwing getters, revoked proxies) end up here: nothing is the safe answer.
    return emptyLexicalDoc()
  }
}
