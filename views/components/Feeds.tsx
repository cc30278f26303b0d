import type { FeedLink } from '../../src/policies/feeds.js'

/** For <head>: how browsers and feed readers discover a page's feeds. */
export function FeedAlternates({ feeds }: { feeds: readonly FeedLink[] }) {
  return (
    <>
      {feeds.map((feed) => (
        <link key={feed.href} rel="alternate" type={feed.type} title={feed.title} href={feed.href} />
      ))}
    </>
  )
}

/** The same feeds, as links people can see and follow (works without JavaScript). */
export function FeedLinks({ feeds }: { feeds: readonly FeedLink[] }) {
  if (feeds.length === 0) return null
  return (
    <p className="feeds">
      Follow in a feed reader or calendar:{' '}
      {feeds.map((feed, i) => (
        <span key={feed.href}>
          {i > 0 ? ' · ' : null}
          <a href={feed.href} type={feed.type}>
            {feed.title}
          </a>
        </span>
      ))}
    </p>
  )
}
