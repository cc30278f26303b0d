// Issue 15, uploads: a file no media record names (a delete that failed, or a crash between the record's
// delete and the file's) is removed by the daily retention once it is a day old, on the local disk as in
// the bucket (media-s3.test.ts). Files a record names, every size of them, stay; so does a young file,
// which may be an upload whose record is not committed yet.
import fs from 'node:fs'
import path from 'node:path'

import sharp from 'sharp'
import { expect, test } from 'vitest'

import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'
import { asUser, listFiles } from './helpers.js'

test('the retention job removes day-old files no record names, and nothing else', async () => {
  const payload = await bootPayload()
  const { applyRetention } = await import('../../src/jobs/retention.js')
  const { mediaDir } = await import('../../src/env.js')
  const member = await asUser(payload, await createMember(payload, { roles: ['member'], verified: true }))
  const png = await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 30, g: 90, b: 140 } } })
    .png()
    .toBuffer()
  const kept = (await payload.create({
    collection: 'media',
    data: { alt: 'A lock on the canal' } as never,
    file: { data: png, mimetype: 'image/png', name: 'lock.png', size: png.length },
    overrideAccess: false,
    user: member,
  })) as Record<string, any>
  const keptNames = [kept.filename, ...Object.values(kept.sizes as Record<string, { filename: string }>).map((s) => s.filename)]
  const twoDaysAgo = new Date(Date.now() - 48 * 60 * 60 * 1000)
  // The record's own files are old too: age alone must not remove them.
  for (const name of keptNames) fs.utimesSync(path.join(mediaDir(), name), twoDaysAgo, twoDaysAgo)

  const write = (name: string, modified?: Date) => {
    const file = path.join(mediaDir(), name)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, 'left behind')
    if (modified) fs.utimesSync(file, modified, modified)
  }
  write('orphan-old.webp', twoDaysAgo)
  write('nested/orphan-old-2.webp', twoDaysAgo)
  write('orphan-new.webp')

  const result = await applyRetention(payload)
  expect({ removed: result.orphanFilesRemoved, failed: result.orphanFilesFailed }).toEqual({ removed: 2, failed: 0 })
  expect(
    listFiles(mediaDir())
      .map((file) => path.relative(mediaDir(), file))
      .sort(),
  ).toEqual([...keptNames, 'orphan-new.webp'].sort())
  expect((await applyRetention(payload)).orphanFilesRemoved, 'a second run finds nothing more').toBe(0)
})
