// A member edits their own thread or reply. The update is made as the member (overrideAccess: false), so
// the collection's update access (canEditOwnPost as a query) and its hooks decide: the edit is triaged
// like a new post, the replaced text is kept for the moderators, and crisis words alert the leads.
// Payload's refusals reach the caller unchanged, for the form.
import type { Payload } from 'payload'

type Member = Record<string, any>

export type EditPostProps = { payload: Payload; user: Member; kind: 'threads' | 'replies'; id: number | string; body: string; title?: string }

export async function editPost({ payload, user, kind, id, body, title }: EditPostProps) {
  const data = kind === 'threads' ? { title: title ?? '', body } : { body }
  return payload.update({ collection: kind, id, data: data as never, overrideAccess: false, user, depth: 0 })
}
