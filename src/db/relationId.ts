// A relationship field arrives as an id (depth 0) or as the related document (depth ≥ 1).

/** The related document's id, whichever form the field came in; null when empty. */
export const idOf = (value: unknown): number | string | null =>
  value && typeof value === 'object' ? ((value as { id: number | string }).id ?? null) : ((value as number | string | null | undefined) ?? null)
