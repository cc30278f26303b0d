import { ErrorSummary, PostForm, TextField, type FieldErrors } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

const LABELS = { email: 'Email address', password: 'Password', form: 'Sign in' }

export function LoginPage({ ctx, email, next, errors = {}, notice }: { ctx: PageContext; email?: string; next?: string; errors?: FieldErrors; notice?: string }) {
  return (
    <Layout ctx={ctx} title="Sign in">
      <h1>Sign in</h1>
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={LABELS} />
      <PostForm action="/login" csrfToken={ctx.csrfToken} label="Sign in">
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextField name="email" label={LABELS.email} type="email" value={email} error={errors.email} autoComplete="username" required />
        <TextField name="password" label={LABELS.password} type="password" error={errors.password} autoComplete="current-password" required />
        <button type="submit" className="button">
          Sign in
        </button>
      </PostForm>
      <p>
        <a href="/forgot">Forgotten your password?</a>
      </p>
      <p>
        New here? <a href="/join">Join Waymark</a>.
      </p>
    </Layout>
  )
}
