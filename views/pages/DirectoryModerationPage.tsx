// The moderators' directory page: suggestions waiting for a decision, entries not checked for six
// months, and the CSV export and import. Moderators see only their own localities' entries.
import type { RowProblem } from '../../src/policies/directoryCsv.js'
import type { ModeratorDirectoryRow } from '../../src/presenters/directory.js'
import { PostForm } from '../components/Form.js'
import { Layout } from '../components/Layout.js'
import type { PageContext } from '../components/PageContext.js'

export type ImportOutcome = { ok: true; created: number; updated: number } | { ok: false; problems: RowProblem[] }

const adminHref = (id: string) => `/admin/collections/directory-entries/${id}`

export function DirectoryModerationPage({
  ctx,
  waiting,
  stale,
  outcome,
  notice,
}: {
  ctx: PageContext
  waiting: ModeratorDirectoryRow[]
  stale: ModeratorDirectoryRow[]
  outcome?: ImportOutcome
  notice?: string
}) {
  return (
    <Layout ctx={ctx} title="Directory: moderators">
      <h1>Directory: moderators</h1>
      {notice ? (
        <div className="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      {outcome ? (
        outcome.ok ? (
          <div className="notice" role="status">
            <p>{`Imported: ${outcome.created} new ${outcome.created === 1 ? 'entry' : 'entries'}, ${outcome.updated} updated.`}</p>
          </div>
        ) : (
          <div className="error-summary" role="alert" aria-labelledby="import-problems" tabIndex={-1}>
            <h2 id="import-problems">Nothing was imported: {outcome.problems.length === 1 ? '1 row needs fixing' : `${outcome.problems.length} rows need fixing`}</h2>
            <ul className="import-problems">
              {outcome.problems.map((p) => (
                <li key={`${p.row}-${p.reason}`}>{p.row > 0 ? `Row ${p.row}: ${p.reason}` : p.reason}</li>
              ))}
            </ul>
          </div>
        )
      ) : null}
      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">{`Suggestions waiting (${waiting.length})`}</h2>
        {waiting.length === 0 ? (
          <p>No suggestions are waiting.</p>
        ) : (
          <ul className="directory-work">
            {waiting.map((row) => (
              <li key={row.id}>
                <p>
                  <strong>{row.name}</strong> · {row.suggestionType === 'correction' ? `a correction to entry ${row.correctionOf}` : 'a new entry'} · {row.kind} · {row.locality} ·{' '}
                  <a href={adminHref(row.id)}>
                    Check it in the admin<span className="visually-hidden">: {row.name}</span>
                  </a>
                </p>
                <div className="inline-actions">
                  <PostForm action={`/directory/moderate/${row.id}/decide`} csrfToken={ctx.csrfToken} label={`Approve ${row.name}`}>
                    <input type="hidden" name="decision" value="approved" />
                    <button type="submit" className="button">
                      Approve<span className="visually-hidden"> {row.name}</span>
                    </button>
                  </PostForm>
                  <PostForm action={`/directory/moderate/${row.id}/decide`} csrfToken={ctx.csrfToken} label={`Reject ${row.name}`}>
                    <input type="hidden" name="decision" value="rejected" />
                    <button type="submit" className="button button--secondary">
                      Reject<span className="visually-hidden"> {row.name}</span>
                    </button>
                  </PostForm>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="stale-heading">
        <h2 id="stale-heading">{`Not checked for six months (${stale.length})`}</h2>
        {stale.length === 0 ? (
          <p>Every entry has been checked in the last six months.</p>
        ) : (
          <ul className="directory-work">
            {stale.map((row) => (
              <li key={row.id}>
                <p>
                  <a href={`/directory/${row.id}`}>{row.name}</a> · {row.locality} · {row.checkedOn ? `last checked ${row.checkedOn}` : 'never checked'} ·{' '}
                  <a href={adminHref(row.id)}>
                    Edit<span className="visually-hidden"> {row.name}</span>
                  </a>
                </p>
                <PostForm action={`/directory/moderate/${row.id}/checked`} csrfToken={ctx.csrfToken} label={`Mark ${row.name} as checked`}>
                  <button type="submit" className="button button--secondary">
                    It is still right<span className="visually-hidden">: {row.name}</span>
                  </button>
                </PostForm>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="csv-heading">
        <h2 id="csv-heading">Spreadsheet</h2>
        <p>
          <a href="/directory/moderate/export.csv">Download the directory as CSV</a>. Change it in a spreadsheet and import it again: rows with an id update that entry, rows without one add an entry.
          Every row is checked first, and nothing is imported unless every row is right.
        </p>
        <PostForm action="/directory/moderate/import" csrfToken={ctx.csrfToken} label="Import a CSV file" multipart>
          <div className="field">
            <label htmlFor="field-file">CSV file</label>
            <input id="field-file" type="file" name="file" accept=".csv,text/csv" />
          </div>
          <button type="submit" className="button">
            Import
          </button>
        </PostForm>
      </section>
    </Layout>
  )
}
