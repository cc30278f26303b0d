// Story rich text: the sanitiser (hostile input), markdown ⇄ Lexical, plain text, and the renderer.
import { readFileSync } from 'node:fs'

import { LinkNode } from '@payloadcms/richtext-lexical'
import { $getRoot, $isElementNode, type LexicalNode } from '@payloadcms/richtext-lexical/lexical'
import { createHeadlessEditor } from '@payloadcms/richtext-lexical/lexical/headless'
import { ListItemNode, ListNode, registerList } from '@payloadcms/richtext-lexical/lexical/list'
import { HeadingNode, QuoteNode } from '@payloadcms/richtext-lexical/lexical/rich-text'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { lexicalToMarkdown, lexicalToPlainText, type LexicalDoc, markdownToLexical, MAX_TEXT_LENGTH, safeHttpUrl, sanitizeLexical } from '../../src/richtext/index.js'
import { RichText } from '../../views/components/RichText.js'

// ----- helpers: build input the way the Payload editor stores it

type AnyNode = Record<string, unknown>
const text = (t: string, extra: AnyNode = {}): AnyNode => ({ type: 'text', text: t, format: 0, detail: 0, mode: 'normal', style: '', version: 1, ...extra })
const br = (): AnyNode => ({ type: 'linebreak', version: 1 })
const el = (type: string, children: unknown[], extra: AnyNode = {}): AnyNode => ({ type, children, direction: 'ltr', format: '', indent: 0, version: 1, ...extra })
const p = (...children: unknown[]) => el('paragraph', children, { textFormat: 0, textStyle: '' })
const h = (tag: string, ...children: unknown[]) => el('heading', children, { tag })
const quote = (...children: unknown[]) => el('quote', children)
const link = (url: unknown, children: unknown[], fields: AnyNode = {}) => el('link', children, { version: 3, fields: { url, newTab: false, linkType: 'custom', ...fields } })
const li = (...children: unknown[]) => el('listitem', children, { value: 1 })
const ul = (...items: unknown[]) => el('list', items, { listType: 'bullet', tag: 'ul', start: 1 })
const ol = (start: number, ...items: unknown[]) => el('list', items, { listType: 'number', tag: 'ol', start })
const doc = (...children: unknown[]) => ({ root: { type: 'root', children, direction: 'ltr', format: '', indent: 0, version: 1 } })

// ----- helpers: expected canonical output

const T = (t: string) => ({ detail: 0, format: 0, mode: 'normal', style: '', text: t, type: 'text', version: 1 })
const B = (t: string) => ({ ...T(t), format: 1 })
const BR = { type: 'linebreak', version: 1 }
const base = { direction: null, format: '', indent: 0 }
const P = (...children: unknown[]) => ({ children, ...base, type: 'paragraph', version: 1, textFormat: 0, textStyle: '' })
const H = (tag: string, ...children: unknown[]) => ({ children, ...base, type: 'heading', version: 1, tag })
const Q = (...children: unknown[]) => ({ children, ...base, type: 'quote', version: 1 })
const A = (url: string, t: string) => ({ children: [T(t)], ...base, type: 'link', version: 3, fields: { url, newTab: false, linkType: 'custom' } })
const LI = (indent: number, value: number, ...children: unknown[]) => ({ children, direction: null, format: '', indent, type: 'listitem', version: 1, value })
const UL = (...children: unknown[]) => ({ children, ...base, type: 'list', version: 1, listType: 'bullet', start: 1, tag: 'ul' })
const OL = (start: number, ...children: unknown[]) => ({ children, ...base, type: 'list', version: 1, listType: 'number', start, tag: 'ol' })
const DOC = (...children: unknown[]) => ({ root: { children, direction: null, format: '', indent: 0, type: 'root', version: 1 } })
const EMPTY = DOC(P())

const html = (value: unknown) => renderToStaticMarkup(createElement(RichText, { doc: value }))

/** Every node in a sanitised document, depth first. */
function nodesOf(d: LexicalDoc): AnyNode[] {
  const out: AnyNode[] = []
  const walk = (n: AnyNode) => {
    out.push(n)
    if (Array.isArray(n.children)) for (const c of n.children as AnyNode[]) walk(c)
  }
  walk(d.root as unknown as AnyNode)
  return out
}

/** The exact keys each node type may carry in output. */
const ALLOWED_KEYS: Record<string, string[]> = {
  root: ['children', 'direction', 'format', 'indent', 'type', 'version'],
  paragraph: ['children', 'direction', 'format', 'indent', 'type', 'version', 'textFormat', 'textStyle'],
  heading: ['children', 'direction', 'format', 'indent', 'type', 'version', 'tag'],
  quote: ['children', 'direction', 'format', 'indent', 'type', 'version'],
  list: ['children', 'direction', 'format', 'indent', 'type', 'version', 'listType', 'start', 'tag'],
  listitem: ['children', 'direction', 'format', 'indent', 'type', 'version', 'value'],
  link: ['children', 'direction', 'format', 'indent', 'type', 'version', 'fields'],
  text: ['detail', 'format', 'mode', 'style', 'text', 'type', 'version'],
  linebreak: ['type', 'version'],
}

function expectOnlyAllowedShapes(d: LexicalDoc) {
  for (const n of nodesOf(d)) {
    const type = String(n.type)
    expect(Object.keys(ALLOWED_KEYS), `node type ${type}`).toContain(type)
    expect(Object.keys(n).sort(), `keys of ${type}`).toEqual([...(ALLOWED_KEYS[type] ?? [])].sort())
    if (type === 'link') expect(Object.keys(n.fields as object).sort()).toEqual(['linkType', 'newTab', 'url'])
    // Bold (1) is the one formatting kept (issue 12: a redaction starts from the text with its formatting).
    if (type === 'text') expect([0, 1]).toContain(n.format)
  }
}

/** Load into a Lexical editor with the nodes Payload's story editor uses (list transforms on),
 * mark every node dirty so normalisation runs, and export again. */
function throughLexicalEditor(d: LexicalDoc): unknown {
  const editor = createHeadlessEditor({
    nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode],
    onError: (e) => {
      throw e
    },
  })
  registerList(editor)
  editor.setEditorState(editor.parseEditorState(JSON.stringify(d)))
  editor.update(
    () => {
      const visit = (n: LexicalNode) => {
        n.markDirty()
        if ($isElementNode(n)) n.getChildren().forEach(visit)
      }
      visit($getRoot())
    },
    { discrete: true },
  )
  return JSON.parse(JSON.stringify(editor.getEditorState().toJSON()))
}

// =============================================================================================

describe('sanitizeLexical: text is always text', () => {
  it('a <script> in a text node renders as escaped characters', () => {
    const d = doc(p(text('<script>alert(1)</script><img src=x onerror=alert(1)>')))
    const out = html(d)
    expect(out).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</p>')
    expect(out).not.toContain('<script')
    expect(out).not.toContain('<img')
  })

  it('HTML-ish strings, as a whole document or as children, stay text', () => {
    expect(sanitizeLexical('<b>bold</b> & <i>co</i>')).toEqual(DOC(P(T('<b>bold</b> & <i>co</i>'))))
    expect(sanitizeLexical(doc(p('<a href="javascript:x">hi</a>')))).toEqual(DOC(P(T('<a href="javascript:x">hi</a>'))))
    expect(html('<iframe src=//evil>')).toBe('<p>&lt;iframe src=//evil&gt;</p>')
  })

  it('markdown never makes HTML either', () => {
    expect(html(markdownToLexical('## <h1 onclick=x>t</h1>\n\n<script>1</script>'))).toBe('<h2>&lt;h1 onclick=x&gt;t&lt;/h1&gt;</h2><p>&lt;script&gt;1&lt;/script&gt;</p>')
  })

  it('a JSON string of a document is read as a document; other strings are plain text paragraphs', () => {
    expect(sanitizeLexical(JSON.stringify(doc(h('h3', text('x')))))).toEqual(DOC(H('h3', T('x'))))
    expect(sanitizeLexical('first\nline\n\n## not a heading')).toEqual(DOC(P(T('first'), BR, T('line')), P(T('## not a heading'))))
    expect(sanitizeLexical('{"root": broken')).toEqual(DOC(P(T('{"root": broken'))))
  })

  it('drops control characters and turns newlines inside text into linebreak nodes', () => {
    expect(sanitizeLexical(doc(p(text('a\u0000b\u0007c\r\nd\re\u009b'))))).toEqual(DOC(P(T('abc'), BR, T('d'), BR, T('e'))))
  })
})

describe('sanitizeLexical: bold', () => {
  it('keeps bold (format bit 1) on text nodes and nothing else of the format', () => {
    expect(sanitizeLexical(doc(p(text('a', { format: 1 }), text('b', { format: 2 }), text('c', { format: 9 }), text('d', { format: '1' }))))).toEqual(DOC(P(B('a'), T('b'), B('c'), T('d'))))
  })

  it('bold whitespace at either end is plain; neighbours of the same weight merge', () => {
    expect(sanitizeLexical(doc(p(text('x'), text(' brilliant ', { format: 1 }), text('and'), text('  ', { format: 1 }), text('so', { format: 1 }), text('on', { format: 1 }))))).toEqual(
      DOC(P(T('x '), B('brilliant'), T(' and  '), B('soon'))),
    )
  })

  it('only nodes of type text carry bold: other text-bearing leaves and links give plain text', () => {
    expect(sanitizeLexical(doc(p({ type: 'hashtag', text: '#tag', format: 1 }, link('https://a.example/', [text('l', { format: 1 })]))))).toEqual(DOC(P(T('#tag'), A('https://a.example/', 'l'))))
  })

  it('round trip: bold with stars, backslashes and brackets in and around it', () => {
    const d = doc(p(text('*'), text('*b*', { format: 1 }), text('**'), text('\\', { format: 1 }), text('[x]'), text('5 * 3', { format: 1 }), text('a*')), h('h3', text('#', { format: 1 }), text(' t')))
    const md = lexicalToMarkdown(d)
    expect(md).toBe('\\***\\*b\\***\\*\\***\\\\**\\[x\\]**5 * 3**a\\*\n\n### **#** t')
    expect(markdownToLexical(md)).toEqual(sanitizeLexical(d))
  })
})

describe('sanitizeLexical: links', () => {
  const hostile = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '\tjavascript:alert(1)',
    'java\nscript:alert(1)',
    'javascript://example.com/%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    '//evil.example/path',
    '\\\\evil.example/path',
    '/relative/path',
    'relative/path',
    '#fragment',
    '?query',
    'mailto:someone@example.org',
    'tel:+441234',
    'ftp://files.example',
    'https://user:pass@evil.example/',
    'https://trusted.example@evil.example/',
    'https://',
    'https:evil.example',
    'http://' + 'a'.repeat(3000) + '.example',
    '',
    42,
    null,
    { toString: () => 'https://example.org' },
  ]

  it.each(hostile.map((url) => [JSON.stringify(url) ?? String(url), url]))('%s loses its link and keeps its text', (_, url) => {
    const d = sanitizeLexical(doc(p(text('before '), link(url, [text('click me')]), text(' after'))))
    expect(d).toEqual(DOC(P(T('before click me after'))))
    const out = html(d)
    expect(out).toBe('<p>before click me after</p>')
    expect(out).not.toMatch(/<a|href/i)
  })

  it.each(hostile.filter((u): u is string => typeof u === 'string' && !u.includes('\n') && !u.includes('(') && !u.includes(')') && u.length < 100))('markdown link to %j is text only', (url) => {
    const out = html(markdownToLexical(`see [this](${url}) now`))
    expect(out).not.toMatch(/<a|href/i)
    expect(out).toContain('this')
  })

  it('markdown [x](javascript:alert(1)) with nested parentheses keeps only the text', () => {
    expect(markdownToLexical('[x](javascript:alert(1)) and [y](JaVaScRiPt:alert(document.cookie))')).toEqual(DOC(P(T('x and y'))))
  })

  it('keeps http and https links, normalised', () => {
    expect(safeHttpUrl('https://example.org/a?b=1#c')).toBe('https://example.org/a?b=1#c')
    expect(safeHttpUrl('  HTTP://Example.ORG  ')).toBe('http://example.org/')
    expect(safeHttpUrl('https://example.org/a b')).toBe('https://example.org/a%20b')
    expect(sanitizeLexical(doc(p(link('https://example.org/x', [text('x')]))))).toEqual(DOC(P(A('https://example.org/x', 'x'))))
  })

  it('links render with rel="nofollow ugc noopener noreferrer" and no target', () => {
    expect(html(doc(p(link('https://example.org/?a=1&b="2"', [text('go')], { newTab: true }))))).toBe(
      '<p><a href="https://example.org/?a=1&amp;b=%222%22" rel="nofollow ugc noopener noreferrer">go</a></p>',
    )
  })

  it('the renderer checks hrefs again even if handed a hand-made "clean" document', () => {
    const forged = DOC(P(A('javascript:alert(1)', 'x')))
    expect(html(forged)).toBe('<p>x</p>')
  })

  it('internal links, autolinks to other schemes, and @lexical/link-style url props', () => {
    const d = doc(
      p(link(undefined, [text('internal')], { linkType: 'internal', doc: { relationTo: 'users', value: 1 } })),
      p(el('autolink', [text('mail me')], { fields: { url: 'mailto:a@b.example', linkType: 'custom' } })),
      p(el('autolink', [text('site')], { fields: { url: 'https://site.example', linkType: 'custom' } })),
      p(el('link', [text('plain lexical')], { url: 'https://plain.example/' })),
    )
    expect(sanitizeLexical(d)).toEqual(DOC(P(T('internal')), P(T('mail me')), P(A('https://site.example/', 'site')), P(A('https://plain.example/', 'plain lexical'))))
  })

  it('a link holds text only: formatting, nested links and breaks inside are flattened', () => {
    const d = doc(p(link('https://a.example/', [text('a', { format: 1 }), br(), link('https://b.example/', [text('b')]), el('mark', [text('c')])])))
    expect(sanitizeLexical(d)).toEqual(DOC(P(A('https://a.example/', 'a bc'))))
  })

  it('empty links vanish', () => {
    expect(sanitizeLexical(doc(p(text('x'), link('https://a.example/', []), link('https://a.example/', [text('')]))))).toEqual(DOC(P(T('x'))))
  })
})

describe('sanitizeLexical: nothing but the allowed nodes and properties', () => {
  it('unknown properties (event handlers, styles, classes, html) never reach output', () => {
    const evil = {
      onerror: 'alert(1)',
      onclick: 'alert(1)',
      style: 'background:url(javascript:alert(1))',
      className: 'x',
      dangerouslySetInnerHTML: { __html: '<script>alert(1)</script>' },
      __html: '<script>',
      id: 'ffffffffffffffffffffffff',
      $$typeof: Symbol.for('react.element'),
      __proto__polluted: true,
    }
    const d = sanitizeLexical({
      root: {
        type: 'root',
        ...evil,
        children: [
          { ...p(text('t', { ...evil, format: 3, detail: 1, mode: 'token', style: 'color:red' })), ...evil, format: 'center', indent: 4, direction: 'rtl' },
          { ...h('h2', text('h')), ...evil },
          { ...quote(text('q')), ...evil },
          { ...ul({ ...li(text('i')), ...evil, checked: true }), ...evil },
          p({ ...link('https://ok.example/', [text('l')], { rel: 'opener', target: '_blank', onclick: 'x' }), ...evil }),
          p(text('a'), { ...br(), ...evil }, text('b')),
        ],
      },
      extra: 'dropped',
    })
    expectOnlyAllowedShapes(d)
    // format 3 is bold and italic: bold is kept, italic is not.
    expect(d).toEqual(DOC(P({ ...T('t'), format: 1 }), H('h2', T('h')), Q(T('q')), UL(LI(0, 1, T('i'))), P(A('https://ok.example/', 'l')), P(T('a'), BR, T('b'))))
    const out = html(d)
    for (const bad of ['onerror', 'onclick', 'style', 'class', 'script', 'target', '"opener', 'ffffff']) expect(out).not.toContain(bad)
  })

  it.each([
    ['image', { type: 'image', src: 'javascript:alert(1)', altText: 'alt', children: [text('caption')] }],
    ['upload', { type: 'upload', relationTo: 'media', value: 1, fields: { caption: 'c' } }],
    ['relationship', { type: 'relationship', relationTo: 'users', value: { id: 1, email: 'x@y.example' } }],
    ['block', { type: 'block', fields: { blockType: 'html', html: '<script>alert(1)</script>' }, children: [text('inside block')] }],
    ['inlineBlock', { type: 'inlineBlock', fields: { blockType: 'x' } }],
    ['horizontalrule', { type: 'horizontalrule' }],
  ])('%s nodes are dropped with everything in them', (_, node) => {
    const d = sanitizeLexical(doc(p(text('keep')), node, p(text('a '), node, text('b'))))
    expect(d).toEqual(DOC(P(T('keep')), P(T('a b'))))
    expect(JSON.stringify(d)).not.toMatch(/caption|inside block|script|email|media/)
  })

  it('code blocks are flattened to plain text paragraphs', () => {
    const code = {
      type: 'code',
      language: 'js',
      children: [{ type: 'code-highlight', text: 'let x = "<b>"', highlightType: 'keyword' }, br(), { type: 'tab', text: '\t' }, { type: 'code-highlight', text: 'x++' }],
    }
    expect(sanitizeLexical(doc(code))).toEqual(DOC(P(T('let x = "<b>"'), BR, T('x++'))))
  })

  it('tables are flattened: each cell becomes a paragraph', () => {
    const cell = (t: string) => el('tablecell', [p(text(t))], { headerState: 0 })
    const table = el('table', [el('tablerow', [cell('a'), cell('b')]), el('tablerow', [cell('c')])])
    expect(sanitizeLexical(doc(table))).toEqual(DOC(P(T('a')), P(T('b')), P(T('c'))))
  })

  it('unknown element types are flattened, unknown text-bearing leaves keep their text', () => {
    const d = doc(
      el('layout', [p(text('in layout')), el('mystery-block', [text('loose text')])]),
      p(text('#'), { type: 'hashtag', text: 'tag', format: 1 }, el('mark', [text(' marked')], { ids: ['x'] }), { type: 'mention', text: '@someone' }),
    )
    expect(sanitizeLexical(d)).toEqual(DOC(P(T('in layout')), P(T('loose text')), P(T('#tag marked@someone'))))
  })

  it('headings: h1 becomes h2, h5/h6 become h4, an unknown tag is a paragraph', () => {
    expect(sanitizeLexical(doc(h('h1', text('1')), h('h2', text('2')), h('h3', text('3')), h('h4', text('4')), h('h5', text('5')), h('h6', text('6')), h('h9', text('9'))))).toEqual(
      DOC(H('h2', T('1')), H('h2', T('2')), H('h3', T('3')), H('h4', T('4')), H('h4', T('5')), H('h4', T('6')), P(T('9'))),
    )
  })

  it('checklists become bullet lists; list start and values are recomputed', () => {
    const d = doc(
      el('list', [li(text('a')), li(text('b'))], { listType: 'check', tag: 'ul', start: 9 }),
      ol(-5, li(text('x'))),
      p(text('between')),
      ol(7, { ...li(text('y')), value: 99 }, li(text('z'))),
      ol(2, li(text('merged into the list above'))),
    )
    expect(sanitizeLexical(d)).toEqual(
      DOC(UL(LI(0, 1, T('a')), LI(0, 2, T('b'))), OL(1, LI(0, 1, T('x'))), P(T('between')), OL(7, LI(0, 7, T('y')), LI(0, 8, T('z')), LI(0, 9, T('merged into the list above')))),
    )
  })

  it('empty blocks, whitespace and empty items are dropped; the empty document is one empty paragraph', () => {
    expect(sanitizeLexical(doc(p(), p(text('  ')), h('h2'), quote(br()), ul(li(), li(text(' ')))))).toEqual(EMPTY)
    expect(sanitizeLexical(doc(p(text('  a  '), br(), text(' b'))))).toEqual(DOC(P(T('a'), BR, T('b'))))
  })

  it('its output loads in the Lexical editor with Payload nodes and exports unchanged', () => {
    const samples: LexicalDoc[] = [
      sanitizeLexical(null),
      sanitizeLexical(doc(p(text('a'), br(), link('https://x.example/', [text('l')])), h('h3', text('h')), quote(text('q')))),
      markdownToLexical('# T\n\n- a\n  - b\n    1. c\n    2. d\n  - e\n- f\n\n4. four\n5. five\n\n> q\n> r\n\n[x](https://e.example/(1))'),
    ]
    for (const d of samples) expect(throughLexicalEditor(d)).toEqual(d)
  })
})

describe('sanitizeLexical: caps and malformed input', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['number', 42],
    ['NaN', Number.NaN],
    ['boolean', true],
    ['bigint', BigInt(7)],
    ['symbol', Symbol('x')],
    ['function', () => 'x'],
    ['empty string', ''],
    ['broken JSON', '{"root":{"children":[{'],
    ['JSON null', 'null'],
    ['empty array', []],
    ['empty object', {}],
    ['root null', { root: null }],
    ['root string', { root: 'x' }],
    ['children not an array', { root: { children: 'text' } }],
    ['children object', { root: { children: { 0: text('a'), length: 1 } } }],
    [
      'junk children',
      {
        root: {
          children: [
            null,
            1,
            [],
            [[p(text('x'))]],
            { type: 7 },
            { type: 'text', text: 5 },
            { type: 'paragraph', children: {} },
            { type: 'list', children: [null, 'x', { type: 'listitem', children: 'y' }] },
          ],
        },
      },
    ],
    ['date', new Date(0)],
    ['map', new Map([['root', {}]])],
    ['Object.create(null)', Object.assign(Object.create(null) as object, { root: { children: [p(text('ok'))] } })],
  ])('%s never throws and gives a loadable document', (_, value) => {
    const d = sanitizeLexical(value)
    expect(d.root.type).toBe('root')
    expect(d.root.children.length).toBeGreaterThan(0)
    expectOnlyAllowedShapes(d)
    expect(() => html(value)).not.toThrow()
    expect(() => lexicalToMarkdown(value)).not.toThrow()
    expect(() => lexicalToPlainText(value)).not.toThrow()
  })

  it('throwing getters and revoked proxies give an empty document', () => {
    const throwing = {
      get root(): unknown {
        throw new Error('boom')
      },
    }
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    const inChildren = doc(
      p(text('x')),
      Object.defineProperty({}, 'type', {
        get: () => {
          throw new Error('boom')
        },
      }),
    )
    expect(sanitizeLexical(throwing)).toEqual(EMPTY)
    expect(sanitizeLexical(proxy)).toEqual(EMPTY)
    expect(() => sanitizeLexical(inChildren)).not.toThrow()
  })

  it('inherited properties are ignored (only own properties are read)', () => {
    const sneaky = Object.create({ type: 'paragraph', children: [text('inherited')] }) as object
    expect(sanitizeLexical(doc(sneaky, p(text('own'))))).toEqual(DOC(P(T('own'))))
  })

  it('cyclic structures terminate', () => {
    const loop: AnyNode = { type: 'paragraph', children: [] }
    ;(loop.children as unknown[]).push(loop, text('x'), loop)
    const d = sanitizeLexical(doc(loop))
    expect(lexicalToPlainText(d)).toMatch(/^x(\s+x)*$/)
  })

  it('nesting deeper than 20 levels is cut off, shallower content stays', () => {
    const nest = (levels: number, leaf: AnyNode): AnyNode => {
      let n = leaf
      for (let i = 0; i < levels; i++) n = el('wrapper', [n])
      return n
    }
    expect(lexicalToPlainText(doc(nest(15, p(text('shallow')))))).toBe('shallow')
    expect(lexicalToPlainText(doc(nest(25, p(text('deep')))))).toBe('')
    expect(sanitizeLexical(doc(nest(100_000, p(text('very deep'))), p(text('after'))))).toEqual(DOC(P(T('after'))))
  })

  it('a very deep JSON string does not blow the stack', () => {
    expect(() => sanitizeLexical('['.repeat(100_000) + ']'.repeat(100_000))).not.toThrow()
    expect(() => sanitizeLexical('{"root":{"children":' + '['.repeat(100_000))).not.toThrow()
  })

  it('lists nest at most 3 levels: deeper items join the third level', () => {
    const deep = ul(li(text('1')), li(ul(li(text('2')), li(ul(li(text('3')), li(ul(li(text('4')), li(ul(li(text('5')))))))))))
    expect(sanitizeLexical(doc(deep))).toEqual(DOC(UL(LI(0, 1, T('1')), LI(0, 2, UL(LI(1, 1, T('2')), LI(1, 2, UL(LI(2, 1, T('3')), LI(2, 2, T('4')), LI(2, 3, T('5')))))))))
  })

  it(`keeps at most ${MAX_TEXT_LENGTH} characters of text in total`, () => {
    const big = sanitizeLexical(doc(p(text('a'.repeat(60_000))), p(text('b'.repeat(60_000))), p(text('c'))))
    const plain = lexicalToPlainText(big)
    expect(plain.replace(/\s/g, '')).toHaveLength(MAX_TEXT_LENGTH)
    expect(plain).not.toContain('c')
    expect(lexicalToPlainText(sanitizeLexical('x'.repeat(1_000_000)))).toHaveLength(MAX_TEXT_LENGTH)
    // A cut never leaves half a surrogate pair.
    const emoji = lexicalToPlainText(sanitizeLexical('a' + '😀'.repeat(60_000)))
    expect(emoji.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH)
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(emoji)).toBe(false)
  })

  // How long these take is measured by the bench (npm run bench -- --only richtext), as ratios
  // to an honest story in the same run: a unit test asserts no time limit.
  it('huge inputs give their text back', () => {
    const many = lexicalToPlainText(sanitizeLexical({ root: { children: Array.from({ length: 300_000 }, (_, i) => p(text(`p${i}`))) } }))
    expect(many.startsWith('p0\n\np1\n\np2')).toBe(true)
    expect(many.replace(/\s/g, '')).toHaveLength(MAX_TEXT_LENGTH)
    // Hundreds of thousands of line breaks: no "too many arguments" anywhere.
    expect(lexicalToPlainText(sanitizeLexical('a\n'.repeat(300_000))).length).toBeGreaterThan(MAX_TEXT_LENGTH / 2)
    expect(lexicalToPlainText(markdownToLexical('- a\n'.repeat(300_000))).length).toBeGreaterThan(MAX_TEXT_LENGTH / 2)
    expect(lexicalToPlainText(markdownToLexical('['.repeat(200_000)))).toBe('['.repeat(MAX_TEXT_LENGTH))
    expect(lexicalToPlainText(markdownToLexical('[a]('.repeat(100_000)))).toBe('[a]('.repeat(100_000).slice(0, MAX_TEXT_LENGTH))
    expect(lexicalToPlainText(markdownToLexical(Array.from({ length: 3000 }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n')))).toMatch(/^x(\nx)+$/)
  })

  it('is idempotent', () => {
    const messy = doc(p(text(' a '), br(), br(), text('b')), ul(li(ul(li(text('lead')))), li(text('x'))), ul(li(text('y'))), quote(text('q'), br(), br(), text('r')))
    const once = sanitizeLexical(messy)
    expect(sanitizeLexical(once)).toEqual(once)
    expect(once).toEqual(DOC(P(T('a')), P(T('b')), UL(LI(0, 1, T('lead')), LI(0, 2, T('x')), LI(0, 3, T('y'))), Q(T('q')), Q(T('r'))))
  })
})

describe('markdownToLexical', () => {
  it('paragraphs are separated by blank lines; a single newline is a line break', () => {
    expect(markdownToLexical('one\ntwo\n\n\nthree\r\nfour')).toEqual(DOC(P(T('one'), BR, T('two')), P(T('three'), BR, T('four'))))
  })

  it('headings: ## ### #### (and # as h2); no space, no heading', () => {
    expect(markdownToLexical('# One\n## Two\n### Three\n#### Four\n##### Five\n#hashtag')).toEqual(
      DOC(H('h2', T('One')), H('h2', T('Two')), H('h3', T('Three')), H('h4', T('Four')), H('h4', T('Five')), P(T('#hashtag'))),
    )
  })

  it('bullet lists with - or *, numbered lists keep their start', () => {
    expect(markdownToLexical('- a\n* b\n\n3. c\n4. d\n9. e')).toEqual(DOC(UL(LI(0, 1, T('a')), LI(0, 2, T('b'))), OL(3, LI(0, 3, T('c')), LI(0, 4, T('d')), LI(0, 5, T('e')))))
  })

  it('indenting by 2+ spaces nests lists, in the shape Lexical uses', () => {
    const md = ['- fruit', '  - apple', '  - pear', '    1. conference', '    2. comice', '- veg', '   * leek'].join('\n')
    expect(markdownToLexical(md)).toEqual(
      DOC(
        UL(
          LI(0, 1, T('fruit')),
          LI(0, 2, UL(LI(1, 1, T('apple')), LI(1, 2, T('pear')), LI(1, 3, OL(1, LI(2, 1, T('conference')), LI(2, 2, T('comice')))))),
          LI(0, 2, T('veg')),
          LI(0, 3, UL(LI(1, 1, T('leek')))),
        ),
      ),
    )
    // Four-space indentation works the same.
    expect(markdownToLexical('- a\n    - b\n        - c')).toEqual(markdownToLexical('- a\n  - b\n    - c'))
  })

  it('lists deeper than 3 levels are flattened into the third', () => {
    const md = ['- 1', '  - 2', '    - 3', '      - 4', '        - 5'].join('\n')
    expect(markdownToLexical(md)).toEqual(DOC(UL(LI(0, 1, T('1')), LI(0, 2, UL(LI(1, 1, T('2')), LI(1, 2, UL(LI(2, 1, T('3')), LI(2, 2, T('4')), LI(2, 3, T('5')))))))))
  })

  it('a line after an item continues it; a blank line then text ends the list', () => {
    expect(markdownToLexical('- a\n  more\n- b\n\nafter')).toEqual(DOC(UL(LI(0, 1, T('a'), BR, T('more')), LI(0, 2, T('b'))), P(T('after'))))
  })

  it('blocks interrupt a paragraph without a blank line', () => {
    expect(markdownToLexical('Things:\n- a\n> q\n## h\n1. one')).toEqual(DOC(P(T('Things:')), UL(LI(0, 1, T('a'))), Q(T('q')), H('h2', T('h')), OL(1, LI(0, 1, T('one')))))
    // ...but a year is not a list.
    expect(markdownToLexical('In\n2024. it changed')).toEqual(DOC(P(T('In'), BR, T('2024. it changed'))))
  })

  it('> lines make a quote; a bare > splits it', () => {
    expect(markdownToLexical('> one\n> two\n>\n>three')).toEqual(DOC(Q(T('one'), BR, T('two')), Q(T('three'))))
  })

  it('links: [text](https://url), parentheses in the URL, escapes, and unsafe ones as text', () => {
    expect(markdownToLexical('Read [the guide](https://example.org/guide) and [wiki](https://en.wikipedia.org/wiki/Foo_(bar)).')).toEqual(
      DOC(P(T('Read '), A('https://example.org/guide', 'the guide'), T(' and '), A('https://en.wikipedia.org/wiki/Foo_(bar)', 'wiki'), T('.'))),
    )
    expect(markdownToLexical('\\[not](https://a.example) [a \\] b](http://b.example) [x](//evil) [y]( https://c.example )')).toEqual(
      DOC(P(T('[not](https://a.example) '), A('http://b.example/', 'a ] b'), T(' x '), A('https://c.example/', 'y'))),
    )
    expect(markdownToLexical('[spaced](https://a.example and [ok](https://b.example) [angle](<https://c.example/a b>)')).toEqual(
      DOC(P(T('[spaced](https://a.example and '), A('https://b.example/', 'ok'), T(' '), A('https://c.example/a%20b', 'angle'))),
    )
  })

  it('no other markup: emphasis, code, images and HTML are text (only **bold** is kept)', () => {
    expect(markdownToLexical('**b** _i_ `c` ![img](https://x.example/i.png) <u>u</u>')).toEqual(DOC(P(B('b'), T(' _i_ `c` !'), A('https://x.example/i.png', 'img'), T(' <u>u</u>'))))
  })

  it('**bold**: up to the next ** on the line, never with a space just inside a marker', () => {
    expect(markdownToLexical('The walk was **brilliant** and **I slept** well.')).toEqual(DOC(P(T('The walk was '), B('brilliant'), T(' and '), B('I slept'), T(' well.'))))
    expect(markdownToLexical('** not bold ** and **open')).toEqual(DOC(P(T('** not bold ** and **open'))))
    expect(markdownToLexical('5 * 3 = 15, **** and \\**x\\**')).toEqual(DOC(P(T('5 * 3 = 15, **** and **x**'))))
    expect(markdownToLexical('**see [the guide](https://example.org) now**')).toEqual(DOC(P(B('see'), T(' '), A('https://example.org/', 'the guide'), T(' '), B('now'))))
    expect(markdownToLexical('- **a** b\n\n## **Title**\n\n> **q**')).toEqual(DOC(UL(LI(0, 1, B('a'), T(' b'))), H('h2', B('Title')), Q(B('q'))))
  })

  it('non-strings give the empty document', () => {
    expect(markdownToLexical(undefined as unknown as string)).toEqual(EMPTY)
    expect(markdownToLexical('')).toEqual(EMPTY)
    expect(markdownToLexical('\n \n\t\n')).toEqual(EMPTY)
  })
})

describe('lexicalToMarkdown and the round trip', () => {
  const sample = [
    '## A heading',
    '',
    'First line with a [link](https://example.org/a_\\(b\\)?q=1)',
    'second line',
    '',
    '- one',
    '- two',
    '  - two a',
    '    1. deep',
    '    2. deeper',
    '      continued',
    '  - two b',
    '- three',
    '',
    '7. seven',
    '8. eight',
    '',
    '> quoted',
    '> still quoted',
    '',
    '#### Small',
    '',
    '\\# not a heading',
    '\\- not a list',
    '1999\\. not a number',
    '\\> not a quote',
    '\\[not a link\\](https://x.example) back\\\\slash',
  ].join('\n')

  it('writes the markdown subset back', () => {
    expect(lexicalToMarkdown(markdownToLexical(sample))).toBe(sample)
  })

  it('markdown → lexical → markdown → lexical is stable', () => {
    const first = markdownToLexical(sample)
    const md = lexicalToMarkdown(first)
    const second = markdownToLexical(md)
    expect(second).toEqual(first)
    expect(lexicalToMarkdown(second)).toBe(md)
  })

  it('markdownToLexical(lexicalToMarkdown(x)) equals sanitizeLexical(x) for editor documents', () => {
    const fromEditor = doc(
      h('h1', text('Title', { format: 1 })),
      p(text('Bold', { format: 1 }), text(' and '), text('italic', { format: 2 }), br(), text('- not a list'), br(), text('12. not a number')),
      p(text('chars: [x](y) \\ * _ ` > # <script>')),
      quote(text('> q'), br(), text('#hash')),
      ul(li(text('a')), li(ul(li(text('b')), li(ol(3, li(text('c')))))), li(text('d'))),
      ol(5, li(text('e'), br(), text('f')), li(link('https://example.org/(x)', [text('g')], { newTab: true }))),
      ul(li(ul(li(text('leading nested')))), li(text('after'))),
      p(text('   '), link('https://example.org/ a', [text(' spaced ')]), text('  ')),
      h('h3', text('multi'), br(), text('line heading')),
    )
    expect(markdownToLexical(lexicalToMarkdown(fromEditor))).toEqual(sanitizeLexical(fromEditor))
  })

  it('holds for many random documents of allowed nodes (seeded)', () => {
    let seed = 12345
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    const pick = <V>(xs: V[]): V => xs[Math.floor(rnd() * xs.length)] as V
    const bits = ['a', 'word', ' ', '  ', '\t', '#', '## ', '-', '- ', '* ', '+', '>', '> ', '1.', '12. ', '[', ']', '(', ')', '\\', '\n', '\n\n', '\u00a0', '<b>', '`', 'é', '😀']
    const t = () => text(Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(bits)).join(''), { format: pick([0, 1, 2]) })
    const urls = ['https://example.com/a(b)c', 'http://x.example', 'javascript:alert(1)', '//evil', 'HTTPS://UP.example/A B', 'https://e.x/\\q']
    const inline = (): unknown => {
      const r = rnd()
      if (r < 0.6) return t()
      if (r < 0.75) return br()
      return link(pick(urls), [t()])
    }
    const inl = () => Array.from({ length: Math.floor(rnd() * 5) }, inline)
    const list = (depth: number): AnyNode =>
      el(
        'list',
        Array.from({ length: Math.floor(rnd() * 4) }, () => (rnd() < 0.3 && depth < 5 ? li(list(depth + 1)) : li(...inl()))),
        {
          listType: pick(['bullet', 'number']),
          start: pick([1, 2, 10]),
        },
      )
    const block = (): unknown => pick([() => p(...inl()), () => h(pick(['h2', 'h3', 'h4']), ...inl()), () => quote(...inl()), () => list(1)])()
    for (let n = 0; n < 400; n++) {
      const x = doc(...Array.from({ length: Math.floor(rnd() * 6) }, block))
      const clean = sanitizeLexical(x)
      expect(markdownToLexical(lexicalToMarkdown(x))).toEqual(clean)
      expect(sanitizeLexical(clean)).toEqual(clean)
    }
  })
})

describe('lexicalToPlainText', () => {
  it('text only: blocks separated by blank lines, items one per line, breaks as newlines', () => {
    const d = markdownToLexical('## Title\n\nSee [the site](https://example.org) today\nagain\n\n- a\n  - b\n- c\n\n> q')
    expect(lexicalToPlainText(d)).toBe('Title\n\nSee the site today\nagain\n\na\nb\nc\n\nq')
  })

  it('drops what the sanitiser drops', () => {
    expect(lexicalToPlainText(doc(p(text('x')), { type: 'upload', fields: { alt: 'secret' } }))).toBe('x')
    expect(lexicalToPlainText(null)).toBe('')
  })
})

describe('RichText', () => {
  it('renders p, h2–h4, ul/ol/li (nested inside the item above), blockquote, a and br', () => {
    const d = markdownToLexical('## H2\n\n### H3\n\n#### H4\n\nline one\nline two\n\n- a\n  - b\n- c\n\n3. three\n\n> said\n> so\n\n[x](https://x.example)')
    expect(html(d)).toBe(
      '<h2>H2</h2><h3>H3</h3><h4>H4</h4><p>line one<br/>line two</p>' +
        '<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul><ol start="3"><li>three</li></ol>' +
        '<blockquote>said<br/>so</blockquote>' +
        '<p><a href="https://x.example/" rel="nofollow ugc noopener noreferrer">x</a></p>',
    )
  })

  it('renders bold as <strong>', () => {
    expect(html(markdownToLexical('The walk was **brilliant**.'))).toBe('<p>The walk was <strong>brilliant</strong>.</p>')
  })

  it('renders nothing for an empty or hostile document', () => {
    expect(html(null)).toBe('')
    expect(html({ root: { children: [{ type: 'image', src: 'x' }] } })).toBe('')
  })

  it('never uses dangerouslySetInnerHTML', () => {
    const source = readFileSync(new URL('../../views/components/RichText.tsx', import.meta.url), 'utf8')
    expect(source).not.toContain('dangerouslySetInnerHTML')
  })
})
