// A member's right of access and portability: a download link for their data, good once, for the
// member who made it, in the same session, until it expires. The links are system records (the
// data-exports collection is closed to everyone), so they are read and written with overrideAccess;
// only the token's hash is stored.
import crypto from 'node:crypto'
import type { Payload } from 'payload'

import { canDownloadExport, exportQuota, type PrivacySettings } from '../../policies/privacy.js'
import { idOf } from '../../db/relationId.js'
import { buildExportZip, collectMemberData } from './exportData.js'

const DAY = 24 * 60 * 60 * 1000
const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

export type ExportLinkProps = { payload: Payload; user: Record<string, any>; sessionKey: string | null; settings: PrivacySettings; now: number }

/** Makes a link (its token goes to the member once), unless the day's downloads are used up. */
export async function requestExportLink({ payload, user, sessionKey, settings, now }: ExportLinkProps): Promise<{ ok: true; token: string } | { ok: false; retryAfterSeconds: number }> {
  const recent = await payload.find({
    collection: 'data-exports',
    where: { and: [{ member: { equals: user.id } }, { createdAt: { greater_than: new Date(now - DAY).toISOString() } }] },
    sort: 'createdAt',
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  const quota = exportQuota(
    recent.docs.map((doc) => String(doc.createdAt)),
    settings.exportsPerDay,
    now,
  )
  if (!quota.allowed) return { ok: false, retryAfterSeconds: quota.retryAfterSeconds }
  const token = crypto.randomBytes(32).toString('base64url')
  await payload.create({
    collection: 'data-exports',
    data: { member: user.id, tokenHash: hashToken(token), sessionId: sessionKey, expiresAt: new Date(now + settings.exportLinkMinutes * 60_000).toISOString() } as never,
    overrideAccess: true,
  })
  return { ok: true, token }
}

/** The member's data as a zip, if this link is theirs, from this session, and not expired; else null. */
export async function openExportLink({ payload, user, token, sessionKey }: { payload: Payload; user: Record<string, any>; token: string; sessionKey: string | null }): Promise<Uint8Array | null> {
  // The link's sign-in is a hidden field: it was never read back before, so any sign-in passed.
  const found = await payload.find({ collection: 'data-exports', where: { tokenHash: { equals: hashToken(token) } }, limit: 1, depth: 0, overrideAccess: true, showHiddenFields: true })
  const link = found.docs[0] as Record<string, any> | undefined
  if (!link || !canDownloadExport({ ownerId: idOf(link.member), sessionKey: link.sessionId ?? null, expiresAt: String(link.expiresAt) }, { userId: user.id, sessionKey })) return null
  const zip = buildExportZip(await collectMemberData(payload, user.id))
  await payload.update({ collection: 'data-exports', id: link.id, data: { downloadedAt: new Date().toISOString() } as never, overrideAccess: true })
  return zip
}
