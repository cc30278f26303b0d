import type { StoryCard } from '../../src/presenters/story.js'
import { STORY_THEMES } from '../../src/policies/storyTaxonomy.js'
import { SelectField } from '../components/Form.js'
import { STORIES_FEED } from '../../src/policies/feeds.js'
import { FeedLinks } from '../components/Feeds.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'
import { listHref, NothingMoreHere, Pager, type PageLinks } from '../components/Pager.js'
import { StoryCardList } from '../components/StoryCardList.js'

type Props = { ctx: PageContext; stories: StoryCard[]; filters: Record<string, string>; firstPage: boolean } & PageLinks

export function StoriesPage({ ctx, stories, filters, firstPage, before, after }: Props) {
  const theme = filters.theme ?? ''
  const locality = filters.locality ?? ''
  return (
    <Layout ctx={ctx} title="Recovery stories" description="Lived-experience recovery stories from Lancashire." feeds={[STORIES_FEED]}>
      <h1>Recovery stories</h1>
      <p className="lead">Journeys told by the people who lived them. {ctx.viewer ? <a href="/stories/new">Share your story</a> : null}</p>
      <p>
        Looking for someone whose journey is like yours? <a href="/stories/like-mine">Find stories like mine</a>: choose who tells it, the stage of recovery, the tone and what it is about.
      </p>
      <form method="get" action="/stories" className="filters" aria-label="Filter stories">
        <SelectField name="theme" label="Theme" options={STORY_THEMES} value={theme} placeholder="All themes" />
        <SelectField name="locality" label="Locality" options={ctx.localities.map((l) => ({ value: l.slug, label: l.name }))} value={locality} placeholder="All localities" />
        <button type="submit" className="button">
          Show stories
        </button>
      </form>
      {!firstPage && stories.length === 0 ? <NothingMoreHere firstPage={listHref('/stories', filters)} /> : <StoryCardList stories={stories} headingLevel={2} />}
      <Pager label="Pages of stories" path="/stories" params={filters} links={{ before, after }} earlier="Newer stories" later="Older stories" />
      <FeedLinks feeds={[STORIES_FEED]} />
    </Layout>
  )
}
