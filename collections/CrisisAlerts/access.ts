// Crisis alerts are read by the safeguarding leads and by the moderators of the alert's locality.
import type { Access, Where } from 'payload'

import { isSafeguardingLead } from '../../src/policies/safeguarding.js'
import { moderatedWhere } from '../shared/access.js'

export const crisisHandlers: Access = ({ req: { user } }): Where | boolean => (isSafeguardingLead(user) ? true : moderatedWhere(user))
