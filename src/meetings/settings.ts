// The meeting settings global: closure days that the series generator steps around.
import type { Payload } from 'payload'

export async function loadClosureDates(payload: Payload): Promise<string[]> {
  const settings = (await payload.findGlobal({ slug: 'meeting-settings', depth: 0, overrideAccess: true })) as { closureDays?: { date?: string | null }[] | null }
  return (settings.closureDays ?? []).map((day) => String(day.date ?? '')).filter(Boolean)
}
