import type { StoryCard } from '../../src/presenters/story.js'
import { STORY_THEMES } from '../../src/policies/storyTaxonomy.js'
import { SelectField } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'
import { StoryCardList } from '../components/StoryCardList.js'

type Props = { ctx: PageContext; stories: StoryCard[]; theme: string; locality: string; page: number; totalPages: number }

export function StoriesPage({ ctx, stories, theme, locality, page, totalPages }: Props) {
  const query = (p: number) => `/stories?${new URLSearchParams({ ...(theme ? { theme } : {}), ...(locality ? { locality } : {}), page: String(p) })}`
  return (
    <Layout ctx={ctx} title="Recovery stories" description="Lived-experience recovery stories from Lancashire.">
      <h1>Recovery stories</h1>
      <p className="lead">Journeys told by the people who lived them. {ctx.viewer ? <a href="/stories/new">Share your story</a> : null}</p>
      <form method="get" action="/stories" className="filters" aria-label="Filter stories">
        <SelectField name="theme" label="Theme" options={STORY_THEMES} value={theme} placeholder="All themes" />
        <SelectField name="locality" label="Locality" options={ctx.localities.map((l) => ({ value: l.slug, label: l.name }))} value={locality} placeholder="All localities" />
        <button type="submit" className="button">
          Show stories
        </button>
      </form>
      <StoryCardList stories={stories} headingLevel={2} />
      {totalPages > 1 ? (
        <nav aria-label="Pages of stories" className="pagination">
          {page > 1 ? <a href={query(page - 1)}>Newer stories</a> : null}{' '}
          <span>
            Page {page} of {totalPages}
          </span>{' '}
          {page < totalPages ? <a href={query(page + 1)}>Older stories</a> : null}
        </nav>
      ) : null}
    </Layout>
  )
}
