// MongoDB needs no schema migrations yet: collections and indexes are created by the adapter.
export const migrations: { name: string; up: (args: unknown) => Promise<void>; down: (args: unknown) => Promise<void> }[] = []
