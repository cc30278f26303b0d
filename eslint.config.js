// ESLint for Waymark: rules that find bugs (not style: Prettier owns layout), no import cycles, and the
// layering of README "Layout" as import bans. `npm run lint` runs it with the format check; CI runs that.
// The config is built by `waymarkConfig(root)` so tests/unit/lint-rules.test.ts can aim the very same
// rules at a small fixture tree laid out like this one.
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import { importX } from 'eslint-plugin-import-x'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { defineConfig } from 'eslint/config'

const projectRoot = path.dirname(fileURLToPath(import.meta.url))

/** A zone for import-x/no-restricted-paths: files under `target` must not import files under `from`. */
const ban = (target, from, why, except) => ({ target, from, ...(except ? { except } : {}), message: why })

// The feature folders that are on no layer of their own yet (shared/architecture/intended.json "Features").
const FEATURES = ['src/forum', 'src/meetings', 'src/privacy', 'src/reports', 'src/cache']

/**
 * What must never import what (the "never" list of shared/architecture/intended.json and RULES of issue 13).
 * Layers, top first: routes → queries and commands → presenters → collections, policies, db, email.
 * Paths are relative to the root; `except` is relative to `from`. Collection hooks and endpoints MAY call
 * commands (they are Payload's lifecycle and transport: the issue 13 decision), so collections → commands
 * is not banned.
 */
export const LAYER_BANS = [
  // Policies are the ground floor: pure rules, no I/O, nothing of ours but other policies.
  ban('src/policies', 'src', 'src/policies imports nothing of ours but src/policies (rules are pure).', ['./policies']),
  ban('src/policies', ['collections', 'views'], 'src/policies imports nothing of ours but src/policies (rules are pure).'),
  // Only src/server.ts mounts the routers; no route imports another (src/routes/support.ts and support/ hold
  // what several routers share: form readers and shared page handlers, never a router).
  ban('src/routes', 'src/routes', 'a route never imports another route: share through src/routes/support.ts or support/, src/queries or a command.', ['./support.ts', './support']),
  ban(['src/!(routes)/**', 'collections/**', 'views/**'], 'src/routes', 'only src/server.ts imports src/routes (actions, reads, storage and views know no transport).'),
  // Views get presented data: they may import presenters (their types) and policies, never act or read.
  ban('views', 'src/commands', 'views never import src/commands (a view never acts).'),
  ban('views', 'collections', 'views never import collections (a view gets presented data).'),
  ban('views', 'src/queries', 'views never import src/queries (a view gets presented data).'),
  ban('views', FEATURES, 'views never import feature modules (a view gets presented data, not query modules).'),
  // Actions talk to storage by slug, not by config internals.
  ban('src/commands', 'collections', 'src/commands never import collections (actions talk to storage by slug; shared constants live in src/policies).'),
  // Presenters sit below reads and actions; mail, jobs, db and feature code sit below the actions.
  ban('src/presenters', ['src/queries', 'src/commands'], 'src/presenters never import src/queries or src/commands (presenters sit below them).'),
  ban(['src/email', 'src/jobs'], 'src/commands', 'src/email and src/jobs never import src/commands (mail and jobs sit below the actions).'),
  ban(FEATURES, 'src/commands', 'feature modules never import src/commands (they sit below or beside the actions).'),
  ban('src/moderation', 'src/commands', 'src/moderation never imports src/commands (collections use it, so it sits below the actions).'),
  ban(['src/db', 'src/email'], ['src/queries', 'src/commands', 'src/presenters', 'views'], 'src/db and src/email are the ground floor: they never import reads, actions, presenters or views.'),
  ban('src/richtext', ['src/queries', 'src/commands', 'src/presenters', 'collections', 'views'], 'src/richtext is a library: it never imports reads, actions, presenters, collections or views.'),
  ban('collections', 'views', 'collections never import views (storage knows no screen).'),
]

/** Generated or not ours: never linted (and kept out of the run so it stays fast). */
export const IGNORED = [
  '**/node_modules/**',
  '.next/**',
  'dist/**',
  'media/**',
  'data/**',
  'test-results/**',
  'src/migrations/**',
  'src/payload-types.ts',
  'src/app/(payload)/admin/importMap.js',
  'next-env.d.ts',
  // Deliberately broken code for tests/unit/lint-rules.test.ts.
  'tests/fixtures/**',
]

/** @param {string} root the folder the layer paths are relative to (the project, or a test fixture tree) */
export function waymarkConfig(root = projectRoot) {
  return defineConfig(
    { ignores: IGNORED },
    {
      // A disable comment must name a rule that is on and still needed.
      linterOptions: { reportUnusedDisableDirectives: 'error' },
    },
    js.configs.recommended,
    tseslint.configs.recommended,
    {
      files: ['**/*.{ts,tsx,js,mjs}'],
      languageOptions: {
        ecmaVersion: 2023,
        sourceType: 'module',
        globals: { ...globals.node },
      },
      rules: {
        // Payload documents are typed loosely in many places on purpose (Record<string, any>).
        '@typescript-eslint/no-explicit-any': 'off',
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
        // `catch {}` with a comment saying why is the house style for "this may fail, and that is fine".
        'no-empty': ['error', { allowEmptyCatch: true }],
        // Prettier owns line breaks and never writes the ambiguous kind (eslint-config-prettier turns this off too).
        'no-unexpected-multiline': 'off',
      },
    },
    {
      // The public site's views (server-rendered) and the admin's client components.
      files: ['**/*.tsx'],
      plugins: { react, 'react-hooks': reactHooks },
      languageOptions: {
        ...react.configs.flat.recommended.languageOptions,
        globals: { ...globals.node, ...globals.browser },
      },
      settings: { react: { version: '19.2' } },
      rules: {
        ...react.configs.flat.recommended.rules,
        ...react.configs.flat['jsx-runtime'].rules,
        // TypeScript checks props; apostrophes in copy are fine in JSX text.
        'react/prop-types': 'off',
        'react/no-unescaped-entities': 'off',
        'react-hooks/rules-of-hooks': 'error',
        'react-hooks/exhaustive-deps': 'error',
      },
    },
    {
      // Import cycles and the layering. The TypeScript resolver maps the `.js` suffixes the code imports
      // to the `.ts`/`.tsx` files on disk (and reads tsconfig paths such as @payload-config); without it
      // no import resolves and both rules would pass silently (tests/unit/lint-rules.test.ts proves it).
      files: ['**/*.{ts,tsx,js,mjs}'],
      plugins: { 'import-x': importX },
      settings: {
        'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
        'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
        'import-x/resolver-next': [createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.json'), alwaysTryTypes: true })],
      },
      rules: {
        // Type-only imports vanish at run time, so the rule ignores them; node_modules is not walked.
        'import-x/no-cycle': ['error', { ignoreExternal: true }],
        'import-x/no-self-import': 'error',
        'import-x/no-restricted-paths': ['error', { basePath: root, zones: LAYER_BANS }],
      },
    },
  )
}

export default waymarkConfig()
