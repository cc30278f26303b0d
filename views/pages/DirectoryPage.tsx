import type { DirectoryFilters } from '../../src/policies/directory.js'
import type { DirectoryEntryView, DirectoryKindView } from '../../src/presenters/directory.js'
import { DirectoryEntryList, DirectoryFilterForm, DirectoryQuickLinks, JsonLd } from '../components/Directory.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

export function DirectoryPage({
  ctx,
  kinds,
  filters,
  entries,
  jsonLd,
}: {
  ctx: PageContext
  kinds: DirectoryKindView[]
  filters: DirectoryFilters
  entries: DirectoryEntryView[]
  jsonLd: Record<string, unknown>
}) {
  return (
    <Layout
      ctx={ctx}
      title="Find your way: groups and services"
      description="Mutual aid, family support, recovery cafés, housing, training and work in Lancashire: when they meet and how to get there."
    >
      <h1>Find your way</h1>
      <p className="lead">Groups and services that help with recovery in Lancashire: mutual aid, family support, recovery cafés, housing, learning and work.</p>
      <DirectoryFilterForm kinds={kinds} localities={ctx.localities} filters={filters} />
      <DirectoryQuickLinks kinds={kinds} filters={filters} />
      <p aria-live="polite" className="meta">
        {entries.length === 1 ? '1 group or service' : `${entries.length} groups and services`}
      </p>
      <DirectoryEntryList entries={entries} />
      <p>
        Know a group that is missing, or something that has changed? <a href="/directory/suggest">Suggest an entry</a>. A moderator checks every suggestion before it appears.
      </p>
      {ctx.viewer?.isModerator ? (
        <p>
          <a href="/directory/moderate">Moderators: suggestions, checks and the spreadsheet</a>
        </p>
      ) : null}
      <JsonLd data={jsonLd} />
    </Layout>
  )
}
