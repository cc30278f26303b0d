// Small helpers shared by the integration tests (not a test file itself).
import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'

let n = 0
/** A short suffix that is unique within this process and across parallel test files. */
export const unique = () => `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}${(++n).toString(36)}`

export const sameId = (a: unknown, b: unknown) => String(a) === String(b)
export const idOf = (ref: unknown): string | undefined => (ref == null ? undefined : typeof ref === 'object' ? String((ref as { id: unknown }).id) : String(ref))

/**
 * The user object as Payload puts it on req.user for a signed-in request: the stored document read
 * with overrideAccess (as the JWT strategy does) plus `collection`.
 */
export async function asUser(payload: Payload, doc: { id: number | string }) {
  const user = await payload.findByID({ collection: 'users', id: doc.id, overrideAccess: true, depth: 0 })
  return { ...user, collection: 'users' as const } as any
}

/** The outcome of a query as something comparable: either 'refused' or the sorted/unsorted list of ids. */
export async function outcome(run: () => Promise<{ docs: { id: number | string }[] }>, keepOrder = false): Promise<string | string[]> {
  try {
    const result = await run()
    const ids = result.docs.map((d) => String(d.id))
    return keepOrder ? ids : ids.sort()
  } catch {
    return 'refused'
  }
}

/** Resolves to 'refused' when the promise rejects, else to its value. */
export async function refusedOr<T>(promise: Promise<T>): Promise<T | 'refused'> {
  try {
    return await promise
  } catch {
    return 'refused'
  }
}

export const outboxDir = () => path.join(process.env.WAYMARK_DATA_DIR!, 'outbox')

export function outboxFiles(): string[] {
  const dir = outboxDir()
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => path.join(dir, f))
}

/** Waits for a new .eml (not in `before`) whose raw text satisfies `match`; returns its path. */
export async function waitForEml(before: string[], match: (raw: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const seen = new Set(before)
  const deadline = Date.now() + timeoutMs
  for (;;) {
    for (const file of outboxFiles()) {
      if (seen.has(file)) continue
      const raw = fs.readFileSync(file, 'utf8')
      if (match(raw)) return file
    }
    if (Date.now() > deadline) throw new Error(`no matching .eml in ${outboxDir()} within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Every file under dir, recursively. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? listFiles(p) : [p]
  })
}

/**
 * Expects the promise to be refused because of `field`: a Payload ValidationError naming that
 * path, or an error whose message names the field. Other failures (a crash elsewhere) do not count.
 */
export async function expectRefusedFor(promise: Promise<unknown>, field: string) {
  let error: any
  try {
    await promise
  } catch (e) {
    error = e
  }
  if (!error) throw new Error(`expected a refusal for "${field}", but the operation succeeded`)
  const paths: string[] = (error.data?.errors ?? []).map((e: any) => String(e.path ?? e.field ?? ''))
  const named = paths.some((p) => p === field || p.startsWith(`${field}.`)) || new RegExp(field, 'i').test(String(error.message))
  if (!named) {
    throw new Error(`expected a refusal for "${field}", got ${error.name}: ${error.message} ${JSON.stringify(error.data ?? {})}`)
  }
  return error
}
