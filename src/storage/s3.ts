// Uploads on shared storage: with S3_BUCKET set, the media collection's files live in an S3-compatible
// bucket (@payloadcms/storage-s3) instead of the media folder, so every machine serves the same files.
// A file is still served only by /api/media/file/<name>, after the media collection's read access:
// no public ACL, no signed or direct bucket addresses, no uploads straight from the browser.
import type { S3ClientConfig } from '@aws-sdk/client-s3'
import { s3Storage } from '@payloadcms/storage-s3'
import type { Field, Plugin } from 'payload'

export type S3Settings = { bucket: string; prefix: string; client: S3ClientConfig }

const PREFIX = /^[A-Za-z0-9._\-/]*$/

function flag(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined
  if (value === 'true') return true
  if (value === 'false') return false
  throw new Error(`${name} must be true or false (got "${value}").`)
}

/** The S3_* settings, or null when S3_BUCKET is unset (uploads then stay on the local disk). */
export function s3Settings(env: NodeJS.ProcessEnv = process.env): S3Settings | null {
  const bucket = env.S3_BUCKET?.trim()
  if (!bucket) return null
  const endpoint = env.S3_ENDPOINT?.trim() || undefined
  if (endpoint && !/^https?:\/\/[^/]+/.test(endpoint)) throw new Error(`S3_ENDPOINT must be an http:// or https:// address (got "${endpoint}").`)
  const rawPrefix = env.S3_PREFIX?.trim() ?? ''
  if (!PREFIX.test(rawPrefix)) throw new Error('S3_PREFIX may hold only letters, digits, ".", "_", "-" and "/".')
  // The same normalisation the plugin applies to a key's folder, so both agree on every object's key.
  const prefix = rawPrefix
    .split('/')
    .filter((part) => part && part !== '.' && part !== '..')
    .join('/')
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim()
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim()
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) throw new Error('Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (to use the machine’s own AWS credentials).')
  const client: S3ClientConfig = {
    region: env.S3_REGION?.trim() || 'us-east-1',
    forcePathStyle: flag('S3_FORCE_PATH_STYLE', env.S3_FORCE_PATH_STYLE) ?? false,
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
    // S3-compatible stores differ in support for the SDK's default CRC32 checksums: ask for them only
    // where S3 requires one.
    ...(endpoint ? { endpoint, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
  }
  return { bucket, prefix, client }
}

/**
 * The storage plugin, registered whether or not S3 is on (enabled only with S3_BUCKET), so that the
 * schema and the admin's import map are the same on both storages and a backup moves between them.
 */
export function storagePlugins(): Plugin[] {
  const settings = s3Settings()
  return [
    s3Storage({
      enabled: settings !== null,
      alwaysInsertFields: true,
      bucket: settings?.bucket ?? '',
      config: settings?.client ?? {},
      collections: { media: settings?.prefix ? { prefix: settings.prefix } : true },
      // Stated, not left to defaults: objects stay private and every read goes through Payload's access check.
      signedDownloads: false,
      clientUploads: false,
    }),
  ]
}

/**
 * The media record's storage folder. Nothing outside the server may set it, so every object's key is
 * `<S3_PREFIX>/<filename>`, the media folder's own layout: a backup restores to either storage.
 */
export const storagePrefixField: Field = {
  name: 'prefix',
  type: 'text',
  defaultValue: '',
  admin: { hidden: true, readOnly: true },
  access: { create: () => false, update: () => false },
}

/**
 * The storage plugin adds `_objectKey` (the folder of a file uploaded straight from a browser, which Waymark
 * does not allow) to the media collection, writable through the API like any text field. A member could then
 * point their own upload at another object's folder. Nothing but the server may set it, and the server never
 * does: closed to create and update for everyone, through every door.
 */
export function lockStorageObjectKeys<Config extends { collections: { fields: unknown[] }[] }>(config: Config): Config {
  for (const collection of config.collections) {
    for (const field of collection.fields as { name?: string; access?: Record<string, unknown> }[]) {
      if (field.name === '_objectKey') field.access = { ...field.access, create: () => false, update: () => false }
    }
  }
  return config
}
