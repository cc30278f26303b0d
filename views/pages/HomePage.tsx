import { cadenceInWords } from '../../src/presenters/locality.js'
import { STORIES_FEED } from '../../src/policies/feeds.js'
import { FeedLinks } from '../components/Feeds.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

export function HomePage({ ctx }: { ctx: PageContext }) {
  const localForums = ctx.localities.filter((l) => !l.isCountyWide)
  const county = ctx.localities.find((l) => l.isCountyWide)
  return (
    <Layout ctx={ctx} title="Welcome" description="Waymark: a peer-led recovery community for Lancashire." feeds={[STORIES_FEED]}>
      <section className="hero">
        <h1>Welcome to Waymark</h1>
        <p className="lead">
          A peer-led community for people affected by drugs and alcohol in Lancashire: people in recovery, people still using, families and carers, and the professionals around them. Working together,
          moving forward.
        </p>
      </section>

      <section className="first-time" aria-labelledby="first-time-heading">
        <h2 id="first-time-heading">First time here?</h2>
        <p>You are the most important person in the room. Whatever stage you are at, you are welcome here, including if you are still using.</p>
        <ul>
          <li>
            <strong>Read</strong> recovery journeys from people who have been there. You do not need an account.
          </li>
          <li>
            <strong>Join</strong> with a display name of your choice. No one here sees your email address or your real name, and you never have to give your real name.
          </li>
          <li>
            <strong>Your first posts</strong> are read by a moderator before they appear, so you can take part safely. We will tell you when they are live.
          </li>
          <li>
            <strong>Come to a meeting.</strong> Each locality meets {localForums[0] ? cadenceInWords(localForums[0].meetingCadenceWeeks) : 'regularly'}, and the whole county meets{' '}
            {county ? cadenceInWords(county.meetingCadenceWeeks) : 'every quarter'}.
          </li>
        </ul>
        {ctx.viewer ? null : (
          <p>
            <a className="button" href="/join">
              Join Waymark
            </a>{' '}
            or <a href="/login">sign in</a>
          </p>
        )}
      </section>

      <section aria-labelledby="localities-heading">
        <h2 id="localities-heading">Localities</h2>
        <ul className="card-list">
          {ctx.localities.map((locality) => (
            <li key={locality.slug} className="card">
              <h3>
                <a href={`/localities/${locality.slug}`}>{locality.name}</a>
              </h3>
              {locality.description ? <p>{locality.description}</p> : null}
              <p className="meta">Meets {cadenceInWords(locality.meetingCadenceWeeks)}</p>
            </li>
          ))}
        </ul>
      </section>
      <FeedLinks feeds={[STORIES_FEED]} />
    </Layout>
  )
}
