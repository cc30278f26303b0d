import { ErrorSummary, PostForm, TextField, type FieldErrors } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

export function ForgotPage({ ctx, email, errors = {} }: { ctx: PageContext; email?: string; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title="Reset your password">
      <h1>Reset your password</h1>
      <p>Enter the email address you joined with. If it belongs to an account, we will send a link to choose a new password.</p>
      <ErrorSummary errors={errors} labels={{ email: 'Email address' }} />
      <PostForm action="/forgot" csrfToken={ctx.csrfToken} label="Reset your password">
        <TextField name="email" label="Email address" type="email" value={email} error={errors.email} autoComplete="email" required />
        <button type="submit" className="button">
          Send the link
        </button>
      </PostForm>
    </Layout>
  )
}
