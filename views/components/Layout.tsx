import type { ReactNode } from 'react'

import type { FeedLink } from '../../src/policies/feeds.js'
import { CrisisFooter } from './CrisisFooter.js'
import { FeedAlternates } from './Feeds.js'
import { SiteHeader } from './SiteHeader.js'
import type { PageContext } from './PageContext.js'

type Props = { ctx: PageContext; title: string; children: ReactNode; description?: string; feeds?: readonly FeedLink[] }

export function Layout({ ctx, title, children, description, feeds = [] }: Props) {
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Waymark`}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="stylesheet" href="/assets/site.css" />
        <FeedAlternates feeds={feeds} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <SiteHeader ctx={ctx} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <CrisisFooter />
      </body>
    </html>
  )
}
