// Hostile: a story's picture follows its story at once, through every URL (issue 11, item 2), with the
// uploads in the media folder. The doors and the random names are tested in ./mediaDoors.ts, shared with
// media-doors-s3.test.ts (the same tests with the uploads in an S3 bucket).
//
// A file stored under a person's name before the rule is renamed by a migration, its record updated,
// and its old URLs answer 404.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createClient } from '@libsql/client'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'

import { freePort, rootDir, tempDir } from '../support/env.js'
import { WebClient } from '../support/http.js'
import { startTestServer } from '../support/server.js'
import { listFiles, useHostileServer } from './helpers.js'
import { coverDoorTests, imageMagic, PERSON } from './mediaDoors.js'

const hostile = useHostileServer('media-doors')

coverDoorTests(hostile, {
  name: 'the media folder',
  storedFiles: async () => listFiles(hostile.server.mediaDir),
  load: { requests: 1000, seconds: 30 },
})

// =============================================================================================
// The migration: files stored under a person's name before the rule are renamed
// =============================================================================================
/** The SQLite migrations as they were before issue 11: a database made with only these is "from before". */
const MIGRATIONS_BEFORE_ISSUE_11 = [
  '20261123_171850_initial',
  '20261123_181216_stories',
  '20261201_131526_forum',
  '20261201_135440_forum_review_digest',
  '20261201_160933_meetings',
  '20261201_163346_privacy',
  '20261205_132344_safeguarding',
  '20261205_132359_crisis_lexicon_data',
]

/** Makes a database with only the earlier migrations, in a child process (one Payload per test process). */
function migrateOnlyTheEarlierOnes(env: Record<string, string>) {
  const script = `
    const { getPayload } = await import('payload')
    const { default: config } = await import('./src/payload.config.ts')
    const { migrationsForCurrentDatabase } = await import('./src/migrations/index.ts')
    const earlier = new Set(JSON.parse(process.env.EARLIER_MIGRATIONS))
    const payload = await getPayload({ config, cron: false })
    await payload.db.migrate({ migrations: (await migrationsForCurrentDatabase()).filter((m) => earlier.has(m.name)) })
    process.exit(0)
  `
  const childEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...env,
    EARLIER_MIGRATIONS: JSON.stringify(MIGRATIONS_BEFORE_ISSUE_11),
    WAYMARK_JOBS: 'off',
    NODE_OPTIONS: '--conditions=production',
  }
  const result = spawnSync(path.join(rootDir, 'node_modules', '.bin', 'tsx'), ['--tsconfig', 'tsconfig.server.json', '--input-type=module', '-'], {
    cwd: rootDir,
    input: script,
    encoding: 'utf8',
    timeout: 120_000,
    env: childEnv as NodeJS.ProcessEnv,
  })
  if (result.status !== 0) throw new Error(`Arrange failed: earlier migrations exited ${result.status}: ${result.stderr}\n${result.stdout}`.slice(0, 2000))
}

describe('files stored under a person’s name before the rule', () => {
  test('are renamed by a migration: the record and every size updated, the files renamed, the old URLs 404, the new ones serving', async () => {
    const dir = tempDir('waymark-legacy-media-')
    const databaseUrl = `file:${path.join(dir, 'waymark.db')}`
    const dataDir = path.join(dir, 'data')
    const mediaDir = path.join(dir, 'media')
    fs.mkdirSync(dataDir, { recursive: true })
    fs.mkdirSync(mediaDir, { recursive: true })
    migrateOnlyTheEarlierOnes({ DATABASE_URL: databaseUrl, WAYMARK_DATA_DIR: dataDir, WAYMARK_MEDIA_DIR: mediaDir, PAYLOAD_SECRET: 'legacy-secret' })

    // A public picture stored the old way: the uploader's own file name, for the file and each size.
    const sizes = { thumbnail: [160, 160], card: [640, 400], full: [1600, 1067] } as const
    const names: Record<string, string> = { original: 'jane-doe.webp' }
    await sharp({ create: { width: 1800, height: 1200, channels: 3, background: '#557799' } })
      .webp()
      .toFile(path.join(mediaDir, names.original!))
    for (const [size, [w, h]] of Object.entries(sizes)) {
      names[size] = `jane-doe-${w}x${h}.webp`
      await sharp({ create: { width: w, height: h, channels: 3, background: '#557799' } })
        .webp()
        .toFile(path.join(mediaDir, names[size]!))
    }
    const db = createClient({ url: databaseUrl })
    const columns: Record<string, unknown> = {
      alt: 'A quiet path by the water',
      is_public: 1,
      story_audience: 'none',
      url: `/api/media/file/${names.original}`,
      filename: names.original,
      mime_type: 'image/webp',
      filesize: fs.statSync(path.join(mediaDir, names.original!)).size,
      width: 1800,
      height: 1200,
    }
    for (const [size, [w, h]] of Object.entries(sizes)) {
      Object.assign(columns, {
        [`sizes_${size}_url`]: `/api/media/file/${names[size]}`,
        [`sizes_${size}_width`]: w,
        [`sizes_${size}_height`]: h,
        [`sizes_${size}_mime_type`]: 'image/webp',
        [`sizes_${size}_filesize`]: fs.statSync(path.join(mediaDir, names[size]!)).size,
        [`sizes_${size}_filename`]: names[size],
      })
    }
    const keys = Object.keys(columns)
    const inserted = await db.execute({
      sql: `INSERT INTO media (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map(() => '?').join(', ')}) RETURNING id`,
      args: keys.map((k) => columns[k] as never),
    })
    const mediaId = Number(inserted.rows[0]!.id)
    db.close()

    // Starting the server applies the migrations that came after (the rename among them).
    const server = await startTestServer({ seed: false, reuse: { dir, port: await freePort(), databaseUrl, dataDir, mediaDir, secret: 'legacy-secret' } })
    try {
      const after = createClient({ url: databaseUrl })
      const row = (await after.execute({ sql: 'SELECT * FROM media WHERE id = ?', args: [mediaId] })).rows[0] as Record<string, unknown> | undefined
      after.close()
      expect(row, 'the record is kept').toBeTruthy()
      const stillNamed = Object.entries(row!)
        .filter(([, v]) => typeof v === 'string' && PERSON.test(v))
        .map(([k, v]) => `${k}: ${v}`)
      expect(stillNamed, 'the stored record after the migration').toEqual([])
      expect(
        listFiles(mediaDir).filter((f) => PERSON.test(f)),
        'files in the media folder after the migration',
      ).toEqual([])

      const visitor = new WebClient(server.url)
      const oldAnswers: string[] = []
      for (const name of Object.values(names)) {
        const response = await visitor.get(`/api/media/file/${name}`)
        const body = Buffer.from(await response.arrayBuffer())
        if (response.status !== 404 || imageMagic(body)) oldAnswers.push(`/api/media/file/${name}: ${response.status}${imageMagic(body) ? ' with image bytes' : ''}`)
      }
      expect(oldAnswers, 'the old URLs').toEqual([])

      // Renamed, not lost: the new names serve the same public picture.
      const newNames = [row!.filename, ...Object.keys(sizes).map((size) => row![`sizes_${size}_filename`])].map(String)
      for (const name of newNames) {
        const response = await visitor.get(`/api/media/file/${encodeURIComponent(name)}`)
        expect(response.status, `new URL /api/media/file/${name}`).toBe(200)
        expect(imageMagic(Buffer.from(await response.arrayBuffer())), `new URL /api/media/file/${name}`).toBe('webp')
      }
    } finally {
      await server.stop()
    }
  }, 300_000)
})
