// Parts of the directory pages: the filters (a plain GET form and links, no JavaScript needed), the
// list of entries, and the JSON-LD block, escaped for a <script> element (src/policies/directory.ts).
import { directoryHref, jsonForScript, WEEKDAYS, type DirectoryFilters } from '../../src/policies/directory.js'
import type { DirectoryEntryView, DirectoryKindView } from '../../src/presenters/directory.js'
import { FilterForm, FilterSelect, localityChoices } from './Filters.js'

/** schema.org data for machines. The text is member-suggested: jsonForScript keeps it inside the element. */
export function JsonLd({ data }: { data: Record<string, unknown> }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />
}

export function DirectoryFilterForm({ kinds, localities, filters }: { kinds: DirectoryKindView[]; localities: { slug: string; name: string }[]; filters: DirectoryFilters }) {
  return (
    <FilterForm action="/directory" label="Filter the directory">
      <FilterSelect id="filter-kind" name="kind" label="Kind" anyLabel="All kinds" choices={kinds.map((k) => ({ value: k.slug, label: k.name }))} selected={filters.kind ?? ''} />
      <FilterSelect id="filter-locality" name="locality" label="Locality" anyLabel="All localities" choices={localityChoices(localities)} selected={filters.locality ?? ''} />
      <FilterSelect id="filter-day" name="day" label="Day" anyLabel="Any day" choices={WEEKDAYS.map((d) => ({ value: d.value, label: d.label }))} selected={filters.day ?? ''} />
      <FilterSelect id="filter-when" name="when" label="When" anyLabel="Any time" choices={[{ value: 'week', label: 'This week (next 7 days)' }]} selected={filters.week ? 'week' : ''} />
    </FilterForm>
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
