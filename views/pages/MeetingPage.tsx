import type { PresentedAction, PresentedMeeting } from '../../src/presenters/meeting.js'
import type { PresentedJoinCode } from '../../src/presenters/joinCode.js'
import { PostForm } from '../components/Form.js'
import { JoinCodePanel, JoinedWithCode } from '../components/JoinCode.js'
import { Layout } from '../components/Layout.js'
import { ActionList, MeetingStatus } from '../components/Meetings.js'
import type { PageContext } from '../components/PageContext.js'
import { RichText } from '../components/RichText.js'

const MINUTES_LABELS: Record<string, string> = {
  draft: 'Draft minutes: only moderators can see them',
  approved: 'Approved minutes, not yet published: only moderators can see them',
  published: 'Minutes',
}

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

/** `approvalNote`: why this viewer may not approve (they recorded the minutes and a second moderator must). */
function MinutesDecisions({ meeting, csrfToken, approvalNote }: { meeting: PresentedMeeting; csrfToken: string; approvalNote?: string | null }) {
  if (meeting.minutesStatus === 'draft' && approvalNote) return <p className="notice">{approvalNote}</p>
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

/** What to expect, for someone coming for the first time: the forum's own welcome, in plain words. */
function FirstMeeting() {
  return (
    <section aria-labelledby="first-meeting-heading" className="first-meeting">
      <h2 id="first-meeting-heading">Your first meeting</h2>
      <p>Everyone is welcome, at every stage: still using, stable on a prescription, abstinent, or here because someone you love is struggling. Families, carers and workers come too.</p>
      <p>
        Every meeting starts by asking who is here for the first time, because you are the most important people in the room. You can put your hand up, or just let the person next to you know. Nobody
        will make you say more.
      </p>
      <ul>
        <li>
          <strong>You do not have to speak.</strong> Plenty of people come to listen, and that is enough.
        </li>
        <li>
          <strong>You can bring someone with you</strong>: a friend, a family member, a carer or your worker.
        </li>
        <li>
          <strong>There is tea and coffee.</strong> Come a few minutes early, have a brew and find a seat.
        </li>
        <li>
          <strong>What is said in the room stays in the room.</strong> We ask everyone not to repeat who was there or what they said, and the minutes never name anyone who speaks from the floor.
        </li>
      </ul>
      <h3>What happens</h3>
      <p>
        After the welcome, we hear what has changed since last time because of what people said ("you said, we did"), then news from local treatment and recovery services. Then it is the open floor:
        anyone can raise what matters to them. Commissioners and services listen, and what you raise can change things. Working together, moving forward.
      </p>
    </section>
  )
}

type MeetingPageProps = { ctx: PageContext; meeting: PresentedMeeting; actions: PresentedAction[]; error?: string; joinCode?: PresentedJoinCode | null; minutesApprovalNote?: string | null }

export function MeetingPage({ ctx, meeting, actions, error, joinCode = null, minutesApprovalNote }: MeetingPageProps) {
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
      <FirstMeeting />
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
        <h2 id="minutes-heading">{meeting.minutes ? (MINUTES_LABELS[meeting.minutes.status] ?? 'Minutes') : 'Minutes'}</h2>
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
            {meeting.hasStarted ? (
              <p>
                <a className="button button--secondary" href={`/meetings/${meeting.id}/close`}>
                  {meeting.status === 'held' ? 'Edit attendance and minutes' : 'Record attendance and minutes'}
                </a>
              </p>
            ) : (
              <p className="meta">This meeting has not happened yet: you can record attendance and minutes once it has started.</p>
            )}
            {meeting.status === 'held' && meeting.minutes ? <MinutesDecisions meeting={meeting} csrfToken={ctx.csrfToken} approvalNote={minutesApprovalNote} /> : null}
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
