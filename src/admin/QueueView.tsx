// /admin/queue: first the crisis alerts (people who may be in danger, from any door), then the
// moderators' one queue across stories, threads, replies and flags, crisis first, then flagged, then
// oldest. Safeguarding leads who are not moderators see the crisis part only.
import type { AdminViewServerProps } from 'payload'
import { Gutter } from '@payloadcms/ui'
import { DefaultTemplate } from '@payloadcms/next/templates'
import React from 'react'

import { loadModerationSettings } from '../forum/settings.js'
import { loadCrisisQueue, type CrisisQueueItem } from '../moderation/crisisQueue.js'
import { loadModerationQueue } from '../moderation/queue.js'
import { isModerator } from '../policies/roles.js'
import { canEnterSafeguardingWork } from '../policies/safeguarding.js'
import { CrisisAlertActions } from './CrisisAlertActions.js'
import { PrivateMessageForm } from './PrivateMessageForm.js'
import { conversationList, type ConversationRow } from '../queries/conversations.js'
import { FlagActions } from './FlagActions.js'
import { PostActions } from './PostActions.js'
import { RolesToConfirm } from './RolesToConfirm.js'

const KIND_LABEL = { stories: 'Story', threads: 'Thread', replies: 'Reply' } as const

export async function QueueView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req } = initPageResult
  const user = req.user as Record<string, any> | null
  const template = (children: React.ReactNode) => (
    <DefaultTemplate
      i18n={req.i18n}
      locale={initPageResult.locale}
      params={params}
      payload={req.payload}
      permissions={initPageResult.permissions}
      searchParams={searchParams}
      user={req.user || undefined}
      visibleEntities={initPageResult.visibleEntities}
    >
      <Gutter>{children}</Gutter>
    </DefaultTemplate>
  )
  if (!user || !canEnterSafeguardingWork(user as never)) return template(<p>The moderation queue is for moderators and safeguarding leads.</p>)
  const moderator = isModerator(user as never)
  const [crisis, lines, items, settings] = await Promise.all([
    loadCrisisQueue(req.payload, user),
    conversationList(req.payload, user),
    moderator ? loadModerationQueue(req.payload, user) : Promise.resolve([]),
    loadModerationSettings(req.payload),
  ])
  return template(
    <>
      <CrisisSection items={crisis} />
      <PrivateLines rows={lines.filter((row) => !row.yours)} />
      {moderator ? <h1>Moderation queue</h1> : null}
      {moderator ? null : <p>As a safeguarding lead you see the crisis alerts above. Everything else here is for moderators.</p>}
      {moderator ? <p>Crisis first, then flagged, then oldest first. {items.length === 0 ? 'Nothing is waiting.' : `${items.length} waiting.`}</p> : null}
      <ol style={{ listStyle: 'none', padding: 0 }}>
        {items.map((item) => (
          <li key={`${item.kind}:${item.id}`} style={{ borderTop: '1px solid var(--theme-elevation-150)', padding: '1rem 0' }}>
            <h2 style={{ fontSize: '1.1rem', margin: 0 }}>
              {item.crisis ? <strong style={{ color: 'var(--theme-error-500)' }}>CRISIS · </strong> : null}
              {KIND_LABEL[item.kind]}: <a href={`/admin/collections/${item.kind}/${item.id}`}>{item.title}</a>
            </h2>
            <p style={{ margin: '0.25rem 0' }}>
              {item.locality ? `${item.locality} · ` : ''}
              {item.status} · waiting since {new Date(item.since).toLocaleString('en-GB', { timeZone: 'Europe/London' })} · {item.why.join(', ')}
            </p>
            {item.excerpt ? <blockquote style={{ margin: '0.25rem 0 0.5rem 1rem' }}>{item.excerpt}</blockquote> : null}
            {item.kind === 'stories' ? (
              <p>
                <a href={`/admin/collections/stories/${item.id}`}>Open the story to decide</a>
              </p>
            ) : (
              <PostActions kind={item.kind} id={item.id} cannedReasons={settings.cannedReasons} />
            )}
            {item.openFlags.map((flag) => (
              <FlagActions key={String(flag.id)} id={flag.id} reason={flag.reason} note={flag.note} />
            ))}
          </li>
        ))}
      </ol>
      <RolesToConfirm payload={req.payload} user={user} />
    </>,
  )
}

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' })

function CrisisSection({ items }: { items: CrisisQueueItem[] }) {
  return (
    <section aria-labelledby="crisis-alerts-heading" style={{ marginBottom: '2rem' }}>
      <h1 id="crisis-alerts-heading">Crisis alerts</h1>
      <p>
        Members whose words suggest they may be in danger, oldest first. {items.length === 0 ? 'None are open.' : `${items.length} open.`} Emails to the safeguarding
        leads never quote the member; read the item here.
      </p>
      <ol style={{ listStyle: 'none', padding: 0 }}>
        {items.map((item) => (
          <li key={String(item.id)} id={`crisis-${item.id}`} style={{ borderLeft: '4px solid var(--theme-error-500)', padding: '0.5rem 0 0.5rem 1rem', marginBottom: '1rem' }}>
            <h2 style={{ fontSize: '1.1rem', margin: 0 }}>
              <strong style={{ color: 'var(--theme-error-500)' }}>CRISIS · </strong>
              {item.memberName}’s {item.what}
            </h2>
            <p style={{ margin: '0.25rem 0' }}>
              {item.locality ? `${item.locality} · ` : ''}
              since {when(item.since)}
              {item.matchCount > 1 && item.lastMatchedAt ? ` · ${item.matchCount} times, last ${when(item.lastMatchedAt)}` : ''} · {item.held ? 'held until marked safe' : 'not published'}
            </p>
            <p style={{ margin: '0.25rem 0' }}>Matched: {item.matched.join('; ') || 'crisis words'}</p>
            {item.itemLink ? (
              <p style={{ margin: '0.25rem 0' }}>
                <a href={item.itemLink}>Open the {item.what}</a>
              </p>
            ) : item.privateDraft ? (
              <p style={{ margin: '0.25rem 0' }}>It is in a private draft: nobody but the author can read it.</p>
            ) : null}
            {item.conversation ? (
              <p style={{ margin: '0.25rem 0' }}>
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

/** Private lines this person looks after, members' unread replies first. */
function PrivateLines({ rows }: { rows: ConversationRow[] }) {
  if (rows.length === 0) return null
  const ordered = [...rows].sort((a, b) => Number(b.unread) - Number(a.unread))
  return (
    <section aria-labelledby="private-lines-heading" style={{ marginBottom: '2rem' }}>
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
