// SQLite allows one writer at a time, and libsql runs each Payload transaction on its own
// connection that takes the write lock at BEGIN. Two requests writing at once therefore fail with
// SQLITE_BUSY at once (measured: 7 of 8 concurrent updates failed), because the busy timeout is not
// carried to the new connections. This wrapper queues writers inside the process: a transaction
// waits its turn (asynchronously, without blocking the event loop) and holds the turn until it
// commits or rolls back; a lone write outside any transaction takes a turn for that one statement.
// Another process holding the lock (a backup, a test, the CLI) is waited out by retrying.
import type { BaseDatabaseAdapter } from 'payload'

import { clusterWriteTurn } from './clusterWriteTurns.js'
import { discardSharedConnection } from './sharedConnection.js'
import { SiteBusyError, writeWaitMs } from './siteBusy.js'

const WRITE_METHODS = [
  'create',
  'createGlobal',
  'createGlobalVersion',
  'createVersion',
  'deleteMany',
  'deleteOne',
  'deleteVersions',
  'updateGlobal',
  'updateGlobalVersion',
  'updateJobs',
  'updateMany',
  'updateOne',
  'updateVersion',
  'upsert',
] as const

const READ_METHODS = ['count', 'countGlobalVersions', 'countVersions', 'find', 'findDistinct', 'findGlobal', 'findGlobalVersions', 'findOne', 'findVersions', 'queryDrafts'] as const

const WATCHED = Symbol('waymark.watchedTransactions')

class WriteQueue {
  private tail: Promise<void> = Promise.resolve()

  /**
   * Resolves with a release function once it is this caller's turn: first in this process, then, among
   * workers, in the cluster (./clusterWriteTurns.ts). Gives up after `timeoutMs` with SiteBusyError (503), so
   * the request is answered clearly rather than left hanging.
   */
  acquire(timeoutMs = writeWaitMs()): Promise<() => void> {
    let releaseLocal!: () => void
    const turn = new Promise<void>((resolve) => (releaseLocal = resolve))
    const previous = this.tail
    this.tail = previous.then(() => turn)
    let gaveUp = false
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        gaveUp = true
        reject(new SiteBusyError(new Error(`Timed out after ${timeoutMs} ms waiting for a turn to write to SQLite`)))
      }, timeoutMs)
      void previous.then(async () => {
        const endClusterTurn = (await clusterWriteTurn()) ?? (() => undefined)
        const release = () => {
          endClusterTurn()
          releaseLocal()
        }
        // A caller that gave up meanwhile gives the turn straight back, so the queues keep moving.
        if (gaveUp) return release()
        clearTimeout(timer)
        resolve(release)
      })
    })
  }
}

const isBusy = (error: unknown) => /SQLITE_BUSY|database is locked/i.test(String((error as Error)?.message ?? error) + String((error as { cause?: unknown })?.cause ?? ''))

/** Retries while another process holds the lock, on a clean connection each time (see sharedConnection.ts). */
async function retryWhileBusy<T>(adapter: unknown, action: () => Promise<T>, timeoutMs = writeWaitMs()): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
    try {
      return await action()
    } catch (error) {
      if (!isBusy(error)) throw error
      await discardSharedConnection(adapter)
      if (Date.now() > deadline) throw new SiteBusyError(error)
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}

type AnyFn = (...args: any[]) => Promise<any>

const transactionOf = async (args: { req?: { transactionID?: unknown } } | undefined) => (args?.req?.transactionID instanceof Promise ? await args.req.transactionID : args?.req?.transactionID)

export function serialiseSqliteWrites<T extends BaseDatabaseAdapter>(adapter: T): T {
  const queue = new WriteQueue()
  const turns = new Map<string | number, () => void>()
  const db = adapter as unknown as Record<string, AnyFn>

  // Payload's SQLite transactions swallow an error thrown by COMMIT (the change is rolled back and
  // the operation still reports success: measured as members "created" that were never stored).
  // Each transaction's own outcome is therefore kept, and commitTransaction fails loudly with it.
  const outcomes = new Map<string | number, Promise<unknown>>()
  let latestOutcome: Promise<unknown> | null = null
  const watchTransactions = () => {
    const drizzle = (adapter as unknown as { drizzle?: Record<string | symbol, any> }).drizzle
    if (!drizzle || drizzle[WATCHED]) return
    const transaction = drizzle.transaction.bind(drizzle)
    drizzle.transaction = (...args: unknown[]) => {
      const running = transaction(...args) as Promise<unknown>
      latestOutcome = running.then(
        () => null,
        (error: unknown) => error,
      )
      return running
    }
    drizzle[WATCHED] = true
  }

  const begin = db.beginTransaction!.bind(adapter)
  db.beginTransaction = async (...args: unknown[]) => {
    const release = await queue.acquire()
    try {
      watchTransactions()
      // Transactions begin one at a time (the queue), so the outcome recorded next is this one's.
      latestOutcome = null
      const id = await retryWhileBusy(adapter, () => begin(...args))
      if (latestOutcome && id !== null && id !== undefined) outcomes.set(id, latestOutcome)
      if (id === null || id === undefined) release()
      else turns.set(id, release)
      return id
    } catch (error) {
      release()
      throw error
    }
  }

  for (const name of ['commitTransaction', 'rollbackTransaction'] as const) {
    const finish = db[name]!.bind(adapter)
    db[name] = async (incoming: unknown) => {
      const id = (incoming instanceof Promise ? await incoming : incoming) as string | number
      const outcome = outcomes.get(id)
      outcomes.delete(id)
      try {
        const result = await finish(id)
        const failure = name === 'commitTransaction' && outcome ? await outcome : null
        if (failure) throw new Error(`The change could not be saved: ${(failure as Error)?.message ?? failure}`, { cause: failure })
        return result
      } finally {
        const release = turns.get(id)
        turns.delete(id)
        release?.()
      }
    }
  }

  for (const name of WRITE_METHODS) {
    const write = db[name]
    if (typeof write !== 'function') continue
    const bound = write.bind(adapter)
    db[name] = async (args: { req?: { transactionID?: unknown } } | undefined, ...rest: unknown[]) => {
      if (await transactionOf(args)) return bound(args, ...rest)
      const release = await queue.acquire()
      try {
        return await retryWhileBusy(adapter, () => bound(args, ...rest))
      } finally {
        release()
      }
    }
  }
  for (const name of READ_METHODS) {
    const read = db[name]
    if (typeof read !== 'function') continue
    const bound = read.bind(adapter)
    db[name] = async (args: { req?: { transactionID?: unknown } } | undefined, ...rest: unknown[]) => {
      // Inside a transaction the lock is already held; outside, a reader can meet a checkpoint.
      if (await transactionOf(args)) return bound(args, ...rest)
      return retryWhileBusy(adapter, () => bound(args, ...rest))
    }
  }
  return adapter
}
