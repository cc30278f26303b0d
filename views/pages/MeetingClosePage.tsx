import { ErrorSummary, PostForm, SelectField, TextAreaField, TextField, type FieldErrors } from '../components/Form.js'
import { JoinedWithCode } from '../components/JoinCode.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

export type CloseMeetingValues = { attendanceTotal: string; firstTimers: string; minutes: string; minutesVisibility: string }

const LABELS = { attendanceTotal: 'How many people came', firstTimers: 'How many came for the first time', minutes: 'Minutes', minutesVisibility: 'Who can read the minutes once published' }

/** notYet: the meeting has not started, so nothing can be recorded; refused when a save was just turned down. */
export type NotYet = { message: string; refused: boolean }

export function MeetingClosePage({
  ctx,
  meeting,
  values,
  errors = {},
  notYet,
}: {
  ctx: PageContext
  meeting: { id: number | string; title: string; when: string; joinedWithCode?: number | null }
  values: CloseMeetingValues
  errors?: FieldErrors
  notYet?: NotYet
}) {
  return (
    <Layout ctx={ctx} title={`Record ${meeting.title}`}>
      <h1>Record the meeting</h1>
      <p className="lead">
        <a href={`/meetings/${meeting.id}`}>{meeting.title}</a>, {meeting.when}
      </p>
      {notYet ? (
        <div className="notice notice--warning" role={notYet.refused ? 'alert' : undefined} data-not-happened-yet="">
          <p>
            {notYet.refused ? <strong>Nothing was saved. </strong> : null}
            {notYet.message}
          </p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={LABELS} />
      <PostForm action={`/meetings/${meeting.id}/close`} csrfToken={ctx.csrfToken} label="Record attendance and minutes">
        <TextField
          name="attendanceTotal"
          label={LABELS.attendanceTotal}
          value={values.attendanceTotal}
          error={errors.attendanceTotal}
          required
          maxLength={4}
          hint="Everyone in the room, including the chair and speakers."
        />
        <TextField
          name="firstTimers"
          label={LABELS.firstTimers}
          value={values.firstTimers}
          error={errors.firstTimers}
          required
          maxLength={4}
          hint={
            meeting.joinedWithCode != null ? (
              <>
                For comparison: <JoinedWithCode count={meeting.joinedWithCode} /> and agreed to be counted. They are not added to your figure.
              </>
            ) : undefined
          }
        />
        <TextAreaField
          name="minutes"
          label={LABELS.minutes}
          value={values.minutes}
          error={errors.minutes}
          rows={14}
          maxLength={50_000}
          hint="Plain text. A blank line starts a new paragraph; start a line with - for a list and ## for a heading. Saving puts the minutes back to draft until a moderator approves them. Never name anyone who spoke from the floor."
        />
        <SelectField
          name="minutesVisibility"
          label={LABELS.minutesVisibility}
          value={values.minutesVisibility}
          error={errors.minutesVisibility}
          options={[
            { value: 'members', label: 'Members only' },
            { value: 'public', label: 'Everyone' },
          ]}
        />
        <button type="submit" className="button">
          Save as draft
        </button>
      </PostForm>
    </Layout>
  )
}
