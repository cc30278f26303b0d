// npm start: build the admin if it is missing or stale, then migrate, seed an empty database and serve.
import { ensureBuild } from './build.js'

ensureBuild()
const { serve } = await import('./serve.js')
await serve()
