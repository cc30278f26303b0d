// npm run restore -- <file>: restores a backup with the site stopped, then re-applies the erasure log.
import '../config/refuseInvalidEnvironment.js' // first: a bad environment stops the command here
import { BackupError } from '../backup/support.js'
import { restore } from '../backup/restore.js'

const file = process.argv[2]
if (!file) {
  console.error('Usage: npm run restore -- <backup file>')
  process.exit(2)
}
try {
  await restore(file)
  process.exit(0)
} catch (error) {
  console.error(error instanceof BackupError ? `Restore failed: ${error.message}` : error)
  process.exit(1)
}
