// Forum posts are plain text with a small markdown subset: paragraphs, emphasis, lists, links and
// quotes (`> `, which the Quote link writes: src/policies/postEditing.ts).
// HTML in a post is shown as text, never interpreted; only http(s) and mailto links survive.
import MarkdownIt from 'markdown-it'

const markdown = new MarkdownIt('zero', { html: false, linkify: false, breaks: true })
markdown.enable(['paragraph', 'newline', 'emphasis', 'list', 'link', 'text', 'escape', 'entity', 'blockquote'])

const SAFE_LINK = /^(https?:\/\/|mailto:)/i
markdown.validateLink = (url: string) => SAFE_LINK.test(url.trim())

// Links leave the site without passing on the reader or lending it search-engine weight.
const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'nofollow ugc noopener noreferrer')
  return defaultLinkOpen(tokens, idx, options, env, self)
}

export const MAX_POST_LENGTH = 20_000

/** Safe HTML for a post body. */
export function renderPostBody(text: string): string {
  return markdown.render(text.slice(0, MAX_POST_LENGTH))
}

/** Normalises what a member typed: no control characters, Unix newlines, trimmed. */
export function cleanPostText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '')
      .trim()
  )
}

/** The same words, however they were spaced or cased: for spotting a repeated post. */
export function postFingerprint(text: string): string {
  return cleanPostText(text).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ')
}

/** A plain-text excerpt for lists, feeds and emails (markdown punctuation dropped). */
export function postExcerpt(text: string, max = 200): string {
  const plain = text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`>#-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain
}
