// Imported first by the server's entry (src/cli/serve.ts), for its side effect: an invalid environment ends
// the process here with exit code 1 and one line per bad variable on stderr (no stack trace: the message is
// the whole story), before Waymark's own modules run, so before Payload, the database or the port is touched.
import { EnvironmentError, readEnvironment } from './environment.js'

try {
  readEnvironment()
} catch (error) {
  if (!(error instanceof EnvironmentError)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(1)
}
