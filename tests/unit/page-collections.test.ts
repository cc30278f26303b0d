// Every collection and global in the config is either on a page or declared as never shown, with a reason,
// so the page cache's staleness tests (generated from PAGE_COLLECTIONS) cannot forget a new one.
import { expect, test } from 'vitest'

import { GLOBALS_NOT_ON_PAGES, NOT_ON_PAGES, PAGE_COLLECTIONS, PAGE_GLOBALS } from '../../src/cache/pageCollections.js'

test('each collection and global is in exactly one list', async () => {
  process.env.PAYLOAD_SECRET ??= 'unit-test-secret'
  const config = await (await import('../../src/payload.config.js')).default
  const collections = config.collections.map((collection) => collection.slug).sort()
  const globals = config.globals.map((global) => global.slug).sort()
  const onPages = new Set<string>(PAGE_COLLECTIONS)
  for (const slug of Object.keys(NOT_ON_PAGES)) expect(onPages.has(slug), `${slug} is in both lists`).toBe(false)
  expect([...onPages, ...Object.keys(NOT_ON_PAGES)].sort()).toEqual(collections)
  for (const reason of Object.values({ ...NOT_ON_PAGES, ...GLOBALS_NOT_ON_PAGES })) expect(reason.length).toBeGreaterThan(10)
  expect([...PAGE_GLOBALS, ...Object.keys(GLOBALS_NOT_ON_PAGES)].sort()).toEqual(globals)
})
