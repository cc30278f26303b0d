import { joinHref, signInHref } from '../../src/policies/returnPath.js'
import { CSRF_FIELD } from '../../src/security/csrf.js'
import { MemberTypeBadge } from './MemberTypeBadge.js'
import { NotificationsLink } from './NotificationsLink.js'
import type { PageContext } from './PageContext.js'

export function SiteHeader({ ctx }: { ctx: PageContext }) {
  const { viewer, localities } = ctx
  return (
    <header className="site-header">
      <div className="site-header__top">
        <a className="brand" href="/">
          Waymark <span className="brand__motto">working together, moving forward</span>
        </a>
        <nav aria-label="Account" className="account-nav">
          {viewer ? (
            <ul>
              <li>
                <a href="/account" aria-current={ctx.path === '/account' ? 'page' : undefined}>
                  {viewer.displayName} <MemberTypeBadge badge={viewer.memberTypeBadge} />
                </a>
              </li>
              <li>
                <a href="/account/messages" aria-current={ctx.path === '/account/messages' ? 'page' : undefined}>
                  Messages
                  {ctx.unreadMessages ? (
                    <>
                      {' '}
                      <span className="badge badge--new">{ctx.unreadMessages} new</span>
                    </>
                  ) : null}
                </a>
              </li>
              <li>
                <NotificationsLink ctx={ctx} />
              </li>
              {viewer.isModerator || viewer.isSafeguardingLead ? (
                <li>
                  <a href="/admin">Moderation</a>
                </li>
              ) : null}
              <li>
                <form method="post" action="/logout" className="inline-form">
                  <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
                  <button type="submit" className="link-button">
                    Sign out
                  </button>
                </form>
              </li>
            </ul>
          ) : (
            <ul>
              <li>
                <a href={joinHref(ctx.returnPath)} aria-current={ctx.path === '/join' ? 'page' : undefined}>
                  Join
                </a>
              </li>
              <li>
                <a href={signInHref(ctx.returnPath)} aria-current={ctx.path === '/login' ? 'page' : undefined}>
                  Sign in
                </a>
              </li>
            </ul>
          )}
        </nav>
      </div>
      <nav aria-label="Main" className="main-nav">
        <ul>
          <li>
            <a href="/stories" aria-current={ctx.path === '/stories' ? 'page' : undefined}>
              Stories
            </a>
          </li>
          {viewer ? (
            <li>
              <a href="/account/stories" aria-current={ctx.path === '/account/stories' ? 'page' : undefined}>
                My stories
              </a>
            </li>
          ) : null}
          <li>
            <a href="/meetings" aria-current={ctx.path === '/meetings' ? 'page' : undefined}>
              Meetings
            </a>
          </li>
          <li>
            <a href="/directory" aria-current={ctx.path === '/directory' ? 'page' : undefined}>
              Find your way
            </a>
          </li>
          <li>
            <a href="/volunteer" aria-current={ctx.path === '/volunteer' ? 'page' : undefined}>
              Volunteer
            </a>
          </li>
          <li>
            <a href="/you-said-we-did" aria-current={ctx.path === '/you-said-we-did' ? 'page' : undefined}>
              You said, we did
            </a>
          </li>
          {viewer?.canSeeReports ? (
            <li>
              <a href="/reports" aria-current={ctx.path === '/reports' ? 'page' : undefined}>
                Reports
              </a>
            </li>
          ) : null}
          <li>
            <a href="/search" aria-current={ctx.path === '/search' ? 'page' : undefined}>
              Search
            </a>
          </li>
        </ul>
      </nav>
      <nav aria-label="Localities" className="locality-nav">
        <ul>
          {localities.map((locality) => {
            const href = `/localities/${locality.slug}`
            return (
              <li key={locality.slug}>
                <a href={href} aria-current={ctx.path === href ? 'page' : undefined}>
                  {locality.name}
                </a>
              </li>
            )
          })}
        </ul>
      </nav>
    </header>
  )
}
