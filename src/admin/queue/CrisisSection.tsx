// The crisis alerts at the top of /admin/queue: people who may be in danger, from any door, oldest first.
import React from 'react'

import type { CrisisQueueItem } from '../../moderation/crisisQueue.js'
import { CrisisAlertActions } from '../CrisisAlertActions.js'
import { PrivateMessageForm } from '../PrivateMessageForm.js'
import { DecisionConfirmation } from './DecisionConfirmation.js'
import type { Confirmation } from './ModerationQueueSection.js'
import { when } from './when.js'

export function CrisisSection({ items, confirmation = null }: { items: CrisisQueueItem[]; confirmation?: Confirmation | null }) {
  return (
    <section aria-labelledby="crisis-alerts-heading" className="waymark-queue__section">
      <h1 id="crisis-alerts-heading">Crisis alerts</h1>
      <p>
        Members whose words suggest they may be in danger, oldest first. {items.length === 0 ? 'None are open.' : `${items.length} open.`} Emails to the safeguarding leads never quote the member; read
        the item here.
      </p>
      {confirmation ? <DecisionConfirmation text={confirmation.text} next={items[0] ? { href: `#crisis-${items[0].id}`, label: `${items[0].memberName}’s ${items[0].what}` } : null} /> : null}
      <ol className="waymark-queue__list">
        {items.map((item) => (
          <li key={String(item.id)} id={`crisis-${item.id}`} className="waymark-queue__item waymark-queue__item--crisis">
            <h2 className="waymark-queue__title">
              <strong>CRISIS · </strong>
              {item.memberName}’s {item.what}
            </h2>
            <p className="waymark-queue__meta">
              {item.locality ? `${item.locality} · ` : ''}
              since {when(item.since)}
              {item.matchCount > 1 && item.lastMatchedAt ? ` · ${item.matchCount} times, last ${when(item.lastMatchedAt)}` : ''} · {item.held ? 'held until marked safe' : 'not published'}
            </p>
            <p className="waymark-queue__meta">Matched: {item.matched.join('; ') || 'crisis words'}</p>
            {item.itemLink ? (
              <p className="waymark-queue__meta">
                <a href={item.itemLink}>Open the {item.what}</a>
              </p>
            ) : item.privateDraft ? (
              <p className="waymark-queue__meta">It is in a private draft: nobody but the author can read it.</p>
            ) : null}
            {item.conversation ? (
              <p className="waymark-queue__meta">
                <a href={`/account/messages/${item.conversation}`}>Open the private line with {item.memberName}</a>
              </p>
            ) : null}
            <PrivateMessageForm alertId={item.id} memberName={item.memberName} />
            <CrisisAlertActions id={item.id} />
          </li>
        ))}
      </ol>
    </section>
  )
}
