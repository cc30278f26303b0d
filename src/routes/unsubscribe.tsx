// One-click unsubscribe from the link in every notification email. The signed token is the
// authority (no sign-in, no form token), so this router sits before the CSRF check. GET only shows
// a button, so link scanners cannot unsubscribe anyone; POST (the button, or a mail client's
// RFC 8058 one-click request) does it.
import { Router } from 'express'
import type { Payload } from 'payload'

import { MessagePage } from '../../views/pages/MessagePage.js'
import { sendPage } from '../../views/render.js'
import { unsubscribe } from '../commands/account/unsubscribe.js'
import { readUnsubscribeToken, UNSUBSCRIBE_LABELS } from '../email/unsubscribe.js'
import { handle, pageContext, toId } from './support.js'

export function unsubscribeRouter(payload: Payload): Router {
  const router = Router()

  router.get(
    '/unsubscribe',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const token = typeof req.query.token === 'string' ? req.query.token : ''
      const parsed = readUnsubscribeToken(token)
      if (!parsed) return sendInvalid(res, ctx)
      sendPage(
        res,
        <MessagePage ctx={ctx} title="Unsubscribe">
          <p>Stop sending you {UNSUBSCRIBE_LABELS[parsed.what]}?</p>
          <form method="post" action={`/unsubscribe?token=${encodeURIComponent(token)}`}>
            <button className="button" type="submit">
              Unsubscribe
            </button>
          </form>
          <p>Emails about your own posts and stories (for example a moderator’s decision) still come: they are about your own words.</p>
        </MessagePage>,
      )
    }),
  )

  router.post(
    '/unsubscribe',
    handle(async (req, res) => {
      const ctx = await pageContext(payload, req, res)
      const parsed = readUnsubscribeToken(req.query.token)
      if (!parsed) return sendInvalid(res, ctx)
      if (!(await unsubscribe({ payload, memberId: toId(parsed.memberId), what: parsed.what }))) return sendInvalid(res, ctx)
      sendPage(
        res,
        <MessagePage ctx={ctx} title="You are unsubscribed">
          <p>
            We will not send you {UNSUBSCRIBE_LABELS[parsed.what]} any more. You can change this at any time in <a href="/account">your account</a>.
          </p>
        </MessagePage>,
      )
    }),
  )

  return router
}

function sendInvalid(res: Parameters<typeof sendPage>[0], ctx: Awaited<ReturnType<typeof pageContext>>) {
  sendPage(
    res,
    <MessagePage ctx={ctx} title="This link does not work">
      <p>
        The unsubscribe link is incomplete or was changed. Sign in and choose your emails in <a href="/account">your account</a>.
      </p>
    </MessagePage>,
    400,
  )
}
