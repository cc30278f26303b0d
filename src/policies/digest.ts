// When a member's digest is due and what period it covers. Pure, so the schedule is testable.
export type DigestFrequency = 'never' | 'daily' | 'weekly'

const HOUR = 3_600_000
const PERIOD: Record<Exclude<DigestFrequency, 'never'>, number> = { daily: 24 * HOUR, weekly: 7 * 24 * HOUR }
// The job runs hourly: a digest may go up to an hour early rather than a whole period late.
const SLACK = HOUR

export type DigestPlan = { due: false } | { due: true; since: Date }

/**
 * A member gets a digest if they chose one, or if they asked for reply emails "in my digest"
 * (those come daily). The digest covers everything since the last look, or one period for a first one.
 */
export function planDigest(input: { frequency: DigestFrequency | null | undefined; repliesInDigest: boolean; checkedAt: Date | null; now: Date }): DigestPlan {
  const frequency = input.frequency && input.frequency !== 'never' ? input.frequency : input.repliesInDigest ? 'daily' : null
  if (!frequency) return { due: false }
  const period = PERIOD[frequency]
  if (input.checkedAt && input.now.getTime() - input.checkedAt.getTime() < period - SLACK) return { due: false }
  return { due: true, since: input.checkedAt ?? new Date(input.now.getTime() - period) }
}
