// The uploaded files, wherever they are kept: the media folder, or the S3 bucket when S3_BUCKET is set
// (src/storage/s3.ts). Payload reads and writes them itself through the storage plugin; this is for the
// few things that handle the files directly (backups, the data export, the random-names migration), so
// that none of them touches the local disk when the files are in the bucket.
//
// Names are paths relative to the store's root (the media folder, or S3_PREFIX in the bucket), so the
// same name means the same file on both and a backup restores to either.
import fs from 'node:fs'
import path from 'node:path'
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, NotFound, PutObjectCommand, S3Client, type ListObjectsV2CommandOutput } from '@aws-sdk/client-s3'
import { fileTypeFromBuffer } from 'file-type'

import { mediaDir } from '../env.js'
import { s3Settings, type S3Settings } from './s3.js'

export type StoredFile = { name: string; modifiedAt: Date }

export type MediaStore = {
  /** Where the files are, for messages ("the media folder /srv/media", "s3://bucket/prefix"). */
  where: string
  /** Every file's name, sorted. */
  list(): Promise<string[]>
  /** Every file, with when it was last written, sorted by name. */
  files(): Promise<StoredFile[]>
  /** The file's bytes, or null when there is no such file. */
  read(name: string): Promise<Buffer | null>
  write(name: string, bytes: Buffer): Promise<void>
  remove(name: string): Promise<void>
}

/** Refuses names that would leave the store's root. */
export function checkedName(name: string): string {
  const parts = name.split(/[\\/]/)
  if (!name || path.isAbsolute(name) || parts.some((part) => part === '..' || part === '')) throw new Error(`Not a media file name: "${name}"`)
  return parts.join('/')
}

const byName = (a: StoredFile, b: StoredFile) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

export function diskStore(root: string): MediaStore {
  const full = (name: string) => path.join(root, checkedName(name))
  async function files(): Promise<StoredFile[]> {
    if (!fs.existsSync(root)) return []
    const entries = fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[]
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name)
        return { name: path.relative(root, file).split(path.sep).join('/'), modifiedAt: fs.statSync(file).mtime }
      })
      .sort(byName)
  }
  return {
    where: `the media folder ${root}`,
    files,
    list: async () => (await files()).map((file) => file.name),
    async read(name) {
      try {
        return fs.readFileSync(full(name))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },
    async write(name, bytes) {
      fs.mkdirSync(path.dirname(full(name)), { recursive: true })
      fs.writeFileSync(full(name), bytes)
    },
    async remove(name) {
      fs.rmSync(full(name), { force: true })
    },
  }
}

/** The type S3 serves the object with: the bytes decide, as they did at upload (collections/Media/hooks/checkImageContent.ts). */
async function contentTypeOf(bytes: Buffer): Promise<string> {
  return (await fileTypeFromBuffer(bytes))?.mime ?? 'application/octet-stream'
}

function s3Store(settings: S3Settings): MediaStore {
  const client = new S3Client(settings.client)
  const { bucket, prefix } = settings
  const key = (name: string) => (prefix ? `${prefix}/${checkedName(name)}` : checkedName(name))
  const missing = (error: unknown) => error instanceof NoSuchKey || error instanceof NotFound || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
  async function files(): Promise<StoredFile[]> {
    const found: StoredFile[] = []
    let token: string | undefined
    do {
      const page: ListObjectsV2CommandOutput = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix ? `${prefix}/` : undefined, ContinuationToken: token }))
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key.endsWith('/')) continue
        found.push({ name: prefix ? object.Key.slice(prefix.length + 1) : object.Key, modifiedAt: object.LastModified ?? new Date() })
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    return found.sort(byName)
  }
  return {
    where: `s3://${bucket}${prefix ? `/${prefix}` : ''}`,
    files,
    list: async () => (await files()).map((file) => file.name),
    async read(name) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key(name) }))
        return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : null
      } catch (error) {
        if (missing(error)) return null
        throw error
      }
    },
    async write(name, bytes) {
      // No ACL: the object takes the bucket's own (private) default.
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key(name), Body: bytes, ContentType: await contentTypeOf(bytes) }))
    },
    async remove(name) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key(name) }))
    },
  }
}

/** The store the current settings name: the bucket when S3_BUCKET is set, else the media folder. */
export function mediaStore(): MediaStore {
  const settings = s3Settings()
  return settings ? s3Store(settings) : diskStore(mediaDir())
}
