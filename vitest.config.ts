import { defineConfig } from 'vitest/config'

// unit: pure functions, no database. int: a real Payload on a temporary database (SQLite by
// default; DATABASE_URL points it at PostgreSQL or MongoDB). hostile and e2e: the real server
// as a child process, attacked over HTTP and driven in real Chromium.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    pool: 'forks',
    // Vitest's default is one worker per CPU minus one: a single worker on a 2-CPU CI machine, while
    // the servers under test use the other CPU only part of the time. Measured on 2 CPUs: 1065 s with
    // one worker, 1008 s with three (CPU-bound beyond that); two is the middle.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS) || 2,
    // Timeouts catch a hang, not slowness: in CI the PostgreSQL integration run shares the 2 CPUs with
    // this suite, and a test that takes 40 s on a quiet machine has been seen to take three times that.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts?(x)'] } },
      // On PostgreSQL each worker has its own database (tests/support/payload.ts); MongoDB shares one.
      { extends: true, test: { name: 'int', include: ['tests/int/**/*.test.ts'], fileParallelism: !process.env.DATABASE_URL?.startsWith('mongodb') } },
      // Their servers start from one seeded SQLite database copied per server (tests/support/seededTemplate.ts).
      { extends: true, test: { name: 'hostile', include: ['tests/hostile/**/*.test.ts'], globalSetup: ['tests/support/seededTemplate.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], globalSetup: ['tests/support/seededTemplate.ts'] } },
    ],
  },
})
