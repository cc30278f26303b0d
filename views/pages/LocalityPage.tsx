import { cadenceInWords, type LocalitySummary } from '../../src/presenters/locality.js'
import type { StoryCard } from '../../src/presenters/story.js'
import { Layout } from '../components/Layout.js'
import { StoryCardList } from '../components/StoryCardList.js'
import type { PageContext } from '../components/PageContext.js'

export function LocalityPage({ ctx, locality, stories }: { ctx: PageContext; locality: LocalitySummary; stories: StoryCard[] }) {
  const forumOpen = locality.forumVisibility === 'public' || ctx.viewer !== null
  return (
    <Layout ctx={ctx} title={locality.name} description={locality.description || undefined}>
      <h1>{locality.name}</h1>
      {locality.description ? <p className="lead">{locality.description}</p> : null}
      <p className="meta">
        {locality.isCountyWide ? 'The whole county meets' : 'This locality meets'} {cadenceInWords(locality.meetingCadenceWeeks)}.
      </p>
      <section aria-labelledby="stories-heading">
        <h2 id="stories-heading">Recovery stories from {locality.name}</h2>
        <StoryCardList stories={stories} />
        <p>
          <a href={`/stories?locality=${locality.slug}`}>All stories from {locality.name}</a>
        </p>
      </section>
      <section aria-labelledby="forum-heading">
        <h2 id="forum-heading">Forum</h2>
        {forumOpen ? (
          <p>No conversations here yet. Be the first to start one.</p>
        ) : (
          <div className="notice">
            <p>
              This forum is for members. <a href="/join">Join to take part</a>: it is free, and no one sees your email
              address or real name. Already a member? <a href={`/login?next=/localities/${locality.slug}`}>Sign in</a>.
            </p>
          </div>
        )}
      </section>
    </Layout>
  )
}
