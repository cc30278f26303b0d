import { MEMBER_TYPES } from '../../src/policies/memberTypes.js'
import { PASSWORD_MIN } from '../../src/policies/password.js'
import { signInHref } from '../../src/policies/returnPath.js'
import { Checkbox, ErrorSummary, PostForm, SelectField, TextField, type FieldErrors } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

export type JoinValues = { displayName?: string; email?: string; memberType?: string; homeLocality?: string; meetingCode?: string; countAsFirstTimer?: boolean }

export const JOIN_LABELS = {
  displayName: 'Display name',
  email: 'Email address',
  password: 'Password',
  memberType: 'Which best describes you?',
  homeLocality: 'Your home locality',
  meetingCode: 'Meeting code',
  form: 'Form',
}

export function JoinPage({ ctx, values = {}, errors = {} }: { ctx: PageContext; values?: JoinValues; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title="Join Waymark">
      <h1>Join Waymark</h1>
      <p>It is free. Your email address is private: only you can see it. Everyone else sees your display name.</p>
      <ErrorSummary errors={errors} labels={JOIN_LABELS} />
      <PostForm action="/join" csrfToken={ctx.csrfToken} label="Join Waymark">
        {ctx.returnPath ? <input type="hidden" name="next" value={ctx.returnPath} /> : null}
        <TextField
          name="displayName"
          label={JOIN_LABELS.displayName}
          value={values.displayName}
          error={errors.displayName}
          autoComplete="nickname"
          maxLength={40}
          required
          hint="How others will know you. It does not have to be your real name, and it cannot be an email address."
        />
        <TextField
          name="email"
          label={JOIN_LABELS.email}
          type="email"
          value={values.email}
          error={errors.email}
          autoComplete="email"
          required
          hint="We send a link to confirm it. It is never shown to other members."
        />
        <TextField
          name="password"
          label={JOIN_LABELS.password}
          type="password"
          error={errors.password}
          autoComplete="new-password"
          required
          hint={`At least ${PASSWORD_MIN} characters. A few unrelated words make a strong password.`}
        />
        <SelectField
          name="memberType"
          label={JOIN_LABELS.memberType}
          options={MEMBER_TYPES}
          value={values.memberType}
          error={errors.memberType}
          placeholder="Choose one"
          required
          hint="Shown as a badge next to your name. You can change it later."
        />
        <SelectField
          name="homeLocality"
          label={JOIN_LABELS.homeLocality}
          options={ctx.localities.map((l) => ({ value: String(l.id), label: l.name }))}
          value={values.homeLocality}
          error={errors.homeLocality}
          placeholder="I would rather not say"
        />
        <fieldset className="join-meeting">
          <legend>Joining at a meeting?</legend>
          <TextField
            name="meetingCode"
            label={JOIN_LABELS.meetingCode}
            value={values.meetingCode}
            error={errors.meetingCode}
            autoComplete="off"
            maxLength={20}
            hint="Optional. If you are at a Waymark meeting, type the code on the screen or card, for example K7M 4QP. Capitals and spaces do not matter."
          />
          <Checkbox name="countAsFirstTimer" label="Count me as a first-timer at this meeting" checked={values.countAsFirstTimer} hint="Only the number of people is kept, never who they are." />
        </fieldset>
        <p>
          By joining you agree to our <a href="/house-rules">house rules</a>. Our <a href="/privacy-notice">privacy notice</a> says what we store about you, who sees it and for how long.
        </p>
        <button type="submit" className="button">
          Join
        </button>
      </PostForm>
      <p>
        Already a member? <a href={signInHref(ctx.returnPath)}>Sign in</a>.
      </p>
    </Layout>
  )
}
