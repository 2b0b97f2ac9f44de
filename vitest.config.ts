import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Tests against a PostgreSQL server are the `*.pg.test.ts` files. They run when
// BANKFEED_TEST_DATABASE_URL names a server (.ci/run sets it, and stops when the server is
// unreachable); CI without it is an error. On a machine with no server they are left out of the run,
// which says so once, rather than each file skipping itself.
const SERVER_TESTS = '**/*.pg.test.ts'
const serverUrl = process.env['BANKFEED_TEST_DATABASE_URL']
if (serverUrl === undefined && process.env['CI'] !== undefined)
  throw new Error('CI runs the PostgreSQL server tests: set BANKFEED_TEST_DATABASE_URL (.ci/run does)')
if (serverUrl === undefined)
  console.warn(
    `BANKFEED_TEST_DATABASE_URL is not set: the PostgreSQL server tests (${SERVER_TESTS}) are not run (set it to e.g. postgres://postgres@127.0.0.1:5432/test)`,
  )

const src = (pkg: string): string => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url))

// Tests run against the sources of every workspace package; the built output is checked separately
// by scripts/smoke-entries.mjs, publint and attw.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@bankfeed\/core$/, replacement: src('core') },
      // Core's subpath entries (`@bankfeed/core/connector`, `/fec`, …) are the files of src/api/.
      {
        find: /^@bankfeed\/core\/([a-z-]+)$/,
        replacement: fileURLToPath(new URL('./packages/core/src/api/$1.ts', import.meta.url)),
      },
      { find: /^@bankfeed\/testkit$/, replacement: src('testkit') },
      { find: /^@bankfeed\/connector-cfonb$/, replacement: src('connector-cfonb') },
      { find: /^@bankfeed\/logger-pino$/, replacement: src('logger-pino') },
      { find: /^@bankfeed\/store-postgres$/, replacement: src('store-postgres') },
      { find: /^@bankfeed\/connector-bankin$/, replacement: src('connector-bankin') },
      {
        find: /^@bankfeed\/connector-bankin\/simulator$/,
        replacement: fileURLToPath(
          new URL('./packages/connector-bankin/src/simulator/index.ts', import.meta.url),
        ),
      },
      {
        find: /^@bankfeed\/connector-cfonb\/testing$/,
        replacement: fileURLToPath(
          new URL('./packages/connector-cfonb/src/testing/index.ts', import.meta.url),
        ),
      },
      {
        find: /^@bankfeed\/connector-cfonb\/inbox$/,
        replacement: fileURLToPath(new URL('./packages/connector-cfonb/src/inbox/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(serverUrl === undefined ? [SERVER_TESTS] : [])],
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 60_000,
    // Many test files wait on a database or on child processes (the crash campaigns, the CLI runs):
    // one worker more than the cores keeps the cores busy while they wait.
    maxWorkers: availableParallelism() + 1,
  },
})
