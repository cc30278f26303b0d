// Small helpers shared by the thin routers: reading forms, mapping Payload errors to fields, building the page frame.
import type { NextFunction, Request, Response } from 'express'
import type { Payload } from 'payload'
import { createElement } from 'react'
import { z } from 'zod'

import type { PageContext } from '../../views/components/PageContext.js'
import { MessagePage } from '../../views/pages/MessagePage.js'
import { NotFoundPage } from '../../views/pages/NotFoundPage.js'
import { clientGone, sendPage, skippedForGoneClients } from '../../views/render.js'
import { databaseKind } from '../db/index.js'
import { safeReturnPath } from '../policies/returnPath.js'
import { presentViewer } from '../presenters/viewer.js'
import { unreadConversations } from '../queries/conversations.js'
import { unreadNotificationCount } from '../queries/notifications.js'
import { localityList } from '../queries/localities.js'
import { returnPathOf } from './support/returnPath.js'

/** A form field: always a string (repeated or missing fields become ''), capped so nothing huge reaches Payload. */
export const formText = (max = 10_000) =>
  z
    .preprocess((value) => (Array.isArray(value) ? value[0] : value), z.string().max(max).catch(''))
    .catch('')
    .default('')

export const formBox = () => z.preprocess((value) => value === 'on' || value === 'true', z.boolean())

export function readForm<T extends z.ZodRawShape>(body: unknown, shape: T): z.infer<z.ZodObject<T>> {
  return z.object(shape).parse(body && typeof body === 'object' ? body : {})
}

export type FieldErrors = Record<string, string | undefined>

/** Payload's ValidationError carries { path, message } per field; anything else is not a form error. */
export function fieldErrorsFrom(error: unknown, rename: Record<string, string> = {}): FieldErrors | null {
  const errors = (error as { data?: { errors?: { path?: string; message?: string }[] } })?.data?.errors
  if (!Array.isArray(errors) || errors.length === 0) return null
  const out: FieldErrors = {}
  for (const item of errors) {
    const path = rename[item.path ?? ''] ?? item.path ?? 'form'
    out[path] ??= friendlyMessage(item.message)
  }
  return out
}

function friendlyMessage(message: string | undefined): string {
  if (!message) return 'Check this answer.'
  if (/required/i.test(message)) return 'This is required.'
  if (/unique/i.test(message)) return 'That is already taken.'
  return message
}

export const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Only same-site paths are followed after sign-in, never another origin (src/policies/returnPath.ts). */
export const safeNextPath = safeReturnPath

/** The signed-in member, or null after sending a visitor to sign in (and back to `next` afterwards). */
export function signedIn(req: Request, res: Response, next: string = req.originalUrl): (Record<string, any> & { id: number | string }) | null {
  if (res.locals.user) return res.locals.user
  res.redirect(303, `/login?next=${encodeURIComponent(next)}`)
  return null
}

/**
 * The 404 page, for an address with nothing at it or nothing this viewer may see. Its "Sign in" link does
 * not carry the address back: there is nothing to return to, and the address (a hidden story's slug) is
 * not repeated on the page.
 */
export function sendNotFound(res: Response, ctx: PageContext): void {
  sendPage(res, createElement(NotFoundPage, { ctx: { ...ctx, returnPath: undefined } }), 404)
}

export type PublicRequestLocals = { user: Record<string, any> | null; csrfToken: string }

/**
 * Thrown to stop a handler whose client has gone; `handle` ends the request quietly. Anywhere else
 * (the 404 fallback) it reaches the error handler as a 499, the client's doing: not logged as ours.
 */
class ClientGone extends Error {
  readonly status = 499
}

/**
 * A read (GET, HEAD) for a client that has gone is not worth finishing. A form post is: the member
 * may have closed the tab after pressing the button, and what they sent should still be saved.
 */
const abandoned = (req: Request, res: Response) => (req.method === 'GET' || req.method === 'HEAD') && clientGone(res)

/** The page frame every page reads first. A client that has gone by then gets no further reads. */
export async function pageContext(payload: Payload, req: Request, res: Response): Promise<PageContext> {
  const user = (res.locals.user ?? null) as Record<string, any> | null
  const ctx = {
    viewer: presentViewer(user),
    localities: await localityList(payload),
    unreadMessages: await unreadConversations(payload, user),
    unreadNotifications: await unreadNotificationCount(payload, user),
    csrfToken: String(res.locals.csrfToken ?? ''),
    path: req.path,
    returnPath: req.method === 'GET' || req.method === 'HEAD' ? returnPathOf(req) : undefined,
  }
  if (abandoned(req, res)) throw new ClientGone()
  return ctx
}

/**
 * Wraps an async handler so a thrown error reaches Express's error handler instead of hanging. A
 * request whose client has already gone (it waited behind other work) is not handled at all, and one
 * whose client goes during the page frame's reads stops there; sendPage skips the render itself.
 */
export const handle = (fn: (req: Request, res: Response, next: NextFunction) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) => {
  if (abandoned(req, res)) {
    skippedForGoneClients.count++
    return
  }
  fn(req, res, next).catch((error: unknown) => {
    if (error instanceof ClientGone) skippedForGoneClients.count++
    else next(error)
  })
}

/** A 400 for a page link whose cursor is damaged or not one of ours, with the way back to the first page. */
export function sendBadPageLink(res: Response, ctx: PageContext, firstPage: string): void {
  sendPage(
    res,
    createElement(MessagePage, {
      ctx,
      title: 'This page link does not work',
      children: createElement('p', null, 'The link to this page is damaged or incomplete. ', createElement('a', { href: firstPage }, 'Go to the first page'), '.'),
    }),
    400,
  )
}

/** Routes read ids from URLs and forms through the one toId (src/db/relationId.ts). */
export { toId } from '../db/relationId.js'

/** A repeated form field (checkboxes): always an array of short strings. */
export const formList = (max = 50) => z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.string().max(100)).max(max).catch([])).catch([])

/** Whether a path segment can be a document id at all (anything else is a 404, never a database error). */
export const isPlausibleId = (value: string): boolean => (databaseKind() === 'mongodb' ? /^[a-f0-9]{24}$/i.test(value) : /^\d{1,15}$/.test(value))
