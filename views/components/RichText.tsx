// Rich text (stories, meeting minutes) as HTML elements. The document is sanitised here again, whatever was stored: only
// p, h2–h4, ul/ol/li, blockquote, strong, a (http/https only) and br come out, text is always text
// (React escapes it), and no raw HTML is ever injected.
import type { ReactNode } from 'react'

import { safeHttpUrl, sanitizeLexical, type LexicalBlockNode, type LexicalInlineNode, type LexicalListNode } from '../../src/richtext/index.js'

/** Story links are the author's, not ours: no endorsement, no referrer, no window.opener. */
export const STORY_LINK_REL = 'nofollow ugc noopener noreferrer'

function renderInline(children: LexicalInlineNode[]): ReactNode[] {
  return children.map((node, i) => {
    switch (node.type) {
      case 'linebreak':
        return <br key={i} />
      case 'text':
        return node.format === 1 ? <strong key={i}>{node.text}</strong> : node.text
      case 'link': {
        const text = node.children.map((c) => c.text).join('')
        const href = safeHttpUrl(node.fields.url)
        return href === null ? (
          text
        ) : (
          <a key={i} href={href} rel={STORY_LINK_REL}>
            {text}
          </a>
        )
      }
    }
  })
}

function renderList(list: LexicalListNode, key: number): ReactNode {
  // Lexical keeps a nested list in an item of its own; in HTML it belongs inside the item above.
  const items: { content: LexicalInlineNode[] | null; nested: LexicalListNode[] }[] = []
  for (const item of list.children) {
    const first = item.children[0]
    if (first !== undefined && first.type === 'list') {
      const last = items[items.length - 1]
      if (last !== undefined) last.nested.push(first)
      else items.push({ content: null, nested: [first] })
    } else {
      items.push({ content: item.children as LexicalInlineNode[], nested: [] })
    }
  }
  const lis = items.map((item, i) => (
    <li key={i}>
      {item.content !== null ? renderInline(item.content) : null}
      {item.nested.map((nested, j) => renderList(nested, j))}
    </li>
  ))
  if (list.listType === 'number') {
    return (
      <ol key={key} start={list.start !== 1 ? list.start : undefined}>
        {lis}
      </ol>
    )
  }
  return <ul key={key}>{lis}</ul>
}

function renderBlock(block: LexicalBlockNode, key: number): ReactNode {
  switch (block.type) {
    case 'paragraph':
      // The empty document is one empty paragraph: nothing to show.
      return block.children.length ? <p key={key}>{renderInline(block.children)}</p> : null
    case 'quote':
      return <blockquote key={key}>{renderInline(block.children)}</blockquote>
    case 'heading': {
      const children = renderInline(block.children)
      if (block.tag === 'h2') return <h2 key={key}>{children}</h2>
      if (block.tag === 'h3') return <h3 key={key}>{children}</h3>
      return <h4 key={key}>{children}</h4>
    }
    case 'list':
      return renderList(block, key)
  }
}

/** A story body (Lexical JSON, or anything at all) rendered safely. */
export function RichText({ doc }: { doc: unknown }) {
  const clean = sanitizeLexical(doc)
  return <>{clean.root.children.map((block, i) => renderBlock(block, i))}</>
}
