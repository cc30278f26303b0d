import type { HomePageData } from '../../src/presenters/home.js'
import { cadenceInWords } from '../../src/presenters/locality.js'
import { STORIES_FEED } from '../../src/policies/feeds.js'
import { joinHref, signInHref } from '../../src/policies/returnPath.js'
import { FeedLinks } from '../components/Feeds.js'
import { ConversationList } from '../components/ConversationList.js'
import { Layout } from '../components/Layout.js'
import { MeetingList } from '../components/Meetings.js'
import type { PageContext } from '../components/PageContext.js'
import { StoryCardList } from '../components/StoryCardList.js'

/** The home page: a member's own forums first, then what is new on the whole site, as the viewer may see it. */
export function HomePage({ ctx, home }: { ctx: PageContext; home: HomePageData }) {
  return (
    <Layout ctx={ctx} title="Welcome" description="Waymark: a peer-led recovery community for Lancashire." feeds={[STORIES_FEED]}>
      {ctx.viewer && home.yours ? <YourForums name={ctx.viewer.displayName} yours={home.yours} /> : <Welcome ctx={ctx} />}

      <section aria-labelledby="stories-heading">
        <h2 id="stories-heading">Latest stories</h2>
        <StoryCardList stories={home.stories} />
        <p>
          <a href="/stories">All stories</a> · <a href="/stories/like-mine">Find stories like mine</a>
        </p>
      </section>

      <section aria-labelledby="conversations-heading">
        <h2 id="conversations-heading">Active conversations</h2>
        <ConversationList conversations={home.conversations} empty="No conversations to show yet." />
      </section>

      <section aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">Next meetings</h2>
        <MeetingList meetings={home.meetings} empty="No meetings are planned yet." />
        <p>
          <a href="/meetings">All meetings</a>
        </p>
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

function YourForums({ name, yours }: { name: string; yours: NonNullable<HomePageData['yours']> }) {
  return (
    <>
      <h1>{`Welcome back, ${name}`}</h1>
      <section id="your-forums" aria-labelledby="your-forums-heading">
        <h2 id="your-forums-heading">Your forums</h2>
        <p className="meta">
          News from {yours.forums.map((forum) => forum.name).join(', ')}. Choose your home locality and the forums you follow in <a href="/account">your account</a>.
        </p>
        <h3>Latest in your forums</h3>
        <ConversationList conversations={yours.conversations} empty="Nothing new in your forums yet." />
        <h3>Your next meetings</h3>
        <MeetingList meetings={yours.meetings} empty="No meetings are planned in your forums yet." />
      </section>
    </>
  )
}

function Welcome({ ctx }: { ctx: PageContext }) {
  const localForums = ctx.localities.filter((l) => !l.isCountyWide)
  const county = ctx.localities.find((l) => l.isCountyWide)
  return (
    <>
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
        <p>
          <a className="button" href={joinHref(ctx.returnPath)}>
            Join Waymark
          </a>{' '}
          or <a href={signInHref(ctx.returnPath)}>sign in</a>
        </p>
      </section>
    </>
  )
}
