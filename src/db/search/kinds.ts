// The kinds of document full-text search holds (a module of its own: index.ts imports the adapters, which need these).
export const SEARCH_KIND_LIST = ['story', 'thread', 'reply'] as const
export type SearchKind = (typeof SEARCH_KIND_LIST)[number]
