import type { StoryCard } from '../../src/presenters/story.js'
import { StoryBylineBadges } from './StoryBylineBadges.js'

export function StoryCardList({ stories, headingLevel = 3 }: { stories: StoryCard[]; headingLevel?: 2 | 3 }) {
  if (stories.length === 0) return <p>No stories to show yet.</p>
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <ul className="card-list">
      {stories.map((story) => (
        <li key={story.slug} className="card">
          <Heading>
            <a href={`/stories/${story.slug}`}>{story.title}</a>
          </Heading>
          <p className="meta">
            {story.byline}
            <StoryBylineBadges staffRole={story.bylineStaffRole} memberType={story.bylineMemberType} />
            {story.localityName ? ` · ${story.localityName}` : ''}
          </p>
          {story.summary ? <p>{story.summary}</p> : null}
          {story.characteristics.length > 0 ? <p className="meta">About this story: {story.characteristics.map((c) => c.label).join(' · ')}</p> : null}
          {story.warnings.length > 0 || story.warningNote ? <p className="meta">Content warnings: {[...story.warnings.map((w) => w.label), story.warningNote].filter(Boolean).join(', ')}</p> : null}
        </li>
      ))}
    </ul>
  )
}
