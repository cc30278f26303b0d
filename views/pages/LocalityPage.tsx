import { cadenceInWords, type LocalitySummary } from '../../src/presenters/locality.js'
import { attendanceHeading, type AttendancePoint } from '../../src/presenters/attendanceChart.js'
import { AttendanceChart } from '../components/AttendanceChart.js'
import type { PresentedThread } from '../../src/presenters/forumPost.js'
import type { MeetingSummary } from '../../src/presenters/meeting.js'
import type { StoryCard } from '../../src/presenters/story.js'
import type { DirectoryEntryView } from '../../src/presenters/directory.js'
import { feedsOf, forumFeed, meetingsCalendar } from '../../src/policies/feeds.js'
import { FeedLinks } from '../components/Feeds.js'
import { ThreadList } from '../components/Forum.js'
import { DirectoryEntryList, JsonLd } from '../components/Directory.js'
import { Layout } from '../components/Layout.js'
import { FollowForm } from '../components/MemberForum.js'
import type { ThreadNews } from '../../src/policies/memberNotifications.js'
import { StoryCardList } from '../components/StoryCardList.js'
import type { PageContext } from '../components/PageContext.js'
import { NothingMoreHere, Pager, type PageLinks } from '../components/Pager.js'

export type LocalityForum = { threads: PresentedThread[]; reviewHours: number; news?: Record<string, ThreadNews> } & PageLinks

export type LocalityMeetings = { next: MeetingSummary | null; attendance: AttendancePoint[] }

export function LocalityPage({
  ctx,
  locality,
  stories,
  forum,
  forumFirstPage = true,
  meetings,
  directory = { entries: [], total: 0 },
  directoryJsonLd = null,
  following,
}: {
  ctx: PageContext
  locality: LocalitySummary
  stories: StoryCard[]
  forum: LocalityForum | null
  /** Whether the forum's threads are its first page (a later page that has emptied says so). */
  forumFirstPage?: boolean
  meetings: LocalityMeetings
  /** The locality's first directory entries, and how many it has. */
  directory?: { entries: DirectoryEntryView[]; total: number }
  /** schema.org ItemList of those entries (member-suggested text: JsonLd escapes it for the script element). */
  directoryJsonLd?: Record<string, unknown> | null
  /** Whether the signed-in member follows this forum (undefined for visitors). */
  following?: boolean
}) {
  const forumOpen = locality.forumVisibility === 'public' || ctx.viewer !== null
  const feeds = feedsOf(forumFeed(locality), meetingsCalendar(locality))
  return (
    <Layout ctx={ctx} title={locality.name} description={locality.description || undefined} feeds={feeds}>
      <h1>{locality.name}</h1>
      {locality.description ? <p className="lead">{locality.description}</p> : null}
      <p className="meta">
        {locality.isCountyWide ? 'The whole county meets' : 'This locality meets'} {cadenceInWords(locality.meetingCadenceWeeks)}.
      </p>
      <section aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">Next meeting</h2>
        {meetings.next ? (
          <>
            <p>
              <a href={`/meetings/${meetings.next.id}`}>{meetings.next.title}</a>
              <br />
              {meetings.next.when}
              {meetings.next.venueName ? ` · ${meetings.next.venueName}` : ''}
            </p>
            <p>
              <a href={`/meetings/${meetings.next.id}/calendar.ics`}>Add to calendar</a> · <a href={`/localities/${locality.slug}/meetings.ics`}>Subscribe to all {locality.name} meetings</a>
            </p>
          </>
        ) : (
          <p>The next meeting has not been arranged yet.</p>
        )}
        <p>
          <a href={`/meetings?locality=${locality.slug}`}>All {locality.name} meetings and minutes</a>
        </p>
        <AttendanceChart id="locality-attendance" heading={attendanceHeading(meetings.attendance.length, locality.name)} points={meetings.attendance} />
      </section>
      <section aria-labelledby="directory-heading">
        <h2 id="directory-heading">Groups and services in {locality.name}</h2>
        <DirectoryEntryList entries={directory.entries} headingLevel={3} showLocality={false} empty="None are listed yet." />
        <p>
          <a href={`/directory?locality=${locality.slug}`}>
            {directory.total > directory.entries.length ? `All ${directory.total} groups and services in ${locality.name}` : `Find groups and services in ${locality.name}`}
          </a>{' '}
          · <a href={`/directory/suggest?locality=${locality.slug}`}>Suggest an entry</a>
        </p>
        {directoryJsonLd ? <JsonLd data={directoryJsonLd} /> : null}
      </section>
      <section aria-labelledby="stories-heading">
        <h2 id="stories-heading">Recovery stories from {locality.name}</h2>
        <StoryCardList stories={stories} />
        <p>
          <a href={`/stories?locality=${locality.slug}`}>All stories from {locality.name}</a>
        </p>
      </section>
      <section aria-labelledby="forum-heading">
        <h2 id="forum-heading">Forum</h2>
        {forumOpen && forum ? (
          <>
            {following !== undefined ? <FollowForm action={`/localities/${locality.slug}/follow`} following={following} what="forum" csrfToken={ctx.csrfToken} /> : null}
            {ctx.viewer ? (
              <p>
                <a className="button" href={`/threads/new?locality=${locality.slug}`}>
                  Start a conversation
                </a>
              </p>
            ) : (
              <p>
                <a href="/join">Join</a> or <a href={`/login?next=/localities/${locality.slug}`}>sign in</a> to take part.
              </p>
            )}
            {!forumFirstPage && forum.threads.length === 0 ? (
              <NothingMoreHere firstPage={`/localities/${locality.slug}`} />
            ) : (
              <ThreadList threads={forum.threads} reviewHours={forum.reviewHours} news={forum.news} />
            )}
            <Pager label="Pages of conversations" path={`/localities/${locality.slug}`} links={forum} earlier="Newer conversations" later="Older conversations" />
          </>
        ) : (
          <div className="notice">
            <p>
              This forum is for members. <a href="/join">Join to take part</a>: it is free, and no one sees your email address or real name. Already a member?{' '}
              <a href={`/login?next=/localities/${locality.slug}`}>Sign in</a>.
            </p>
          </div>
        )}
      </section>
      <FeedLinks feeds={feeds} />
    </Layout>
  )
}
