// Editing and quoting on the thread page: the "edited" time everyone sees, the author's Edit link, a
// Quote link for members who may reply, and the earlier versions for the locality's moderators. Plain
// links and a <details>: nothing needs JavaScript.
import type { PostEdits } from '../../src/presenters/postEdits.js'
import { formatLondon } from '../../src/policies/londonTime.js'

const when = (iso: string) => (iso ? formatLondon('postedAt', iso) : '')

export function EditedMarker({ edits }: { edits?: PostEdits }) {
  if (!edits?.editedAt) return null
  return (
    <p className="meta post__edited">
      Edited <time dateTime={edits.editedAt}>{when(edits.editedAt)}</time>
    </p>
  )
}

/** The author's Edit link and, on a reply, the Quote link (to this page's reply form, filled in by the server). */
export function PostTools({ edits, quoteHref, what }: { edits?: PostEdits; quoteHref?: string | null; what: string }) {
  if (!edits?.editHref && !quoteHref) return null
  return (
    <p className="post__tools">
      {edits?.editHref ? (
        <a href={edits.editHref}>
          Edit<span className="visually-hidden"> your {what}</span>
        </a>
      ) : null}
      {edits?.editHref && quoteHref ? ' · ' : null}
      {quoteHref ? (
        <a href={quoteHref}>
          Quote<span className="visually-hidden"> this {what} in your reply</span>
        </a>
      ) : null}
    </p>
  )
}

/** Earlier versions, for the moderators of this forum only (the presenter gives nobody else any). */
export function EditHistory({ edits, id }: { edits?: PostEdits; id: string }) {
  const history = edits?.history
  if (!history || history.length === 0) return null
  return (
    <details className="edit-history">
      <summary>Earlier versions ({history.length}, moderators only)</summary>
      <ol aria-label="Earlier versions, oldest first">
        {history.map((version, index) => (
          <li key={`${id}-${index}`}>
            <p className="meta">
              Replaced <time dateTime={version.replacedAt}>{when(version.replacedAt)}</time> by {version.by}
            </p>
            {version.title ? <p className="edit-history__title">{version.title}</p> : null}
            <div className="post__body" dangerouslySetInnerHTML={{ __html: version.bodyHtml }} />
          </li>
        ))}
      </ol>
    </details>
  )
}
