// The moderators' one queue across stories, threads, replies and flags: crisis first, then flagged,
// then oldest. Each item says what it is, who wrote it (and whether they are new), which thread a
// reply answers, which watched words it matched, and why it waits. After a decision the queue comes
// back with a confirmation naming it (DecisionConfirmation) and the item gone.
import React from 'react'

import type { QueueItem } from '../../policies/moderationQueue.js'
import type { CannedReason } from '../PostActions.js'
import { FlagActions } from '../FlagActions.js'
import { PostActions } from '../PostActions.js'
import { DecisionConfirmation, type NextItem } from './DecisionConfirmation.js'
import { when } from './when.js'

const KIND_LABEL = { stories: 'Story', threads: 'Thread', replies: 'Reply' } as const

export type Confirmation = { about: string; text: string; next?: string | null }

const keyOf = (item: QueueItem) => `${item.kind}:${item.id}`
const anchorOf = (item: QueueItem) => `queue-item-${item.kind}-${item.id}`
/** A reply is named by its thread: "in “Bus times”". */
const titleOf = (item: QueueItem) => (item.kind === 'replies' && item.inReplyTo ? `in “${item.inReplyTo.title}”` : item.title)
const nameOf = (item: QueueItem) => (item.kind === 'replies' ? `Reply ${titleOf(item)}` : `${KIND_LABEL[item.kind]}: ${item.title}`)

export function ModerationQueueSection({ items, cannedReasons, confirmation }: { items: QueueItem[]; cannedReasons: CannedReason[]; confirmation: Confirmation | null }) {
  const nextAfter = (index: number) => (items[index + 1] ? keyOf(items[index + 1]!) : undefined)
  let next: NextItem | null = null
  if (confirmation) {
    const item = items.find((i) => keyOf(i) === confirmation.next) ?? items[0]
    next = item ? { href: `#${anchorOf(item)}`, label: nameOf(item) } : null
  }
  return (
    <section aria-labelledby="moderation-queue-heading" className="waymark-queue__section">
      <h1 id="moderation-queue-heading">Moderation queue</h1>
      <p>Crisis first, then flagged, then oldest first. {items.length === 0 ? 'Nothing is waiting.' : `${items.length} waiting.`}</p>
      {confirmation ? <DecisionConfirmation text={confirmation.text} next={next} /> : null}
      <ol className="waymark-queue__list">
        {items.map((item, index) => (
          <QueueEntry key={keyOf(item)} item={item} cannedReasons={cannedReasons} next={nextAfter(index)} />
        ))}
      </ol>
    </section>
  )
}

function QueueEntry({ item, cannedReasons, next }: { item: QueueItem; cannedReasons: CannedReason[]; next?: string }) {
  return (
    <li data-queue-item={keyOf(item)} id={anchorOf(item)} className={`waymark-queue__item${item.crisis ? ' waymark-queue__item--crisis' : ''}`}>
      <h2 className="waymark-queue__title">
        {item.crisis ? <strong>CRISIS · </strong> : null}
        {KIND_LABEL[item.kind]}: <a href={`/admin/collections/${item.kind}/${item.id}`}>{titleOf(item)}</a>
      </h2>
      {item.inReplyTo ? (
        <p className="waymark-queue__meta">
          In reply to <a href={`/admin/collections/threads/${item.inReplyTo.id}`}>{item.inReplyTo.title}</a>
        </p>
      ) : null}
      {item.author ? (
        <p className="waymark-queue__meta">
          By <strong className="waymark-queue__author">{item.author.name}</strong>
          {item.author.newcomer ? (
            <>
              {' '}
              <span className="badge badge--newcomer">Newcomer</span>
            </>
          ) : null}
        </p>
      ) : null}
      <p className="waymark-queue__meta">
        {item.locality ? `${item.locality} · ` : ''}
        {item.status} · waiting since {when(item.since)}
        {item.why.length > 0 ? ` · ${item.why.join(', ')}` : ''}
      </p>
      {item.watchedWords && item.watchedWords.length > 0 ? (
        <p className="waymark-queue__meta">
          Watched words:{' '}
          {item.watchedWords.map((phrase, index) => (
            <React.Fragment key={phrase}>
              {index > 0 ? ', ' : ''}
              <q className="waymark-queue__phrase">{phrase}</q>
            </React.Fragment>
          ))}
        </p>
      ) : null}
      {item.excerpt ? <blockquote className="waymark-queue__excerpt">{item.excerpt}</blockquote> : null}
      {item.kind === 'stories' ? (
        <p>
          <a href={`/admin/collections/stories/${item.id}`}>Open the story to decide</a>
        </p>
      ) : (
        <PostActions kind={item.kind} id={item.id} cannedReasons={cannedReasons} queue={{ next }} />
      )}
      {item.openFlags.map((flag) => (
        <FlagActions key={String(flag.id)} id={flag.id} reason={flag.reason} note={flag.note} queue={{ next: keyOf(item) }} />
      ))}
    </li>
  )
}
