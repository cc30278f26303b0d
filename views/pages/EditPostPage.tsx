// The author's edit form for a thread (title and text) or a reply (text). A plain form: it works
// without JavaScript. It says up front that edits are read like new posts and that moderators keep
// the earlier text, so nobody is surprised.
import type { PostToEdit } from '../../src/presenters/postEdits.js'
import { ErrorSummary, PostForm, PostBodyField, TextField, type FieldErrors } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

export type EditFormValues = { title: string; body: string }

type Props = { ctx: PageContext; post: PostToEdit; values: EditFormValues; errors?: FieldErrors }

const LABELS = { title: 'Title', body: 'Your post', form: 'Your edit' }

export function EditPostPage({ ctx, post, values, errors = {} }: Props) {
  const heading = post.kind === 'threads' ? 'Edit your conversation' : 'Edit your reply'
  return (
    <Layout ctx={ctx} title={heading}>
      <p className="meta">
        In <a href={post.href}>{post.threadTitle || 'the conversation'}</a>
      </p>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} labels={LABELS} />
      <p>Your post shows “edited” and the time. Edits are checked like new posts, so an edit may wait for a moderator before others see it again. The moderators can see earlier versions.</p>
      <PostForm action={`/${post.kind}/${post.id}/edit`} csrfToken={ctx.csrfToken} label={heading}>
        {post.kind === 'threads' ? <TextField name="title" label={LABELS.title} value={values.title} error={errors.title} required maxLength={120} /> : null}
        <PostBodyField label={LABELS.body} value={values.body} error={errors.body} />
        <button className="button" type="submit">
          Save changes
        </button>{' '}
        <a href={post.href}>Cancel</a>
      </PostForm>
    </Layout>
  )
}
