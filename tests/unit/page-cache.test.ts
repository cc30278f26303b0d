// The page cache's parts without a server: which addresses it keeps, when an entry stops being served,
// what the database adapter reports, and what other processes on the same database tell it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest'

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-cache-unit-'))
process.env.DATABASE_URL = `file:${path.join(logDir, 'w.db')}`

const { cacheableAddress } = await import('../../src/cache/cacheablePages.js')
const { lookupPage, rememberPage, renderGeneration, TOKEN_PLACEHOLDER } = await import('../../src/cache/pageCache.js')
const { newTrace, traceRender, collectionTag, noteChangeAt, EVERYTHING } = await import('../../src/cache/renderTrace.js')
const { invalidateTags } = await import('../../src/cache/invalidation.js')
const { invalidationLogPath } = await import('../../src/cache/otherProcesses.js')
const { traceForCache } = await import('../../src/db/traceForCache.js')

const page = (body: string) => ({ status: 200, headers: { 'content-type': 'text/html' }, body })

describe('cacheable addresses', () => {
  test('declared parameters are kept in a fixed order, others dropped; a declared one given twice is not cached', () => {
    expect(cacheableAddress('/stories', '')).toBe('/stories')
    expect(cacheableAddress('/stories', 'page=2&theme=family')).toBe('/stories?theme=family&page=2')
    expect(cacheableAddress('/stories', 'theme=family&page=2')).toBe('/stories?theme=family&page=2')
    expect(cacheableAddress('/stories', 'x=%3Cscript%3E&theme=family&utm_source=x')).toBe('/stories?theme=family')
    expect(cacheableAddress('/stories', 'page=1&page=2')).toBeNull()
    expect(cacheableAddress('/stories/some-story', 'page=2')).toBe('/stories/some-story')
  })

  test('form pages and private pages are never cacheable', () => {
    for (const form of ['/stories/new', '/threads/new', '/login', '/join', '/account', '/account/stories', '/account/messages/3', '/search', '/reports', '/meetings/3/close']) {
      expect(cacheableAddress(form, ''), form).toBeNull()
    }
  })

  test('the public pages are cacheable', () => {
    for (const address of [
      '/',
      '/stories/a-slug',
      '/localities/lancashire-east',
      '/threads/12',
      '/meetings',
      '/meetings/4',
      '/meetings.ics',
      '/localities/x/meetings.ics',
      '/meetings/4/calendar.ics',
      '/feed.xml',
      '/localities/x/feed.xml',
      '/sitemap.xml',
      '/you-said-we-did',
    ]) {
      expect(cacheableAddress(address, ''), address).toBe(address)
    }
  })
})

describe('the store', () => {
  afterEach(() => vi.useRealTimers())

  test('a page is served until a collection it read is written', async () => {
    const trace = newTrace()
    const from = renderGeneration()
    traceRender(trace, () => trace.tags.add(collectionTag('stories')))
    rememberPage('visitor /a', trace, from, page('<p>a</p>'))
    expect((await lookupPage('visitor /a'))?.parts.join('')).toBe('<p>a</p>')
    await invalidateTags([collectionTag('threads')])
    expect(await lookupPage('visitor /a'), 'a write elsewhere leaves it').toBeDefined()
    await invalidateTags([collectionTag('stories')])
    expect(await lookupPage('visitor /a'), 'a write to what it read ends it').toBeUndefined()
  })

  test('a render that began before a write is never stored', async () => {
    const trace = newTrace()
    trace.tags.add(collectionTag('consents'))
    const from = renderGeneration()
    await invalidateTags([collectionTag('consents')]) // the withdrawal commits while the page renders
    rememberPage('visitor /b', trace, from, page('<p>old</p>'))
    expect(await lookupPage('visitor /b')).toBeUndefined()
  })

  test('restoring everything ends every entry', async () => {
    const trace = newTrace()
    trace.tags.add(collectionTag('meetings'))
    rememberPage('visitor /c', trace, renderGeneration(), page('<p>c</p>'))
    await invalidateTags([EVERYTHING])
    expect(await lookupPage('visitor /c')).toBeUndefined()
  })

  test('an entry expires when something on it changes by the clock', async () => {
    vi.useFakeTimers({ now: new Date('2027-03-01T12:00:00Z') })
    const trace = newTrace()
    traceRender(trace, () => {
      noteChangeAt('2027-03-01T12:05:00Z') // a consent ends
      noteChangeAt('2027-03-01T12:01:00Z') // a meeting starts: the earlier one counts
      noteChangeAt('2027-03-01T11:00:00Z') // already past: ignored
    })
    rememberPage('visitor /d', trace, renderGeneration(), page('<p>d</p>'))
    vi.setSystemTime(new Date('2027-03-01T12:00:59Z'))
    expect(await lookupPage('visitor /d')).toBeDefined()
    vi.setSystemTime(new Date('2027-03-01T12:01:00Z'))
    expect(await lookupPage('visitor /d')).toBeUndefined()
  })

  test('no entry outlives ten minutes even with nothing timed on it', async () => {
    vi.useFakeTimers({ now: new Date('2027-03-01T12:00:00Z') })
    rememberPage('visitor /e', newTrace(), renderGeneration(), page('<p>e</p>'))
    vi.setSystemTime(new Date('2027-03-01T12:09:59Z'))
    expect(await lookupPage('visitor /e')).toBeDefined()
    vi.setSystemTime(new Date('2027-03-01T12:10:00Z'))
    expect(await lookupPage('visitor /e')).toBeUndefined()
  })

  test('the form token is a gap filled per request', async () => {
    rememberPage('visitor /f', newTrace(), renderGeneration(), page(`<input value="${TOKEN_PLACEHOLDER}"><input value="${TOKEN_PLACEHOLDER}">`))
    expect((await lookupPage('visitor /f'))?.parts.join('tok1')).toBe('<input value="tok1"><input value="tok1">')
  })
})

describe('other processes on the same database', () => {
  beforeAll(() => invalidateTags([collectionTag('media')])) // opens this process's reader

  test('what another process appends ends the pages that read it; our own lines are not read back', async () => {
    const trace = newTrace()
    trace.tags.add(collectionTag('replies'))
    rememberPage('visitor /g', trace, renderGeneration(), page('<p>g</p>'))
    fs.appendFileSync(invalidationLogPath(), `${process.pid} ${collectionTag('replies')}\n`)
    expect(await lookupPage('visitor /g'), 'a line with our own pid was written by us, and already applied').toBeDefined()
    fs.appendFileSync(invalidationLogPath(), `999999 ${collectionTag('threads')},${collectionTag('replies')}\n`)
    expect(await lookupPage('visitor /g')).toBeUndefined()
  })

  test('a half-written line waits for its end', async () => {
    const trace = newTrace()
    trace.tags.add(collectionTag('flags'))
    rememberPage('visitor /h', trace, renderGeneration(), page('<p>h</p>'))
    fs.appendFileSync(invalidationLogPath(), `999999 ${collectionTag('fla')}`)
    expect(await lookupPage('visitor /h')).toBeDefined()
    fs.appendFileSync(invalidationLogPath(), `gs\n`)
    expect(await lookupPage('visitor /h')).toBeUndefined()
  })

  test('a replaced log ends everything', async () => {
    rememberPage('visitor /i', newTrace(), renderGeneration(), page('<p>i</p>'))
    fs.renameSync(invalidationLogPath(), `${invalidationLogPath()}.old`)
    fs.writeFileSync(invalidationLogPath(), '')
    expect(await lookupPage('visitor /i')).toBeUndefined()
  })
})

describe('the database adapter reports reads and committed writes', () => {
  const fakeAdapter = () => {
    const calls: string[] = []
    const adapter = {
      find: async (args: any) => (calls.push(`find ${args.collection}`), { docs: [{ id: 1, consentExpiresAt: '2999-01-01T00:00:00.000Z' }] }),
      findGlobal: async (args: any) => (calls.push(`findGlobal ${args.slug}`), {}),
      updateOne: async (args: any) => (calls.push(`updateOne ${args.collection}`), {}),
      commitTransaction: async (id: unknown) => void calls.push(`commit ${id}`),
      rollbackTransaction: async (id: unknown) => void calls.push(`rollback ${id}`),
    }
    return { adapter: traceForCache(adapter as never) as typeof adapter, calls }
  }
  const storyPage = () => {
    const trace = newTrace()
    trace.tags.add(collectionTag('stories'))
    rememberPage('visitor /story', trace, renderGeneration(), page('<p>story</p>'))
  }

  test('a read is noted on the page being rendered, with its timed fields', async () => {
    const { adapter } = fakeAdapter()
    const trace = newTrace()
    await traceRender(trace, async () => {
      await adapter.find({ collection: 'stories', select: { title: true } })
      await adapter.findGlobal({ slug: 'privacy-settings' })
    })
    expect([...trace.tags].sort()).toEqual(['c:stories', 'g:privacy-settings'])
    expect(trace.changesAt).toBe(Date.parse('2999-01-01T00:00:00.000Z'))
  })

  test('a write inside a transaction invalidates at its commit, and not at all when rolled back', async () => {
    const { adapter } = fakeAdapter()
    storyPage()
    await adapter.updateOne({ collection: 'stories', req: { transactionID: 'T1' } })
    expect(await lookupPage('visitor /story'), 'not yet committed').toBeDefined()
    await adapter.rollbackTransaction('T1')
    expect(await lookupPage('visitor /story'), 'rolled back').toBeDefined()
    await adapter.updateOne({ collection: 'stories', req: { transactionID: Promise.resolve('T2') } })
    await adapter.commitTransaction(Promise.resolve('T2'))
    expect(await lookupPage('visitor /story'), 'committed').toBeUndefined()
  })

  test('a write outside a transaction invalidates once it is done', async () => {
    const { adapter } = fakeAdapter()
    storyPage()
    await adapter.updateOne({ collection: 'stories' })
    expect(await lookupPage('visitor /story')).toBeUndefined()
    const lines = fs.readFileSync(invalidationLogPath(), 'utf8').trim().split('\n')
    expect(lines.at(-1), 'other processes are told').toBe(`${process.pid} c:stories`)
  })
})
