import type { PresentedAction, PresentedMeeting } from '../../src/presenters/meeting.js'
import type { PresentedJoinCode } from '../../src/presenters/joinCode.js'
import { PostForm } from '../components/Form.js'
import { JoinCodePanel, JoinedWithCode } from '../components/JoinCode.js'
import { Layout } from '../components/Layout.js'
import { ActionList, MeetingStatus } from '../components/Meetings.js'
import type { PageContext } from '../components/PageContext.js'
import { RichText } from '../components/RichText.js'

const MINUTES_LABELS: Record<string, string> = { draft: 'Draft minutes: only moderators can see them', approved: 'Approved minutes, not yet published: only moderators can see them', published: 'Minutes' }

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((para, i) => (
        <p key={i}>
          {para.split('\n').map((line, j) => (
            <span key={j}>
              {j > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </p>
      ))}
    </>
  )
}

function MinutesDecisions({ meeting, csrfToken }: { meeting: PresentedMeeting; csrfToken: string }) {
  const decisions =
    meeting.minutesStatus === 'draft'
      ? [{ value: 'approve', label: 'Approve the minutes' }]
      : meeting.minutesStatus === 'approved'
        ? [
            { value: 'publish', label: `Publish the minutes (${meeting.minutesVisibility === 'public' ? 'everyone' : 'members only'})` },
            { value: 'retract', label: 'Back to draft' },
          ]
        : [{ value: 'retract', label: 'Unpublish (back to draft)' }]
  return (
    <div className="inline-actions">
      {decisions.map((d) => (
        <PostForm key={d.value} action={`/meetings/${meeting.id}/minutes`} csrfToken={csrfToken} label={d.label}>
          <input type="hidden" name="decision" value={d.value} />
          <button type="submit" className={d.value === 'retract' ? 'button button--secondary' : 'button'}>
            {d.label}
          </button>
        </PostForm>
      ))}
    </div>
  )
}

type MeetingPageProps = { ctx: PageContext; meeting: PresentedMeeting; actions: PresentedAction[]; error?: string; joinCode?: PresentedJoinCode | null }

export function MeetingPage({ ctx, meeting, actions, error, joinCode = null }: MeetingPageProps) {
  const upcoming = meeting.status === 'scheduled'
  return (
    <Layout ctx={ctx} title={meeting.title}>
      <h1>{meeting.title}</h1>
      {error ? (
        <div className="notice notice--warning" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <p className="lead">
        {meeting.when} to {meeting.ends} (UK time)
        {meeting.localityName ? (
          <>
            {' '}
            · <a href={`/localities/${meeting.localitySlug}`}>{meeting.localityName}</a>
          </>
        ) : null}{' '}
        <MeetingStatus meeting={meeting} />
      </p>
      {meeting.status !== 'cancelled' ? (
        <p>
          <a href={`/meetings/${meeting.id}/calendar.ics`}>Add to calendar</a>
        </p>
      ) : null}
      <section aria-labelledby="venue-heading">
        <h2 id="venue-heading">Where</h2>
        {meeting.venue.name ? <p>{meeting.venue.name}</p> : <p>The venue will be announced.</p>}
        {meeting.venue.address ? (
          <address>
            <Paragraphs text={meeting.venue.address} />
          </address>
        ) : null}
        {meeting.venue.accessibility ? (
          <>
            <h3>Getting in and around</h3>
            <Paragraphs text={meeting.venue.accessibility} />
          </>
        ) : null}
        <h3>Joining online</h3>
        {meeting.online === null ? (
          <p>
            <a href={`/login?next=/meetings/${meeting.id}`}>Sign in</a> to see how to join online.
          </p>
        ) : meeting.online ? (
          <Paragraphs text={meeting.online} />
        ) : (
          <p>This meeting is in person only.</p>
        )}
      </section>
      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">Agenda</h2>
        {meeting.agenda.length === 0 ? (
          <p>The agenda will be published before the meeting.</p>
        ) : (
          <ol>
            {meeting.agenda.map((item, i) => (
              <li key={i}>
                {item.title}
                {item.presenter ? <span className="meta"> · {item.presenter}</span> : null}
                {item.thread ? (
                  <>
                    {' '}
                    · <a href={`/threads/${item.thread.id}`}>the conversation: {item.thread.title}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      {meeting.attendance ? (
        <section aria-labelledby="attendance-heading">
          <h2 id="attendance-heading">Who came</h2>
          <p>
            {meeting.attendance.total} {meeting.attendance.total === 1 ? 'person' : 'people'}, of whom {meeting.attendance.firstTimers} came for the first time.
            {meeting.joinedWithCode !== null ? (
              <>
                {' '}
                <JoinedWithCode count={meeting.joinedWithCode} /> and agreed to be counted.
              </>
            ) : null}
          </p>
        </section>
      ) : null}
      {meeting.canManage && meeting.status !== 'cancelled' ? <JoinCodePanel meeting={meeting} code={joinCode} joinedWithCode={meeting.joinedWithCode} csrfToken={ctx.csrfToken} /> : null}
      <section aria-labelledby="minutes-heading">
        <h2 id="minutes-heading">{meeting.minutes ? MINUTES_LABELS[meeting.minutes.status] ?? 'Minutes' : 'Minutes'}</h2>
        {meeting.minutes ? (
          <div className="minutes">
            <RichText doc={meeting.minutes.doc} />
          </div>
        ) : meeting.status === 'held' && meeting.minutesStatus === 'published' && meeting.minutesVisibility === 'members' && !ctx.viewer ? (
          <p>
            The minutes are for members. <a href={`/login?next=/meetings/${meeting.id}`}>Sign in</a> or <a href="/join">join</a> to read them.
          </p>
        ) : (
          <p>{upcoming ? 'Minutes are published after the meeting.' : 'The minutes have not been published yet.'}</p>
        )}
        {meeting.canManage ? (
          <>
            <p>
              <a className="button button--secondary" href={`/meetings/${meeting.id}/close`}>
                {meeting.status === 'held' ? 'Edit attendance and minutes' : 'Record attendance and minutes'}
              </a>
            </p>
            {meeting.status === 'held' && meeting.minutes ? <MinutesDecisions meeting={meeting} csrfToken={ctx.csrfToken} /> : null}
          </>
        ) : null}
      </section>
      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">Actions from this meeting</h2>
        <ActionList actions={actions} />
        <p>
          <a href="/you-said-we-did">Everything the forum raised, and what changed</a>
        </p>
      </section>
    </Layout>
  )
}
