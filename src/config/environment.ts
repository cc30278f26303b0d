// Every environment variable Waymark reads, in one zod schema. `readEnvironment` gives back typed, frozen
// settings or throws an EnvironmentError naming every bad variable, what it held and what it may hold, so a
// mistyped setting stops the start (src/config/refuseInvalidEnvironment.ts) instead of being read as a
// default, NaN or a silent fallback. .env.example describes each one (tests/unit/environment.test.ts keeps
// the two lists equal).
import os from 'node:os'
import { z } from 'zod'

import { databaseUrl, hasReplicaSet, isMongoUrl, MONGODB_NEEDS_A_REPLICA_SET } from './databaseUrl.js'
import {
  bucketName,
  decimalNumber,
  emailAddress,
  endpoint,
  folderPath,
  keyPrefix,
  oneOf,
  optional,
  origin,
  redisPrefix,
  regionName,
  text,
  trueOrFalse,
  trustProxy,
  urlOf,
  wholeNumber,
  withDefault,
} from './rules.js'

const ON_OFF = ['on', 'off'] as const

const VARIABLES = {
  // The site
  NODE_ENV: withDefault(oneOf(['development', 'production', 'test']), () => 'development' as const),
  PORT: withDefault(wholeNumber(1, 65535), () => 3000),
  /** Unset: http://localhost:$PORT (filled in below, once PORT is known). */
  SERVER_URL: optional(origin),
  TRUST_PROXY: optional(trustProxy),
  PAYLOAD_SECRET: optional(text()),
  LOG_LEVEL: withDefault(oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), () => 'info' as const),
  // Storage
  DATABASE_URL: optional(databaseUrl).superRefine((url, ctx) => {
    if (typeof url === 'string' && isMongoUrl(url) && !hasReplicaSet(url)) ctx.addIssue({ code: 'custom', message: MONGODB_NEEDS_A_REPLICA_SET, params: { sentence: true } })
  }),
  WAYMARK_DATA_DIR: optional(folderPath),
  WAYMARK_MEDIA_DIR: optional(folderPath),
  WAYMARK_ERASURE_LOG: optional(folderPath),
  S3_BUCKET: optional(bucketName),
  S3_REGION: optional(regionName),
  S3_ENDPOINT: optional(endpoint),
  S3_ACCESS_KEY_ID: optional(text(256)),
  S3_SECRET_ACCESS_KEY: optional(text(256)),
  /** Unset: false (virtual-hosted addressing, as AWS wants). */
  S3_FORCE_PATH_STYLE: optional(trueOrFalse),
  S3_PREFIX: optional(keyPrefix),
  // Email
  SMTP_URL: optional(urlOf(['smtp:', 'smtps:'], 'smtp://user:password@mail.example.org:587')),
  EMAIL_FROM: withDefault(emailAddress, () => 'waymark@localhost'),
  EMAIL_FROM_NAME: withDefault(text(100), () => 'Waymark'),
  // Several processes
  REDIS_URL: optional(urlOf(['redis:', 'rediss:'], 'redis://127.0.0.1:6379')),
  WAYMARK_REDIS_PREFIX: withDefault(redisPrefix, () => 'waymark:'),
  WAYMARK_WORKERS: withDefault(wholeNumber(1, 256), () => os.availableParallelism()),
  WAYMARK_SHUTDOWN_SECONDS: withDefault(decimalNumber(0, 3600), () => 10),
  // Jobs, caches and memory
  WAYMARK_JOBS: withDefault(oneOf(ON_OFF), () => 'on' as const),
  WAYMARK_JOBS_EVERY_SECONDS: withDefault(wholeNumber(1, 59), () => 30),
  WAYMARK_CACHE: withDefault(oneOf(ON_OFF), () => 'on' as const),
  WAYMARK_CACHE_MB: withDefault(wholeNumber(1, 65536), () => 64),
  WAYMARK_HEAP_MB: withDefault(wholeNumber(64, 65536), () => 320),
  // Demo data
  WAYMARK_SEED: withDefault(oneOf(['if-empty', 'never']), () => 'if-empty' as const),
  SEED_PASSWORD: optional(text(200)),
  // Tests and the bench
  WAYMARK_SITEMAP_FILE_URLS: withDefault(wholeNumber(1, 10_000), () => 10_000),
  WAYMARK_BENCH_STATIC_DIR: optional(folderPath),
}

export type VariableName = keyof typeof VARIABLES

/** Every variable the schema knows, in the schema's order. */
export const VARIABLE_NAMES = Object.keys(VARIABLES) as VariableName[]

/** Values never repeated in an error message; URLs are shown without their credentials. */
const SECRETS = new Set<string>(['PAYLOAD_SECRET', 'SEED_PASSWORD', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'])

const S3_SETTINGS = ['S3_REGION', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE', 'S3_PREFIX'] as const

/** A complete sentence of its own (not "<NAME> must …"), so no "(got …)" is added. */
const sentence = (ctx: z.RefinementCtx, variable: VariableName, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message, params: { sentence: true } })

export const environmentSchema = z
  .object(VARIABLES)
  .superRefine(
    (env, ctx) => {
      // A variable that was set but failed its own rule still counts as set here (its value is zod's NEVER marker).
      const isSet = (name: VariableName) => env[name] !== undefined
      if (isSet('S3_BUCKET')) {
        if (!isSet('S3_REGION') && !isSet('S3_ENDPOINT')) sentence(ctx, 'S3_REGION', 'S3_REGION must be set when S3_BUCKET is (or S3_ENDPOINT, for an S3-compatible server that needs no region)')
        const [id, secret] = [isSet('S3_ACCESS_KEY_ID'), isSet('S3_SECRET_ACCESS_KEY')]
        if (id !== secret) {
          const [missing, given] = id ? ['S3_SECRET_ACCESS_KEY', 'S3_ACCESS_KEY_ID'] : ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']
          sentence(ctx, missing as VariableName, `${missing} must be set when ${given} is: give both, or neither to use the AWS SDK's own credentials (an instance role, ~/.aws)`)
        }
      } else {
        // A stray setting is most often a misspelt or forgotten S3_BUCKET: uploads would quietly stay on the disk.
        for (const name of S3_SETTINGS)
          if (isSet(name))
            sentence(ctx, name, `${name} is set but S3_BUCKET is not: uploads go to S3 only when S3_BUCKET is set, so they would stay on the local disk. Set S3_BUCKET, or unset ${name}`)
      }
    },
    // Run even when a variable failed its own rule, so that one message names every problem.
    { when: () => true },
  )
  .transform((env) => ({ ...env, SERVER_URL: env.SERVER_URL ?? `http://localhost:${env.PORT}` }))

export type Environment = Readonly<z.output<typeof environmentSchema>>

export class EnvironmentError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      [
        `Waymark's environment has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} (.env.example lists every variable and what it accepts):`,
        ...problems.map((problem) => `  ${problem}`),
      ].join('\n'),
    )
    this.name = 'EnvironmentError'
  }
}

/** How a refused value is shown: secrets not at all, URLs without their credentials, long values cut short. */
function shown(name: string, value: unknown): string {
  if (SECRETS.has(name)) return '(value not shown)'
  const textValue = String(value).replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@')
  return `(got ${JSON.stringify(textValue.length > 80 ? `${textValue.slice(0, 80)}…` : textValue)})`
}

function problemsIn(error: z.ZodError, env: Record<string, string | undefined>): string[] {
  return error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment')
    const isSentence = issue.code === 'custom' && (issue.params as { sentence?: boolean } | undefined)?.sentence
    return isSentence ? issue.message : `${name} ${issue.message} ${shown(name, env[name])}`
  })
}

/** The settings, read and checked all at once; throws an EnvironmentError naming every problem. */
export function readEnvironment(env: Record<string, string | undefined> = process.env): Environment {
  const result = environmentSchema.safeParse(env)
  if (!result.success) throw new EnvironmentError(problemsIn(result.error, env))
  return Object.freeze(result.data)
}

/**
 * One variable, read through its rule at the moment of asking: for settings that tests change while the
 * process runs (the data and media folders), which must not be fixed at start-up.
 */
export function readVariable<K extends VariableName>(name: K, env: Record<string, string | undefined> = process.env): z.output<(typeof VARIABLES)[K]> {
  const result = VARIABLES[name].safeParse(env[name])
  if (!result.success) throw new EnvironmentError(result.error.issues.map((issue) => `${name} ${issue.message} ${shown(name, env[name])}`))
  return result.data as z.output<(typeof VARIABLES)[K]>
}
