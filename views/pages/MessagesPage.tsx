import type { ConversationRow } from '../../src/presenters/message.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'
import { formatLondon } from '../../src/policies/londonTime.js'

const when = (iso: string) => formatLondon('sentAt', iso)

/** The viewer's private conversations: with other members, from the moderators, and for staff the lines they handle. */
export function MessagesPage({ ctx, rows }: { ctx: PageContext; rows: ConversationRow[] }) {
  return (
    <Layout ctx={ctx} title="Messages">
      <h1>Messages</h1>
      <p>
        Private messages between you and other members, and between you and the people who look after members’ safety here: the moderators of your area and our safeguarding leads. Nobody else can read
        them (moderators read a conversation between members only if one of you reports it), and we never put what they say in an email.
      </p>
      <p>To write to a member, use the “Message” link beside their name on one of their posts.</p>
      {rows.length === 0 ? (
        <p>You have no messages.</p>
      ) : (
        <ul className="conversation-list">
          {rows.map((row) => (
            <li key={String(row.id)}>
              <a href={row.href}>{row.title}</a>
              {row.unread ? <span className="badge badge--new">new</span> : null}
              {row.lastMessageAt ? <span className="meta"> · last message {when(row.lastMessageAt)}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}
