// npm run bench [-- --only pages|scale|richtext|workers] [--db sqlite,postgres] [--modes warm,cold,member]: every entry
// reports ratios to a baseline measured in the same run, never absolute limits.
//   pages     public pages against a static file (tests/bench/pages.ts; builds and starts servers)
//   scale     single-request time of the listed pages at 1k and at 100k stories (tests/bench/scale.ts; seeds both)
//   richtext  hostile rich-text inputs against an honest story (tests/bench/richText.ts; seconds)
//   workers   2 workers, and 2 processes on PostgreSQL with Redis, against one process (tests/bench/workers.ts)
import { benchPages, type Database, type Mode } from './pages.js'
import { benchRichText } from './richText.js'
import { benchScale } from './scale.js'
import { benchWorkers } from './workers.js'

const args = process.argv.slice(2)

/** `--name a,b` or `--name=a,b`, or undefined when absent. */
function listOption(name: string): string[] | undefined {
  const at = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  if (at < 0) return undefined
  const value = args[at]!.startsWith(`--${name}=`) ? args[at]!.slice(name.length + 3) : (args[at + 1] ?? '')
  return value.split(',').filter(Boolean)
}

function checked<T extends string>(name: string, values: string[] | undefined, known: readonly T[]): T[] | undefined {
  const unknown = (values ?? []).filter((value) => !known.includes(value as T))
  if (unknown.length > 0) {
    console.error(`Unknown --${name}: ${unknown.join(', ')} (known: ${known.join(', ')})`)
    process.exit(2)
  }
  return values as T[] | undefined
}

const databases = checked('db', listOption('db'), ['sqlite', 'postgres'] as const satisfies readonly Database[])
const modes = checked('modes', listOption('modes'), ['warm', 'cold', 'member'] as const satisfies readonly Mode[])
const ENTRIES: Record<string, () => void | Promise<void>> = { pages: () => benchPages({ databases, modes }), scale: () => benchScale({ databases }), richtext: benchRichText, workers: benchWorkers }

if (args.includes('--help') || args.includes('-h')) {
  console.log(
    `npm run bench [-- --only ${Object.keys(ENTRIES).join(',')}] [--db sqlite,postgres] [--modes warm,cold,member]\n  BENCH_SECONDS (pages, default 5 per page), BENCH_SCALE_STORIES and BENCH_SCALE_REPLIES (scale, default 100000 and 1000000; the small set is 1/100), BENCH_SCALE_RUNS (default 15), BENCH_RICHTEXT_RUNS (richtext, default 3)`,
  )
  process.exit(0)
}
const only = checked('only', listOption('only'), Object.keys(ENTRIES)) ?? Object.keys(ENTRIES)
for (const name of only) await ENTRIES[name]!()
process.exit(0)
