// POST /api/users/:id/coordinates-for { localities: [ids] }: admins and the moderators of the localities
// concerned choose who coordinates volunteering where (src/policies/volunteering.ts). Logged.
import { setCoordinatesFor } from '../../../src/commands/volunteering/setCoordinatesFor.js'
import { moderatorEndpoint } from '../../shared/moderatorEndpoint.js'

const everyoneAsksTheCommand = () => true

export const coordinatesForEndpoint = moderatorEndpoint(
  '/:id/coordinates-for',
  async (req, body, id) => setCoordinatesFor(req.payload, { actor: req.user as never, memberId: id, localities: body.localities }),
  200,
  everyoneAsksTheCommand,
)
