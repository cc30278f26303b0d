// Dates in the queue, the UK way in London time: "4 Mar 2027, 18:30" (as admin.dateFormat).
import { londonShortDate } from '../../meetings/adminTitle.js'
import { londonParts } from '../../policies/londonTime.js'

export function when(iso: string): string {
  const instant = new Date(iso)
  return Number.isFinite(instant.getTime()) ? `${londonShortDate(instant)}, ${londonParts(instant).time}` : ''
}
