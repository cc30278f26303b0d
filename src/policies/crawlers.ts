// What /robots.txt asks of crawlers. Every page the site answers GET on is in one of two lists: pages a
// crawler may read (each still decides by its own read access what a visitor sees), or paths it is asked
// to keep out of: the moderators' area and the API, a member's own pages, forms, and search results
// (endless addresses that repeat the pages). tests/unit/robots.test.ts walks every router and fails for a
// page in neither list. robots.txt is a request, not a lock: access rules keep private pages private.

/** RFC 9309 rules: a path prefix, `*` for any characters, `$` at the end for "the address ends here". */
export const CRAWLER_DISALLOWED = [
  '/admin',
  '/api',
  '/_next',
  // A member's own pages: profile and settings, stories, messages, export and deletion.
  '/account',
  '/messages',
  '/notifications',
  // Forms and one-time links: signing in and out, joining, passwords, email confirmation, unsubscribing.
  '/login',
  '/logout',
  '/join',
  '/forgot',
  '/reset',
  '/verify',
  '/unsubscribe',
  '/flags',
  '/threads/new',
  '/threads/*/replies',
  '/threads/*/edit',
  '/replies/*/edit',
  // Story slugs are 12 random letters and digits: one may start with "new", so only the form itself.
  '/stories/new$',
  // Endless combinations of choices, repeating the stories' own pages.
  '/stories/like-mine',
  '/meetings/*/close',
  '/meetings/*/join-code',
  '/meetings/*/minutes',
  '/search',
  '/reports',
  // The directory's suggestion forms and the moderators' directory page.
  '/directory/suggest',
  '/directory/*/correct',
  '/directory/moderate',
  // Volunteering: the coordinators' page and the interest form.
  '/volunteer/coordinate',
  '/volunteer/coordinators',
  '/volunteer/*/interest',
] as const

/** Pages crawlers may read (Express paths, as the routers declare them): everything else must be disallowed. */
export const CRAWLER_ALLOWED_PAGES = [
  '/',
  '/stories',
  '/stories/:slug',
  '/threads/:id',
  '/localities/:slug',
  '/localities/:slug/feed.xml',
  '/localities/:slug/meetings.ics',
  '/meetings',
  '/meetings.ics',
  '/meetings/:id',
  '/meetings/:id/calendar.ics',
  '/you-said-we-did',
  '/directory',
  '/directory/:id',
  '/directory/:id/calendar.ics',
  '/volunteer',
  '/volunteer/:id',
  '/house-rules',
  '/privacy-notice',
  '/feed.xml',
  '/sitemap.xml',
  '/sitemap-N.xml',
  '/robots.txt',
  // For load balancers, not people; harmless to read.
  '/healthz',
  '/readyz',
] as const

const ruleToRegExp = (rule: string) => {
  const anchored = rule.endsWith('$')
  const body = (anchored ? rule.slice(0, -1) : rule)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${body}${anchored ? '$' : ''}`)
}
const DISALLOWED_PATTERNS = CRAWLER_DISALLOWED.map(ruleToRegExp)

/** Whether robots.txt asks crawlers to keep out of a path (with its query string, as RFC 9309 matches it). */
export const isDisallowedForCrawlers = (pathAndQuery: string): boolean => DISALLOWED_PATTERNS.some((pattern) => pattern.test(pathAndQuery))

/** The robots.txt document, with the sitemap's absolute address. */
export const robotsTxt = (sitemapUrl: string): string => ['User-agent: *', ...CRAWLER_DISALLOWED.map((rule) => `Disallow: ${rule}`), '', `Sitemap: ${sitemapUrl}`, ''].join('\n')
