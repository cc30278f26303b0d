import type { MessageNotice, PresentedNotification } from '../../src/presenters/notification.js'
import { formatLondon } from '../../src/policies/londonTime.js'
import { PostForm } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

const when = (iso: string) => formatLondon('sentAt', iso)

/** A member's notifications: replies, mentions, decisions on their posts and stories, and unread messages. */
export function NotificationsPage({ ctx, notifications, messages, notice }: { ctx: PageContext; notifications: PresentedNotification[]; messages: MessageNotice[]; notice?: string }) {
  const unread = notifications.filter((n) => !n.read).length
  return (
    <Layout ctx={ctx} title="Notifications">
      <h1>Notifications</h1>
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p>
        Replies to your threads and to threads you follow, mentions of your display name, and what the moderators decided about your posts and stories. Choose which of these also come by email on{' '}
        <a href="/account">your account page</a>.
      </p>
      {messages.length > 0 ? (
        <section aria-labelledby="messages-heading">
          <h2 id="messages-heading">Unread messages</h2>
          <ul className="notification-list">
            {messages.map((message) => (
              <li key={message.href}>
                <a href={message.href}>{message.text}</a>
                {message.lastMessageAt ? <span className="meta"> · {when(message.lastMessageAt)}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">{unread === 0 ? 'Nothing new' : unread === 1 ? '1 new notification' : `${unread} new notifications`}</h2>
        {unread > 0 ? (
          <PostForm action="/notifications/read" csrfToken={ctx.csrfToken} label="Mark all notifications read">
            <input type="hidden" name="id" value="all" />
            <button className="button button--secondary" type="submit">
              Mark all read
            </button>
          </PostForm>
        ) : null}
        {notifications.length === 0 ? (
          <p>You have no notifications yet.</p>
        ) : (
          <ul className="notification-list">
            {notifications.map((item) => (
              <li key={String(item.id)} className={item.read ? 'notification' : 'notification notification--new'}>
                {item.read ? null : (
                  <>
                    <span className="badge badge--unread">New</span>{' '}
                  </>
                )}
                {item.href ? <a href={item.href}>{item.text}</a> : item.text}
                <span className="meta"> · {when(item.createdAt)}</span>
                {item.read ? null : (
                  <PostForm action="/notifications/read" csrfToken={ctx.csrfToken} label={`Mark read: ${item.text}`}>
                    <input type="hidden" name="id" value={String(item.id)} />
                    <button className="link-button" type="submit">
                      Mark read
                    </button>
                  </PostForm>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  )
}
