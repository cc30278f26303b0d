import type { Change } from 'diff'

import { CSRF_FIELD } from '../../src/security/csrf.js'
import { ConsentFields, type ConsentValues } from '../components/ConsentFields.js'
import type { LocalCrisisService } from '../../src/presenters/crisisService.js'
import type { ConsentHistoryRow, HistoryRow } from '../../src/presenters/myStory.js'
import { CrisisPanel, type CrisisPanelWhat } from '../components/CrisisPanel.js'
import { ErrorSummary, PostForm, type FieldErrors } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'
import { STORY_FORM_LABELS } from './StoryFormPage.js'
import { formatLondon } from '../../src/policies/londonTime.js'

type Props = {
  ctx: PageContext
  story: { id: number | string; slug: string; title: string; status: string; statusLabel: string; crisisHold: boolean; reasonForAuthor: string | null; revisionState: string }
  consentSummary: string
  consentHistory: ConsentHistoryRow[]
  canEdit: boolean
  canWithdraw: boolean
  redaction: { note: string; diff: Change[]; characteristics: { what: string; from: string; to: string }[] } | null
  history: HistoryRow[]
  consentValues?: ConsentValues
  errors?: FieldErrors
  notice?: string
  /** Which crisis panel to show at the top, if any, with the locality's services first. */
  crisisPanel?: CrisisPanelWhat | null
  crisisServices?: LocalCrisisService[]
}

const date = (iso: string) => formatLondon('longDate', iso)

export function MyStoryPage({
  ctx,
  story,
  consentSummary,
  consentHistory,
  canEdit,
  canWithdraw,
  redaction,
  history,
  consentValues = {},
  errors = {},
  notice,
  crisisPanel = null,
  crisisServices = [],
}: Props) {
  return (
    <Layout ctx={ctx} title={`Manage: ${story.title}`}>
      <p>
        <a href="/account/stories">My stories</a>
      </p>
      <h1>{story.title}</h1>
      {crisisPanel ? <CrisisPanel what={crisisPanel} local={crisisServices} /> : null}
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <dl className="facts">
        <dt>Where it is</dt>
        <dd>{story.statusLabel}</dd>
        <dt>Consent</dt>
        <dd>{consentSummary}</dd>
        {story.reasonForAuthor ? (
          <>
            <dt>The moderator says</dt>
            <dd>{story.reasonForAuthor}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={`/stories/${story.slug}`}>View the story</a>
        {canEdit ? (
          <>
            {' · '}
            <a href={`/account/stories/${story.id}/edit`}>Edit the story</a>
          </>
        ) : null}
      </p>

      {redaction ? (
        <section aria-labelledby="redaction-heading" className="redaction">
          <h2 id="redaction-heading">A moderator suggests a change</h2>
          <p>{redaction.note}</p>
          <p>Removed words are struck through; added words are underlined. Nothing changes unless you accept.</p>
          <div className="diff">
            {redaction.diff.map((part, index) => (part.added ? <ins key={index}>{part.value}</ins> : part.removed ? <del key={index}>{part.value}</del> : <span key={index}>{part.value}</span>))}
          </div>
          {redaction.characteristics.length > 0 ? (
            <table className="data-table">
              <caption>What the story is about (used to find stories like it)</caption>
              <thead>
                <tr>
                  <th scope="col">Characteristic</th>
                  <th scope="col">Now</th>
                  <th scope="col">Suggested</th>
                </tr>
              </thead>
              <tbody>
                {redaction.characteristics.map((row) => (
                  <tr key={row.what}>
                    <th scope="row">{row.what}</th>
                    <td>
                      <del>{row.from}</del>
                    </td>
                    <td>
                      <ins>{row.to}</ins>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <form method="post" action={`/account/stories/${story.id}/redaction`} className="inline-form">
            <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
            <button type="submit" name="answer" value="accept" className="button">
              Accept the change
            </button>{' '}
            <button type="submit" name="answer" value="decline" className="button button--secondary">
              Keep my words
            </button>
          </form>
        </section>
      ) : null}

      {story.status !== 'withdrawn' ? (
        <section aria-labelledby="renew-heading">
          <h2 id="renew-heading">Change or renew your consent</h2>
          <ErrorSummary errors={errors} labels={STORY_FORM_LABELS} />
          <PostForm action={`/account/stories/${story.id}/consent`} csrfToken={ctx.csrfToken} label="Change or renew your consent">
            <ConsentFields values={consentValues} errors={errors} />
            <button type="submit" className="button">
              Save my consent
            </button>
          </PostForm>
        </section>
      ) : null}

      {canWithdraw ? (
        <section aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">Withdraw your story</h2>
          <p>Your story disappears from Waymark straight away, everywhere. Emails already sent cannot be recalled.</p>
          <p>
            <a className="button button--danger" href={`/account/stories/${story.id}/withdraw`}>
              Withdraw my story
            </a>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="consent-history-heading">
        <h2 id="consent-history-heading">Consent history</h2>
        {consentHistory.length === 0 ? (
          <p>No consent given yet.</p>
        ) : (
          <ol>
            {consentHistory.map((c) => (
              <li key={c.version}>
                Version {c.version}, {date(c.givenAt)}: {c.summary}
                {c.withdrawnAt ? ` Withdrawn ${date(c.withdrawnAt)}.` : ''}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {history.length === 0 ? (
          <p>Nothing yet.</p>
        ) : (
          <ol>
            {history.map((h, index) => (
              <li key={index}>
                {date(h.at)}: {h.action}
                {h.reason ? ` (${h.reason})` : ''}
              </li>
            ))}
          </ol>
        )}
      </section>
    </Layout>
  )
}

export function WithdrawConfirmPage({ ctx, story }: { ctx: PageContext; story: { id: number | string; title: string } }) {
  return (
    <Layout ctx={ctx} title="Withdraw your story?">
      <h1>Withdraw “{story.title}”?</h1>
      <p>It disappears from Waymark straight away, for everyone: the page, lists, search and feeds. Its cover picture becomes private.</p>
      <p>Emails already sent cannot be recalled. You cannot undo a withdrawal, but you can write a new story at any time.</p>
      <PostForm action={`/account/stories/${story.id}/withdraw`} csrfToken={ctx.csrfToken} label="Withdraw your story">
        <button type="submit" className="button button--danger">
          Yes, withdraw my story
        </button>{' '}
        <a href={`/account/stories/${story.id}`}>No, go back</a>
      </PostForm>
    </Layout>
  )
}
