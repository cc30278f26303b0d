import type { Access } from 'payload'

import { isAdmin } from '../../src/policies/roles.js'

export const anyone: Access = () => true
export const adminsOnly: Access = ({ req: { user } }) => isAdmin(user)
