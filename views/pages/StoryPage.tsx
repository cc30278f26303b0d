import type { StoryPage as StoryView } from '../../src/presenters/story.js'
import { CrisisPanel } from '../components/CrisisPanel.js'
import { Layout } from '../components/Layout.js'
import { StoryBylineBadges } from '../components/StoryBylineBadges.js'
import type { PageContext } from '../components/PageContext.js'
import { RichText } from '../components/RichText.js'

const STATUS_NOTE: Record<string, string> = {
  draft: 'This is a draft. Only you can see it.',
  submitted: 'Awaiting review. Only you and the moderators can see it.',
  changes_requested: 'A moderator asked for changes. Only you and the moderators can see it.',
  unpublished: 'A moderator unpublished this story. Only you and the moderators can see it.',
  withdrawn: 'You withdrew this story. Only you and the moderators can see it.',
}

export function StoryPage({ ctx, story, isAuthor }: { ctx: PageContext; story: StoryView; isAuthor: boolean }) {
  return (
    <Layout ctx={ctx} title={story.title} description={story.summary || undefined}>
      <article className="story">
        {isAuthor && story.crisisHold ? <CrisisPanel /> : null}
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
      </article>
    </Layout>
  )
}
