import type { ForumHit } from '../../src/presenters/forumPost.js'
import type { StoryCard } from '../../src/presenters/story.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'
import { StoryCardList } from '../components/StoryCardList.js'

/** One page of results: best matches first; no totals, only whether another page has more. */
export type SearchPageResults = { page: number; stories: StoryCard[]; forum: ForumHit[]; moreStories: boolean; moreForum: boolean }

const searchHref = (query: string, page: number) => `/search?q=${encodeURIComponent(query)}${page > 1 ? `&page=${page}` : ''}`

export function SearchPage({ ctx, query, results }: { ctx: PageContext; query: string; results: SearchPageResults | null }) {
  const page = results?.page ?? 1
  const onPage = page > 1 ? ` (page ${page})` : ''
  return (
    <Layout ctx={ctx} title={query ? `Search: ${query}${onPage}` : 'Search'}>
      <h1>Search</h1>
      <form method="get" action="/search" role="search" aria-label="Search stories and forums">
        <div className="field">
          <label htmlFor="field-q">Search stories and forum conversations</label>
          <input id="field-q" name="q" type="search" defaultValue={query} maxLength={100} aria-describedby="search-hint" />
          <p id="search-hint" className="field__hint">
            Every word must match. Put words in "double quotes" to find them together.
          </p>
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {results === null ? null : (
        <>
          <section aria-labelledby="results-heading">
            <h2 id="results-heading">Stories{onPage}</h2>
            {results.stories.length === 0 ? <p>{page > 1 ? 'No more stories found.' : 'No stories found.'}</p> : <StoryCardList stories={results.stories} />}
          </section>
          <section aria-labelledby="forum-results-heading">
            <h2 id="forum-results-heading">Forum conversations{onPage}</h2>
            {results.forum.length === 0 ? (
              <p>{page > 1 ? 'No more forum conversations found.' : 'No forum conversations found.'}</p>
            ) : (
              <ul className="thread-list">
                {results.forum.map((hit) => (
                  <li key={hit.href} className="thread-list__item">
                    <h3>
                      <a href={hit.href}>{hit.title}</a>
                    </h3>
                    <p>{hit.excerpt}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {page > 1 || results.moreStories || results.moreForum ? (
            <nav className="pagination" aria-label="Pages of results">
              {page > 1 ? <a href={searchHref(query, page - 1)}>Better matches</a> : null} <span>Page {page}</span>{' '}
              {results.moreStories || results.moreForum ? <a href={searchHref(query, page + 1)}>More results</a> : null}
            </nav>
          ) : null}
        </>
      )}
    </Layout>
  )
}
