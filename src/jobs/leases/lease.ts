// A lease on a named role (here: running the jobs queue) that at most one process holds at a time and
// that lapses by itself when its holder stops renewing it, so the role moves on when a process dies.
// Two kinds: Redis when REDIS_URL is set (./redis.ts), else rows in the database (./database.ts).

export type LeaseKind = 'redis' | 'database'

/** The answer to an attempt to take the role: taken, or held by someone else whose lease lapses in `lapsesInMs` unless renewed. */
export type LeaseAttempt = { acquired: true } | { acquired: false; lapsesInMs: number }

export interface Lease {
  readonly kind: LeaseKind
  /** Takes the role if nobody holds it (or its holder's lease has lapsed). */
  acquire(): Promise<LeaseAttempt>
  /** Extends the role for another lease period; false when it is no longer ours. Only if still the holder. */
  renew(): Promise<boolean>
  /** Gives the role up at once, only if still the holder. */
  release(): Promise<void>
}

export type LeaseOptions = {
  /** The role: one lease per name. */
  name: string
  /** Who asks: unique per runner. */
  holder: string
  ttlMs: number
}
