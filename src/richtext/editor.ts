// The Payload admin's Lexical editor for rich text (story bodies, meeting minutes), limited to
// paragraphs, headings, lists, quotes, bold and links (http/https only): the features the
// sanitiser keeps. Whatever arrives is cleaned again on render (views/components/RichText.tsx),
// and story text on save too (collections/Stories/hooks/sanitiseStoryText.ts).
import {
  BlockquoteFeature,
  BoldFeature,
  FixedToolbarFeature,
  HeadingFeature,
  LinkFeature,
  OrderedListFeature,
  ParagraphFeature,
  UnorderedListFeature,
  lexicalEditor,
} from '@payloadcms/richtext-lexical'

export const richTextEditor = lexicalEditor({
  features: () => [
    ParagraphFeature(),
    BoldFeature(),
    HeadingFeature({ enabledHeadingSizes: ['h2', 'h3', 'h4'] }),
    UnorderedListFeature(),
    OrderedListFeature(),
    BlockquoteFeature(),
    LinkFeature({ enabledCollections: [], disableAutoLinks: true }),
    FixedToolbarFeature(),
  ],
})
