import type { PresentedMessage } from '../../src/presenters/message.js'
import { ErrorSummary, PostForm, TextAreaField, type FieldErrors } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'
import { formatLondon } from '../../src/policies/londonTime.js'

type Props = { ctx: PageContext; recipientName: string; post: { collection: string; id: string }; body?: string; errors?: FieldErrors }

/** The first private message to a member, from their post's byline. */
export function NewMemberMessagePage({ ctx, recipientName, post, body = '', errors = {} }: Props) {
  const title = `Message ${recipientName}`
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/account/messages">All messages</a>
      </p>
      <h1>{title}</h1>
      <p>
        Only you and {recipientName} can read your conversation, unless one of you reports it to the moderators. Either of you can block the other. We never put messages in emails, and our
        safeguarding leads are told if a message suggests someone is in danger.
      </p>
      <ErrorSummary errors={errors} labels={{ body: 'Your message' }} />
      <PostForm action="/account/messages/new" csrfToken={ctx.csrfToken} label={title}>
        <input type="hidden" name="collection" value={post.collection} />
        <input type="hidden" name="post" value={post.id} />
        <TextAreaField name="body" label="Your message" value={body} error={errors.body} required maxLength={5000} rows={6} />
        <button type="submit" className="button">
          Send
        </button>
      </PostForm>
    </Layout>
  )
}

/** One message held for crisis words, as a safeguarding lead reads it: that message only, not the conversation. */
export function HeldMessagePage({ ctx, message }: { ctx: PageContext; message: PresentedMessage }) {
  return (
    <Layout ctx={ctx} title="A held private message">
      <h1>A held private message</h1>
      <p className="meta">
        This message between two members matched crisis words and was held: the member it was written to has not received it. You can read this message only, not their conversation.
      </p>
      <p className="meta">
        <strong>{message.from}</strong> · <time dateTime={message.sentAt}>{formatLondon('sentAt', message.sentAt)}</time>
      </p>
      <div className="message__body">
        {message.body.split(/\n{2,}/).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      <p>
        <a href="/admin/queue">Back to the queue</a>
      </p>
    </Layout>
  )
}
