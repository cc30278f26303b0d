// /admin/queue: the moderators' one queue across stories, threads, replies and flags, crisis first,
// then flagged, then oldest. Forum posts and flags are decided here; a story opens in its edit view.
import type { AdminViewServerProps } from 'payload'
import { Gutter } from '@payloadcms/ui'
import { DefaultTemplate } from '@payloadcms/next/templates'
import React from 'react'

import { loadModerationSettings } from '../forum/settings.js'
import { loadModerationQueue } from '../moderation/queue.js'
import { isModerator } from '../policies/roles.js'
import { FlagActions } from './FlagActions.js'
import { PostActions } from './PostActions.js'

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
  if (!user || !isModerator(user as never)) return template(<p>The moderation queue is for moderators.</p>)
  const [items, settings] = await Promise.all([loadModerationQueue(req.payload, user), loadModerationSettings(req.payload)])
  return template(
    <>
      <h1>Moderation queue</h1>
      <p>Crisis first, then flagged, then oldest first. {items.length === 0 ? 'Nothing is waiting.' : `${items.length} waiting.`}</p>
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
    </>,
  )
}
