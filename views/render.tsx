// Renders a page to a full HTML document. Every public page is plain server-rendered HTML.
import type { Response } from 'express'
import type { ReactElement } from 'react'
import { renderToString } from 'react-dom/server'

export function sendPage(res: Response, page: ReactElement, status = 200): void {
  const html = '<!doctype html>' + renderToString(page)
  res.status(status)
  res.type('html')
  // Pages can show private things and must reflect withdrawals at once: never store them.
  res.set('Cache-Control', 'no-store')
  res.send(html)
}
