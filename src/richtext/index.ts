// Rich text, for stories and meeting minutes: Lexical JSON (what the Payload admin edits) limited
// to paragraphs, h2–h4 headings, bullet/numbered lists (at most 3 levels), block quotes, http(s)
// links, text (plain or bold) and line breaks.
//
// Every door goes through sanitizeLexical: whatever it is given, it returns a document in one
// canonical shape (the JSON shapes lexical 0.50 and Payload's LinkNode export), so that
//   markdownToLexical(lexicalToMarkdown(x)) deep-equals sanitizeLexical(x)
// and sanitizeLexical(sanitizeLexical(x)) deep-equals sanitizeLexical(x).
// What "canonical" means, rule by rule, is written at the top of sanitize.ts.
//
//   types.ts         the clean Lexical shapes (and the intermediate form, internal)
//   sanitize.ts      sanitizeLexical, safeHttpUrl, the limits
//   fromMarkdown.ts  markdownToLexical: the textarea's markdown subset
//   toMarkdown.ts    lexicalToMarkdown: back to that subset, escaped for the round trip
//   plainText.ts     lexicalToPlainText: text only (search, crisis words, diffs, exports)
//   editor.ts        richTextEditor: the Payload admin's editor with the same features (imported
//                    directly, not from here: it loads Payload's editor)
export type {
  HeadingTag,
  LexicalBlockNode,
  LexicalDoc,
  LexicalHeadingNode,
  LexicalInlineNode,
  LexicalLineBreakNode,
  LexicalLinkNode,
  LexicalListItemNode,
  LexicalListNode,
  LexicalParagraphNode,
  LexicalQuoteNode,
  LexicalRootNode,
  LexicalTextNode,
  ListType,
} from './types.js'
export { emptyLexicalDoc, MAX_DEPTH, MAX_LIST_DEPTH, MAX_TEXT_LENGTH, MAX_URL_LENGTH, safeHttpUrl, sanitizeLexical } from './sanitize.js'
export { markdownToLexical } from './fromMarkdown.js'
export { lexicalToMarkdown } from './toMarkdown.js'
export { lexicalToPlainText } from './plainText.js'
