// What the admin calls a meeting (pickers, lists, breadcrumbs): "<title> — <d MMM yyyy> (<locality>)",
// with the London date, so that meetings with the same title are never confused.
import { londonParts } from '../policies/londonTime.js'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "4 Mar 2027" for an instant, as the date in London. Fixed month names: Intl's en-GB says "Sept". */
export function londonShortDate(instant: Date): string {
  const [year, month, day] = londonParts(instant).date.split('-').map(Number) as [number, number, number]
  return `${day} ${MONTHS[month - 1]} ${year}`
}

export type AdminTitleInput = { title?: string | null; startsAt?: string | Date | null; localityName?: string | null }

/** "East forum meeting — 4 Mar 2027 (Lancashire East)"; a part that is missing is left out. */
export function meetingAdminTitle({ title, startsAt, localityName }: AdminTitleInput): string {
  const instant = startsAt ? new Date(startsAt) : null
  const date = instant && Number.isFinite(instant.getTime()) ? londonShortDate(instant) : ''
  const name = String(title ?? '').trim() || 'Meeting'
  const locality = String(localityName ?? '').trim()
  return `${name}${date ? ` — ${date}` : ''}${locality ? ` (${locality})` : ''}`
}
