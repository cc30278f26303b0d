// npm run migrate: applies the committed migrations for the configured database.
import '../config/refuseInvalidEnvironment.js' // first: a bad environment stops the command here
import { getPayload } from 'payload'

import config from '../payload.config.js'
import { runMigrations } from '../migrations/index.js'

process.env.WAYMARK_JOBS ??= 'off'
const payload = await getPayload({ config })
await runMigrations(payload)
console.log('Migrations are up to date.')
process.exit(0)
