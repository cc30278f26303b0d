import { signInHref } from '../../src/policies/returnPath.js'
import { NOTE_MAX } from '../../src/policies/volunteering.js'
import type { CoordinatedInterest, CoordinatorSummary, OpportunitySummary, OwnInterest } from '../../src/presenters/volunteering.js'
import { ErrorSummary, PostForm, SelectField, TextAreaField, TextField, type FieldErrors } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import { LocalityFilter } from '../components/Meetings.js'
import type { PageContext } from '../components/PageContext.js'

function OpportunityFacts({ opportunity }: { opportunity: OpportunitySummary }) {
  return (
    <dl className="facts">
      <dt>Kind of role</dt>
      <dd>{opportunity.kindLabel}</dd>
      <dt>Where</dt>
      <dd>{opportunity.localityName ?? 'Lancashire'}</dd>
      <dt>Commitment</dt>
      <dd>{opportunity.commitment}</dd>
      <dt>Training</dt>
      <dd>{opportunity.training ?? 'None needed'}</dd>
      <dt>DBS check</dt>
      <dd>{opportunity.dbsCheck ? 'Needed' : 'Not needed'}</dd>
      <dt>Contact</dt>
      <dd>{opportunity.contactRole}</dd>
    </dl>
  )
}

export function VolunteerPage({ ctx, opportunities, localitySlug, coordinator }: { ctx: PageContext; opportunities: OpportunitySummary[]; localitySlug: string; coordinator: boolean }) {
  const locality = ctx.localities.find((l) => l.slug === localitySlug)
  const title = locality ? `Volunteering in ${locality.name}` : 'Volunteering and peer mentoring'
  return (
    <Layout ctx={ctx} title={title} description="Give something back: volunteer, peer-mentor or become a recovery champion in your community.">
      <h1>{title}</h1>
      <p className="lead">Recovery grows in the community. Volunteers, peer mentors and recovery champions give something back and help others find their way.</p>
      {coordinator || ctx.viewer?.isModerator ? (
        <ul className="inline-links">
          {coordinator ? (
            <li>
              <a href="/volunteer/coordinate">Interests you coordinate</a>
            </li>
          ) : null}
          {ctx.viewer?.isModerator ? (
            <li>
              <a href="/volunteer/coordinators">Choose volunteer coordinators</a>
            </li>
          ) : null}
        </ul>
      ) : null}
      <LocalityFilter action="/volunteer" localities={ctx.localities} selected={localitySlug} />
      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading">Open roles</h2>
        {opportunities.length === 0 ? (
          <p>There are no open roles here at the moment. Please look again soon.</p>
        ) : (
          <ul className="card-list">
            {opportunities.map((o) => (
              <li key={o.id} className="card">
                <h3>
                  <a href={`/volunteer/${o.id}`}>{o.title}</a>
                </h3>
                <p>
                  {o.kindLabel} · {o.localityName ?? 'Lancashire'} · {o.commitment}
                  {o.dbsCheck ? ' · DBS check needed' : ''}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  )
}

export function StateSteps({ interest }: { interest: OwnInterest }) {
  return (
    <ol className="steps" aria-label={`Steps for ${interest.opportunityTitle}`}>
      {interest.steps.map((s, i) => (
        <li key={`${s.state}-${i}`}>
          {s.label}
          {s.on ? `, ${s.on}` : ''}
        </li>
      ))}
    </ol>
  )
}

export function OpportunityPage({
  ctx,
  opportunity,
  interest,
  note,
  errors = {},
}: {
  ctx: PageContext
  opportunity: OpportunitySummary
  interest: OwnInterest | null
  note?: string
  errors?: FieldErrors
}) {
  return (
    <Layout ctx={ctx} title={opportunity.title} description={`${opportunity.kindLabel} in ${opportunity.localityName ?? 'Lancashire'}: ${opportunity.commitment}`}>
      <p>
        <a href="/volunteer">All volunteering roles</a>
      </p>
      <h1>{opportunity.title}</h1>
      <OpportunityFacts opportunity={opportunity} />
      {opportunity.description.split(/\n{2,}/).map((para, i) => (
        <p key={i}>{para}</p>
      ))}
      <section aria-labelledby="interest-heading">
        <h2 id="interest-heading">I’m interested</h2>
        {interest ? (
          <div className="notice" role="status">
            <p>
              You said you are interested. Where it stands: <strong>{interest.stateLabel}</strong>. You can follow it in <a href="/account#volunteering-heading">your account</a>.
            </p>
          </div>
        ) : !ctx.viewer ? (
          <p>
            <a className="button" href={signInHref(ctx.returnPath)}>
              Sign in to say you are interested
            </a>
          </p>
        ) : !opportunity.open ? (
          <p>This role is closed.</p>
        ) : (
          <>
            <p>The {opportunity.contactRole.toLowerCase()} for this role will be in touch through Waymark. Only the people who coordinate volunteering here see your note.</p>
            <ErrorSummary errors={errors} labels={{ note: 'A short note', form: 'I’m interested' }} />
            <PostForm action={`/volunteer/${opportunity.id}/interest`} csrfToken={ctx.csrfToken} label="I’m interested">
              <TextAreaField
                name="note"
                label="A short note (optional)"
                value={note}
                error={errors.note}
                maxLength={NOTE_MAX}
                rows={4}
                hint={`Up to ${NOTE_MAX} characters: when you are free, or what you would like to know. Please leave out anything you would not want a coordinator to read.`}
              />
              <button type="submit" className="button">
                I’m interested
              </button>
            </PostForm>
          </>
        )}
      </section>
    </Layout>
  )
}

export function CoordinatePage({ ctx, interests, notice, error }: { ctx: PageContext; interests: CoordinatedInterest[]; notice?: string; error?: string }) {
  return (
    <Layout ctx={ctx} title="Volunteering interests you coordinate">
      <h1>Volunteering interests you coordinate</h1>
      <p>Members who said they are interested in a role in the localities you coordinate for. Only you and the other coordinators there see them and their notes.</p>
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      {error ? (
        <div className="error-summary" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {interests.length === 0 ? (
        <p>Nobody has said they are interested yet.</p>
      ) : (
        <ul className="card-list">
          {interests.map((i) => (
            <li key={i.id} className="card">
              <h2>
                {i.memberName}: {i.opportunityTitle}
              </h2>
              <p>
                {i.kindLabel} · {i.localityName ?? 'Lancashire'} · since {i.since ?? 'recently'} · now <strong>{i.stateLabel}</strong>
              </p>
              {i.note ? (
                <>
                  <h3>Their note</h3>
                  <p>{i.note}</p>
                </>
              ) : null}
              {i.coordinatorNote ? (
                <>
                  <h3>Coordinators’ note</h3>
                  <p>{i.coordinatorNote}</p>
                </>
              ) : null}
              <StateSteps interest={i} />
              {i.next.length > 0 ? (
                <PostForm action={`/volunteer/coordinate/${i.id}`} csrfToken={ctx.csrfToken} label={`Move ${i.memberName}’s interest in ${i.opportunityTitle}`}>
                  <div className="field">
                    <label htmlFor={`state-${i.id}`}>Move to</label>
                    <select id={`state-${i.id}`} name="state" defaultValue={i.next[0]!.value}>
                      {i.next.map((n) => (
                        <option key={n.value} value={n.value}>
                          {n.label}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={`note-${i.id}`}>Note for the coordinators (optional, never shown to the member)</label>
                    <textarea id={`note-${i.id}`} name="coordinatorNote" rows={2} maxLength={1000} />
                  </div>
                  <button type="submit" className="button">
                    Move
                  </button>
                </PostForm>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}

export function CoordinatorsPage({
  ctx,
  coordinators,
  localities,
  notice,
  errors = {},
  values = {},
}: {
  ctx: PageContext
  coordinators: CoordinatorSummary[]
  localities: { id: number | string; name: string }[]
  notice?: string
  errors?: FieldErrors
  values?: { displayName?: string; locality?: string; change?: string }
}) {
  return (
    <Layout ctx={ctx} title="Volunteer coordinators">
      <h1>Volunteer coordinators</h1>
      <p>
        Coordinators see the members who are interested in the volunteering roles of their localities, with their notes, and move them along. It is not a role: you choose them for the localities you
        moderate, and every change is written to the moderation log.
      </p>
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <section aria-labelledby="coordinators-heading">
        <h2 id="coordinators-heading">Coordinators now</h2>
        {coordinators.length === 0 ? (
          <p>Nobody coordinates volunteering in your localities yet.</p>
        ) : (
          <ul>
            {coordinators.map((c) => (
              <li key={c.id}>
                {c.displayName}: {c.localities.map((l) => l.name).join(', ')}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="choose-heading">
        <h2 id="choose-heading">Add or remove a coordinator</h2>
        <ErrorSummary errors={errors} labels={{ displayName: 'Member’s display name', locality: 'Locality', change: 'Change', form: 'Add or remove a coordinator' }} />
        <PostForm action="/volunteer/coordinators" csrfToken={ctx.csrfToken} label="Add or remove a coordinator">
          <TextField name="displayName" label="Member’s display name" value={values.displayName} error={errors.displayName} maxLength={40} required />
          <SelectField name="locality" label="Locality" options={localities.map((l) => ({ value: String(l.id), label: l.name }))} value={values.locality} error={errors.locality} required />
          <SelectField
            name="change"
            label="Change"
            options={[
              { value: 'add', label: 'Make them a coordinator here' },
              { value: 'remove', label: 'They no longer coordinate here' },
            ]}
            value={values.change ?? 'add'}
            error={errors.change}
            required
          />
          <button type="submit" className="button">
            Save
          </button>
        </PostForm>
      </section>
    </Layout>
  )
}
