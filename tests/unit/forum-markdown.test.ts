// Forum post bodies (issue 4, section 1 "Body format"): plain text with a small safe markdown subset
// (paragraphs, emphasis, lists, links), sanitised. Hostile inputs are rendered and the output is
// checked tag by tag: only the allowed tags and attributes, only http(s) and mailto links.
//
// HTML typed into a post is shown as text, so words like "onerror" or "javascript:" may appear in the
// output as harmless escaped text; what must never appear is markup carrying them.
import { describe, expect, it } from 'vitest'

import { MAX_POST_LENGTH, cleanPostText, postExcerpt, postFingerprint, renderPostBody } from '../../src/forum/markdown.js'

const REL = 'nofollow ugc noopener noreferrer'
const ALLOWED_TAGS = new Set(['p', 'em', 'strong', 'ul', 'ol', 'li', 'a', 'br', 'blockquote'])
const ALLOWED_ATTRS: Record<string, Set<string>> = { a: new Set(['href', 'rel', 'title']), ol: new Set(['start']) }
const SAFE_HREF = /^(https?:\/\/|mailto:)/i

type Tag = { raw: string; name: string; closing: boolean; attrs: Record<string, string> }

/** Every tag in the output, with its attributes (markdown-it always quotes attributes with "). */
function tagsOf(html: string): Tag[] {
  const tags: Tag[] = []
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    const attrs: Record<string, string> = {}
    const rest = m[3] ?? ''
    for (const a of rest.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) attrs[a[1]!.toLowerCase()] = a[2] ?? ''
    tags.push({ raw: m[0], name: m[2]!.toLowerCase(), closing: m[1] === '/', attrs })
  }
  return tags
}

const decodeEntities = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);?/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);?/g, (_m, d: string) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** Everything the safe-output contract requires, for any input. */
function expectSafe(html: string) {
  const lower = html.toLowerCase()
  for (const banned of [
    '<script',
    '<img',
    '<h1',
    '<h2',
    '<h3',
    '<iframe',
    '<svg',
    '<style',
    '<object',
    '<embed',
    '<form',
    '<input',
    '<link',
    '<meta',
    '<base',
    '<math',
    '<table',
    '<code',
    '<pre',
    '<hr',
  ])
    expect(lower, `output contains ${banned}`).not.toContain(banned)

  for (const tag of tagsOf(html)) {
    expect(ALLOWED_TAGS.has(tag.name), `tag <${tag.name}> is not allowed: ${tag.raw}`).toBe(true)
    // A title is inert escaped text (its quotes are &quot;), so it may quote anything; the rest of the tag may not.
    const raw = tag.raw.replace(/\stitle="[^"]*"/g, '').toLowerCase()
    expect(raw, `markup carries javascript: ${tag.raw}`).not.toContain('javascript:')
    expect(raw, `markup carries onerror: ${tag.raw}`).not.toContain('onerror')
    expect(raw).not.toContain('vbscript:')
    expect(raw).not.toContain('data:')
    if (tag.closing) continue
    for (const name of Object.keys(tag.attrs)) {
      expect(ALLOWED_ATTRS[tag.name]?.has(name) ?? false, `attribute ${name} on <${tag.name}>: ${tag.raw}`).toBe(true)
      expect(name.startsWith('on'), `event handler attribute ${name}`).toBe(false)
    }
    if (tag.name === 'a') {
      const href = tag.attrs.href
      expect(href, `link without href: ${tag.raw}`).toBeDefined()
      // Decode entities and strip control characters/whitespace, as a browser would, then check the scheme.
      // eslint-disable-next-line no-control-regex
      const effective = decodeEntities(href ?? '').replace(/[\u0000-\u0020]/g, '')
      expect(SAFE_HREF.test(effective), `unsafe href ${href}`).toBe(true)
      expect(tag.attrs.rel).toBe(REL)
    }
  }
  // Outside the tags, no raw "<" survives: everything else is escaped text.
  expect(html.replace(/<\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^>]*)?>/g, '')).not.toContain('<')
}

// =============================================================================================
describe('renderPostBody: hostile input', () => {
  const HOSTILE: [string, string][] = [
    ['script tag', '<script>alert(1)</script>'],
    ['script tag, upper case', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>'],
    ['script split over lines', '<scr\nipt>alert(1)</script>'],
    ['img onerror', '<img src=x onerror=alert(1)>'],
    ['img onerror, quoted', '<img src="x" onerror="alert(document.cookie)">'],
    ['svg onload', '<svg onload=alert(1)>'],
    ['iframe', '<iframe src="javascript:alert(1)"></iframe>'],
    ['raw anchor with handler', '<a href="https://ok.example" onclick="alert(1)">x</a>'],
    ['raw anchor with javascript', '<a href="javascript:alert(1)">x</a>'],
    ['style tag', '<style>body{display:none}</style>'],
    ['html comment', '<!-- <script>alert(1)</script> -->'],
    ['markdown image', '![pic](https://evil.example/tracker.png)'],
    ['markdown image with javascript', '![x](javascript:alert(1))'],
    ['markdown image with onerror in title', '![x](https://e.example/a.png "x\\" onerror=\\"alert(1)")'],
    ['headings', '# Big\n\n## Bigger\n\nSetext\n======'],
    ['javascript link', '[click](javascript:alert(1))'],
    ['javascript link, mixed case', '[click](JaVaScRiPt:alert(1))'],
    ['javascript link, tab entity', '[click](jav&#x09;ascript:alert(1))'],
    ['javascript link, decimal tab entity', '[click](jav&#9;ascript:alert(1))'],
    ['javascript link, newline entity', '[click](java&#x0A;script:alert(1))'],
    ['javascript link, encoded first letter', '[click](&#106;avascript:alert(1))'],
    ['javascript link, hex-encoded colon', '[click](javascript&#x3A;alert(1))'],
    ['javascript link, named colon entity', '[click](javascript&colon;alert(1))'],
    ['javascript link, percent-encoded', '[click](%6Aavascript:alert(1))'],
    ['javascript link, leading spaces', '[click](   javascript:alert(1))'],
    ['javascript link, angle brackets', '[click](<javascript:alert(1)>)'],
    ['javascript link, with title', '[click](javascript:alert(1) "title")'],
    ['javascript link, backslash escape', '[click](javascript\\:alert(1))'],
    ['javascript reference link', '[click][x]\n\n[x]: javascript:alert(1)'],
    ['data link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['data link, upper case', '[click](DATA:text/html,<script>alert(1)</script>)'],
    ['vbscript link', '[click](vbscript:msgbox(1))'],
    ['vbscript link, mixed case', '[click](VbScRiPt:msgbox(1))'],
    ['file link', '[click](file:///etc/passwd)'],
    ['protocol-relative link', '[click](//evil.example)'],
    ['attribute breakout in href', '[click](https://ok.example/" onmouseover="alert(1))'],
    ['attribute breakout with encoded quote', '[click](https://ok.example/&quot;onmouseover=alert(1))'],
    ['attribute breakout in title', '[click](https://ok.example "a\\" onmouseover=\\"alert(1)")'],
    ['autolink javascript', '<javascript:alert(1)>'],
    ['autolink https', '<https://ok.example>'],
    ['nested markdown in link text', '[<img src=x onerror=alert(1)>](https://ok.example)'],
    ['code fence', '```html\n<script>alert(1)</script>\n```'],
    ['indented code', '    <script>alert(1)</script>'],
    ['blockquote', '> <script>alert(1)</script>'],
    ['table', '| a | b |\n|---|---|\n| <script> | x |'],
    ['horizontal rule', 'a\n\n---\n\nb'],
    ['entities for a tag', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['numeric entities for a tag', '&#60;script&#62;alert(1)&#60;/script&#62;'],
    ['null byte in tag', '<scr\u0000ipt>alert(1)</script>'],
    ['bidi override', '\u202E[click](javascript:alert(1))'],
  ]

  it.each(HOSTILE)('%s', (_label, input) => {
    expectSafe(renderPostBody(input))
  })

  it.each(HOSTILE.filter(([label]) => /javascript|data link|vbscript|file link|protocol-relative/.test(label)))('%s does not become a link', (_label, input) => {
    expect(renderPostBody(input)).not.toContain('<a ')
  })

  it('raw HTML is shown as text, not interpreted', () => {
    expect(renderPostBody('<b>bold</b>')).toBe('<p>&lt;b&gt;bold&lt;/b&gt;</p>\n')
    expect(renderPostBody('<script>alert(1)</script>')).toContain('&lt;script&gt;')
  })

  it('headings stay as plain paragraphs', () => {
    const html = renderPostBody('# Title')
    expect(html).not.toMatch(/<h[1-6]/i)
    expect(html).toContain('# Title')
  })

  it('an image never becomes an <img>', () => {
    const html = renderPostBody('![pic](https://evil.example/tracker.png)')
    expect(html).not.toContain('<img')
  })
})

describe('renderPostBody: huge and pathological input', () => {
  const CASES: [string, string][] = [
    ['1 MB of text', 'a'.repeat(1_000_000)],
    ['1 MB of one-line paragraphs', 'word\n\n'.repeat(200_000)],
    ['100k asterisks', '*'.repeat(100_000)],
    ['100k underscores and asterisks', '*_'.repeat(50_000)],
    ['100k open brackets', '['.repeat(100_000)],
    ['nested brackets and parens', '[('.repeat(50_000)],
    ['deeply nested lists', Array.from({ length: 5_000 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')],
    ['many links', '[a](https://e.example) '.repeat(20_000)],
    ['many tags', '<script>'.repeat(50_000)],
  ]
  it.each(CASES)('%s: fast, bounded and safe', (_label, input) => {
    const started = performance.now()
    const html = renderPostBody(input)
    expect(performance.now() - started).toBeLessThan(5_000)
    expectSafe(html)
    // Only the first MAX_POST_LENGTH characters are rendered.
    expect(html.length).toBeLessThan(MAX_POST_LENGTH * 12)
  })
  it('MAX_POST_LENGTH is a sensible size', () => {
    expect(MAX_POST_LENGTH).toBeGreaterThanOrEqual(5_000)
    expect(MAX_POST_LENGTH).toBeLessThanOrEqual(100_000)
  })
  it('input beyond MAX_POST_LENGTH is not rendered', () => {
    const html = renderPostBody(`${'a'.repeat(MAX_POST_LENGTH)}TAIL-MARKER`)
    expect(html).not.toContain('TAIL-MARKER')
  })
})

// =============================================================================================
describe('renderPostBody: the allowed subset', () => {
  it('paragraphs', () => {
    expect(renderPostBody('one\n\ntwo')).toBe('<p>one</p>\n<p>two</p>\n')
  })
  it('a single newline is a line break', () => {
    const html = renderPostBody('line one\nline two')
    expect(html).toMatch(/line one<br\s*\/?>\s*line two/)
    expectSafe(html)
  })
  it('*em* and **strong** (and _em_, __strong__)', () => {
    expect(renderPostBody('*soft* and **strong**')).toBe('<p><em>soft</em> and <strong>strong</strong></p>\n')
    expect(renderPostBody('_soft_ and __strong__')).toBe('<p><em>soft</em> and <strong>strong</strong></p>\n')
  })
  it('bulleted lists', () => {
    const html = renderPostBody('- one\n- two')
    expect(html).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n')
  })
  it('numbered lists', () => {
    const html = renderPostBody('1. one\n2. two')
    expect(html).toBe('<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n')
  })
  it.each([
    ['https', '[site](https://lancashireuserforum.example/meetings)', 'https://lancashireuserforum.example/meetings'],
    ['http', '[site](http://example.org/a?b=1&c=2)', 'http://example.org/a?b=1&amp;c=2'],
    ['HTTPS upper case', '[site](HTTPS://EXAMPLE.ORG)', 'HTTPS://EXAMPLE.ORG'],
    ['mailto', '[write to us](mailto:hello@example.org)', 'mailto:hello@example.org'],
  ])('%s links carry rel="nofollow ugc noopener noreferrer"', (_label, input, href) => {
    const html = renderPostBody(input)
    expect(html).toContain(`href="${href}"`)
    expect(html).toContain(`rel="${REL}"`)
    const links = tagsOf(html).filter((t) => t.name === 'a' && !t.closing)
    expect(links).toHaveLength(1)
    expect(links[0]!.attrs.rel).toBe(REL)
    expectSafe(html)
  })
  it('a link title is kept, escaped', () => {
    const html = renderPostBody('[a](https://example.org "Meet \\"us\\"")')
    expect(html).toContain('title="Meet &quot;us&quot;"')
    expectSafe(html)
  })
  it('emphasis inside lists and links', () => {
    const html = renderPostBody('- **bold** [*link*](https://example.org)\n- plain')
    expect(html).toContain('<strong>bold</strong>')
    expect(html).toContain('<em>link</em>')
    expectSafe(html)
  })
  it('ampersands, quotes and angle brackets in text are escaped', () => {
    expect(renderPostBody('Tom & Jerry say "hi" <3')).toBe('<p>Tom &amp; Jerry say &quot;hi&quot; &lt;3</p>\n')
  })
  it('an empty body renders as nothing', () => {
    expect(renderPostBody('')).toBe('')
  })
})

// =============================================================================================
describe('cleanPostText', () => {
  it.each<[string, string, string]>([
    ['Windows newlines', 'a\r\nb', 'a\nb'],
    ['old Mac newlines', 'a\rb', 'a\nb'],
    ['control characters dropped', 'a\u0000b\u0007c\u001bd\u007fe', 'abcde'],
    ['vertical tab and form feed dropped', 'a\u000bb\u000cc', 'abc'],
    ['bidi overrides dropped', '\u202Eevil\u202C text', 'evil text'],
    ['bidi isolates dropped', '\u2066x\u2069', 'x'],
    ['tabs and newlines kept', 'a\tb\nc', 'a\tb\nc'],
    ['trimmed', '   hello  \n\n', 'hello'],
    ['Welsh, emoji and non-Latin text kept', 'Diolch ŵ 🙂 שלום', 'Diolch ŵ 🙂 שלום'],
    ['markdown left alone', '**bold** [a](https://x.example)', '**bold** [a](https://x.example)'],
    ['empty', '', ''],
    ['only control characters', '\u0000\u0001\u0002', ''],
  ])('%s', (_label, input, expected) => {
    expect(cleanPostText(input)).toBe(expected)
  })
  it('is idempotent', () => {
    const messy = ' \u202Ea\r\nb\u0000 c\t '
    expect(cleanPostText(cleanPostText(messy))).toBe(cleanPostText(messy))
  })
})

describe('postFingerprint (spotting the same text posted again)', () => {
  it.each<[string, string, string]>([
    ['case', 'Hello World', 'hello world'],
    ['spacing', 'hello   world', 'hello world'],
    ['newlines', 'hello\n\nworld', 'hello world'],
    ['CRLF', 'hello\r\nworld', 'hello\nworld'],
    ['surrounding space', '  hello world \n', 'hello world'],
    ['full-width letters (NFKC)', 'ｈｅｌｌｏ world', 'hello world'],
    ['control characters', 'hel\u0000lo world', 'hello world'],
    ['bidi override', '\u202Ehello world', 'hello world'],
  ])('the same text whatever its %s', (_label, a, b) => {
    expect(postFingerprint(a)).toBe(postFingerprint(b))
  })
  it.each<[string, string]>([
    ['hello world', 'hello world!'],
    ['hello world', 'hello there'],
    ['I am 3 days clean', 'I am 30 days clean'],
  ])('different texts differ: %s / %s', (a, b) => {
    expect(postFingerprint(a)).not.toBe(postFingerprint(b))
  })
})

describe('postExcerpt', () => {
  it.each<[string, string, string]>([
    ['link text kept, URL dropped', 'See [the meeting notes](https://example.org/notes) please', 'See the meeting notes please'],
    ['emphasis markers dropped', '**bold** and *soft*', 'bold and soft'],
    ['heading markers dropped', '# Hello', 'Hello'],
    ['list markers dropped', '- one\n- two', 'one two'],
    ['whitespace collapsed', 'a\n\n\nb   c', 'a b c'],
    ['javascript link shows only its text', '[click me](javascript:void)', 'click me'],
  ])('%s', (_label, input, expected) => {
    expect(postExcerpt(input)).toBe(expected)
  })
  it('short text is not truncated', () => {
    expect(postExcerpt('short', 200)).toBe('short')
  })
  it.each([10, 50, 200])('long text is cut to at most %i characters, ending in an ellipsis', (max) => {
    const out = postExcerpt('word '.repeat(500), max)
    expect(out.length).toBeLessThanOrEqual(max)
    expect(out.endsWith('…')).toBe(true)
  })
  it('defaults to 200 characters', () => {
    const out = postExcerpt('x'.repeat(1000))
    expect(out.length).toBeLessThanOrEqual(200)
    expect(out.endsWith('…')).toBe(true)
  })
  it('text of exactly max characters is kept whole', () => {
    expect(postExcerpt('y'.repeat(200))).toBe('y'.repeat(200))
  })
})
