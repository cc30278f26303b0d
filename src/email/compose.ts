// Every email is written once, as a few blocks of plain words and links, and rendered twice: HTML and plain
// text (multipart/alternative). queueEmail takes only an EmailBody, which only composeEmail makes, so an
// email cannot be queued without its text part. What members typed goes in as plain strings: escaped for
// the HTML, as typed in the text.
import { CRISIS_LINES } from '../policies/crisisLines.js'

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/** A run of words in a paragraph: plain text, a link, or words in bold. */
export type Inline = string | { link: string; text: string } | { strong: string }
export type Block =
  | { kind: 'paragraph'; parts: Inline[] }
  | { kind: 'quote'; text: string }
  | { kind: 'list'; items: Inline[][] }
  /** Small print: unsubscribe links, why the email came. */
  | { kind: 'small'; parts: Inline[] }
  | { kind: 'heading'; text: string }

export const paragraph = (...parts: Inline[]): Block => ({ kind: 'paragraph', parts })
export const link = (href: string, text: string): Inline => ({ link: href, text })
export const strong = (text: string): Inline => ({ strong: text })
export const quote = (text: string): Block => ({ kind: 'quote', text })
export const list = (items: Inline[][]): Block => ({ kind: 'list', items })
export const small = (...parts: Inline[]): Block => ({ kind: 'small', parts })
export const heading = (text: string): Block => ({ kind: 'heading', text })
/** Paragraphs from plain strings (a command's sentences). */
export const paragraphs = (texts: readonly string[]): Block[] => texts.filter(Boolean).map((text) => paragraph(text))

declare const composed: unique symbol
/** Both parts of an email, made from the same blocks. Only composeEmail makes one. */
export type EmailBody = { readonly html: string; readonly text: string; readonly [composed]: true }

const inlineHtml = (part: Inline): string =>
  typeof part === 'string'
    ? escapeHtml(part).replace(/\n/g, '<br>')
    : 'link' in part
      ? `<a href="${escapeHtml(part.link)}">${escapeHtml(part.text)}</a>`
      : `<strong>${escapeHtml(part.strong)}</strong>`

/** In text, a link is its words and then its address; a paragraph that is only a link puts the address on its own line. */
const inlineText = (part: Inline): string => (typeof part === 'string' ? part : 'link' in part ? `${part.text} (${part.link})` : part.strong)
const partsText = (parts: Inline[]): string => {
  const only = parts.length === 1 ? parts[0] : undefined
  if (only && typeof only === 'object' && 'link' in only) return `${only.text}:\n${only.link}`
  return parts.map(inlineText).join('')
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${block.parts.map(inlineHtml).join('')}</p>`
    case 'quote':
      return `<blockquote>${inlineHtml(block.text)}</blockquote>`
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${item.map(inlineHtml).join('')}</li>`).join('')}</ul>`
    case 'small':
      return `<p style="font-size:0.9em">${block.parts.map(inlineHtml).join('')}</p>`
    case 'heading':
      return `<h2>${escapeHtml(block.text)}</h2>`
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
    case 'small':
      return partsText(block.parts)
    case 'quote':
      return block.text
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n')
    case 'list':
      return block.items.map((item) => `- ${partsText(item).replace(/\n/g, '\n  ')}`).join('\n')
    case 'heading':
      return `${block.text}\n${'-'.repeat(block.text.length)}`
  }
}

const CRISIS_TEXT = 'Waymark is not a helpline. If you need help now:'

// Payload renders its own account emails (confirm your address, reset your password) as HTML only; the
// text part is found here by that HTML when Payload hands the email to the adapter (withTextPart).
const recentTexts = new Map<string, string>()
const REMEMBERED = 50

export type ComposeOptions = { /** The crisis numbers under a rule, for emails to people who may be new. */ crisisLines?: boolean }

export function composeEmail(blocks: readonly Block[], options: ComposeOptions = {}): EmailBody {
  let html = blocks.map(blockHtml).join('\n')
  let text = blocks.map(blockText).join('\n\n')
  if (options.crisisLines) {
    // No-break spaces inside each number, and nowrap for clients that ignore them.
    const lines = CRISIS_LINES.map((line) => `${escapeHtml(line.name)}: <span class="nowrap" style="white-space:nowrap">${escapeHtml(line.number)}</span>`).join(' &middot; ')
    html = `<!doctype html><html lang="en-GB"><body style="font-family:sans-serif;line-height:1.5;max-width:36rem">
${html}
<hr><p style="font-size:0.9em;color:#444">${CRISIS_TEXT} ${lines}.</p>
</body></html>`
    text = `${text}\n\n--\n${CRISIS_TEXT} ${CRISIS_LINES.map((line) => `${line.name}: ${line.number}`).join(' · ')}.`
  }
  recentTexts.set(html, text)
  if (recentTexts.size > REMEMBERED) recentTexts.delete(recentTexts.keys().next().value!)
  return { html, text: `${text}\n` } as EmailBody
}

/** The text part composed with this HTML in this process, if it was composed here. */
export const composedTextFor = (html: string): string | undefined => {
  const text = recentTexts.get(html)
  return text === undefined ? undefined : `${text}\n`
}
