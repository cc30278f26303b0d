// Earlier/later links for a list read a page at a time by cursor (src/queries/keyset.ts). There are
// no page numbers or totals: counting every row on every page is what made long lists slow.

/** The cursors of the pages either side of this one (null: there is none that way). */
export type PageLinks = { before: string | null; after: string | null }

/** A list address with its filters and, when given, a cursor: `/stories?theme=x&after=…`. */
export function listHref(path: string, params: Record<string, string>, cursor: Partial<Record<'before' | 'after', string>> = {}): string {
  const query = new URLSearchParams({ ...params, ...cursor }).toString()
  return query ? `${path}?${query}` : path
}

type Props = {
  label: string
  path: string
  params?: Record<string, string>
  links: PageLinks
  earlier: string
  later: string
  /** When given, a link straight to the last page (`?page=last`), shown while there are later pages. */
  last?: string
}

export function Pager({ label, path, params = {}, links, earlier, later, last }: Props) {
  if (!links.before && !links.after) return null
  return (
    <nav className="pagination" aria-label={label}>
      {links.before ? (
        <a href={listHref(path, params, { before: links.before })} rel="prev">
          {earlier}
        </a>
      ) : null}{' '}
      {links.after ? (
        <a href={listHref(path, params, { after: links.after })} rel="next">
          {later}
        </a>
      ) : null}
      {links.after && last ? (
        <>
          {' '}
          <a href={listHref(path, { ...params, page: 'last' })}>{last}</a>
        </>
      ) : null}
    </nav>
  )
}

/** What a page after the first says when nothing is left on it (its rows were removed since the link was made). */
export function NothingMoreHere({ firstPage }: { firstPage: string }) {
  return (
    <p>
      There is nothing more to show here. <a href={firstPage}>Go to the first page</a>.
    </p>
  )
}
