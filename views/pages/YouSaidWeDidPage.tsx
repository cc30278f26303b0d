import { ACTION_STATES, ACTION_STATE_LABELS } from '../../src/policies/actions.js'
import type { PresentedAction } from '../../src/presenters/meeting.js'
import { Layout } from '../components/Layout.js'
import { FilterSelect } from '../components/Filters.js'
import { ActionList, LocalityFilter } from '../components/Meetings.js'
import type { PageContext } from '../components/PageContext.js'

export function YouSaidWeDidPage({ ctx, actions, status, localitySlug }: { ctx: PageContext; actions: PresentedAction[]; status: string; localitySlug: string }) {
  return (
    <Layout ctx={ctx} title="You said, we did" description="What the forum raised with services, who is doing something about it, and what changed.">
      <h1>You said, we did</h1>
      <p className="lead">What people raised at forum meetings and in conversations, who took it on, and what changed because of it.</p>
      <LocalityFilter action="/you-said-we-did" localities={ctx.localities} selected={localitySlug}>
        <FilterSelect id="filter-status" name="status" label="Status" anyLabel="Any status" choices={ACTION_STATES.map((s) => ({ value: s, label: ACTION_STATE_LABELS[s] }))} selected={status} />
      </LocalityFilter>
      <p role="status">
        {actions.length} {actions.length === 1 ? 'action' : 'actions'}
      </p>
      <ActionList actions={actions} headingLevel={2} />
    </Layout>
  )
}
