// A short error page in the site's frame, falling back to plain text if even that fails.
import type { Request, Response } from 'express'
import type { Payload } from 'payload'

import { MessagePage } from '../../views/pages/MessagePage.js'
import { sendPage } from '../../views/render.js'
import { pageContext } from './support.js'

export async function renderProblem(payload: Payload, req: Request, res: Response, status: number, title: string, message: string) {
  try {
    const ctx = await pageContext(payload, req, res)
    sendPage(
      res,
      <MessagePage ctx={ctx} title={title}>
        <p>{message}</p>
      </MessagePage>,
      status,
    )
  } catch {
    res.status(status).type('text/plain').send(message)
  }
}
