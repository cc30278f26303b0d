import type { LocalCrisisService } from '../../src/presenters/crisisService.js'
import type { MemberConversationView, PresentedMessage } from '../../src/presenters/message.js'
import { MemberConversationControls, MemberConversationIntro, MemberReplyClosed } from '../components/MemberConversation.js'
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
  /** A conversation between two members: the viewer's side of it (null for a safeguarding line). */
  memberView?: MemberConversationView | null
  messages: PresentedMessage[]
  closed: boolean
  body?: string
  errors?: FieldErrors
  notice?: string
  /** Shown when the member's own message matched crisis words. */
  crisisServices?: LocalCrisisService[] | null
}

const when = (iso: string) => formatLondon('sentAt', iso)

export function ConversationPage({ ctx, id, title, viewerIsMember, memberView = null, messages, closed, body = '', errors = {}, notice, crisisServices = null }: Props) {
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
      {memberView ? (
        <MemberConversationIntro view={memberView} />
      ) : (
        <p className="meta">
          {viewerIsMember
            ? 'Only you, the moderators of your area and our safeguarding leads can read this conversation.'
            : 'A private line with a member: only they, their area’s moderators and the safeguarding leads can read it. What you write is logged as a fact, never as text.'}
        </p>
      )}
      <ol className="messages">
        {messages.map((message) => (
          <li key={String(message.id)} id={`message-${message.id}`} className={message.fromViewer ? 'message message--own' : 'message'}>
            <p className="meta">
              <strong>{message.from}</strong> · <time dateTime={message.sentAt}>{when(message.sentAt)}</time>
            </p>
            {message.held ? <p className="notice notice--warning">Held: only you and our safeguarding leads can read this message. It has not been sent on.</p> : null}
            <div className="message__body">
              {message.body.split(/\n{2,}/).map((paragraph, index) => (
                <p key={index}>{paragraph}</p>
              ))}
            </div>
          </li>
        ))}
      </ol>
      {closed || (memberView && !memberView.canWrite) ? (
        memberView ? (
          <MemberReplyClosed view={memberView} />
        ) : (
          <p>This conversation is closed.</p>
        )
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
      {memberView?.participant ? <MemberConversationControls id={id} view={memberView} csrfToken={ctx.csrfToken} /> : null}
    </Layout>
  )
}
