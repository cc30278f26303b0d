// The member's data rights: download everything, or delete the account.
import { ErrorSummary, PostForm, TextField, type FieldErrors } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

export function ExportPage({ ctx, linkMinutes, exportsPerDay, tooSoon }: { ctx: PageContext; linkMinutes: number; exportsPerDay: number; tooSoon?: string }) {
  return (
    <Layout ctx={ctx} title="Download your data">
      <h1>Download your data</h1>
      {tooSoon ? (
        <div className="notice notice--warning" role="alert">
          <p>{tooSoon}</p>
        </div>
      ) : null}
      <p className="lead">One zip file with everything you have given Waymark.</p>
      <ul>
        <li>Your profile and email choices</li>
        <li>Every story you wrote, in every state, with its earlier and suggested versions</li>
        <li>Every consent you gave or withdrew</li>
        <li>Your forum conversations and replies, and the reports you made</li>
        <li>The pictures you uploaded</li>
      </ul>
      <p>
        It comes as a file for computers (JSON) and a page you can read in any browser. The download link works for {linkMinutes} minutes, only while you stay signed in on this device. You can make{' '}
        {exportsPerDay} downloads a day.
      </p>
      <PostForm action="/account/export" csrfToken={ctx.csrfToken} label="Prepare my download">
        <button type="submit" className="button">
          Prepare my download
        </button>
      </PostForm>
    </Layout>
  )
}

export type DeleteValues = { mode: string; confirm: boolean }
const DELETE_LABELS = { password: 'Your password', mode: 'Your forum posts', confirm: 'Confirmation' }

export function DeleteAccountPage({ ctx, values, errors = {} }: { ctx: PageContext; values: DeleteValues; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title="Delete your account">
      <h1>Delete your account</h1>
      <ErrorSummary errors={errors} labels={DELETE_LABELS} />
      <p className="lead">This cannot be undone.</p>
      <p>
        Your stories are withdrawn and deleted, your pictures and reports are deleted, and your account is closed. We keep a record that your consent existed (its dates only, nothing you wrote) and a
        note of which records were deleted (numbers only), so that nothing comes back if we ever restore a backup. You may want to <a href="/account/export">download your data</a> first.
      </p>
      <PostForm action="/account/delete" csrfToken={ctx.csrfToken} label="Delete your account">
        <fieldset className={errors.mode ? 'field field--error' : 'field'} id="field-mode">
          <legend>{DELETE_LABELS.mode}</legend>
          {errors.mode ? <p className="field__error">{errors.mode}</p> : null}
          <div className="radio">
            <input id="mode-everything" type="radio" name="mode" value="everything" defaultChecked={values.mode === 'everything'} />
            <label htmlFor="mode-everything">Delete them too. A conversation you started that others replied to stays for their sake, without your words or your name.</label>
          </div>
          <div className="radio">
            <input id="mode-keep-posts" type="radio" name="mode" value="keep-posts" defaultChecked={values.mode === 'keep-posts'} />
            <label htmlFor="mode-keep-posts">Keep them for others to read, signed "A former member", with your name removed.</label>
          </div>
        </fieldset>
        <div className={errors.confirm ? 'checkbox field--error' : 'checkbox'} id="field-confirm">
          {errors.confirm ? <p className="field__error">{errors.confirm}</p> : null}
          <input id="confirm" name="confirm" type="checkbox" value="on" defaultChecked={values.confirm} />
          <label htmlFor="confirm">I understand that my account and stories will be deleted for good.</label>
        </div>
        <TextField name="password" label={DELETE_LABELS.password} type="password" error={errors.password} autoComplete="current-password" required />
        <button type="submit" className="button button--danger">
          Delete my account
        </button>
      </PostForm>
    </Layout>
  )
}
