import { attendanceHeading, type AttendancePoint } from '../../src/presenters/attendanceChart.js'
import { AttendanceChart } from '../components/AttendanceChart.js'
import type { MeetingSummary } from '../../src/presenters/meeting.js'
import type { LocalitySummary } from '../../src/presenters/locality.js'
import { meetingsCalendar } from '../../src/policies/feeds.js'
import { Layout } from '../components/Layout.js'
import { LocalityFilter, MeetingList } from '../components/Meetings.js'
import type { PageContext } from '../components/PageContext.js'
import { Pager, type PageLinks } from '../components/Pager.js'

export type MeetingsPageProps = {
  ctx: PageContext
  locality: LocalitySummary | null
  next: MeetingSummary | null
  upcoming: MeetingSummary[]
  past: { meetings: MeetingSummary[]; firstPage: boolean } & PageLinks
  attendance: AttendancePoint[]
}

export function MeetingsPage({ ctx, locality, next, upcoming, past, attendance }: MeetingsPageProps) {
  const where = locality ? locality.name : 'Lancashire'
  const filters: Record<string, string> = locality ? { locality: locality.slug } : {}
  const calendar = meetingsCalendar(locality)
  return (
    <Layout
      ctx={ctx}
      title={locality ? `Meetings in ${locality.name}` : 'Meetings'}
      description="When and where the forum meets: every six weeks in each locality, and every quarter for the whole county."
      feeds={[calendar]}
    >
      <h1>{locality ? `Meetings in ${locality.name}` : 'Meetings'}</h1>
      <p className="lead">
        Each locality meets every six weeks and the whole county meets every quarter. Everyone is welcome, and if it is your first time, you are the most important people in the room.
      </p>
      <LocalityFilter action="/meetings" localities={ctx.localities} selected={locality?.slug ?? ''} />
      <p>
        <a href={calendar.href}>Subscribe to {locality ? `all ${locality.name} meetings` : 'all meetings'} in your calendar</a> (iCalendar feed)
      </p>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Upcoming meetings</h2>
        {/* The first not cancelled from now, whatever its status; the list below also shows one under way or cancelled. */}
        {next ? (
          <p className="next-meeting">
            <strong>Next meeting:</strong> <a href={`/meetings/${next.id}`}>{next.title}</a>, {next.when}
            {next.localityName && !locality ? ` · ${next.localityName}` : ''}
            {next.venueName ? ` · ${next.venueName}` : ''}
          </p>
        ) : null}
        <MeetingList meetings={upcoming} empty="No meetings are planned yet." />
      </section>
      <section aria-labelledby="attendance-heading">
        <h2 id="attendance-heading">Who came</h2>
        <AttendanceChart id="attendance" heading={attendanceHeading(attendance.length, where)} points={attendance} />
      </section>
      <section aria-labelledby="past-heading">
        <h2 id="past-heading">Past meetings</h2>
        <MeetingList meetings={past.meetings} empty={past.firstPage ? 'No meetings have been held yet.' : 'There are no more past meetings to show here.'} />
        <Pager label="Pages of past meetings" path="/meetings" params={filters} links={past} earlier="More recent meetings" later="Older meetings" />
      </section>
    </Layout>
  )
}
