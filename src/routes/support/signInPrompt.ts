// A thread a visitor may not read: members-only, held, removed or never there all get the one
// sign-in prompt (RFC 9110 lets a server answer 404 to hide that a forbidden page exists), so the answer
// says nothing about which. Members get the plain 404: what they may not see after signing in is not there.
import type { Response } from 'express'
import { createElement } from 'react'

import type { PageContext } from '../../../views/components/PageContext.js'
import { SignInPromptPage } from '../../../views/pages/SignInPromptPage.js'
import { sendPage } from '../../../views/render.js'
import { sendNotFound } from '../support.js'

export function sendNotFoundOrSignIn(res: Response, ctx: PageContext, returnPath: string | undefined = ctx.returnPath): void {
  if (ctx.viewer) return sendNotFound(res, ctx)
  sendPage(res, createElement(SignInPromptPage, { ctx, returnPath }), 404)
}
