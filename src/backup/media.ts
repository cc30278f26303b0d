// The media files in a backup: copied out of the store in use (the media folder or the S3 bucket) into
// the archive's media/ folder, and back. The archive's layout is the same for both stores (names
// relative to the media folder or to S3_PREFIX), so a backup of either restores to either.
import fs from 'node:fs'
import path from 'node:path'

import { checkedName, diskStore, type MediaStore } from '../storage/mediaStore.js'
import { say } from './support.js'

/** Runs `run` over the items, a few at once (a bucket answers each request slower than a disk). */
async function eachAtMost<T>(items: T[], inFlight: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(inFlight, items.length) }, async () => {
      while (next < items.length) await run(items[next++]!)
    }),
  )
}

function progress(label: string, total: number) {
  let done = 0
  const every = Math.max(1, Math.floor(total / 20))
  return () => {
    done++
    if (done % every === 0 || done === total) say(`${label}: ${done}/${total} files`)
  }
}

/** Copies every file of the store into `folder` (for a backup); returns how many. */
export async function copyMediaInto(store: MediaStore, folder: string, label: string): Promise<number> {
  fs.mkdirSync(folder, { recursive: true })
  const names = await store.list()
  const tick = progress(label, names.length)
  let copied = 0
  await eachAtMost(names, 8, async (name) => {
    const bytes = await store.read(name)
    // Deleted since it was listed (the site keeps running during a backup): it is not in this backup.
    if (bytes) {
      const target = path.join(folder, checkedName(name))
      fs.mkdirSync(path.dirname(target), { recursive: true })
      fs.writeFileSync(target, bytes)
      copied++
    }
    tick()
  })
  return copied
}

/**
 * Makes the store hold exactly the files in `folder` (for a restore): every file written, then every
 * file that was not in the backup removed, so no moment is without a file the backup has.
 */
export async function replaceMediaWith(store: MediaStore, folder: string, label: string): Promise<number> {
  const incoming = await diskStore(folder).list()
  const tick = progress(label, incoming.length)
  await eachAtMost(incoming, 8, async (name) => {
    await store.write(name, fs.readFileSync(path.join(folder, name)))
    tick()
  })
  const keep = new Set(incoming)
  const stale = (await store.list()).filter((name) => !keep.has(name))
  await eachAtMost(stale, 8, (name) => store.remove(name))
  return incoming.length
}
