// The shapes of rich text (stories and meeting minutes): the clean Lexical JSON every door returns,
// and the intermediate form the Lexical reader and the markdown reader both build before it is
// normalised and emitted (sanitize.ts). The contract itself is written in index.ts and sanitize.ts.

// ---------------------------------------------------------------------------------------------
// Output types

export type LexicalTextNode = {
  detail: 0
  /** 1: bold (Lexical's bold bit); 0: plain. */
  format: 0 | 1
  mode: 'normal'
  style: ''
  text: string
  type: 'text'
  version: 1
}

export type LexicalLineBreakNode = { type: 'linebreak'; version: 1 }

type ElementBase = { direction: null; format: ''; indent: number }

export type LexicalLinkNode = ElementBase & {
  children: LexicalTextNode[]
  type: 'link'
  version: 3
  fields: { url: string; newTab: false; linkType: 'custom' }
}

export type LexicalInlineNode = LexicalTextNode | LexicalLineBreakNode | LexicalLinkNode

export type LexicalParagraphNode = ElementBase & {
  children: LexicalInlineNode[]
  type: 'paragraph'
  version: 1
  textFormat: 0
  textStyle: ''
}

export type HeadingTag = 'h2' | 'h3' | 'h4'

export type LexicalHeadingNode = ElementBase & {
  children: LexicalInlineNode[]
  type: 'heading'
  version: 1
  tag: HeadingTag
}

export type LexicalQuoteNode = ElementBase & { children: LexicalInlineNode[]; type: 'quote'; version: 1 }

export type ListType = 'bullet' | 'number'

export type LexicalListItemNode = ElementBase & {
  /** Inline content, or exactly one nested list (Lexical keeps a nested list in its own item). */
  children: LexicalInlineNode[] | [LexicalListNode]
  type: 'listitem'
  version: 1
  value: number
}

export type LexicalListNode = ElementBase & {
  children: LexicalListItemNode[]
  type: 'list'
  version: 1
  listType: ListType
  start: number
  tag: 'ul' | 'ol'
}

export type LexicalBlockNode = LexicalParagraphNode | LexicalHeadingNode | LexicalQuoteNode | LexicalListNode

export type LexicalRootNode = {
  children: LexicalBlockNode[]
  direction: null
  format: ''
  indent: 0
  type: 'root'
  version: 1
}

export type LexicalDoc = { root: LexicalRootNode }

// ---------------------------------------------------------------------------------------------
// Intermediate form, shared by the Lexical reader and the markdown parser (not re-exported by
// index.ts: outside src/richtext only the clean Lexical shapes above exist)

export type Seg = { t: 'text'; text: string; bold?: true } | { t: 'link'; url: string; text: string }
export type Inline = Seg | { t: 'br' }
export type List = { type: ListType; start: number; entries: Entry[] }
export type Entry = { k: 'item'; inline: Inline[] } | { k: 'nest'; list: List }
export type Block = { k: 'p' | 'quote'; inline: Inline[] } | { k: 'h'; tag: HeadingTag; inline: Inline[] } | { k: 'list'; list: List }

export const BR: Inline = { t: 'br' }

// ---------------------------------------------------------------------------------------------
// Reading the clean shapes (toMarkdown.ts, plainText.ts)

/** A link's text (a clean link holds text nodes only). */
export function linkText(link: LexicalLinkNode): string {
  return link.children.map((c) => c.text).join('')
}

/** True for an item that only carries a nested list (Lexical's shape for nesting). */
export function isNestItem(item: LexicalListItemNode): item is LexicalListItemNode & { children: [LexicalListNode] } {
  const first = item.children[0]
  return first !== undefined && first.type === 'list'
}
