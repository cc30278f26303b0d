import type { AccountValues } from '../../src/presenters/account.js'
import type { OwnInterest } from '../../src/presenters/volunteering.js'
import { BADGES, mayShowBadge } from '../../src/policies/volunteering.js'
import { StateSteps } from './VolunteerPages.js'
import { MEMBER_TYPES } from '../../src/policies/memberTypes.js'
import { DIGEST_OPTIONS, NOTIFICATION_PREFERENCES, REPLY_DELIVERY_OPTIONS } from '../../src/policies/notifications.js'
import { awaitingReviewBanner } from '../../src/policies/postQueue.js'
import { PASSWORD_MIN } from '../../src/policies/password.js'
import { Checkbox, ErrorSummary, PostForm, SelectField, TextField, type FieldErrors } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

export type { AccountValues }

export const PROFILE_LABELS = {
  displayName: 'Display name',
  memberType: 'Which best describes you?',
  homeLocality: 'Home locality',
  form: 'Profile',
}
export const CREDENTIAL_LABELS = {
  newEmail: 'New email address',
  newPassword: 'New password',
  currentPassword: 'Current password',
  form: 'Email and password',
}

type Props = {
  ctx: PageContext
  values: AccountValues
  profileErrors?: FieldErrors
  credentialErrors?: FieldErrors
  credentialValues?: { newEmail?: string }
  notice?: string
  /** The member's own forum posts that others cannot see yet. */
  waiting?: { posts: { href: string; title: string }[]; reviewHours: number }
  /** The member's interests in volunteering roles, with where each stands. */
  volunteering?: OwnInterest[]
  badgeError?: string
  /** "Remember what I read" (issue 17): off by default; how many answers it holds. */
  reading?: { rememberReading: boolean; remembered: number }
}

function VolunteeringSection({ ctx, interests, badge, error }: { ctx: PageContext; interests: OwnInterest[]; badge: string; error?: string }) {
  const activeKinds = interests.filter((i) => i.state === 'active').map((i) => i.kind)
  const choices = BADGES.filter((b) => mayShowBadge(b.value, activeKinds))
  return (
    <section aria-labelledby="volunteering-heading">
      <h2 id="volunteering-heading">Volunteering</h2>
      {interests.length === 0 ? (
        <p>
          You have not said you are interested in a volunteering role. <a href="/volunteer">See the open roles</a>.
        </p>
      ) : (
        <ul className="card-list">
          {interests.map((i) => (
            <li key={i.id} className="card">
              <h3>{i.opportunityId ? <a href={`/volunteer/${i.opportunityId}`}>{i.opportunityTitle}</a> : i.opportunityTitle}</h3>
              <p>
                {i.kindLabel} · {i.localityName ?? 'Lancashire'} · where it stands: <strong>{i.stateLabel}</strong>
              </p>
              <StateSteps interest={i} />
              {i.note ? <p>Your note: {i.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {choices.length > 1 || badge !== 'none' ? (
        <PostForm action="/account/volunteer-badge" csrfToken={ctx.csrfToken} label="Volunteer badge">
          {error ? (
            <p className="field__error" role="alert">
              {error}
            </p>
          ) : null}
          <SelectField
            name="volunteerBadge"
            label="Show a badge next to your name on forum posts"
            options={choices.some((c) => c.value === badge) ? choices : [...choices, ...BADGES.filter((b) => b.value === badge)]}
            value={badge}
            hint="Off unless you choose it. It shows only while a coordinator has you as active in that kind of role."
          />
          <button type="submit" className="button button--secondary">
            Save badge
          </button>
        </PostForm>
      ) : null}
    </section>
  )
}

export function AccountPage({ ctx, values, profileErrors = {}, credentialErrors = {}, credentialValues = {}, notice, waiting, volunteering = [], badgeError, reading }: Props) {
  return (
    <Layout ctx={ctx} title="Your account">
      <h1>Your account</h1>
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}

      {waiting && waiting.posts.length > 0 ? (
        <section aria-labelledby="waiting-heading" className="notice">
          <h2 id="waiting-heading">Your posts waiting for review</h2>
          <p>
            <strong>{awaitingReviewBanner(waiting.reviewHours)}</strong>
          </p>
          <ul>
            {waiting.posts.map((post) => (
              <li key={post.href}>
                <a href={post.href}>{post.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p>
        <a href="/account/stories">My stories</a>: write a story, see where your stories are, change your consent or withdraw a story.
      </p>

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <ErrorSummary errors={profileErrors} labels={PROFILE_LABELS} />
        <PostForm action="/account" csrfToken={ctx.csrfToken} label="Profile">
          <TextField
            name="displayName"
            label={PROFILE_LABELS.displayName}
            value={values.displayName}
            error={profileErrors.displayName}
            autoComplete="nickname"
            maxLength={40}
            required
            hint="Shown to everyone. Not your real name unless you want it to be."
          />
          <SelectField
            name="memberType"
            label={PROFILE_LABELS.memberType}
            options={MEMBER_TYPES}
            value={values.memberType}
            error={profileErrors.memberType}
            required
            hint="Shown as a badge next to your name. Professional and Commissioner read “Says: …” until a moderator confirms them; choosing another type needs a new confirmation."
          />
          <SelectField
            name="homeLocality"
            label={PROFILE_LABELS.homeLocality}
            options={ctx.localities.map((l) => ({ value: String(l.id), label: l.name }))}
            value={values.homeLocality}
            error={profileErrors.homeLocality}
            placeholder="I would rather not say"
          />
          <fieldset>
            <legend>Email me about</legend>
            {NOTIFICATION_PREFERENCES.map((pref) => (
              <Checkbox key={pref.name} name={pref.name} label={pref.label} checked={values.notifications[pref.name] === true} />
            ))}
            <SelectField name="replyDelivery" label="Emails about replies to my threads come" options={REPLY_DELIVERY_OPTIONS} value={String(values.notifications.replyDelivery ?? 'immediately')} />
            <SelectField name="digest" label="A digest of new conversations" options={DIGEST_OPTIONS} value={String(values.notifications.digest ?? 'never')} />
            <p className="field__hint">We always tell you when a moderator decides on something you posted.</p>
          </fieldset>
          <fieldset>
            <legend>Forums in my digest</legend>
            <p className="field__hint">If you tick none, your digest covers your home locality and the county forum.</p>
            {ctx.localities.map((l) => (
              <Checkbox key={String(l.id)} name={`follow-${l.id}`} label={l.name} checked={values.followedLocalities.includes(String(l.id))} />
            ))}
          </fieldset>
          <button type="submit" className="button">
            Save profile
          </button>
        </PostForm>
      </section>

      <VolunteeringSection ctx={ctx} interests={volunteering} badge={values.volunteerBadge} error={badgeError} />

      <section aria-labelledby="credentials-heading">
        <h2 id="credentials-heading">Email and password</h2>
        <p>
          Your email address is <strong>{values.email}</strong>. Only you can see it.
        </p>
        <ErrorSummary errors={credentialErrors} labels={CREDENTIAL_LABELS} />
        <PostForm action="/account/credentials" csrfToken={ctx.csrfToken} label="Email and password">
          <TextField
            name="newEmail"
            label={CREDENTIAL_LABELS.newEmail}
            type="email"
            value={credentialValues.newEmail}
            error={credentialErrors.newEmail}
            autoComplete="email"
            hint="Leave empty to keep your current address."
          />
          <TextField
            name="newPassword"
            label={CREDENTIAL_LABELS.newPassword}
            type="password"
            error={credentialErrors.newPassword}
            autoComplete="new-password"
            hint={`Leave empty to keep your current password. At least ${PASSWORD_MIN} characters.`}
          />
          <TextField
            name="currentPassword"
            label={CREDENTIAL_LABELS.currentPassword}
            type="password"
            error={credentialErrors.currentPassword}
            autoComplete="current-password"
            required
            hint="To keep your account safe, we ask for it before changing your email or password."
          />
          <button type="submit" className="button">
            Change email or password
          </button>
        </PostForm>
      </section>
      {reading ? (
        <section aria-labelledby="reading-heading">
          <h2 id="reading-heading">What you read</h2>
          <p>
            When you answer the questions after a story, we count your answers without your name. If you turn on “remember what I read”, we also keep your answers with your account, for you alone. It
            is off unless you turn it on.
          </p>
          <PostForm action="/account/reading" csrfToken={ctx.csrfToken} label="Remember what I read">
            <Checkbox name="rememberReading" label="Remember what I read" checked={reading.rememberReading} hint="Turning it off clears what was remembered." />
            <button type="submit" className="button button--secondary">
              Save reading choice
            </button>
          </PostForm>
          {reading.remembered > 0 ? (
            <PostForm action="/account/reading/clear" csrfToken={ctx.csrfToken} label="Clear what was remembered">
              <p>Remembered: your answers after {reading.remembered} stories.</p>
              <button type="submit" className="button button--secondary">
                Clear what I read
              </button>
            </PostForm>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="your-data-heading">
        <h2 id="your-data-heading">Your data</h2>
        <ul>
          <li>
            <a href="/account/export">Download everything you have given Waymark</a>
          </li>
          <li>
            <a href="/account/delete">Delete your account</a>
          </li>
        </ul>
      </section>
    </Layout>
  )
}
