import type { StoryPage as StoryView } from '../../src/presenters/story.js'
import { CrisisPanel } from '../components/CrisisPanel.js'
import { FlagForm } from '../components/Forum.js'
import { Layout } from '../components/Layout.js'
import { StoryBylineBadges } from '../components/StoryBylineBadges.js'
import type { PageContext } from '../components/PageContext.js'
import { RichText } from '../components/RichText.js'
import { MoreLikeThis, StoryFeedbackForm } from '../components/StoryReaders.js'
import type { MoreLikeThis as MoreLikeThisView } from '../../src/presenters/storyMatching.js'

const STATUS_NOTE: Record<string, string> = {
  draft: 'This is a draft. Only you can see it.',
  submitted: 'Awaiting review. Only you and the moderators can see it.',
  changes_requested: 'A moderator asked for changes. Only you and the moderators can see it.',
  unpublished: 'A moderator unpublished this story. Only you and the moderators can see it.',
  withdrawn: 'You withdrew this story. Only you and the moderators can see it.',
}

export function StoryPage({
  ctx,
  story,
  isAuthor,
  notice,
  related,
  feedbackState,
}: {
  ctx: PageContext
  story: StoryView
  isAuthor: boolean
  notice?: string
  related?: MoreLikeThisView
  feedbackState?: string
}) {
  return (
    <Layout ctx={ctx} title={story.title} description={story.summary || undefined}>
      <article className="story">
        {isAuthor && story.crisisHold ? <CrisisPanel /> : null}
        {notice ? (
          <div className="notice" role="status">
            <p>{notice}</p>
          </div>
        ) : null}
        {story.status !== 'published' ? (
          <div className="notice" role="status">
            <p>
              {STATUS_NOTE[story.status]} {isAuthor ? <a href={`/account/stories/${story.id}`}>Manage this story</a> : null}
            </p>
          </div>
        ) : null}
        <h1>{story.title}</h1>
        <p className="meta">
          By {story.byline}
          <StoryBylineBadges staffRole={story.bylineStaffRole} memberType={story.bylineMemberType} />
          {story.localityName ? ` · ${story.localityName}` : ''}
        </p>
        {story.themes.length > 0 ? <p className="meta">Themes: {story.themes.map((t) => t.label).join(', ')}</p> : null}
        {story.characteristics.length > 0 ? <p className="meta">About this story: {story.characteristics.map((c) => c.label).join(' · ')}</p> : null}
        {story.cover ? <img className="story__cover" src={story.cover.url} alt={story.cover.alt} width={story.cover.width} height={story.cover.height} /> : null}
        {story.summary ? <p className="lead">{story.summary}</p> : null}
        {story.warnings.length > 0 || story.warningNote ? (
          <details className="content-warning">
            <summary>Content warning: {[...story.warnings.map((w) => w.label), story.warningNote].filter(Boolean).join(', ')}. Show the story.</summary>
            <RichText doc={story.body} />
          </details>
        ) : (
          <RichText doc={story.body} />
        )}
        {story.status === 'published' && !isAuthor ? <StoryFeedbackForm csrfToken={ctx.csrfToken} slug={story.slug} state={feedbackState} /> : null}
        {story.status === 'published' && !isAuthor ? <ReportStory ctx={ctx} story={story} /> : null}
      </article>
      {related ? <MoreLikeThis similar={related.similar} alsoFound={related.alsoFound} /> : null}
    </Layout>
  )
}

/**
 * Reporting a story, as Care Opinion does it: anyone reading can raise a concern, but the report itself is
 * made by a signed-in member. A report counts towards hiding the story until a moderator looks
 * (flagHideThreshold distinct members), so anonymous reports would let one visitor hide someone's story by
 * reporting it again and again; a member's report is one per story, and a member can be told what happened
 * to it. A visitor is asked to sign in and comes back here; the crisis numbers are in every page's footer.
 */
function ReportStory({ ctx, story }: { ctx: PageContext; story: StoryView }) {
  if (ctx.viewer) return <FlagForm targetCollection="stories" targetId={story.id} csrfToken={ctx.csrfToken} summary="Report this story to the moderators" />
  return (
    <p className="flag">
      Worried about this story? <a href={`/login?next=${encodeURIComponent(`/stories/${story.slug}`)}`}>Sign in to report it to the moderators</a>.
    </p>
  )
}
