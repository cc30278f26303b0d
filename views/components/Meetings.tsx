// Meeting and action lists shared by the meetings pages, the locality page and the report.
import type { ReactNode } from 'react'

import type { MeetingSummary, PresentedAction } from '../../src/presenters/meeting.js'
import { FilterForm, FilterSelect, localityChoices } from './Filters.js'

export function MeetingStatus({ meeting }: { meeting: Pick<MeetingSummary, 'status' | 'cancellationReason'> }) {
  if (meeting.status === 'cancelled') return <span className="status--cancelled">Cancelled{meeting.cancellationReason ? `: ${meeting.cancellationReason}` : ''}</span>
  if (meeting.status === 'held') return <span className="badge">Held</span>
  return null
}

export function MeetingList({ meetings, empty }: { meetings: MeetingSummary[]; empty: string }) {
  if (meetings.length === 0) return <p>{empty}</p>
  return (
    <ul className="meeting-list">
      {meetings.map((meeting) => (
        <li key={meeting.id}>
          <a href={`/meetings/${meeting.id}`}>{meeting.title}</a> <MeetingStatus meeting={meeting} />
          <br />
          <span className="meta">
            {meeting.when}
            {meeting.venueName ? ` · ${meeting.venueName}` : ''}
            {meeting.localityName ? ` · ${meeting.localityName}` : ''}
          </span>
        </li>
      ))}
    </ul>
  )
}

export function ActionList({ actions, headingLevel = 3 }: { actions: PresentedAction[]; headingLevel?: 2 | 3 }) {
  if (actions.length === 0) return <p>No actions yet.</p>
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <ul className="action-list">
      {actions.map((action) => (
        <li key={action.id}>
          <Heading>You said: {action.description}</Heading>
          <p>
            <span className="badge">{action.statusLabel}</span>
            {action.owner ? ` · Who is doing it: ${action.owner}` : ''}
            {action.localityName ? ` · ${action.localityName}` : ''}
          </p>
          {action.outcome ? <p>We did: {action.outcome}</p> : null}
          <p className="meta">
            Raised {action.raisedOn}
            {action.meeting ? (
              <>
                {' '}
                at <a href={`/meetings/${action.meeting.id}`}>{action.meeting.title}</a>
              </>
            ) : null}
            {action.thread ? (
              <>
                {' '}
                in the conversation <a href={`/threads/${action.thread.id}`}>{action.thread.title}</a>
              </>
            ) : null}
            {action.story ? (
              <>
                {' '}
                from the story <a href={`/stories/${action.story.slug}`}>{action.story.title}</a>
              </>
            ) : null}
            {action.targetDate ? ` · Due ${action.targetDate}` : ''}
            {action.completedAt ? ` · Closed ${action.completedAt}` : ''}
          </p>
        </li>
      ))}
    </ul>
  )
}

/** A GET form of filters: works without JavaScript, and the URL can be shared. */
export function LocalityFilter({ action, localities, selected, children }: { action: string; localities: { slug: string; name: string }[]; selected: string; children?: ReactNode }) {
  return (
    <FilterForm action={action} label="Filter">
      <FilterSelect id="filter-locality" name="locality" label="Locality" anyLabel="All localities" choices={localityChoices(localities)} selected={selected} />
      {children}
    </FilterForm>
  )
}
