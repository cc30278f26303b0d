// POST /api/users/:id/erase { mode }: a moderator erases a member who asked offline. The erasure log
// and the moderation log record who ran it.
import { eraseMember } from '../../../src/commands/privacy/eraseMember.js'
import { isErasureMode } from '../../../src/policies/privacy.js'
import { CommandRefusal } from '../../../src/commands/errors.js'
import { moderatorEndpoint } from '../../shared/moderatorEndpoint.js'

export const eraseEndpoint = moderatorEndpoint('/:id/erase', async (req, body, id) => {
  if (!isErasureMode(body.mode)) throw new CommandRefusal('Choose what happens to their forum posts: "everything" or "keep-posts".', 400)
  if (!/^[a-f0-9]{1,24}$/i.test(id)) throw new CommandRefusal('There is no such member.', 404)
  if (req.user && String(req.user.id) === id) throw new CommandRefusal('To delete your own account, use "Delete my account" in your account.', 400)
  await eraseMember(req.payload, { memberId: /^\d+$/.test(id) ? Number(id) : id, mode: body.mode, actor: req.user as never, actorRole: 'moderator' })
  return { erased: id }
})
