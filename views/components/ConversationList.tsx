// Forum conversations as short lines (title, forum, replies, last activity): the home page's lists.
import { formatLondon } from '../../src/policies/londonTime.js'
import type { ConversationSummary } from '../../src/presenters/home.js'

export function ConversationList({ conversations, empty }: { conversations: ConversationSummary[]; empty: string }) {
  if (conversations.length === 0) return <p>{empty}</p>
  return (
    <ul className="meeting-list">
      {conversations.map((conversation) => (
        <li key={String(conversation.id)}>
          <a href={`/threads/${conversation.id}`}>{conversation.title}</a>
          <br />
          <span className="meta">
            {conversation.locality ? `${conversation.locality.name} · ` : ''}
            {conversation.replyCount === 1 ? '1 reply' : `${conversation.replyCount} replies`} · last activity{' '}
            <time dateTime={conversation.lastActivityAt}>{conversation.lastActivityAt ? formatLondon('postedAt', conversation.lastActivityAt) : ''}</time>
          </span>
        </li>
      ))}
    </ul>
  )
}
