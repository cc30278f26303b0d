import type { LocalCrisisService } from '../../src/presenters/crisisService.js'
import type { PresentedPost, PresentedThread } from '../../src/presenters/forumPost.js'
import type { PostEdits } from '../../src/presenters/postEdits.js'
import { CrisisPanel } from '../components/CrisisPanel.js'
import { ErrorSummary, PostForm, TextAreaField } from '../components/Form.js'
import { Byline, FlagForm, ReviewBanner } from '../components/Forum.js'
import { Layout } from '../components/Layout.js'
import { MessageAuthorLink } from '../components/MemberConversation.js'
import { FollowForm, isFirstNew, JumpToNew, NewSinceMarker, type MemberThreadView } from '../components/MemberForum.js'
import type { PageContext } from '../components/PageContext.js'
import { NothingMoreHere, Pager, type PageLinks } from '../components/Pager.js'
import { EditedMarker, EditHistory, PostTools } from '../components/PostEdits.js'

export type ReplyFormState = { body?: string; error?: string; tooSoon?: string }

type Props = PageLinks & {
  ctx: PageContext
  thread: PresentedThread & { edits?: PostEdits }
  replies: (PresentedPost & { edits?: PostEdits })[]
  /** Whether these are the thread's first replies (a later page that has emptied says so). */
  firstPage: boolean
  reviewHours: number
  /** Why the viewer cannot reply, or null when they can. */
  replyBlocked: string | null
  replyForm?: ReplyFormState
  notice?: string
  /** The locality's crisis services, listed first when the viewer's own post is held for crisis words. */
  crisisServices?: LocalCrisisService[]
  /** Posts whose author the viewer may message ("threads:12", "replies:34"). */
  messageable?: readonly string[]
  /** The signed-in member's follow and first new reply (none for visitors). */
  memberThread?: MemberThreadView
  /** The viewer moderates this thread's forum: posts not yet public are marked so. */
  moderator?: boolean
}

export function ThreadPage({
  ctx,
  thread,
  replies,
  firstPage,
  before,
  after,
  reviewHours,
  replyBlocked,
  replyForm = {},
  notice,
  crisisServices = [],
  messageable = [],
  memberThread,
  moderator = false,
}: Props) {
  const showCrisis = thread.crisisHold || replies.some((r) => r.crisisHold)
  return (
    <Layout ctx={ctx} title={thread.title}>
      {thread.locality ? (
        <p className="meta">
          <a href={`/localities/${thread.locality.slug}`}>{thread.locality.name} forum</a>
        </p>
      ) : null}
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      {showCrisis ? <CrisisPanel what="post" local={crisisServices} /> : null}
      <article className="post" aria-labelledby="thread-title">
        <h1 id="thread-title">{thread.title}</h1>
        <ReviewBanner post={thread} reviewHours={reviewHours} moderator={moderator} />
        <Byline post={thread} />
        <MessageAuthorLink messageable={messageable} collection="threads" id={thread.id} name={thread.byline.displayName} />
        {thread.locked ? <p className="meta">This thread is locked: it takes no more replies.</p> : null}
        <div className="post__body" dangerouslySetInnerHTML={{ __html: thread.bodyHtml }} />
        <EditedMarker edits={thread.edits} />
        <PostTools edits={thread.edits} what="conversation" />
        <EditHistory edits={thread.edits} id={`thread-${thread.id}`} />
        {ctx.viewer && !thread.isOwn && !thread.awaitingReview ? <FlagForm targetCollection="threads" targetId={thread.id} csrfToken={ctx.csrfToken} /> : null}
        {memberThread ? <FollowForm action={`/threads/${thread.id}/follow`} following={memberThread.following} what="thread" csrfToken={ctx.csrfToken} /> : null}
      </article>

      <section aria-labelledby="replies-heading">
        <h2 id="replies-heading">{thread.replyCount === 1 ? '1 reply' : `${thread.replyCount} replies`}</h2>
        {after ? (
          <p>
            <a href={`/threads/${thread.id}?page=last`}>Jump to the latest replies</a>
          </p>
        ) : null}
        <JumpToNew show={replies.some((r) => isFirstNew(r.id, memberThread))} />
        {!firstPage && replies.length === 0 ? <NothingMoreHere firstPage={`/threads/${thread.id}`} /> : null}
        {replies.map((reply) => (
          <article className="post" id={`reply-${reply.id}`} key={String(reply.id)} aria-label={`Reply from ${reply.byline.displayName}`}>
            <NewSinceMarker show={isFirstNew(reply.id, memberThread)} />
            <ReviewBanner post={reply} reviewHours={reviewHours} moderator={moderator} />
            <Byline post={reply} />
            <MessageAuthorLink messageable={messageable} collection="replies" id={reply.id} name={reply.byline.displayName} />
            <div className="post__body" dangerouslySetInnerHTML={{ __html: reply.bodyHtml }} />
            <EditedMarker edits={reply.edits} />
            <PostTools edits={reply.edits} what="reply" quoteHref={ctx.viewer && !replyBlocked && !reply.awaitingReview ? `/threads/${thread.id}?quote=${reply.id}#reply-heading` : null} />
            <EditHistory edits={reply.edits} id={`reply-${reply.id}`} />
            {ctx.viewer && !reply.isOwn && !reply.awaitingReview ? <FlagForm targetCollection="replies" targetId={reply.id} csrfToken={ctx.csrfToken} /> : null}
          </article>
        ))}
        <Pager label="Pages of replies" path={`/threads/${thread.id}`} links={{ before, after }} earlier="Earlier replies" later="Later replies" last="Latest replies" />
      </section>

      <section aria-labelledby="reply-heading">
        <h2 id="reply-heading">Reply</h2>
        {!ctx.viewer ? (
          <p>
            <a href={`/login?next=/threads/${thread.id}`}>Sign in</a> or <a href="/join">join</a> to reply.
          </p>
        ) : replyBlocked ? (
          <p>{replyBlocked}</p>
        ) : (
          <PostForm action={`/threads/${thread.id}/replies`} csrfToken={ctx.csrfToken} label="Reply to this thread">
            {replyForm.tooSoon ? (
              <div className="error-summary" role="alert" tabIndex={-1}>
                <h2>Please wait a moment</h2>
                <p>{replyForm.tooSoon} Your reply is still here.</p>
              </div>
            ) : null}
            <ErrorSummary errors={{ body: replyForm.error }} labels={{ body: 'Your reply' }} />
            <TextAreaField
              name="body"
              label="Your reply"
              value={replyForm.body}
              error={replyForm.error}
              required
              maxLength={20000}
              rows={6}
              hint="Be kind. *Emphasis*, lists and links work; no one sees your email address."
            />
            <button className="button" type="submit">
              Post reply
            </button>
          </PostForm>
        )}
      </section>
    </Layout>
  )
}
