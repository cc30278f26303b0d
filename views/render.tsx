// Renders a page to a full HTML document. Every public page is plain server-rendered HTML.
import type { Response } from 'express'
import type { ReactElement } from 'react'
import { renderToString } from 'react-dom/server'

/**
 * Pages not rendered because their client had gone (counted by sendPage here and by the routes'
 * `handle` wrapper): a render costs milliseconds of the one CPU every other request is waiting for.
 */
export const skippedForGoneClients = { count: 0 }

/** Whether the client of this response has closed its connection (nothing sent now would arrive). */
export const clientGone = (res: Response): boolean => res.destroyed || res.socket?.destroyed === true

export function sendPage(res: Response, page: ReactElement, status = 200): void {
  if (clientGone(res)) {
    skippedForGoneClients.count++
    return
  }
  const html = '<!doctype html>' + renderToString(page)
  res.status(status)
  res.type('html')
  // Pages can show private things and must reflect withdrawals at once: never store them.
  res.set('Cache-Control', 'no-store')
  res.send(html)
}
