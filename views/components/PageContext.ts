// What every page needs to draw its frame: who is looking, where they can go, and the form token.
import type { LocalitySummary } from '../../src/presenters/locality.js'
import type { Viewer } from '../../src/presenters/viewer.js'

export type PageContext = {
  viewer: Viewer | null
  localities: LocalitySummary[]
  csrfToken: string
  path: string
  /** This page's same-site address, which "Sign in" and "Join" links carry back (none on the sign-in pages themselves). */
  returnPath?: string
  /** Private conversations with something new for the viewer (0 for visitors). */
  unreadMessages?: number
  /** Notifications the viewer has not marked read and can still see (0 for visitors). */
  unreadNotifications?: number
}
