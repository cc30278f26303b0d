// npm run seed: idempotent demo data (localities and demo accounts), with email switched off.
import '../config/refuseInvalidEnvironment.js' // first: a bad environment stops the command here
import { getPayload } from 'payload'

import config from '../payload.config.js'
import { runMigrations } from '../migrations/index.js'
import { printDemoAccounts } from './printDemoAccounts.js'
import { seedDemoData } from '../seed/demo.js'

process.env.WAYMARK_JOBS ??= 'off'
const payload = await getPayload({ config })
await runMigrations(payload)
const result = await seedDemoData(payload)
console.log(`Seeded ${result.createdLocalities} localities, ${result.createdUsers} demo accounts and ${result.createdStories} demo stories.`)
printDemoAccounts(result.password)
process.exit(0)
