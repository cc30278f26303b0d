// Lexical → plain text, for search, crisis-word checks, diffs and exports.
import { sanitizeLexical } from './sanitize.js'
import { isNestItem, linkText, type LexicalInlineNode, type LexicalListNode } from './types.js'

function inlineText(children: LexicalInlineNode[]): string {
  return children.map((c) => (c.type === 'linebreak' ? '\n' : c.type === 'text' ? c.text : linkText(c))).join('')
}

function listText(list: LexicalListNode, out: string[]): void {
  for (const item of list.children) {
    if (isNestItem(item)) listText(item.children[0], out)
    else out.push(inlineText(item.children as LexicalInlineNode[]))
  }
}

/**
 * Text only (for search and diffs): blocks separated by a blank line, list items one per line,
 * line breaks as newlines, links as their text.
 */
export function lexicalToPlainText(doc: unknown): string {
  return sanitizeLexical(doc)
    .root.children.map((block) => {
      if (block.type !== 'list') return inlineText(block.children)
      const out: string[] = []
      listText(block, out)
      return out.join('\n')
    })
    .join('\n\n')
}
