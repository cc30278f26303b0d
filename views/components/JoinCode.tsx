// The meeting's join code, for the moderators of its locality: the code big enough to read from the
// back of a room, a card that prints on its own (print CSS in site.css), and the forms to open a
// new code or close the open one. Also the "<n> joined with the code" figure for the meeting's record.
import type { PresentedJoinCode } from '../../src/presenters/joinCode.js'
import { PostForm, SelectField } from './Form.js'

const HOURS = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: i === 0 ? '1 hour' : `${i + 1} hours` }))

/** Next to the first-timer figure; never added to it, so nobody is counted twice. */
export function JoinedWithCode({ count }: { count: number | null }) {
  if (count === null) return null
  return <span data-joined-with-code={count}>{`${count} joined with the code`}</span>
}

type PanelProps = {
  meeting: { id: number | string; title: string; when: string }
  code: PresentedJoinCode | null
  joinedWithCode: number | null
  csrfToken: string
}

export function JoinCodePanel({ meeting, code, joinedWithCode, csrfToken }: PanelProps) {
  return (
    <section aria-labelledby="join-code-heading" className="join-code" id="join-code">
      <h2 id="join-code-heading">Join code</h2>
      <p>
        People joining Waymark at this meeting type the code on the join page. Many sign-ups from the venue’s Wi-Fi are then not turned away, and those who agree are counted.{' '}
        <JoinedWithCode count={joinedWithCode} /> so far.
      </p>
      {code ? (
        <>
          <div className="join-card" data-join-card="">
            <p className="join-card__title">Join Waymark at this meeting</p>
            <p className="join-card__meeting">
              {meeting.title}, {meeting.when}
            </p>
            <p className="join-card__how">
              Go to <strong>{code.joinAddress}</strong> and type this meeting code:
            </p>
            <p className="join-card__code" data-join-code={code.code}>
              {code.display}
            </p>
            <p className="join-card__expiry">
              Works until <time dateTime={code.expiresAt}>{code.expiresWhen}</time> (UK time).
            </p>
          </div>
          <p className="join-code__print">
            Show this on the screen, or print this page: only the card is printed. Used {code.uses} {code.uses === 1 ? 'time' : 'times'} so far.
          </p>
          <PostForm action={`/meetings/${meeting.id}/join-code`} csrfToken={csrfToken} label="Close the join code">
            <input type="hidden" name="action" value="close" />
            <button type="submit" className="button button--secondary">
              Close the code now
            </button>
          </PostForm>
        </>
      ) : (
        <p>No join code is open for this meeting.</p>
      )}
      <PostForm action={`/meetings/${meeting.id}/join-code`} csrfToken={csrfToken} label="Open a join code">
        <SelectField
          name="hours"
          label="How long the code works"
          options={HOURS}
          value="3"
          hint={code ? 'Opening a new code stops the one above from working.' : 'From now. Open it shortly before the meeting starts.'}
        />
        <button type="submit" className="button">
          Open a join code
        </button>
      </PostForm>
    </section>
  )
}
