import type { LocalCrisisService } from '../../src/presenters/crisisService.js'
import type { PresentedMessage } from '../../src/presenters/message.js'
import { CrisisPanel } from '../components/CrisisPanel.js'
import { ErrorSummary, PostForm, TextAreaField, type FieldErrors } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'
import { formatLondon } from '../../src/policies/londonTime.js'

type Props = {
  ctx: PageContext
  id: number | string
  title: string
  viewerIsMember: boolean
  messages: PresentedMessage[]
  closed: boolean
  body?: string
  errors?: FieldErrors
  notice?: string
  /** Shown when the member's own message matched crisis words. */
  crisisServices?: LocalCrisisService[] | null
}

const when = (iso: string) => formatLondon('sentAt', iso)

export function ConversationPage({ ctx, id, title, viewerIsMember, messages, closed, body = '', errors = {}, notice, crisisServices = null }: Props) {
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/account/messages">All messages</a>
      </p>
      <h1>{title}</h1>
      {crisisServices ? <CrisisPanel what="message" local={crisisServices} /> : null}
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p className="meta">
        {viewerIsMember
          ? 'Only you, the moderators of your area and our safeguarding leads can read this conversation.'
          : 'A private line with a member: only they, their area’s moderators and the safeguarding leads can read it. What you write is logged as a fact, never as text.'}
      </p>
      <ol className="messages">
        {messages.map((message) => (
          <li key={String(message.id)} id={`message-${message.id}`} className={message.fromViewer ? 'message message--own' : 'message'}>
            <p className="meta">
              <strong>{message.from}</strong> · <time dateTime={message.sentAt}>{when(message.sentAt)}</time>
            </p>
            <div className="message__body">
              {message.body.split(/\n{2,}/).map((paragraph, index) => (
                <p key={index}>{paragraph}</p>
              ))}
            </div>
          </li>
        ))}
      </ol>
      {closed ? (
        <p>This conversation is closed.</p>
      ) : (
        <>
          <ErrorSummary errors={errors} labels={{ body: 'Your reply' }} />
          <PostForm action={`/account/messages/${id}`} csrfToken={ctx.csrfToken} label="Reply">
            <TextAreaField name="body" label="Your reply" value={body} error={errors.body} required maxLength={5000} rows={6} />
            <button type="submit" className="button">
              Send
            </button>
          </PostForm>
        </>
      )}
    </Layout>
  )
}
