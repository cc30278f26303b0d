// Issue 15 "Ready to deploy": there is no Docker daemon on the development machines, so the Dockerfile and
// compose.yaml are never run here. This checks the properties a deployment depends on by reading them: CI also
// lints both files (.ci/run). README "Running on several machines".
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import express from 'express'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const read = (file: string) => fs.readFileSync(path.join(projectRoot, file), 'utf8')

// ---- Dockerfile

type Instruction = { keyword: string; args: string }

/** Instructions in order, with continuation lines joined and comments and the parser directive dropped. */
function dockerInstructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
  return logical
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/)
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') }
    })
}

/** The instructions of each build stage, FROM first. */
function stagesOf(instructions: Instruction[]): Instruction[][] {
  const stages: Instruction[][] = []
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') stages.push([])
    stages.at(-1)?.push(instruction)
  }
  return stages
}

const flagValue = (args: string, flag: string) => args.match(new RegExp(`--${flag}=(\\S+)`))?.[1]

describe('Dockerfile', () => {
  const instructions = dockerInstructions(read('Dockerfile'))
  const stages = stagesOf(instructions)
  const final = stages.at(-1)!
  const stageNames = stages.map((stage) => stage[0]!.args.split(/\s+AS\s+/i)[1]).filter(Boolean)
  const inFinal = (keyword: string) => final.filter((i) => i.keyword === keyword)

  it('is multi-stage: the runtime stage copies its build output from an earlier stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2)
    const sources = inFinal('COPY').map((i) => flagValue(i.args, 'from'))
    expect(sources.length).toBeGreaterThan(0)
    for (const source of sources) expect(stageNames.slice(0, -1)).toContain(source)
    // The compiled server and the built admin, not the TypeScript sources.
    const copied = inFinal('COPY').map((i) => i.args)
    expect(copied.some((args) => /\/app\/dist\b/.test(args))).toBe(true)
    expect(copied.some((args) => /\/app\/\.next\b/.test(args))).toBe(true)
    expect(copied.some((args) => /\bsrc\b|\bcollections\b/.test(args))).toBe(false)
  })

  it('pins every base image by a tag (never latest), on the Node major of .nvmrc, Debian not Alpine', () => {
    const nodeMajor = read('.nvmrc').trim()
    for (const stage of stages) {
      const image = stage[0]!.args.split(/\s+/)[0]!
      expect(image).toMatch(/^[^:]+:[^:]+$/)
      expect(image).not.toMatch(/:latest$/)
      // sharp's libvips and @libsql's client are glibc builds.
      expect(image).toMatch(new RegExp(`^node:${nodeMajor}(\\.[\\d.]+)?-(bookworm|bullseye)-slim$`))
    }
  })

  it('runs as a non-root user that cannot rewrite the code', () => {
    const users = inFinal('USER').map((i) => i.args)
    expect(users.length).toBeGreaterThan(0)
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/)
    // Code is copied owned by root; only the folders the app writes to are handed to the user.
    for (const copy of inFinal('COPY')) {
      const owner = flagValue(copy.args, 'chown')
      if (owner !== undefined) expect(owner).toMatch(/^(root|0)(:(root|0))?$/)
    }
    const chownTargets = inFinal('RUN')
      .flatMap((run) => [...run.args.matchAll(/chown\s+(?:-R\s+)?\S+\s+([^&;|]+)/g)].map((m) => m[1]!.trim().split(/\s+/)))
      .flat()
    expect(chownTargets.length).toBeGreaterThan(0)
    for (const target of chownTargets) expect(['data', 'media', '.next/cache']).toContain(target)
  })

  it('starts node itself (exec form) on the compiled server, in production, with the heap cap', () => {
    const cmd = inFinal('CMD').at(-1)!
    const argv = JSON.parse(cmd.args) as string[]
    expect(argv[0]).toBe('node')
    expect(argv.at(-1)).toBe('dist/serve.mjs')
    expect(argv).toContain('--conditions=production')
    expect(inFinal('ENTRYPOINT')).toEqual([])
    const env = inFinal('ENV')
      .map((i) => i.args)
      .join(' ')
    expect(env).toMatch(/\bNODE_ENV=production\b/)
    expect(env).toMatch(/--max-old-space-size=\d+/)
    expect(inFinal('EXPOSE').map((i) => i.args)).toContain('3000')
  })

  it('has a HEALTHCHECK on /healthz', () => {
    const [healthcheck] = inFinal('HEALTHCHECK')
    expect(healthcheck?.args).toMatch(/CMD \[/)
    expect(healthcheck?.args).toContain('/healthz')
  })

  it('.dockerignore keeps local state, secrets and installed packages out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
    for (const entry of ['node_modules', 'data', 'media', '.next', 'dist', '.git', '.env', 'tests']) expect(ignored).toContain(entry)
  })
})

// ---- compose.yaml

type Service = {
  image?: string
  build?: unknown
  environment?: Record<string, string> | string[]
  depends_on?: Record<string, { condition?: string }> | string[]
  healthcheck?: { test?: string[] | string; disable?: boolean }
  stop_grace_period?: string
  volumes?: string[]
  ports?: string[]
  networks?: string[] | Record<string, { ipv4_address?: string } | null>
}

const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, Service> }
const services = compose.services

const environmentOf = (service: Service): Record<string, string> =>
  Array.isArray(service.environment)
    ? Object.fromEntries(service.environment.map((entry) => [entry.split('=')[0]!, entry.split('=').slice(1).join('=')]))
    : Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value)]))

const dependenciesOf = (service: Service): Record<string, string | undefined> =>
  Array.isArray(service.depends_on)
    ? Object.fromEntries(service.depends_on.map((name) => [name, 'service_started']))
    : Object.fromEntries(Object.entries(service.depends_on ?? {}).map(([name, how]) => [name, how?.condition ?? 'service_started']))

/** Go-style durations as compose reads them: 30s, 1m30s, 2m. */
function seconds(duration: string): number {
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)]
  expect(parts.map((p) => p[0]).join('')).toBe(duration)
  return parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * { h: 3600, m: 60, s: 1, ms: 0.001 }[unit as 'h' | 'm' | 's' | 'ms'], 0)
}

const builtImage = Object.values(services).find((service) => service.build)?.image
const waymarkNames = Object.keys(services).filter((name) => services[name]!.build || (builtImage && services[name]!.image === builtImage))
const serviceWithImage = (prefix: string) => Object.entries(services).find(([, service]) => service.image?.startsWith(prefix))

describe('compose.yaml', () => {
  it('runs two Waymark instances from one build, PostgreSQL 15, Redis 7 and Caddy', () => {
    expect(waymarkNames).toHaveLength(2)
    expect(Object.values(services).filter((service) => service.build)).toHaveLength(1)
    expect(new Set(waymarkNames.map((name) => services[name]!.image))).toEqual(new Set([builtImage]))
    expect(serviceWithImage('postgres:15')).toBeDefined()
    expect(serviceWithImage('redis:7')).toBeDefined()
    expect(serviceWithImage('caddy:2')).toBeDefined()
  })

  it('pins every image by a tag, never latest', () => {
    for (const service of Object.values(services)) {
      expect(service.image).toMatch(/^[^:]+:[^:]+$/)
      expect(service.image).not.toMatch(/:latest$/)
    }
  })

  it('gives PostgreSQL and Redis a volume or no persistence by choice, and health checks', () => {
    const [, postgres] = serviceWithImage('postgres:15')!
    expect(postgres.volumes?.some((volume) => volume.endsWith(':/var/lib/postgresql/data'))).toBe(true)
    expect(JSON.stringify(postgres.healthcheck?.test)).toContain('pg_isready')
    const [, redis] = serviceWithImage('redis:7')!
    expect(JSON.stringify(redis.healthcheck?.test)).toContain('redis-cli ping')
  })

  it('publishes ports from the proxy only', () => {
    const [proxyName] = serviceWithImage('caddy:2')!
    for (const [name, service] of Object.entries(services)) if (name !== proxyName) expect(service.ports ?? []).toEqual([])
  })

  it('points every instance at PostgreSQL and Redis, and starts it only once both are healthy', () => {
    const [postgresName] = serviceWithImage('postgres:15')!
    const [redisName] = serviceWithImage('redis:7')!
    for (const name of waymarkNames) {
      const env = environmentOf(services[name]!)
      expect(env.DATABASE_URL).toMatch(new RegExp(`^postgres://[^@]+@${postgresName}:5432/\\w+$`))
      expect(env.REDIS_URL).toBe(`redis://${redisName}:6379`)
      expect(env.SERVER_URL).toMatch(/^https:\/\//)
      expect(env.PAYLOAD_SECRET).toBeDefined()
      expect(dependenciesOf(services[name]!)).toMatchObject({ [postgresName]: 'service_healthy', [redisName]: 'service_healthy' })
      // depends_on service_healthy needs the image's HEALTHCHECK left on.
      expect(services[name]!.healthcheck?.disable).not.toBe(true)
    }
  })

  it('migrates once: the second instance waits until the first is healthy (Payload migrate takes no lock)', () => {
    const dependingOnAnother = waymarkNames.filter((name) => Object.keys(dependenciesOf(services[name]!)).some((other) => waymarkNames.includes(other)))
    expect(dependingOnAnother).toHaveLength(1)
    const [second] = dependingOnAnother
    const first = waymarkNames.find((name) => name !== second)!
    expect(dependenciesOf(services[second!]!)[first]).toBe('service_healthy')
  })

  it('TRUST_PROXY makes Express trust the proxy, and only the proxy, as Express reads the variable (a string)', () => {
    const [, proxy] = serviceWithImage('caddy:2')!
    const proxyAddresses = Object.values(proxy.networks && !Array.isArray(proxy.networks) ? proxy.networks : {}).flatMap((network) => network?.ipv4_address ?? [])
    expect(proxyAddresses).toHaveLength(1)
    for (const name of waymarkNames) {
      const app = express()
      app.set('trust proxy', environmentOf(services[name]!).TRUST_PROXY)
      const trusts = app.get('trust proxy fn') as (address: string, hop: number) => boolean
      expect(trusts(proxyAddresses[0]!, 0)).toBe(true)
      // Not the other instance, PostgreSQL, Redis or a client: none of them may set the client's address.
      for (const other of ['10.115.15.129', '10.115.15.130', '172.18.0.2', '203.0.113.7', '127.0.0.1']) expect(trusts(other, 0)).toBe(false)
    }
  })

  it('writes no secret in plain text: secrets and the database password come from the environment', () => {
    const interpolated = /^\$\{[A-Z0-9_]+(:?[?-][^}]*)?\}$/
    for (const service of Object.values(services)) {
      for (const [key, value] of Object.entries(environmentOf(service))) {
        if (/SECRET|PASSWORD|TOKEN|ACCESS_KEY/.test(key)) expect(value, key).toMatch(interpolated)
        const userinfo = value.match(/^[a-z]+:\/\/([^@/]+)@/)?.[1]
        if (userinfo?.includes(':')) expect(userinfo.split(':').slice(1).join(':'), key).toMatch(interpolated)
      }
    }
  })

  it('gives each instance longer to stop than WAYMARK_SHUTDOWN_SECONDS drains', () => {
    for (const name of waymarkNames) {
      const service = services[name]!
      const drain = Number(environmentOf(service).WAYMARK_SHUTDOWN_SECONDS ?? 10)
      expect(service.stop_grace_period).toBeDefined()
      expect(seconds(service.stop_grace_period!)).toBeGreaterThan(drain)
    }
  })

  it('shares uploads between the instances: one volume on /app/media, unless S3 is configured', () => {
    const mediaMounts = waymarkNames.map((name) => (services[name]!.volumes ?? []).find((volume) => volume.endsWith(':/app/media')))
    const usesS3 = waymarkNames.every((name) => environmentOf(services[name]!).S3_BUCKET)
    if (!usesS3) {
      expect(mediaMounts.every(Boolean)).toBe(true)
      expect(new Set(mediaMounts).size).toBe(1)
    }
  })

  it('deploy/Caddyfile balances both instances with health checks on /healthz', () => {
    const caddyfile = read('deploy/Caddyfile')
    const upstreams = caddyfile
      .match(/reverse_proxy\s+([^{\n]+)\{/)?.[1]!
      .trim()
      .split(/\s+/)
    expect(new Set(upstreams)).toEqual(new Set(waymarkNames.map((name) => `${name}:3000`)))
    expect(caddyfile).toMatch(/^\s*health_uri \/healthz$/m)
    const [, proxy] = serviceWithImage('caddy:2')!
    expect(proxy.volumes?.some((volume) => volume.startsWith('./deploy/Caddyfile:/etc/caddy/Caddyfile'))).toBe(true)
  })
})
