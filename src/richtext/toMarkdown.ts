// Lexical → markdown: the document (sanitised first) as the subset fromMarkdown.ts reads, escaped
// so that markdownToLexical(lexicalToMarkdown(x)) deep-equals sanitizeLexical(x).
import { sanitizeLexical } from './sanitize.js'
import { isNestItem, linkText, type LexicalBlockNode, type LexicalInlineNode, type LexicalListNode } from './types.js'

function escapeText(s: string, atLineStart: boolean): string {
  let out = s.replace(/[\\[\]]/g, (c) => '\\' + c)
  // A star that could meet another (a bold marker, or a star beside it) is escaped; a lone star
  // inside the text ("5 * 3") stays as the author typed it.
  out = out.replace(/\*/g, (star, at: number, whole: string) => (at === 0 || at === whole.length - 1 || whole[at - 1] === '*' || whole[at + 1] === '*' ? '\\*' : star))
  if (atLineStart) {
    if (/^[#>*+-]/.test(out)) out = '\\' + out
    else out = out.replace(/^(\d+)\./, '$1\\.')
  }
  return out
}

function escapeUrl(url: string): string {
  return url.replace(/[\\()]/g, (c) => '\\' + c)
}

function inlineLines(children: LexicalInlineNode[]): string[] {
  const lines = ['']
  let atStart = true
  for (const c of children) {
    if (c.type === 'linebreak') {
      lines.push('')
      atStart = true
      continue
    }
    const piece = c.type === 'link' ? `[${escapeText(linkText(c), false)}](${escapeUrl(c.fields.url)})` : c.format === 1 ? `**${escapeText(c.text, false)}**` : escapeText(c.text, atStart)
    lines[lines.length - 1] += piece
    atStart = false
  }
  return lines
}

function listMarkdown(list: LexicalListNode, level: number, out: string[]): void {
  const pad = '  '.repeat(level)
  for (const item of list.children) {
    if (isNestItem(item)) {
      listMarkdown(item.children[0], level + 1, out)
      continue
    }
    const marker = list.listType === 'number' ? `${item.value}. ` : '- '
    const lines = inlineLines(item.children as LexicalInlineNode[])
    lines.forEach((line, i) => out.push(i === 0 ? pad + marker + line : pad + '  ' + line))
  }
}

function blockMarkdown(block: LexicalBlockNode): string {
  switch (block.type) {
    case 'paragraph':
      return inlineLines(block.children).join('\n')
    case 'heading':
      return '#'.repeat(Number(block.tag.slice(1))) + ' ' + inlineLines(block.children).join(' ')
    case 'quote':
      return inlineLines(block.children)
        .map((line) => '> ' + line)
        .join('\n')
    case 'list': {
      const out: string[] = []
      listMarkdown(block, 0, out)
      return out.join('\n')
    }
  }
}

/**
 * The document as the markdown subset markdownToLexical reads (the document is sanitised
 * first), so an author can edit it in a textarea again.
 */
export function lexicalToMarkdown(doc: unknown): string {
  return sanitizeLexical(doc).root.children.map(blockMarkdown).join('\n\n')
}
