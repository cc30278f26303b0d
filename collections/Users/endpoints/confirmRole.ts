// POST /api/users/:id/confirm-role { confirmed: true | false }: a moderator confirms (or records that
// they could not confirm) another member's claimed role. Who may is decided by the command's policy
// (src/policies/roleConfirmation.ts): 401 for visitors, 403 for members and for anyone's own role.
// Like every Payload endpoint, a cookie only counts from our own origin (the config's `csrf` list).
import { confirmRole } from '../../../src/commands/confirmRole.js'
import { moderatorEndpoint } from '../../shared/moderatorEndpoint.js'

const everyoneAsksTheCommand = () => true

export const confirmRoleEndpoint = moderatorEndpoint(
  '/:id/confirm-role',
  async (req, body, id) => confirmRole(req.payload, { actor: req.user as never, memberId: id, confirmed: body.confirmed }),
  200,
  everyoneAsksTheCommand,
)
