// The parts of a conversation page that only a conversation between two members has: who can read it,
// why the reply form is missing, and the block and report forms (plain forms, no JavaScript needed).
import type { MemberConversationView } from '../../src/presenters/message.js'
import { PostForm, TextField } from './Form.js'

export function MemberConversationIntro({ view }: { view: MemberConversationView }) {
  if (!view.participant) {
    return <p className="meta">A conversation between two members. You can read it because one of them reported it to the moderators; you cannot write in it.</p>
  }
  return <p className="meta">Only you and {view.otherName} can read this conversation. If you report it, the moderators can read it too. We never put what you write in an email.</p>
}

/** Why there is no reply form: the viewer's own block is named; anything else is only "closed". */
export function MemberReplyClosed({ view }: { view: MemberConversationView }) {
  if (view.viewerBlocked) return <p>You have blocked {view.otherName}. Unblock them to write here again.</p>
  return <p>This conversation is closed.</p>
}

export function MemberConversationControls({ id, view, csrfToken }: { id: number | string; view: MemberConversationView; csrfToken: string }) {
  return (
    <section aria-labelledby="conversation-safety" className="conversation-safety">
      <h2 id="conversation-safety">Block or report</h2>
      {view.viewerBlocked ? (
        <PostForm action={`/account/messages/${id}/unblock`} csrfToken={csrfToken} label={`Unblock ${view.otherName}`}>
          <button type="submit" className="button button--secondary">
            Unblock {view.otherName}
          </button>
        </PostForm>
      ) : (
        <PostForm action={`/account/messages/${id}/block`} csrfToken={csrfToken} label={`Block ${view.otherName}`}>
          <p>Blocking stops {view.otherName} writing to you. They are not told; they see this conversation as closed.</p>
          <button type="submit" className="button button--secondary">
            Block {view.otherName}
          </button>
        </PostForm>
      )}
      <PostForm action={`/account/messages/${id}/report`} csrfToken={csrfToken} label="Report this conversation">
        <p>Reporting lets the moderators read this conversation, so that they can help.</p>
        <TextField name="reason" label="What is wrong? (optional)" value="" maxLength={200} />
        <button type="submit" className="button button--secondary">
          Report this conversation
        </button>
      </PostForm>
    </section>
  )
}

/** Beside a post's byline, when the viewer may write to its author (src/queries/conversations.ts messageablePosts). */
export function MessageAuthorLink({ messageable, collection, id, name }: { messageable?: readonly string[]; collection: 'threads' | 'replies'; id: number | string; name: string }) {
  if (!messageable?.includes(`${collection}:${id}`)) return null
  return (
    <p className="meta">
      <a href={`/account/messages/new?${collection}=${id}`}>Message {name} privately</a>
    </p>
  )
}
