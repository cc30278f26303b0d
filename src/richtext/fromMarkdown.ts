// Markdown → Lexical: the subset authors type in a textarea (stories, minutes, redactions).
// The reader builds the intermediate form; sanitizeLexical then makes it canonical, so the
// round trip with toMarkdown.ts holds (see index.ts).
import { append, emitDoc, emptyLexicalDoc, sanitizeLexical } from './sanitize.js'
import { BR, type Block, type HeadingTag, type Inline, type LexicalDoc, type List, type ListType } from './types.js'

/** Markdown input beyond this many characters is ignored. */
const MAX_MARKDOWN_LENGTH = 1_000_000

const LIST_ITEM = /^([ \t]*)([-*]|(\d{1,9})\.)(?:[ \t]+(.*))?$/
const HEADING = /^[ \t]*(#{1,6})(?:[ \t]+(.*))?$/
const QUOTE = /^[ \t]*>[ \t]?(.*)$/
/** Nesting deeper than this in markdown is not even built (the sanitizer flattens beyond 3). */
const MAX_MARKDOWN_LIST_LEVEL = 8

function isBlank(line: string): boolean {
  return line.trim() === ''
}

function indentWidth(ws: string): number {
  let n = 0
  for (const c of ws) n += c === '\t' ? 2 : 1
  return n
}

const ASCII_PUNCT = /[!-/:-@[-`{-~]/

/**
 * Inline markdown: `**bold**`, `[text](url)` links and backslash escapes; everything else is text.
 * Bold is `**` up to the next unescaped `**` on the line, with no space just inside either marker.
 */
function parseInline(s: string, bold = false): Inline[] {
  const out: Inline[] = []
  let buf = ''
  let closers: Closers | null = null
  const flush = () => {
    if (buf) out.push(bold ? { t: 'text', text: buf, bold: true } : { t: 'text', text: buf })
    buf = ''
  }
  let i = 0
  while (i < s.length) {
    const c = s[i] as string
    const next = s[i + 1]
    if (c === '\\' && next !== undefined && ASCII_PUNCT.test(next)) {
      buf += next
      i += 2
      continue
    }
    if (c === '[') {
      closers ??= findClosers(s)
      const link = linkAt(s, i, closers)
      if (link) {
        flush()
        out.push({ t: 'link', url: link.url, text: link.text })
        i = link.end
        continue
      }
    }
    if (!bold && c === '*' && next === '*') {
      const end = boldCloser(s, i + 2)
      const inner = end > i + 2 ? s.slice(i + 2, end) : ''
      if (inner && !/^\s/.test(inner) && !/\s$/.test(inner)) {
        flush()
        append(out, parseInline(inner, true))
        i = end + 2
        continue
      }
    }
    buf += c
    i++
  }
  flush()
  return out
}

/** Where the next unescaped `**` starts at or after `from`; -1 when there is none. */
function boldCloser(s: string, from: number): number {
  for (let j = from; j < s.length - 1; j++) {
    if (s[j] === '\\' && ASCII_PUNCT.test(s[j + 1] ?? '')) j++
    else if (s[j] === '*' && s[j + 1] === '*') return j
  }
  return -1
}

function unescapeMd(s: string): string {
  return s.replace(/\\([!-/:-@[-`{-~])/g, '$1')
}

/**
 * For every position p: where a scan starting at p finds its closing `]` (bracket) or `)` (paren)
 * at nesting depth 0, skipping backslash-escaped characters; -1 when there is none. Computed
 * right to left in linear time, so lines full of `[` or `(` cost no more than plain text.
 */
type Closers = { bracket: Int32Array; paren: Int32Array }

function findClosers(s: string): Closers {
  const n = s.length
  const bracket = new Int32Array(n + 2).fill(-1)
  const paren = new Int32Array(n + 2).fill(-1)
  for (let p = n - 1; p >= 0; p--) {
    const c = s[p]
    if (c === '\\') {
      bracket[p] = bracket[p + 2] as number
      paren[p] = paren[p + 2] as number
      continue
    }
    if (c === ']') bracket[p] = p
    else if (c === '[') {
      const inner = bracket[p + 1] as number
      bracket[p] = inner < 0 ? -1 : (bracket[inner + 1] as number)
    } else bracket[p] = bracket[p + 1] as number
    if (c === ')') paren[p] = p
    else if (c === '(') {
      const inner = paren[p + 1] as number
      paren[p] = inner < 0 ? -1 : (paren[inner + 1] as number)
    } else paren[p] = paren[p + 1] as number
  }
  return { bracket, paren }
}

/** `[label](destination)` starting at s[start] === '['; end is the index after ')'. */
function linkAt(s: string, start: number, closers: Closers): { text: string; url: string; end: number } | null {
  const labelEnd = closers.bracket[start + 1] as number
  if (labelEnd < 0 || s[labelEnd + 1] !== '(') return null
  const destEnd = closers.paren[labelEnd + 2] as number
  if (destEnd < 0) return null
  let dest = s.slice(labelEnd + 2, destEnd).trim()
  if (dest.startsWith('<') && dest.endsWith('>')) dest = dest.slice(1, -1)
  // As in CommonMark, a bare destination has no spaces: `[a](b c)` is not a link.
  else if (/\s/.test(dest)) return null
  return { text: unescapeMd(s.slice(start + 1, labelEnd)), url: unescapeMd(dest), end: destEnd + 1 }
}

function headingFromHashes(hashes: number): HeadingTag {
  return hashes <= 2 ? 'h2' : hashes === 3 ? 'h3' : 'h4'
}

/** Markdown subset → blocks (not yet normalised: sanitizeLexical does that). */
function parseMarkdown(text: string): Block[] {
  const lines = text.slice(0, MAX_MARKDOWN_LENGTH).replace(/\r\n?/g, '\n').split('\n')
  const blocks: Block[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i] as string
    if (isBlank(line)) {
      i++
      continue
    }
    const heading = HEADING.exec(line)
    if (heading) {
      blocks.push({ k: 'h', tag: headingFromHashes((heading[1] ?? '').length), inline: parseInline((heading[2] ?? '').trim()) })
      i++
      continue
    }
    if (QUOTE.test(line)) {
      const inline: Inline[] = []
      let first = true
      for (; i < lines.length; i++) {
        const m = QUOTE.exec(lines[i] as string)
        if (!m) break
        if (!first) inline.push(BR)
        first = false
        append(inline, parseInline((m[1] ?? '').trim()))
      }
      blocks.push({ k: 'quote', inline })
      continue
    }
    if (LIST_ITEM.test(line)) {
      i = parseList(lines, i, blocks)
      continue
    }
    // A paragraph: up to a blank line, or a line that starts another block.
    const inline: Inline[] = []
    let first = true
    for (; i < lines.length; i++) {
      const l = lines[i] as string
      if (isBlank(l) || (!first && interruptsParagraph(l))) break
      if (!first) inline.push(BR)
      first = false
      append(inline, parseInline(l.trim()))
    }
    blocks.push({ k: 'p', inline })
  }
  return blocks
}

function interruptsParagraph(line: string): boolean {
  if (HEADING.test(line) || QUOTE.test(line)) return true
  const m = LIST_ITEM.exec(line)
  // As in CommonMark, a numbered list interrupts a paragraph only when it starts at 1.
  return m !== null && (m[3] === undefined || Number(m[3]) === 1)
}

/**
 * A run of list lines from lines[start]; returns the index after it. Nesting is relative: an
 * item indented 2+ columns more than the open item above it goes one level deeper. Blank lines
 * between items keep the list going; a non-item line straight after an item continues it (a
 * line break in that item).
 */
function parseList(lines: string[], start: number, blocks: Block[]): number {
  const indents: number[] = []
  const open: List[] = []
  let lastItem: { k: 'item'; inline: Inline[] } | null = null
  let i = start
  while (i < lines.length) {
    const line = lines[i] as string
    if (isBlank(line)) {
      let j = i + 1
      while (j < lines.length && isBlank(lines[j] as string)) j++
      if (j < lines.length && LIST_ITEM.test(lines[j] as string)) {
        i = j
        lastItem = null
        continue
      }
      return i
    }
    const m = LIST_ITEM.exec(line)
    if (!m) {
      if (lastItem === null || HEADING.test(line) || QUOTE.test(line)) return i
      lastItem.inline.push(BR)
      append(lastItem.inline, parseInline(line.trim()))
      i++
      continue
    }
    const n = indentWidth(m[1] ?? '')
    const type: ListType = m[3] === undefined ? 'bullet' : 'number'
    const number = m[3] === undefined ? 1 : Number(m[3])
    // Which level: the deepest open level at or left of this indent, or one deeper.
    let k = -1
    for (let d = indents.length - 1; d >= 0; d--) {
      if ((indents[d] as number) <= n) {
        k = d
        break
      }
    }
    let level: number
    if (k === -1) {
      level = 0
      indents.length = 0
      indents.push(n)
    } else if (n >= (indents[k] as number) + 2 && k + 1 <= MAX_MARKDOWN_LIST_LEVEL) {
      level = k + 1
      indents.length = level
      indents.push(n)
    } else {
      level = k
      indents.length = level + 1
    }
    open.length = Math.min(open.length, level + 1)
    let list = open[level]
    if (list === undefined || list.type !== type) {
      list = { type, start: number, entries: [] }
      const parent = open[level - 1]
      if (level === 0 || parent === undefined) blocks.push({ k: 'list', list })
      else parent.entries.push({ k: 'nest', list })
      open[level] = list
    }
    lastItem = { k: 'item', inline: parseInline((m[4] ?? '').trim()) }
    list.entries.push(lastItem)
    i++
  }
  return i
}

/**
 * The markdown subset authors type in the story textarea, as a clean document:
 * blank lines separate paragraphs; a single newline is a line break; `## `, `### `, `#### `
 * headings (`# ` is h2); `- ` or `* ` bullets and `1. ` numbered items (the first number is the
 * start), nested by indenting 2+ spaces; `> ` quote lines; `**bold**`; `[text](https://url)`
 * links; a backslash escapes punctuation. Nothing else is markup: `<b>` and `_i_` are text.
 */
export function markdownToLexical(text: string): LexicalDoc {
  const source = typeof text === 'string' ? text : ''
  let raw: LexicalDoc
  try {
    raw = emitDoc(parseMarkdown(source))
  } catch {
    raw = emptyLexicalDoc()
  }
  return sanitizeLexical(raw)
}
