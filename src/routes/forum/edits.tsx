// Members edit their own threads and replies: GET shows the form, POST saves through editPost (made as the
// member, so the collection's access and triage decide). A post the member cannot see is a 404; one they
// may see but not edit (someone else's, removed, in a locked thread) is a plain refusal page.
import { Router, type Request, type Response } from 'express'
import type { Payload } from 'payload'

import type { PageContext } from '../../../views/components/PageContext.js'
import { EditPostPage, type EditFormValues } from '../../../views/pages/EditPostPage.js'
import { MessagePage } from '../../../views/pages/MessagePage.js'
import { sendPage } from '../../../views/render.js'
import { editPost } from '../../commands/forum/editing.js'
import type { EditableKind, PostToEdit } from '../../presenters/postEdits.js'
import { postToEdit } from '../../queries/forumEditing.js'
import { mustPost, postRefusal } from '../support/forumPosting.js'
import { formText, handle, isPlausibleId, pageContext, readForm, sendNotFound, toId } from '../support.js'

type Loaded = { ctx: PageContext; user: Record<string, any>; post: PostToEdit }

/** The page frame, the signed-in poster and the post as they see it; null once a page has been sent. */
async function load(payload: Payload, req: Request, res: Response, kind: EditableKind): Promise<Loaded | null> {
  const ctx = await pageContext(payload, req, res)
  const id = String(req.params.id).slice(0, 40)
  if (!isPlausibleId(id)) return (sendNotFound(res, ctx), null)
  const user = res.locals.user
  if (!mustPost(ctx, res, user, `/${kind}/${id}/edit`)) return null
  const post = await postToEdit(payload, user, kind, toId(id))
  if (!post) return (sendNotFound(res, ctx), null)
  if (post.refusal) return (sendRefusal(res, ctx, post, post.refusal.reason, post.refusal.status), null)
  return { ctx, user, post }
}

function sendRefusal(res: Response, ctx: PageContext, post: PostToEdit, message: string, status: number) {
  sendPage(
    res,
    <MessagePage ctx={ctx} title="You cannot edit this post">
      <p>{message}</p>
      <p>
        <a href={post.href}>Back to the conversation</a>
      </p>
    </MessagePage>,
    status,
  )
}

export function editsRouter(payload: Payload): Router {
  const router = Router()

  for (const kind of ['threads', 'replies'] as const) {
    router.get(
      `/${kind}/:id/edit`,
      handle(async (req, res) => {
        const loaded = await load(payload, req, res, kind)
        if (!loaded) return
        sendPage(res, <EditPostPage ctx={loaded.ctx} post={loaded.post} values={{ title: loaded.post.title, body: loaded.post.body }} />)
      }),
    )

    router.post(
      `/${kind}/:id/edit`,
      handle(async (req, res) => {
        const loaded = await load(payload, req, res, kind)
        if (!loaded) return
        const { ctx, user, post } = loaded
        const values: EditFormValues = readForm(req.body, { title: formText(200), body: formText(25_000) })
        try {
          await editPost({ payload, user, kind, id: post.id, body: values.body, title: values.title })
          res.redirect(303, post.href)
        } catch (error) {
          const refusal = postRefusal(error)
          if (!refusal) throw error
          if (refusal.kind === 'fields') return sendPage(res, <EditPostPage ctx={ctx} post={post} values={values} errors={refusal.errors} />, 422)
          if (refusal.kind === 'tooSoon') return sendPage(res, <EditPostPage ctx={ctx} post={post} values={values} errors={{ form: refusal.message }} />, 429)
          sendRefusal(res, ctx, post, refusal.message, refusal.status)
        }
      }),
    )
  }

  return router
}
