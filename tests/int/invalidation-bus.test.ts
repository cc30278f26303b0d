// The page cache's invalidation bus between processes (src/cache/bus/), on a real Redis and a real PostgreSQL:
// two buses stand for two processes. What one publishes, the other applies at its next counter check even
// when the announcement has not arrived; an announcement alone is applied too; a gap in the log, a counter that
// went backwards (a store restarted empty, a restore) or a reconnect forgets everything; and a store that does
// not answer makes the check say "do not serve from the cache". Runs in every int run (SQLite too): these
// tests make their own PostgreSQL database and use their own Redis key prefix.
import crypto from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { PostgresBusBackend } from '../../src/cache/bus/postgresBackend.js'
import { RedisBusBackend } from '../../src/cache/bus/redisBackend.js'
import { VersionedInvalidationBus, type BusBackend } from '../../src/cache/bus/versionedBus.js'
import { EVERYTHING } from '../../src/cache/renderTrace.js'
import { closeRedis, redis } from '../../src/redis/client.js'
import { CACHE_BUS_TABLES } from '../../src/migrations/postgres/20261206_090000_cache_invalidation.js'

const POSTGRES = 'postgres://postgres@127.0.0.1:5432'
const PREFIX = `waymark-test-bus-${process.pid}-${crypto.randomBytes(4).toString('hex')}:`
const DATABASE = `waymark_bus_${process.pid}_${crypto.randomBytes(3).toString('hex')}`

type Process = { bus: VersionedInvalidationBus; applied: string[][]; backend: BusBackend }

/** A bus as a server starts one: listening, then a first counter check (which forgets everything) before serving. */
async function processOn(backend: BusBackend): Promise<Process> {
  const applied: string[][] = []
  const bus = new VersionedInvalidationBus(backend, (tags) => applied.push(tags))
  bus.start()
  expect(await bus.catchUp(10_000), 'the first counter check').toBe(true)
  expect(applied.flat(), 'the first contact forgets everything').toContain(EVERYTHING)
  return { bus, applied, backend }
}

const flat = (process: Process) => process.applied.flat()

async function eventually(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

async function admin<T>(work: (client: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const client = new pg.Client({ connectionString: `${POSTGRES}/${database}` })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

type Store = {
  name: string
  backend: () => BusBackend
  /** Loses the log below the current version (as trimming would). */
  loseLog: () => Promise<void>
  /** Sets the counter back to 0 with an empty log (a store restarted empty, or restored). */
  resetCounter: () => Promise<void>
}

const stores: Store[] = [
  {
    name: 'Redis',
    backend: () => new RedisBusBackend(),
    loseLog: async () => void (await redis().del(`${PREFIX}cache:log`)),
    resetCounter: async () => void (await redis().del(`${PREFIX}cache:log`, `${PREFIX}cache:version`)),
  },
  {
    name: 'PostgreSQL',
    backend: () => new PostgresBusBackend(`${POSTGRES}/${DATABASE}`),
    loseLog: () => admin((client) => client.query('DELETE FROM waymark_cache_log').then(() => undefined), DATABASE),
    resetCounter: () => admin((client) => client.query('DELETE FROM waymark_cache_log; UPDATE waymark_cache_version SET version = 0').then(() => undefined), DATABASE),
  },
]

beforeAll(async () => {
  process.env.REDIS_URL = 'redis://127.0.0.1:6379'
  process.env.WAYMARK_REDIS_PREFIX = PREFIX
  await admin((client) => client.query(`CREATE DATABASE "${DATABASE}"`))
  await admin(async (client) => {
    for (const statement of CACHE_BUS_TABLES) await client.query(statement)
  }, DATABASE)
})

afterAll(async () => {
  const keys = await redis().keys(`${PREFIX}*`)
  if (keys.length > 0) await redis().del(...keys)
  await closeRedis()
  await admin((client) => client.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`))
})

describe.each(stores)('the invalidation bus on $name', (store) => {
  let writer: Process
  let reader: Process

  beforeAll(async () => {
    writer = await processOn(store.backend())
    reader = await processOn(store.backend())
    // Give both listeners a moment to subscribe, so the announcement test is fair.
    await new Promise((resolve) => setTimeout(resolve, 300))
  })

  afterAll(async () => {
    await writer?.bus.stop()
    await reader?.bus.stop()
  })

  test('what one process publishes, the other applies at its next check, before any announcement could be relied on', async () => {
    reader.applied.length = 0
    await writer.bus.publish(['collection:stories', 'collection:consents'])
    // The check reads the counter itself: whether or not the announcement has arrived, the tags are applied.
    expect(await reader.bus.catchUp()).toBe(true)
    expect(flat(reader)).toEqual(expect.arrayContaining(['collection:stories', 'collection:consents']))
    expect(flat(reader)).not.toContain(EVERYTHING)
  })

  test('an announcement alone is applied, with no counter check', async () => {
    reader.applied.length = 0
    await writer.bus.publish(['collection:threads'])
    await eventually(() => flat(reader).includes('collection:threads'), 'the announcement')
    expect(flat(reader)).not.toContain(EVERYTHING)
  })

  test('a hundred publishes from two processes at once all reach both, in one check each', async () => {
    reader.applied.length = 0
    writer.applied.length = 0
    const tags = Array.from({ length: 100 }, (_, i) => `collection:c${i}`)
    await Promise.all(tags.map((tag, i) => (i % 2 === 0 ? writer : reader).bus.publish([tag])))
    expect(await reader.bus.catchUp()).toBe(true)
    expect(await writer.bus.catchUp()).toBe(true)
    const seenByReader = new Set([...flat(reader), ...tags.filter((_, i) => i % 2 === 1)])
    const seenByWriter = new Set([...flat(writer), ...tags.filter((_, i) => i % 2 === 0)])
    const everything = (seen: Set<string>) => seen.has(EVERYTHING) || tags.every((tag) => seen.has(tag))
    expect(everything(seenByReader)).toBe(true)
    expect(everything(seenByWriter)).toBe(true)
  })

  test('a gap in the log forgets everything', async () => {
    expect(await reader.bus.catchUp()).toBe(true)
    // The reader stops hearing announcements for a moment: its own listener is not involved in this check.
    const before = await store.backend().readVersion()
    await writer.bus.publish(['collection:a'])
    await writer.bus.publish(['collection:b'])
    await store.loseLog()
    const quiet = await processOn(store.backend())
    // A process that last applied `before` finds the counter ahead and the entries gone.
    ;(quiet.bus as unknown as { applied: number }).applied = before
    quiet.applied.length = 0
    expect(await quiet.bus.catchUp()).toBe(true)
    expect(flat(quiet)).toContain(EVERYTHING)
    await quiet.bus.stop()
  })

  test('a counter that went backwards (restarted empty, or restored) forgets everything', async () => {
    await writer.bus.publish(['collection:x'])
    expect(await reader.bus.catchUp()).toBe(true)
    await store.resetCounter()
    reader.applied.length = 0
    expect(await reader.bus.catchUp()).toBe(true)
    expect(flat(reader)).toContain(EVERYTHING)
    // And it carries on from the new counter.
    reader.applied.length = 0
    await writer.bus.publish(['collection:y'])
    expect(await reader.bus.catchUp()).toBe(true)
    expect(flat(reader)).toContain('collection:y')
  })
})

describe('a store that does not answer', () => {
  test('PostgreSQL unreachable: the check says not to serve from the cache, and publishing fails loudly', async () => {
    const backend = new PostgresBusBackend('postgres://postgres@127.0.0.1:1/nothing')
    const bus = new VersionedInvalidationBus(backend, () => undefined)
    expect(await bus.catchUp()).toBe(false)
    await expect(bus.publish(['collection:stories'])).rejects.toThrow()
    await bus.stop()
  })
})
