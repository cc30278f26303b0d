// A member's own parts of the forum pages: follow and unfollow (plain forms), the "new since your last
// visit" marker in a thread, and what is new on a forum's thread list. Shown only to signed-in members.
import type { ThreadNews } from '../../src/policies/memberNotifications.js'
import { PostForm } from './Form.js'

/** What the thread page shows the member about themselves (read before the page, see src/routes/forum/threadVisits.ts). */
export type MemberThreadView = { following: boolean; firstUnreadId: number | string | null }

export const isFirstNew = (replyId: number | string, view: MemberThreadView | undefined): boolean =>
  view?.firstUnreadId !== null && view?.firstUnreadId !== undefined && String(view.firstUnreadId) === String(replyId)

export const NEW_SINCE_ANCHOR = 'new-since-last-visit'

export function FollowForm({ action, following, what, csrfToken }: { action: string; following: boolean; what: string; csrfToken: string }) {
  return (
    <PostForm action={action} csrfToken={csrfToken} label={following ? `Stop following this ${what}` : `Follow this ${what}`}>
      <input type="hidden" name="follow" value={following ? 'no' : 'yes'} />
      <p className="follow">
        {following ? <span className="meta">You follow this {what}. </span> : null}
        <button className="button button--secondary" type="submit">
          {following ? `Unfollow this ${what}` : `Follow this ${what}`}
        </button>
      </p>
    </PostForm>
  )
}

/** Before the first reply written since the member's last visit. */
export function NewSinceMarker({ show }: { show: boolean }) {
  if (!show) return null
  return (
    <p className="new-since" id={NEW_SINCE_ANCHOR}>
      <strong>New since your last visit</strong>
    </p>
  )
}

/** A link to the marker, when it is on this page. */
export function JumpToNew({ show }: { show: boolean }) {
  if (!show) return null
  return (
    <p>
      <a href={`#${NEW_SINCE_ANCHOR}`}>Jump to what is new since your last visit</a>
    </p>
  )
}

export function ThreadNewsBadge({ news }: { news: ThreadNews | undefined }) {
  if (!news) return null
  const text = news.kind === 'unopened' ? 'New' : news.count === 1 ? '1 new reply' : `${news.count} new replies`
  return (
    <>
      {' '}
      <span className="badge badge--unread">{text}</span>
    </>
  )
}
