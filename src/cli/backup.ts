// npm run backup [-- <file>]: a consistent backup while the site keeps serving (src/backup/backup.ts).
import '../config/refuseInvalidEnvironment.js' // first: a bad environment stops the command here
import { backup, defaultBackupFile } from '../backup/backup.js'
import { BackupError } from '../backup/support.js'

try {
  await backup(process.argv[2] || defaultBackupFile())
  process.exit(0)
} catch (error) {
  console.error(error instanceof BackupError ? `Backup failed: ${error.message}` : error)
  process.exit(1)
}
