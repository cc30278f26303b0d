// The site's feeds, named once: the pages that have one announce it in their <head> (rel="alternate", so
// browsers and feed readers find it) and link to it where people can see it (views/components/Feeds.tsx).
// The feeds themselves are built in src/routes/feeds.ts and src/routes/meetings/calendars.ts.
export const ATOM = 'application/atom+xml'
export const ICALENDAR = 'text/calendar'

export type FeedLink = { href: string; title: string; type: typeof ATOM | typeof ICALENDAR }

export const STORIES_FEED: FeedLink = { href: '/feed.xml', title: 'Waymark recovery stories (Atom feed)', type: ATOM }

/** A forum's conversations: only a public forum has a feed (members-only forums are never in one). */
export const forumFeed = (locality: { slug: string; name: string; forumVisibility?: string | null }): FeedLink | null =>
  locality.forumVisibility === 'public' ? { href: `/localities/${locality.slug}/feed.xml`, title: `${locality.name} forum conversations (Atom feed)`, type: ATOM } : null

export const meetingsCalendar = (locality?: { slug: string; name: string } | null): FeedLink =>
  locality
    ? { href: `/localities/${locality.slug}/meetings.ics`, title: `${locality.name} meetings (iCalendar feed)`, type: ICALENDAR }
    : { href: '/meetings.ics', title: 'All Waymark meetings (iCalendar feed)', type: ICALENDAR }

/** The feeds among `feeds` that exist. */
export const feedsOf = (...feeds: (FeedLink | null | undefined)[]): FeedLink[] => feeds.filter((feed): feed is FeedLink => Boolean(feed))
