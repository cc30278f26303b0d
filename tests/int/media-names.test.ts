// Issue 11: stored files carry random names. New uploads are named by the server; files stored before
// under the name they were uploaded with are renamed (every size) by the migration, and the old names go.
import fs from 'node:fs'
import path from 'node:path'

import sharp from 'sharp'
import { expect, test } from 'vitest'

import { createMember } from '../support/members.js'
import { bootPayload } from '../support/payload.js'

test('uploads get random names, and old names are replaced with every size', async () => {
  const payload = await bootPayload()
  const { randomiseMediaNames } = await import('../../src/privacy/randomiseMediaNames.js')
  const { mediaDir } = await import('../../src/env.js')
  const member = await createMember(payload)
  const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 10, g: 120, b: 90 } } })
    .png()
    .toBuffer()
  const uploaded = (await payload.create({
    collection: 'media',
    data: { alt: 'A canal at dusk' } as never,
    file: { data: png, mimetype: 'image/png', name: 'jane-doe.png', size: png.length },
    overrideAccess: false,
    user: member,
  })) as Record<string, any>
  const names = (doc: Record<string, any>) => [doc.filename, ...Object.values((doc.sizes ?? {}) as Record<string, { filename?: string }>).map((s) => s.filename)].filter(Boolean) as string[]
  expect(names(uploaded).join(' ')).not.toMatch(/jane|doe/i)

  // A record from before: the same file stored under a person's name (every size too).
  const stale: Record<string, unknown> = { filename: 'jane-doe.webp', sizes: {} }
  for (const [sizeName, size] of Object.entries((uploaded.sizes ?? {}) as Record<string, Record<string, any>>)) {
    if (!size.filename) continue
    const old = `jane-doe-${size.width}x${size.height}.webp`
    fs.renameSync(path.join(mediaDir(), size.filename), path.join(mediaDir(), old))
    ;(stale.sizes as Record<string, unknown>)[sizeName] = { ...size, filename: old }
  }
  fs.renameSync(path.join(mediaDir(), uploaded.filename), path.join(mediaDir(), 'jane-doe.webp'))
  await payload.update({ collection: 'media', id: uploaded.id, data: stale as never, overrideAccess: true })

  expect(await randomiseMediaNames(payload)).toBe(1)
  const after = (await payload.findByID({ collection: 'media', id: uploaded.id, depth: 0, overrideAccess: true })) as Record<string, any>
  expect(names(after).join(' ')).not.toMatch(/jane|doe/i)
  for (const name of names(after)) expect(fs.existsSync(path.join(mediaDir(), name)), name).toBe(true)
  expect(fs.readdirSync(mediaDir()).filter((f) => /jane|doe/i.test(f))).toEqual([])
  expect(String(after.url)).not.toMatch(/jane|doe/i)
  expect(await randomiseMediaNames(payload)).toBe(0)
})
