// The public pages the rendered-page cache may hold, and the query parameters each one reads. Other
// parameters (a shared link's ?utm_source=, or junk meant to force fresh renders) are dropped before the
// route runs, so the route cannot read them and the key always says what the page shows. A declared
// parameter given twice is ambiguous: that request is rendered as usual and not cached.
// Form pages (/join, /login, /stories/new, /account/...) are not listed: they are never cached.
export type CacheablePage = { path: RegExp; params: readonly string[] }

const PAGING = ['page', 'after', 'before'] as const

export const CACHEABLE_PAGES: readonly CacheablePage[] = [
  { path: /^\/$/, params: [] },
  { path: /^\/stories$/, params: ['theme', 'locality', ...PAGING] },
  // /stories/new is the author's form: its own router answers it first, and it is excluded here too.
  // Stories like mine: a parameter given twice (two themes) is not cached, as above.
  { path: /^\/stories\/like-mine$/, params: ['narrator', 'stage', 'tone', 'theme', 'tag'] },
  { path: /^\/stories\/(?!new$|like-mine$)[^/]+$/, params: ['flagged', 'feedback'] },
  { path: /^\/localities\/[^/]+$/, params: [...PAGING] },
  // ?quote= fills a member's reply form (their own entry: members' pages are kept per member).
  { path: /^\/threads\/(?!new$)[^/]+$/, params: ['flagged', 'quote', ...PAGING] },
  { path: /^\/meetings$/, params: ['locality', ...PAGING] },
  { path: /^\/meetings\/[^/]+$/, params: [] },
  { path: /^\/you-said-we-did$/, params: ['locality', 'status'] },
  // /volunteer/coordinate(s) are the coordinators' and moderators' own pages: never cached.
  { path: /^\/volunteer$/, params: ['locality'] },
  { path: /^\/volunteer\/(?!coordinate$|coordinators$)[^/]+$/, params: [] },
  { path: /^\/(localities\/[^/]+\/)?meetings\.ics$/, params: [] },
  { path: /^\/meetings\/[^/]+\/calendar\.ics$/, params: [] },
  { path: /^\/(localities\/[^/]+\/)?feed\.xml$/, params: [] },
  { path: /^\/sitemap(-\d+)?\.xml$/, params: [] },
  // The directory: its filters are the listing's parameters; the suggestion forms are never cached.
  { path: /^\/directory$/, params: ['kind', 'locality', 'day', 'when'] },
  { path: /^\/directory\/[0-9a-f]+$/, params: [] },
  { path: /^\/directory\/[0-9a-f]+\/calendar\.ics$/, params: [] },
  { path: /^\/(house-rules|privacy-notice)$/, params: [] },
]

/**
 * The cache key's address part for a request, or null when the page is not cacheable as asked:
 * the path plus its declared parameters in a fixed order.
 */
export function cacheableAddress(path: string, rawQuery: string): string | null {
  const page = CACHEABLE_PAGES.find((candidate) => candidate.path.test(path))
  if (!page) return null
  const query = new URLSearchParams(rawQuery)
  const seen = new Set<string>()
  for (const name of query.keys()) {
    if (!page.params.includes(name)) continue
    if (seen.has(name)) return null
    seen.add(name)
  }
  const kept = page.params.filter((name) => seen.has(name)).map((name) => `${name}=${encodeURIComponent(query.get(name)!)}`)
  return kept.length > 0 ? `${path}?${kept.join('&')}` : path
}
