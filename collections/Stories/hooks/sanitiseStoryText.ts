// Story text is cleaned on every save, whatever door it came through: only paragraphs, headings,
// lists, quotes and http(s) links survive. It is cleaned again when rendered.
import type { CollectionBeforeChangeHook } from 'payload'

import { sanitizeLexical } from '../../../src/richtext/index.js'

export const sanitiseStoryText: CollectionBeforeChangeHook = ({ data }) => {
  if (data.body !== undefined && data.body !== null) data.body = sanitizeLexical(data.body)
  if (data.revision?.body) data.revision.body = sanitizeLexical(data.revision.body)
  if (data.redaction?.body) data.redaction.body = sanitizeLexical(data.redaction.body)
  return data
}
