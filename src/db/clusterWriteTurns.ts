// SQLite has one writer at a time, and when several workers share the file, SQLite itself decides who goes
// next by letting each waiting process retry: a worker with a queue of writes takes the lock again the
// moment it lets go, so the other worker's writes starve (measured: writes refused after 15 s of retries
// while the other worker wrote steadily). So the cluster's primary hands out write turns, first come first
// served across all workers, over the workers' IPC channel; a worker takes its turn before SQLite's lock.
// Other processes on the file (a backup, the CLI, a test) still wait by retrying (serialiseSqliteWrites.ts).
import cluster, { type Worker } from 'node:cluster'

const CHANNEL = 'waymark-sqlite-write-turn'

type TurnMessage = { channel: typeof CHANNEL; type: 'ask' | 'done' | 'granted'; turn: number }

const isTurnMessage = (message: unknown): message is TurnMessage => (message as TurnMessage | null)?.channel === CHANNEL

/** In a worker: resolves with a function that ends the turn once it is this worker's turn to write. */
export function clusterWriteTurn(): Promise<() => void> | undefined {
  if (!cluster.isWorker || !process.send || !serving) return undefined
  const turn = nextTurn++
  return new Promise((resolve) => {
    waiting.set(turn, () =>
      resolve(() => {
        if (process.connected) process.send!({ channel: CHANNEL, type: 'done', turn } satisfies TurnMessage)
      }),
    )
    process.send!({ channel: CHANNEL, type: 'ask', turn } satisfies TurnMessage)
  })
}

let nextTurn = 0
const waiting = new Map<number, () => void>()
/** Set in workers whose primary hands out turns (it says so in the environment it forks them with). */
const serving = process.env.WAYMARK_SQLITE_WRITE_TURNS === '1'

if (cluster.isWorker && serving) {
  process.on('message', (message: unknown) => {
    if (!isTurnMessage(message) || message.type !== 'granted') return
    const grant = waiting.get(message.turn)
    waiting.delete(message.turn)
    grant?.()
  })
}

/** In the primary: hands out one write turn at a time, in the order asked; a worker that dies gives its turns up. */
export function serveSqliteWriteTurns(): Record<string, string> {
  const queue: { worker: Worker; turn: number }[] = []
  let holder: { worker: Worker; turn: number } | undefined

  const grantNext = () => {
    while (!holder && queue.length > 0) {
      const next = queue.shift()!
      if (next.worker.isDead()) continue
      holder = next
      next.worker.send({ channel: CHANNEL, type: 'granted', turn: next.turn } satisfies TurnMessage)
    }
  }
  cluster.on('message', (worker: Worker, message: unknown) => {
    if (!isTurnMessage(message)) return
    if (message.type === 'ask') queue.push({ worker, turn: message.turn })
    else if (message.type === 'done' && holder?.worker === worker && holder.turn === message.turn) holder = undefined
    grantNext()
  })
  cluster.on('exit', (worker: Worker) => {
    if (holder?.worker === worker) holder = undefined
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.worker === worker) queue.splice(i, 1)
    grantNext()
  })
  return { WAYMARK_SQLITE_WRITE_TURNS: '1' }
}
