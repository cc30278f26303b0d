import { reviewPromise } from '../../src/policies/postQueue.js'
import type { LocalitySummary } from '../../src/presenters/locality.js'
import { CrisisPanel } from '../components/CrisisPanel.js'
import { ErrorSummary, PostForm, SelectField, PostBodyField, TextField, type FieldErrors } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

export type ThreadFormValues = { title: string; body: string; locality: string }

type Props = { ctx: PageContext; values: ThreadFormValues; errors?: FieldErrors; tooSoon?: string; postQueued: boolean; reviewHours: number; crisis?: boolean }

const LABELS = { title: 'Title', body: 'What would you like to say?', locality: 'Forum' }

export function ThreadFormPage({ ctx, values, errors = {}, tooSoon, postQueued, reviewHours, crisis }: Props) {
  const localities: LocalitySummary[] = ctx.localities
  return (
    <Layout ctx={ctx} title="Start a conversation">
      <h1>Start a conversation</h1>
      {crisis ? <CrisisPanel what="post" /> : null}
      {tooSoon ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>Please wait a moment</h2>
          <p>{tooSoon} What you wrote is still here.</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={LABELS} />
      {postQueued ? (
        <p className="notice">Welcome. Your first few posts are read by a moderator before others see them, {reviewPromise(reviewHours)}. This keeps everyone safe; it is not a judgement on you.</p>
      ) : null}
      <PostForm action="/threads" csrfToken={ctx.csrfToken} label="Start a conversation">
        <SelectField name="locality" label={LABELS.locality} options={localities.map((l) => ({ value: l.slug, label: l.name }))} value={values.locality} error={errors.locality} required />
        <TextField name="title" label={LABELS.title} value={values.title} error={errors.title} required maxLength={120} />
        <PostBodyField label={LABELS.body} value={values.body} error={errors.body} />
        <button className="button" type="submit">
          Post
        </button>
      </PostForm>
    </Layout>
  )
}
