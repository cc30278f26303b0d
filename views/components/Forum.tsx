// Forum building blocks: bylines with member-type badges, the awaiting-review banner, the
// "say welcome" marker, thread lists and the flag form.
import type { PresentedPost, PresentedThread } from '../../src/presenters/forumPost.js'
import { awaitingReviewBanner, FIRST_POST_MARKER } from '../../src/policies/postQueue.js'
import { FLAG_REASONS } from '../../src/policies/flags.js'
import { PostForm } from './Form.js'
import { ThreadNewsBadge } from './MemberForum.js'
import type { ThreadNews } from '../../src/policies/memberNotifications.js'
import { MemberTypeBadge } from './MemberTypeBadge.js'
import { formatLondon } from '../../src/policies/londonTime.js'

const dateTime = (iso: string) => (iso ? formatLondon('postedAt', iso) : '')

export function Byline({ post }: { post: PresentedPost }) {
  return (
    <p className="meta byline">
      <span className="byline__name">{post.byline.displayName}</span> {post.byline.staffRoleLabel ? <span className="badge badge--staff">{post.byline.staffRoleLabel}</span> : null}{' '}
      <MemberTypeBadge badge={post.byline.memberType} />{' '}
      {post.byline.volunteerBadgeLabel ? (
        <>
          <span className="badge badge--volunteer">{post.byline.volunteerBadgeLabel}</span>{' '}
        </>
      ) : null}
      <time dateTime={post.createdAt}>{dateTime(post.createdAt)}</time>
      {post.isFirstPost ? (
        <>
          {' '}
          <strong className="first-post">{FIRST_POST_MARKER}</strong>
        </>
      ) : null}
    </p>
  )
}

const STATE_FOR_MODERATORS: Record<string, string> = { pending: 'Waiting for review', hidden: 'Hidden', removed: 'Removed' }

/**
 * What the author sees on their own post while no one else can; a moderator sees that someone else's post
 * is not public yet (without it, a post waiting in the queue reads as if everyone could see it).
 */
export function ReviewBanner({ post, reviewHours, moderator = false }: { post: PresentedPost; reviewHours: number; moderator?: boolean }) {
  if (!post.awaitingReview) return null
  if (!post.isOwn) {
    if (!moderator) return null
    return (
      <p className="notice" role="note">
        <strong>{STATE_FOR_MODERATORS[post.status] ?? 'Not public'}:</strong> only the moderators and its author can see this. Decide in the <a href="/admin/queue">moderation queue</a>.
      </p>
    )
  }
  if (post.status === 'removed') {
    return (
      <div className="notice notice--warning" role="status">
        <p>
          <strong>A moderator removed this post.</strong> Only you and the moderators can see it.
        </p>
        {post.reasonForAuthor ? <p>Their reason: {post.reasonForAuthor}</p> : null}
      </div>
    )
  }
  return (
    <div className="notice" role="status">
      <p>
        <strong>{awaitingReviewBanner(reviewHours)}</strong>
      </p>
      {post.status === 'hidden' && post.reasonForAuthor ? <p>The moderators’ note: {post.reasonForAuthor}</p> : null}
    </div>
  )
}

export function ThreadList({ threads, reviewHours, news }: { threads: PresentedThread[]; reviewHours: number; news?: Record<string, ThreadNews> }) {
  if (threads.length === 0) return <p>No conversations here yet. Be the first to start one.</p>
  return (
    <ol className="thread-list">
      {threads.map((thread) => (
        <li key={String(thread.id)} className="thread-list__item">
          <h3>
            <a href={`/threads/${thread.id}`}>{thread.title}</a>
            {thread.pinned ? <span className="badge badge--pinned">Pinned</span> : null}
            {thread.locked ? <span className="badge">Locked</span> : null}
            <ThreadNewsBadge news={news?.[String(thread.id)]} />
          </h3>
          <Byline post={thread} />
          {thread.isOwn && thread.awaitingReview ? <p className="meta">{awaitingReviewBanner(reviewHours)}</p> : null}
          <p className="meta">
            {thread.replyCount === 1 ? '1 reply' : `${thread.replyCount} replies`} · last activity <time dateTime={thread.lastActivityAt}>{dateTime(thread.lastActivityAt)}</time>
          </p>
        </li>
      ))}
    </ol>
  )
}

/** A closed-by-default report form under each post (works without JavaScript). */
export function FlagForm({
  targetCollection,
  targetId,
  csrfToken,
  summary = 'Report this to the moderators',
}: {
  targetCollection: 'threads' | 'replies' | 'stories'
  targetId: number | string
  csrfToken: string
  summary?: string
}) {
  const id = `flag-${targetCollection}-${targetId}`
  return (
    <details className="flag">
      <summary>{summary}</summary>
      <PostForm action="/flags" csrfToken={csrfToken} label="Report to the moderators">
        <input type="hidden" name="targetCollection" value={targetCollection} />
        <input type="hidden" name="targetId" value={String(targetId)} />
        <fieldset>
          <legend>What is wrong?</legend>
          {FLAG_REASONS.map((reason) => (
            <div className="radio" key={reason.value}>
              <input type="radio" id={`${id}-${reason.value}`} name="reason" value={reason.value} required />
              <label htmlFor={`${id}-${reason.value}`}>{reason.label}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-note`}>Anything the moderators should know (needed for “something else”)</label>
          <textarea id={`${id}-note`} name="note" rows={3} maxLength={1000} />
        </div>
        <p className="field__hint">The person who wrote this will not be told who reported it.</p>
        <button className="button button--secondary" type="submit">
          Send report
        </button>
      </PostForm>
    </details>
  )
}
