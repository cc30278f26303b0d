import type { PageContext } from './PageContext.js'

/** The header's link to /notifications, with the unread count (plain text: no JavaScript needed). */
export function NotificationsLink({ ctx }: { ctx: PageContext }) {
  return (
    <a href="/notifications" aria-current={ctx.path === '/notifications' ? 'page' : undefined}>
      Notifications
      {ctx.unreadNotifications ? (
        <>
          {' '}
          <span className="badge badge--unread">{ctx.unreadNotifications} new</span>
        </>
      ) : null}
    </a>
  )
}
