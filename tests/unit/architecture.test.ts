// Issue 13 "Done when": src/routes/* files are each under about 150 lines, make no Local API call except
// through src/queries or a command, and no route imports another route (src/routes/support.ts is their
// shared helper file). Import cycles and the other layer rules are ESLint's job (eslint.config.js,
// proven by lint-rules.test.ts); these are the checks a lint rule does not express.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const routesDir = path.join(projectRoot, 'src/routes')

const MAX_ROUTE_LINES = 150
const SHARED_ROUTE_HELPER = 'support.ts'

/**
 * Payload's Local API operations (payload.find, req.payload.update, …). Reads belong in src/queries, writes
 * and sign-in flows in src/commands. `payload.db` (the adapter itself) is the same door, one level lower.
 */
const LOCAL_API_OPERATIONS = new Set([
  'find',
  'findByID',
  'findGlobal',
  'findDistinct',
  'findVersions',
  'findVersionByID',
  'findGlobalVersions',
  'findGlobalVersionByID',
  'count',
  'countVersions',
  'countGlobalVersions',
  'create',
  'duplicate',
  'update',
  'updateGlobal',
  'delete',
  'restoreVersion',
  'restoreGlobalVersion',
  'login',
  'forgotPassword',
  'resetPassword',
  'verifyEmail',
  'unlock',
])

/** Every .ts/.tsx file under src/routes, as a path relative to the project (sorted, so messages are stable). */
function routeFiles(dir = routesDir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) return routeFiles(full)
      return /\.tsx?$/.test(entry.name) ? [path.relative(projectRoot, full)] : []
    })
    .sort()
}

const source = (file: string) => fs.readFileSync(path.join(projectRoot, file), 'utf8')

const lineCount = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0)

const parse = (file: string, text: string) => ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)

/** `payload` or `….payload` (req.payload, hostile.payload): the object the Local API hangs on. */
const isPayload = (node: ts.Expression): boolean => (ts.isIdentifier(node) && node.text === 'payload') || (ts.isPropertyAccessExpression(node) && node.name.text === 'payload')

/** "file:line payload.find(…)" for each Local API call or payload.db use in a file. */
function localApiCalls(file: string, text = source(file)): string[] {
  const sourceFile = parse(file, text)
  const found: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && isPayload(node.expression)) {
      const name = node.name.text
      const called = ts.isCallExpression(node.parent) && node.parent.expression === node
      if (name === 'db' || (called && LOCAL_API_OPERATIONS.has(name))) {
        const line = sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1
        found.push(`${file}:${line} ${node.getText()}${called ? '(…)' : ''}`)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(sourceFile)
  return found
}

/** "file:line imports ./other.js" for each import or re-export of another src/routes file. */
function routeToRouteImports(file: string, text = source(file)): string[] {
  const sourceFile = parse(file, text)
  const found: string[] = []
  const check = (specifier: ts.Expression | undefined, node: ts.Node) => {
    if (!specifier || !ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.')) return
    const target = path.resolve(path.dirname(path.join(projectRoot, file)), specifier.text)
    const inRoutes = !path.relative(routesDir, target).startsWith('..')
    const helper = path.join(routesDir, SHARED_ROUTE_HELPER.replace(/\.ts$/, ''))
    // support.ts and the support/ folder beside it hold what several routers share (never a router).
    const isHelper = target.replace(/\.(js|ts|tsx)$/, '') === helper || target.startsWith(helper + path.sep)
    if (inRoutes && !isHelper) found.push(`${file}:${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1} imports ${specifier.text}`)
  }
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) check(node.moduleSpecifier, node)
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) check(node.arguments[0], node)
    ts.forEachChild(node, visit)
  }
  visit(sourceFile)
  return found
}

describe('architecture: thin routes (issue 13)', () => {
  const files = routeFiles()

  it('finds the route files', () => {
    expect(files).toContain(`src/routes/${SHARED_ROUTE_HELPER}`)
    expect(files.length).toBeGreaterThan(5)
  })

  it(`every file in src/routes is under ${MAX_ROUTE_LINES} lines`, () => {
    const tooLong = files.map((file) => ({ file, lines: lineCount(source(file)) })).filter(({ lines }) => lines >= MAX_ROUTE_LINES)
    expect(
      tooLong.map(({ file, lines }) => `${file}: ${lines} lines`),
      `route files of ${MAX_ROUTE_LINES} lines or more`,
    ).toEqual([])
  })

  it('no file in src/routes calls the Local API directly (reads go through src/queries, writes through src/commands)', () => {
    expect(
      files.flatMap((file) => localApiCalls(file)),
      'Local API calls in src/routes',
    ).toEqual([])
  })

  it(`no route imports another route, except the shared helpers src/routes/${SHARED_ROUTE_HELPER} and support/`, () => {
    expect(
      files.flatMap((file) => routeToRouteImports(file)),
      'route-to-route imports',
    ).toEqual([])
  })
})

describe('architecture checks see what they look for', () => {
  it('counts lines as wc -l does', () => {
    expect(lineCount('a\nb\n')).toBe(2)
    expect(lineCount('a\nb')).toBe(2)
  })

  it('the Local API scan finds payload.find, req.payload.update and payload.db, and not payload.logger or Array.find', () => {
    const text = [
      "await payload.find({ collection: 'stories' })",
      "await req.payload.update({ collection: 'users', id: 1, data: {} })",
      "await payload.db.drizzle.execute('select 1')",
      "payload.logger.warn('fine')",
      'const found = list.find((x) => x)',
    ].join('\n')
    expect(localApiCalls('src/routes/probe.ts', text)).toEqual(['src/routes/probe.ts:1 payload.find(…)', 'src/routes/probe.ts:2 req.payload.update(…)', 'src/routes/probe.ts:3 payload.db'])
  })

  it('the import scan allows ./support.js and finds other routes, also in nested folders and re-exports', () => {
    const text = [
      "import { handle } from './support.js'",
      "import { sendNotFound } from './pages.js'",
      "export { x } from './forum/list.js'",
      "import { presentStory } from '../presenters/story.js'",
    ].join('\n')
    expect(routeToRouteImports('src/routes/probe.ts', text)).toEqual(['src/routes/probe.ts:2 imports ./pages.js', 'src/routes/probe.ts:3 imports ./forum/list.js'])
  })
})
