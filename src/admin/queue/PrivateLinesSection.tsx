// Private lines this person looks after, members' unread replies first.
import React from 'react'

import type { ConversationRow } from '../../queries/conversations.js'
import { when } from './when.js'

export function PrivateLinesSection({ rows }: { rows: ConversationRow[] }) {
  if (rows.length === 0) return null
  const ordered = [...rows].sort((a, b) => Number(b.unread) - Number(a.unread))
  return (
    <section aria-labelledby="private-lines-heading" className="waymark-queue__section">
      <h2 id="private-lines-heading">Private lines</h2>
      <ul>
        {ordered.map((row) => (
          <li key={String(row.id)}>
            <a href={`/account/messages/${row.id}`}>{row.title}</a>
            {row.unread ? <strong> · new reply</strong> : null}
            {row.lastMessageAt ? ` · last message ${when(row.lastMessageAt)}` : ''}
          </li>
        ))}
      </ul>
    </section>
  )
}
