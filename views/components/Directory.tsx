// Parts of the directory pages: the filters (a plain GET form and links, no JavaScript needed), the
// list of entries, and the JSON-LD block, escaped for a <script> element (src/policies/directory.ts).
import { directoryHref, jsonForScript, WEEKDAYS, type DirectoryFilters } from '../../src/policies/directory.js'
import type { DirectoryEntryView, DirectoryKindView } from '../../src/presenters/directory.js'

/** schema.org data for machines. The text is member-suggested: jsonForScript keeps it inside the element. */
export function JsonLd({ data }: { data: Record<string, unknown> }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />
}

export function DirectoryFilterForm({ kinds, localities, filters }: { kinds: DirectoryKindView[]; localities: { slug: string; name: string }[]; filters: DirectoryFilters }) {
  return (
    <form method="get" action="/directory" className="filters" aria-label="Filter the directory">
      <div className="field">
        <label htmlFor="filter-kind">Kind</label>
        <select id="filter-kind" name="kind" defaultValue={filters.kind ?? ''}>
          <option value="">All kinds</option>
          {kinds.map((k) => (
            <option key={k.slug} value={k.slug}>
              {k.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-locality">Locality</label>
        <select id="filter-locality" name="locality" defaultValue={filters.locality ?? ''}>
          <option value="">All localities</option>
          {localities.map((l) => (
            <option key={l.slug} value={l.slug}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-day">Day</label>
        <select id="filter-day" name="day" defaultValue={filters.day ?? ''}>
          <option value="">Any day</option>
          {WEEKDAYS.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-when">When</label>
        <select id="filter-when" name="when" defaultValue={filters.week ? 'week' : ''}>
          <option value="">Any time</option>
          <option value="week">This week (next 7 days)</option>
        </select>
      </div>
      <button type="submit" className="button button--secondary">
        Show
      </button>
    </form>
  )
}

/** Quick links: each kind, and "meeting this week", as plain links that keep the other filters. */
export function DirectoryQuickLinks({ kinds, filters }: { kinds: DirectoryKindView[]; filters: DirectoryFilters }) {
  return (
    <nav aria-label="Directory shortcuts" className="directory-links">
      <p>
        <a href={directoryHref({ ...filters, week: true })} aria-current={filters.week ? 'page' : undefined}>
          Meeting this week
        </a>
        {kinds.map((k) => (
          <span key={k.slug}>
            {' · '}
            <a href={directoryHref({ ...filters, kind: k.slug })} aria-current={filters.kind === k.slug ? 'page' : undefined}>
              {k.name}
            </a>
          </span>
        ))}
        {Object.keys(filters).length > 0 ? (
          <>
            {' · '}
            <a href="/directory">Clear filters</a>
          </>
        ) : null}
      </p>
    </nav>
  )
}

export function DirectoryEntryList({
  entries,
  headingLevel = 2,
  showLocality = true,
  empty = 'No groups or services match. Try fewer filters.',
}: {
  entries: DirectoryEntryView[]
  headingLevel?: 2 | 3
  showLocality?: boolean
  empty?: string
}) {
  if (entries.length === 0) return <p>{empty}</p>
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <ul className="card-list directory-list">
      {entries.map((entry) => (
        <li key={entry.id} className="card">
          <Heading>
            <a href={`/directory/${entry.id}`}>{entry.name}</a>
          </Heading>
          <p className="meta">{[entry.kind?.name, showLocality ? entry.locality?.name : null].filter(Boolean).join(' · ')}</p>
          {entry.meets.length > 0 ? <p>{entry.meets.map((m) => m.text).join('; ')}</p> : null}
          {entry.accessibility.length > 0 ? <p className="meta">{entry.accessibility.map((a) => a.label).join(', ')}</p> : null}
          <p className="meta">{entry.checkedOn ? `Last checked ${entry.checkedOn}` : 'Not checked yet'}</p>
        </li>
      ))}
    </ul>
  )
}
