// The one environment schema (src/config/environment.ts): hostile values are refused by name with what was
// wrong and what is allowed, every bad variable at once, secrets never echoed; MongoDB without a replica set
// is refused by the schema and by the adapter factory; and .env.example lists exactly the schema's variables,
// each with a comment and an example that the schema accepts.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { MONGODB_NEEDS_A_REPLICA_SET } from '../../src/config/databaseUrl.js'
import { EnvironmentError, readEnvironment, readVariable, VARIABLE_NAMES } from '../../src/config/environment.js'
import { rootDir } from '../support/env.js'

type Env = Record<string, string | undefined>

/** The problems an environment is refused for (fails the test if it is accepted). */
function problemsOf(env: Env): readonly string[] {
  try {
    readEnvironment(env)
  } catch (error) {
    expect(error).toBeInstanceOf(EnvironmentError)
    return (error as EnvironmentError).problems
  }
  throw new Error(`accepted: ${JSON.stringify(env)}`)
}

const onlyProblem = (env: Env) => {
  const problems = problemsOf(env)
  expect(problems).toHaveLength(1)
  return problems[0]!
}

describe('defaults', () => {
  it('an empty environment gives the documented defaults, typed and frozen', () => {
    const env = readEnvironment({})
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      SERVER_URL: 'http://localhost:3000',
      LOG_LEVEL: 'info',
      EMAIL_FROM: 'waymark@localhost',
      EMAIL_FROM_NAME: 'Waymark',
      WAYMARK_REDIS_PREFIX: 'waymark:',
      WAYMARK_WORKERS: os.availableParallelism(),
      WAYMARK_SHUTDOWN_SECONDS: 10,
      WAYMARK_JOBS: 'on',
      WAYMARK_JOBS_EVERY_SECONDS: 30,
      WAYMARK_CACHE: 'on',
      WAYMARK_CACHE_MB: 64,
      WAYMARK_HEAP_MB: 320,
      WAYMARK_SEED: 'if-empty',
      WAYMARK_SITEMAP_FILE_URLS: 10_000,
    })
    for (const unset of ['DATABASE_URL', 'REDIS_URL', 'S3_BUCKET', 'SMTP_URL', 'PAYLOAD_SECRET', 'TRUST_PROXY'] as const) expect(env[unset]).toBeUndefined()
    expect(Object.isFrozen(env)).toBe(true)
    expect(() => ((env as { PORT: number }).PORT = 1)).toThrow(TypeError)
  })

  it('an empty value is the same as unset (compose files write NAME=)', () => {
    expect(readEnvironment({ PORT: '', WAYMARK_WORKERS: '', REDIS_URL: '' })).toMatchObject({ PORT: 3000, WAYMARK_WORKERS: os.availableParallelism() })
  })

  it('SERVER_URL defaults to localhost on PORT, and is kept as a bare origin', () => {
    expect(readEnvironment({ PORT: '8080' }).SERVER_URL).toBe('http://localhost:8080')
    expect(readEnvironment({ SERVER_URL: 'https://Forum.Example.org/' }).SERVER_URL).toBe('https://forum.example.org')
    expect(readEnvironment({ SERVER_URL: 'http://127.0.0.1:4123' }).SERVER_URL).toBe('http://127.0.0.1:4123')
  })

  it('variables Waymark does not know are ignored, not returned', () => {
    expect(readEnvironment({ HOME: '/root', PATH: '/bin' })).not.toHaveProperty('HOME')
  })
})

describe('PORT', () => {
  it.each(['abc', '0', '70000', '65536', ' 3000', '3000 ', '-1', '1.5', '3e3', '0x10', '３０００', '3000abc', '99999999999999999999'])(
    'refuses %j by name, with the value and the allowed range',
    (value) => {
      expect(onlyProblem({ PORT: value })).toBe(`PORT must be a whole number from 1 to 65535 (got ${JSON.stringify(value)})`)
    },
  )

  it('accepts the ends of the range', () => {
    expect(readEnvironment({ PORT: '1' }).PORT).toBe(1)
    expect(readEnvironment({ PORT: '65535' }).PORT).toBe(65535)
  })
})

describe('WAYMARK_WORKERS and WAYMARK_SHUTDOWN_SECONDS', () => {
  it.each(['0', '-1', '1.5', 'abc', ' 2', '257', 'two', '2workers'])('WAYMARK_WORKERS=%j is refused', (value) => {
    expect(onlyProblem({ WAYMARK_WORKERS: value })).toBe(`WAYMARK_WORKERS must be a whole number from 1 to 256 (got ${JSON.stringify(value)})`)
  })

  it('accepts 1 (one process, no cluster) and more', () => {
    expect(readEnvironment({ WAYMARK_WORKERS: '1' }).WAYMARK_WORKERS).toBe(1)
    expect(readEnvironment({ WAYMARK_WORKERS: '4' }).WAYMARK_WORKERS).toBe(4)
  })

  it.each(['-1', 'abc', '10s', '3601', '1.'])('WAYMARK_SHUTDOWN_SECONDS=%j is refused', (value) => {
    expect(onlyProblem({ WAYMARK_SHUTDOWN_SECONDS: value })).toMatch(/^WAYMARK_SHUTDOWN_SECONDS must be a number from 0 to 3600/)
  })

  it('WAYMARK_SHUTDOWN_SECONDS accepts 0 and decimals', () => {
    expect(readEnvironment({ WAYMARK_SHUTDOWN_SECONDS: '0' }).WAYMARK_SHUTDOWN_SECONDS).toBe(0)
    expect(readEnvironment({ WAYMARK_SHUTDOWN_SECONDS: '2.5' }).WAYMARK_SHUTDOWN_SECONDS).toBe(2.5)
  })
})

describe('URLs', () => {
  it.each([
    'ftp://forum.example.org',
    'localhost:3000',
    'https://forum.example.org/forum',
    'https://user:pw@forum.example.org',
    'https://forum.example.org/?a=1',
    'https://forum.example.org/#top',
    'javascript:alert(1)',
    'https://',
  ])('SERVER_URL=%j is refused: an http(s) origin only', (value) => {
    expect(onlyProblem({ SERVER_URL: value })).toMatch(/^SERVER_URL must be an http:\/\/ or https:\/\/ origin with no path, query or credentials/)
  })

  it.each(['http://127.0.0.1:6379', 'localhost:6379', 'redis://', 'redis:///tmp/redis.sock', 'redis://exa mple:6379'])('REDIS_URL=%j is refused: redis:// or rediss:// only', (value) => {
    expect(onlyProblem({ REDIS_URL: value })).toMatch(/^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/)
  })

  it('REDIS_URL accepts redis:// and rediss:// with a password and a database number', () => {
    expect(readEnvironment({ REDIS_URL: 'rediss://:secret@cache.example.org:6380/2' }).REDIS_URL).toBe('rediss://:secret@cache.example.org:6380/2')
  })

  it.each(['mysql://db/waymark', 'sqlite:waymark.db', 'file:', 'postgres://', 'waymark.db', 'postgres://exa mple/db', 'POSTGRES://db/waymark'])('DATABASE_URL=%j is refused', (value) => {
    expect(onlyProblem({ DATABASE_URL: value })).toMatch(/^DATABASE_URL must start with file: \(SQLite.*postgres:\/\/ or postgresql:\/\/.*mongodb:\/\/ or mongodb\+srv:\/\//)
  })

  it.each(['file:data/waymark.db', 'file:/var/lib/waymark/waymark.db', 'postgres://u:p@127.0.0.1:5432/waymark', 'postgresql://127.0.0.1/waymark', 'mongodb://a:27017,b:27017/waymark?replicaSet=rs0'])(
    'DATABASE_URL=%j is accepted',
    (value) => {
      expect(readEnvironment({ DATABASE_URL: value }).DATABASE_URL).toBe(value)
    },
  )

  it('a URL is shown without its credentials when refused', () => {
    const problem = onlyProblem({ REDIS_URL: 'http://admin:hunter2@cache.example.org:6379' })
    expect(problem).not.toContain('hunter2')
    expect(problem).toContain('(got "http://***@cache.example.org:6379")')
    expect(onlyProblem({ SMTP_URL: 'http://mailer:hunter2@mail.example.org' })).not.toContain('hunter2')
  })

  it('a long value is cut short in the message', () => {
    expect(onlyProblem({ PORT: '9'.repeat(500) }).length).toBeLessThan(200)
  })
})

describe('MongoDB needs a replica set', () => {
  it.each([
    'mongodb://127.0.0.1:27017/waymark',
    'mongodb+srv://cluster0.example.net/waymark',
    'mongodb://h/waymark?replicaSet=',
    'mongodb://h/waymark?retryWrites=true',
    'mongodb://h/replicaSet=rs0',
    'mongodb://h/waymark#?replicaSet=rs0',
  ])('%j is refused with the reason and the fix', (value) => {
    const problem = onlyProblem({ DATABASE_URL: value })
    expect(problem).toBe(MONGODB_NEEDS_A_REPLICA_SET)
    for (const words of ['DATABASE_URL', 'transactions', 'email only after commit', 'erasure', 'replica set', '--replSet rs0', 'rs.initiate()', '?replicaSet=rs0']) expect(problem).toContain(words)
  })

  it.each(['mongodb://127.0.0.1:27017/waymark?replicaSet=rs0', 'mongodb+srv://u:p@cluster0.example.net/waymark?retryWrites=true&replicaSet=atlas-abc'])('%j is accepted', (value) => {
    expect(readEnvironment({ DATABASE_URL: value }).DATABASE_URL).toBe(value)
  })

  it('the adapter factory refuses it too, with the same message (CLI commands and tests pass URLs of their own)', async () => {
    const { databaseAdapter } = await import('../../src/db/index.js')
    expect(() => databaseAdapter('mongodb://127.0.0.1:27017/waymark')).toThrow(MONGODB_NEEDS_A_REPLICA_SET)
    expect(databaseAdapter('mongodb://127.0.0.1:27017/waymark?replicaSet=rs0').name).toBe('mongoose')
  })
})

describe('S3', () => {
  const complete = { S3_BUCKET: 'waymark-uploads', S3_REGION: 'eu-west-2', S3_ACCESS_KEY_ID: 'AKIAEXAMPLE', S3_SECRET_ACCESS_KEY: 'not-really-secret' }

  it('a complete set is accepted, with the prefix tidied and path style read as a boolean', () => {
    expect(readEnvironment({ ...complete, S3_PREFIX: 'waymark/uploads/', S3_FORCE_PATH_STYLE: 'true' })).toMatchObject({ ...complete, S3_PREFIX: 'waymark/uploads', S3_FORCE_PATH_STYLE: true })
    // An endpoint stands in for the region; no keys means the AWS SDK's own credentials.
    expect(readEnvironment({ S3_BUCKET: 'uploads', S3_ENDPOINT: 'http://127.0.0.1:4568/' }).S3_ENDPOINT).toBe('http://127.0.0.1:4568')
  })

  it('a bucket without a region or endpoint is refused, naming S3_REGION', () => {
    expect(onlyProblem({ S3_BUCKET: 'waymark-uploads' })).toMatch(/^S3_REGION must be set when S3_BUCKET is/)
  })

  it.each([
    ['S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'],
    ['S3_SECRET_ACCESS_KEY', 'S3_ACCESS_KEY_ID'],
  ])('%s without %s is refused, naming the missing one', (given, missing) => {
    const env: Env = { ...complete, [missing]: undefined }
    expect(env[given]).toBeDefined()
    const problem = onlyProblem(env)
    expect(problem).toMatch(new RegExp(`^${missing} must be set when ${given} is: give both, or neither`))
    expect(problem).not.toContain(complete[given as keyof typeof complete])
  })

  it.each(['S3_REGION', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE', 'S3_PREFIX'])(
    '%s without S3_BUCKET is refused (uploads would quietly stay on disk)',
    (name) => {
      const example: Record<string, string> = { S3_REGION: 'eu-west-2', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: 'false', S3_PREFIX: 'waymark' }
      expect(onlyProblem({ [name]: example[name] ?? 'value' })).toBe(
        `${name} is set but S3_BUCKET is not: uploads go to S3 only when S3_BUCKET is set, so they would stay on the local disk. Set S3_BUCKET, or unset ${name}`,
      )
    },
  )

  it.each([
    ['S3_BUCKET', 'My_Bucket'],
    ['S3_BUCKET', 'ab'],
    ['S3_BUCKET', 'a..b'],
    ['S3_REGION', 'EU West'],
    ['S3_ENDPOINT', 'ftp://127.0.0.1'],
    ['S3_ENDPOINT', 'http://key:secret@127.0.0.1'],
    ['S3_FORCE_PATH_STYLE', 'yes'],
    ['S3_PREFIX', '/absolute'],
    ['S3_PREFIX', 'a/../b'],
    ['S3_PREFIX', 'a//b'],
  ])('%s=%j is refused by name', (name, value) => {
    const problems = problemsOf({ ...complete, [name]: value })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(new RegExp(`^${name} must `))
  })
})

describe('the other settings', () => {
  it.each([
    ['LOG_LEVEL', 'verbose', 'must be one of fatal, error, warn, info, debug, trace, silent'],
    ['NODE_ENV', 'staging', 'must be one of development, production, test'],
    ['WAYMARK_JOBS', 'false', 'must be on or off'],
    ['WAYMARK_CACHE', '0', 'must be on or off'],
    ['WAYMARK_SEED', 'always', 'must be if-empty or never'],
    ['WAYMARK_JOBS_EVERY_SECONDS', '60', 'must be a whole number from 1 to 59'],
    ['WAYMARK_CACHE_MB', '0', 'must be a whole number from 1 to 65536'],
    ['WAYMARK_HEAP_MB', '32', 'must be a whole number from 64 to 65536'],
    ['WAYMARK_SITEMAP_FILE_URLS', '60000', 'must be a whole number from 1 to 10000'],
    ['EMAIL_FROM', 'Waymark <forum@example.org>', 'must be a bare email address'],
    ['EMAIL_FROM_NAME', 'Waymark\r\nBcc: victim@example.org', 'must be text on one line'],
    ['WAYMARK_REDIS_PREFIX', 'my prefix', 'must be 1 to 100 printable characters'],
    ['TRUST_PROXY', 'yes', 'must be true, false, a number of proxy hops'],
    ['TRUST_PROXY', '10.0.0.0/33', 'must be true, false, a number of proxy hops'],
    ['TRUST_PROXY', '999.1.1.1', 'must be true, false, a number of proxy hops'],
  ])('%s=%j is refused: %s', (name, value, allowed) => {
    expect(onlyProblem({ [name]: value })).toContain(`${name} ${allowed}`)
  })

  it('TRUST_PROXY is read into what Express wants (text "1" would be the address 0.0.0.1, not one hop)', () => {
    expect(readEnvironment({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1)
    expect(readEnvironment({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true)
    expect(readEnvironment({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false)
    expect(readEnvironment({ TRUST_PROXY: 'loopback, 10.0.0.0/8,172.16.0.1,::1,fd00::/8,10.0.0.0/255.0.0.0' }).TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
      '172.16.0.1',
      '::1',
      'fd00::/8',
      '10.0.0.0/255.0.0.0',
    ])
  })

  it('secrets are never repeated in a message', () => {
    for (const name of ['PAYLOAD_SECRET', 'SEED_PASSWORD']) {
      const problem = onlyProblem({ [name]: 'hunter2\nsecond line' })
      expect(problem).toMatch(new RegExp(`^${name} must be text on one line`))
      expect(problem).not.toContain('hunter2')
      expect(problem).toContain('(value not shown)')
    }
    expect(onlyProblem({ PAYLOAD_SECRET: '   ' })).toMatch(/^PAYLOAD_SECRET must be text on one line, not only spaces/)
  })

  it('every variable refuses a newline, naming itself (a new variable cannot skip validation)', () => {
    for (const name of VARIABLE_NAMES) {
      const problems = problemsOf({ [name]: 'one\ntwo' })
      expect(
        problems.some((problem) => problem.startsWith(`${name} must `)),
        `${name}: ${problems.join(' | ')}`,
      ).toBe(true)
    }
  })
})

describe('every problem at once', () => {
  it('names each bad variable on its own line, in one error', () => {
    const env = {
      PORT: 'abc',
      WAYMARK_WORKERS: '0',
      REDIS_URL: 'http://127.0.0.1:6379',
      DATABASE_URL: 'mongodb://127.0.0.1/waymark',
      S3_BUCKET: 'waymark-uploads',
      LOG_LEVEL: 'loud',
      SERVER_URL: 'https://ok.example.org',
    }
    let error: EnvironmentError | undefined
    try {
      readEnvironment(env)
    } catch (caught) {
      error = caught as EnvironmentError
    }
    expect(error).toBeInstanceOf(EnvironmentError)
    const names = ['PORT', 'WAYMARK_WORKERS', 'REDIS_URL', 'DATABASE_URL', 'S3_REGION', 'LOG_LEVEL']
    expect(error!.problems.map((problem) => problem.split(' ')[0])).toEqual(expect.arrayContaining(names))
    expect(error!.problems).toHaveLength(names.length)
    const lines = error!.message.split('\n')
    expect(lines[0]).toBe("Waymark's environment has 6 problems (.env.example lists every variable and what it accepts):")
    expect(lines.slice(1)).toEqual(error!.problems.map((problem) => `  ${problem}`))
  })
})

describe('readVariable', () => {
  it('reads one variable through its rule, at the moment of asking', () => {
    expect(readVariable('WAYMARK_DATA_DIR', { WAYMARK_DATA_DIR: '/srv/waymark' })).toBe('/srv/waymark')
    expect(readVariable('WAYMARK_DATA_DIR', {})).toBeUndefined()
    expect(() => readVariable('PORT', { PORT: 'abc' })).toThrow('PORT must be a whole number from 1 to 65535 (got "abc")')
  })
})

describe('.env.example', () => {
  const allLines = fs.readFileSync(path.join(rootDir, '.env.example'), 'utf8').split('\n')
  // The last section is for compose.yaml, not for Waymark: its variables are checked against compose.yaml.
  const composeAt = allLines.findIndex((line) => line.startsWith('## Docker Compose only'))
  const lines = composeAt < 0 ? allLines : allLines.slice(0, composeAt)
  const composeNames = composeAt < 0 ? [] : allLines.slice(composeAt).flatMap((line) => /^# ([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] ?? [])

  it('names, in its compose section, the variables compose.yaml reads that Waymark does not', () => {
    const compose = fs.readFileSync(path.join(rootDir, 'compose.yaml'), 'utf8')
    expect(composeNames.sort()).toEqual(['POSTGRES_PASSWORD', 'WAYMARK_DOMAIN'])
    for (const name of composeNames) expect(compose, name).toContain(`\${${name}`)
    for (const name of composeNames) expect(VARIABLE_NAMES, name).not.toContain(name)
  })
  const VARIABLE_LINE = /^(# )?([A-Z][A-Z0-9_]*)=(.*)$/
  const entries = lines.flatMap((line, index) => {
    const match = VARIABLE_LINE.exec(line)
    return match ? [{ name: match[2]!, value: match[3]!, commented: Boolean(match[1]), comment: lines[index - 1] ?? '' }] : []
  })

  it('lists every variable the schema knows, once each, and no other', () => {
    expect(entries.map((entry) => entry.name).sort()).toEqual([...VARIABLE_NAMES].sort())
  })

  it('gives each a one-line comment of its own just above it', () => {
    for (const entry of entries) {
      expect(entry.comment, entry.name).toMatch(/^# \S/)
      expect(VARIABLE_LINE.test(entry.comment), `${entry.name} has no comment of its own`).toBe(false)
    }
  })

  it('as it stands, and with every commented line enabled, is a valid environment', () => {
    const asIs = Object.fromEntries(entries.filter((entry) => !entry.commented).map((entry) => [entry.name, entry.value]))
    expect(() => readEnvironment(asIs)).not.toThrow()
    const everything = Object.fromEntries(entries.map((entry) => [entry.name, entry.value]))
    expect(() => readEnvironment(everything)).not.toThrow()
  })
})
