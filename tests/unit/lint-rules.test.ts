// The lint rules that encode the layering must really fail, not pass silently: `import/no-cycle` and the
// layer bans only see an import once its `.js` path resolves to the `.ts` file on disk, which takes the
// TypeScript resolver. Each check lints tests/fixtures/lint (a small tree laid out like the project) with
// the project's own config from eslint.config.js, aimed at that tree.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { ESLint, type Linter } from 'eslint'
import { createNodeResolver } from 'eslint-plugin-import-x'
import { beforeAll, describe, expect, it } from 'vitest'

import { waymarkConfig } from '../../eslint.config.js'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const fixtureRoot = path.join(projectRoot, 'tests/fixtures/lint')

const lintWith = (config: Linter.Config[]) => new ESLint({ cwd: fixtureRoot, overrideConfigFile: true, baseConfig: config, cache: false })

/** rule id (and, for the layer bans, the ban's message) of every problem, by fixture path */
async function problemsByFile(eslint: ESLint): Promise<Record<string, string[]>> {
  const results = await eslint.lintFiles(['.'])
  return Object.fromEntries(results.map((result) => [path.relative(fixtureRoot, result.filePath), result.messages.map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`)]))
}

describe('lint rules on deliberately broken fixtures', () => {
  let problems: Record<string, string[]>

  beforeAll(async () => {
    problems = await problemsByFile(lintWith(waymarkConfig(fixtureRoot)))
  }, 60_000)

  it('lints the whole fixture tree', () => {
    expect(Object.keys(problems).sort()).toContain('src/cycle/first.ts')
    expect(Object.keys(problems).length).toBeGreaterThanOrEqual(15)
  })

  it('fails an import cycle between two .ts files imported with .js suffixes (import-x/no-cycle)', () => {
    expect(problems['src/cycle/first.ts']).toEqual([expect.stringMatching(/^import-x\/no-cycle: Dependency cycle/)])
    expect(problems['src/cycle/second.ts']).toEqual([expect.stringMatching(/^import-x\/no-cycle: Dependency cycle/)])
  })

  it('fails a policy that imports something of ours outside src/policies, even a type', () => {
    expect(problems['src/policies/leaky.ts']).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: .*src\/policies imports nothing of ours but src\/policies/)])
  })

  it('fails a view that imports a command', () => {
    expect(problems['views/pages/ActingPage.tsx']).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: .*views never import src\/commands/)])
  })

  it('fails a command that imports a route', () => {
    expect(problems['src/commands/act.ts']).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: .*only src\/server\.ts imports src\/routes/)])
  })

  it('fails a route that imports another route, but not one that imports src/routes/support.ts', () => {
    expect(problems['src/routes/other.ts']).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: .*a route never imports another route/)])
    expect(problems['src/routes/page.ts']).toEqual([])
  })

  it('passes clean files: a route using queries, a command and a view; a view using a presenter type and a policy; a collection hook calling a command', () => {
    for (const clean of [
      'src/routes/clean.ts',
      'src/routes/support.ts',
      'src/queries/stories.ts',
      'src/presenters/story.ts',
      'src/policies/pure.ts',
      'src/commands/notify.ts',
      'views/pages/StoriesPage.tsx',
      'collections/Stories/hooks/notifyAuthor.ts',
    ]) {
      expect({ clean, problems: problems[clean] }).toEqual({ clean, problems: [] })
    }
  })
})

describe('the TypeScript resolver is what makes the rules see imports', () => {
  it('with only the plain Node resolver, ./second.js does not resolve and the cycle goes unseen', async () => {
    const nodeOnly = [...waymarkConfig(fixtureRoot), { settings: { 'import-x/resolver-next': [createNodeResolver()] } }]
    const results = await lintWith(nodeOnly).lintFiles(['src/cycle/first.ts'])
    expect(results[0]!.messages).toEqual([])
  }, 60_000)

  it('with the project config, every fixture import resolves to a file (import-x/no-unresolved finds nothing)', async () => {
    const strict = [...waymarkConfig(fixtureRoot), { rules: { 'import-x/no-unresolved': 'error' } } satisfies Linter.Config]
    const results = await lintWith(strict).lintFiles(['.'])
    expect(results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'import-x/no-unresolved'))).toEqual([])
  }, 60_000)
})

describe('the project lint run', () => {
  it('ignores the broken fixtures, generated code and migrations, and lints the code', async () => {
    const eslint = new ESLint({ cwd: projectRoot })
    expect(await eslint.isPathIgnored(path.join(fixtureRoot, 'src/cycle/first.ts'))).toBe(true)
    expect(await eslint.isPathIgnored(path.join(projectRoot, 'src/payload-types.ts'))).toBe(true)
    expect(await eslint.isPathIgnored(path.join(projectRoot, 'src/routes/support.ts'))).toBe(false)
    expect(await eslint.isPathIgnored(path.join(projectRoot, 'views/render.tsx'))).toBe(false)
  })
})
