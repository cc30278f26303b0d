import { PASSWORD_MIN } from '../../src/policies/password.js'
import { ErrorSummary, PostForm, TextField, type FieldErrors } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

const LABELS = { password: 'New password', confirm: 'Type the new password again', token: 'Link' }

export function ResetPage({ ctx, token, errors = {} }: { ctx: PageContext; token: string; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title="Choose a new password">
      <h1>Choose a new password</h1>
      <ErrorSummary errors={errors} labels={LABELS} />
      <PostForm action="/reset" csrfToken={ctx.csrfToken} label="Choose a new password">
        <input type="hidden" name="token" value={token} />
        <TextField name="password" label={LABELS.password} type="password" error={errors.password} autoComplete="new-password" required hint={`At least ${PASSWORD_MIN} characters.`} />
        <TextField name="confirm" label={LABELS.confirm} type="password" error={errors.confirm} autoComplete="new-password" required />
        <button type="submit" className="button">
          Save my new password
        </button>
      </PostForm>
    </Layout>
  )
}
