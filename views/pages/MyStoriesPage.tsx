import type { MyStoryRow } from '../../src/presenters/myStory.js'
import { FEEDBACK_QUESTION_TEXT, type FeedbackTotals } from '../../src/policies/storyFeedback.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

export function MyStoriesPage({ ctx, stories, notice }: { ctx: PageContext; stories: MyStoryRow[]; notice?: string }) {
  return (
    <Layout ctx={ctx} title="My stories">
      <h1>My stories</h1>
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p>
        <a className="button" href="/stories/new">
          Write a new story
        </a>
      </p>
      {stories.length === 0 ? (
        <p>You have not written any stories yet.</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Your stories and where each one is</caption>
          <thead>
            <tr>
              <th scope="col">Story</th>
              <th scope="col">Where it is</th>
              <th scope="col">Consent</th>
            </tr>
          </thead>
          <tbody>
            {stories.map((story) => (
              <tr key={String(story.id)}>
                <td>
                  <a href={`/account/stories/${story.id}`}>{story.title}</a>
                </td>
                <td>
                  {story.statusLabel}
                  {story.revisionState === 'submitted' ? ' (your changes are with a moderator)' : ''}
                  {story.redactionOpen ? ' · A moderator suggests a change' : ''}
                  {story.reasonForAuthor ? <p className="meta">Moderator: {story.reasonForAuthor}</p> : null}
                  {story.readerTotals ? <ReaderTotals totals={story.readerTotals} /> : null}
                </td>
                <td>{story.consentSummary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  )
}

/** How readers answered after the story, as counts for each answer (shown from 5 readers only). */
function ReaderTotals({ totals }: { totals: FeedbackTotals }) {
  return (
    <div className="reader-totals">
      <p className="meta">{`${totals.readers} readers answered after reading:`}</p>
      <ul>
        {(Object.keys(totals.counts) as (keyof FeedbackTotals['counts'])[]).map((question) => (
          <li key={question}>{`${FEEDBACK_QUESTION_TEXT[question]} ${totals.counts[question].map((count, i) => `${i + 1}: ${count}`).join(', ')}`}</li>
        ))}
      </ul>
    </div>
  )
}
