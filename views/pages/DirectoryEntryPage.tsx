import type { DirectoryEntryView } from '../../src/presenters/directory.js'
import { JsonLd } from '../components/Directory.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

export function DirectoryEntryPage({ ctx, entry, jsonLd }: { ctx: PageContext; entry: DirectoryEntryView; jsonLd: Record<string, unknown> }) {
  return (
    <Layout ctx={ctx} title={entry.name} description={entry.description ?? undefined}>
      <p>
        <a href="/directory">All groups and services</a>
      </p>
      <h1>{entry.name}</h1>
      <p className="meta">{[entry.kind?.name, entry.locality?.name].filter(Boolean).join(' · ')}</p>
      {entry.description ? <p className="lead">{entry.description}</p> : null}
      <dl className="facts directory-details">
        {entry.meets.length > 0 ? (
          <>
            <dt>When it meets</dt>
            <dd>
              <ul>
                {entry.meets.map((m, i) => (
                  <li key={i}>{m.text}</li>
                ))}
              </ul>
              {entry.meetsNote ? <p>{entry.meetsNote}</p> : null}
              <p>
                <a href={`/directory/${entry.id}/calendar.ics`}>Add these meetings to your calendar</a>
              </p>
            </dd>
          </>
        ) : entry.meetsNote ? (
          <>
            <dt>When</dt>
            <dd>{entry.meetsNote}</dd>
          </>
        ) : null}
        {entry.thisWeek.length > 0 ? (
          <>
            <dt>This week</dt>
            <dd>{entry.thisWeek.join('; ')}</dd>
          </>
        ) : null}
        {entry.address || entry.postcode ? (
          <>
            <dt>Where</dt>
            <dd>{[entry.address, entry.postcode].filter(Boolean).join(', ')}</dd>
          </>
        ) : null}
        {entry.cost ? (
          <>
            <dt>Cost</dt>
            <dd>{entry.cost}</dd>
          </>
        ) : null}
        {entry.contact ? (
          <>
            <dt>Contact</dt>
            <dd>{entry.contact}</dd>
          </>
        ) : null}
        {entry.website ? (
          <>
            <dt>Website</dt>
            <dd>
              <a href={entry.website} rel="nofollow noopener">
                {entry.website}
              </a>
            </dd>
          </>
        ) : null}
        {entry.accessibility.length > 0 ? (
          <>
            <dt>Accessibility</dt>
            <dd>{entry.accessibility.map((a) => a.label).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <p className={entry.stale ? 'notice notice--warning' : 'meta'}>
        {entry.checkedOn ? `Last checked ${entry.checkedOn}.` : 'Not checked by a moderator yet.'}
        {entry.stale ? ' It may be out of date: check with the group before you go.' : ''}
      </p>
      <p>
        Something wrong or changed? <a href={`/directory/${entry.id}/correct`}>Suggest a correction</a>.
      </p>
      <JsonLd data={jsonLd} />
    </Layout>
  )
}
