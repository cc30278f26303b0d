import type { ForumHit } from '../../src/presenters/forumPost.js'
import type { StoryCard } from '../../src/presenters/story.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'
import { StoryCardList } from '../components/StoryCardList.js'

export function SearchPage({ ctx, query, results, forum }: { ctx: PageContext; query: string; results: StoryCard[] | null; forum: ForumHit[] }) {
  return (
    <Layout ctx={ctx} title={query ? `Search: ${query}` : 'Search'}>
      <h1>Search</h1>
      <form method="get" action="/search" role="search" aria-label="Search stories and forums">
        <div className="field">
          <label htmlFor="field-q">Search stories and forum conversations</label>
          <input id="field-q" name="q" type="search" defaultValue={query} maxLength={100} />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {results === null ? null : (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{results.length === 0 ? 'No stories found' : `${results.length} ${results.length === 1 ? 'story' : 'stories'} found`}</h2>
          <StoryCardList stories={results} />
        </section>
      )}
      {results === null ? null : (
        <section aria-labelledby="forum-results-heading">
          <h2 id="forum-results-heading">{forum.length === 0 ? 'No forum conversations found' : `${forum.length} forum ${forum.length === 1 ? 'result' : 'results'}`}</h2>
          {forum.length > 0 ? (
            <ul className="thread-list">
              {forum.map((hit) => (
                <li key={hit.href} className="thread-list__item">
                  <h3>
                    <a href={hit.href}>{hit.title}</a>
                  </h3>
                  <p>{hit.excerpt}</p>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      )}
    </Layout>
  )
}
