// /admin/queue: first the crisis alerts (people who may be in danger, from any door), then the
// moderators' one queue across stories, threads, replies and flags, crisis first, then flagged, then
// oldest. Safeguarding leads who are not moderators see the crisis part only. Each part is its own
// component (src/admin/queue/); the whole view sits in a <main> landmark under [data-waymark-view].
import type { AdminViewServerProps } from 'payload'
import { Gutter } from '@payloadcms/ui'
import { DefaultTemplate } from '@payloadcms/next/templates'
import React from 'react'

import { loadModerationSettings } from '../forum/settings.js'
import { loadCrisisQueue } from '../moderation/crisisQueue.js'
import { decidedItemTitle, loadModerationQueue } from '../moderation/queue.js'
import { readDecided } from '../policies/moderationQueue.js'
import { isModerator } from '../policies/roles.js'
import { canEnterSafeguardingWork } from '../policies/safeguarding.js'
import { conversationList } from '../queries/conversations.js'
import { CrisisSection } from './queue/CrisisSection.js'
import { ModerationQueueSection, type Confirmation } from './queue/ModerationQueueSection.js'
import { PrivateLinesSection } from './queue/PrivateLinesSection.js'
import { RolesToConfirm } from './RolesToConfirm.js'

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
      <Gutter>
        <main id="waymark-main" className="waymark-queue">
          <div data-waymark-view="queue">{children}</div>
        </main>
      </Gutter>
    </DefaultTemplate>
  )
  if (!user || !canEnterSafeguardingWork(user as never)) return template(<p>The moderation queue is for moderators and safeguarding leads.</p>)
  const moderator = isModerator(user as never)
  const [crisis, lines, items, settings, confirmation] = await Promise.all([
    loadCrisisQueue(req.payload, user),
    conversationList(req.payload, user),
    moderator ? loadModerationQueue(req.payload, user) : Promise.resolve([]),
    loadModerationSettings(req.payload),
    confirmationFor(req.payload, user, searchParams),
  ])
  return template(
    <>
      <CrisisSection items={crisis} confirmation={confirmation?.about === 'crisis-alerts' ? confirmation : null} />
      <PrivateLinesSection rows={lines.filter((row) => !row.yours)} />
      {moderator ? (
        <ModerationQueueSection items={items} cannedReasons={settings.cannedReasons} confirmation={confirmation?.about === 'crisis-alerts' ? null : confirmation} />
      ) : (
        <p>As a safeguarding lead you see the crisis alerts above. Everything else here is for moderators.</p>
      )}
      <RolesToConfirm payload={req.payload} user={user} />
    </>,
  )
}

/** "Approved: “Bus times”." after a decision (the address names it: ?decided=<kind>:<id>&decision=<action>). */
async function confirmationFor(payload: Parameters<typeof decidedItemTitle>[0], user: Record<string, any>, searchParams: AdminViewServerProps['searchParams']): Promise<Confirmation | null> {
  const first = (value: unknown) => (Array.isArray(value) ? value[0] : value)
  const decided = readDecided(first(searchParams?.decided), first(searchParams?.decision))
  if (!decided) return null
  const title = decided.kind === 'crisis-alerts' ? null : await decidedItemTitle(payload, user, decided.kind, decided.id)
  const next = first(searchParams?.next)
  return { about: decided.kind, text: title ? `${decided.label}: ${title}.` : `${decided.label}.`, next: typeof next === 'string' ? next : null }
}
