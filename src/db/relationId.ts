// The one home of relation ids. A relationship field arrives as an id (depth 0) or as the related
// document (depth ≥ 1); an id from a URL or a form arrives as a string.

/** The related document's id, whichever form the field came in; null when empty. */
export const idOf = (value: unknown): number | string | null =>
  value && typeof value === 'object' ? ((value as { id: number | string }).id ?? null) : ((value as number | string | null | undefined) ?? null)

/** Relationship ids are numbers on SQL databases and strings on MongoDB: '12' → 12, any other string unchanged. */
export const toId = (value: string): number | string => (/^\d+$/.test(value) ? Number(value) : value)
