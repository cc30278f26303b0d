import type { StoryCard } from '../../src/presenters/story.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'
import { StoryCardList } from '../components/StoryCardList.js'

export function SearchPage({ ctx, query, results }: { ctx: PageContext; query: string; results: StoryCard[] | null }) {
  return (
    <Layout ctx={ctx} title={query ? `Search: ${query}` : 'Search'}>
      <h1>Search</h1>
      <form method="get" action="/search" role="search" aria-label="Search stories">
        <div className="field">
          <label htmlFor="field-q">Search stories</label>
          <input id="field-q" name="q" type="search" defaultValue={query} maxLength={100} />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {results === null ? null : (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">
            {results.length === 0 ? 'No stories found' : `${results.length} ${results.length === 1 ? 'story' : 'stories'} found`}
          </h2>
          <StoryCardList stories={results} />
        </section>
      )}
    </Layout>
  )
}
