// The "richtext" entry of npm run bench: hostile rich-text inputs (huge, deeply nested, full of
// brackets) timed against an honest story as long as a story may be (MAX_TEXT_LENGTH characters of
// text), run through markdownToLexical in the same process and the same run. Each input is
// reported as a ratio to that story: how many honest stories one hostile input costs. A ratio
// that climbs with the input's size means something went quadratic. No build, no server: seconds.
import { performance } from 'node:perf_hooks'

import { lexicalToPlainText, markdownToLexical, MAX_TEXT_LENGTH, sanitizeLexical } from '../../src/richtext/index.js'

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text, format: 0, version: 1 }] })

/** A story with everything the subset has (headings, bold, links, nested lists, quotes), repeated to the text limit. */
function honestStory(): string {
  const parts: string[] = []
  let length = 0
  for (let i = 1; length < MAX_TEXT_LENGTH; i++) {
    const section = [
      `## Week ${i}`,
      `It rained again, and I nearly stayed in. A friend sent me [the group page](https://example.org/walks/${i}), so I went **anyway**.`,
      'We met at the gate and walked the long way round the reservoir.',
      '',
      '- boots',
      '- a flask',
      '  - tea, not coffee',
      '',
      '1. met',
      '2. walked',
      '3. talked',
      '',
      '> You only have to turn up.',
    ].join('\n')
    parts.push(section)
    length += section.length
  }
  return parts.join('\n\n')
}

const story = honestStory()

const ENTRIES: { name: string; run: () => unknown }[] = [
  { name: 'sanitizeLexical: 300,000 paragraph nodes', run: () => sanitizeLexical({ root: { children: Array.from({ length: 300_000 }, (_, i) => paragraph(`p${i}`)) } }) },
  { name: 'sanitizeLexical + plain text: 300,000 line breaks', run: () => lexicalToPlainText(sanitizeLexical('a\n'.repeat(300_000))) },
  { name: 'markdownToLexical: 300,000 list lines', run: () => markdownToLexical('- a\n'.repeat(300_000)) },
  { name: "markdownToLexical: 200,000 '['", run: () => markdownToLexical('['.repeat(200_000)) },
  { name: "markdownToLexical: 100,000 '[a]('", run: () => markdownToLexical('[a]('.repeat(100_000)) },
  { name: 'markdownToLexical: a 3,000-level indented list', run: () => markdownToLexical(Array.from({ length: 3000 }, (_, i) => ' '.repeat(i * 2) + '- x').join('\n')) },
]

/** Median wall time of `runs` calls, after one warm-up call. */
function median(run: () => unknown, runs: number): number {
  run()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    run()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

export function benchRichText(): void {
  const runs = Number(process.env.BENCH_RICHTEXT_RUNS || 3)
  const base = median(() => markdownToLexical(story), Math.max(15, runs))
  console.log(`\nrich text, median of ${runs} runs each; baseline: markdownToLexical of a ${story.length}-character story\n`)
  console.log('| input | median (ms) | × honest story |')
  console.log('|---|---|---|')
  console.log(`| honest story (baseline) | ${base.toFixed(1)} | 1 |`)
  for (const entry of ENTRIES) {
    const time = median(entry.run, runs)
    console.log(`| ${entry.name} | ${time.toFixed(1)} | ${(time / base).toFixed(2)} |`)
  }
}
