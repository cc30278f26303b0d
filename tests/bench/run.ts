// npm run bench [-- --only pages|richtext]: every entry reports ratios to a baseline measured in
// the same run, never absolute limits.
//   pages     public pages against a static file (tests/bench/pages.ts; builds and starts a server)
//   richtext  hostile rich-text inputs against an honest story (tests/bench/richText.ts; seconds)
import { benchPages } from './pages.js'
import { benchRichText } from './richText.js'

const ENTRIES: Record<string, () => void | Promise<void>> = { pages: benchPages, richtext: benchRichText }

const args = process.argv.slice(2)
if (args.includes('--help') || args.includes('-h')) {
  console.log(`npm run bench [-- --only ${Object.keys(ENTRIES).join(',')}]\n  BENCH_SECONDS (pages, default 10), BENCH_RICHTEXT_RUNS (richtext, default 3)`)
  process.exit(0)
}
// --only a,b or --only=a,b
const onlyAt = args.findIndex((a) => a === '--only' || a.startsWith('--only='))
const onlyValue = onlyAt < 0 ? undefined : args[onlyAt]!.startsWith('--only=') ? args[onlyAt]!.slice('--only='.length) : (args[onlyAt + 1] ?? '')
const only = onlyValue === undefined ? Object.keys(ENTRIES) : onlyValue.split(',')
const unknown = only.filter((name) => !(name in ENTRIES))
if (unknown.length > 0) {
  console.error(`Unknown bench entry: ${unknown.join(', ')} (known: ${Object.keys(ENTRIES).join(', ')})`)
  process.exit(2)
}
for (const name of only) await ENTRIES[name]!()
process.exit(0)
