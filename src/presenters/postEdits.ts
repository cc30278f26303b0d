// What a viewer gets of a post's edits: everyone the "edited" time; its author whether they may edit it
// now; the moderators of its locality the earlier versions (never anyone else, whatever was read).
import { idOf } from '../db/relationId.js'
import { renderPostBody } from '../forum/markdown.js'
import type { PostState } from '../policies/forumVisibility.js'
import { canEditOwnPost, canReadEditHistory, type EditRefusal } from '../policies/postEditing.js'
import type { Actor } from '../policies/roles.js'

export type PresentedEdit = { title: string | null; bodyHtml: string; replacedAt: string; by: string }

export type PostEdits = {
  /** When the text last changed, or null: shown to everyone as "edited". */
  editedAt: string | null
  /** The author's edit form, while they may edit; null for everyone else. */
  editHref: string | null
  /** Earlier versions, oldest first: the locality's moderators only. */
  history: PresentedEdit[] | null
}

export type ThreadFacts = { status: PostState; locked: boolean }

export function presentPostEdits(kind: 'threads' | 'replies', doc: Record<string, any>, viewer: Actor, thread: ThreadFacts): PostEdits {
  const history: Record<string, any>[] = Array.isArray(doc.editHistory) ? doc.editHistory : []
  const editable = canEditOwnPost(viewer, { authorId: idOf(doc.author), status: doc.status, threadLocked: thread.locked, threadStatus: thread.status, editCount: history.length }).ok
  return {
    editedAt: typeof doc.editedAt === 'string' && doc.editedAt ? doc.editedAt : null,
    editHref: editable ? `/${kind}/${doc.id}/edit` : null,
    history: canReadEditHistory(viewer, idOf(doc.locality))
      ? history.map((entry) => ({
          title: typeof entry.title === 'string' ? entry.title : null,
          bodyHtml: renderPostBody(String(entry.body ?? '')),
          replacedAt: String(entry.replacedAt ?? ''),
          by: entry.editorRole === 'author' ? 'the author' : entry.editorRole === 'moderator' ? 'a moderator' : 'the system',
        }))
      : null,
  }
}

/** A thread's facts for its own edits and its replies'. */
export const threadFacts = (thread: Record<string, any>): ThreadFacts => ({ status: thread.status as PostState, locked: thread.locked === true })
export type EditableKind = 'threads' | 'replies'

/** A post on its author's edit form. */
export type PostToEdit = {
  kind: EditableKind
  id: number | string
  threadId: number | string
  threadTitle: string
  title: string
  body: string
  /** Where the post is shown (its page of the thread, with its anchor). */
  href: string
  refusal: EditRefusal | null
}
