import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (pkg: string): string => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url))

// Tests run against the sources of every workspace package; the built output is checked separately
// by scripts/smoke-entries.mjs, publint and attw.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@bankfeed\/core$/, replacement: src('core') },
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
        find: /^@bankfeed\/connector-cfonb\/inbox$/,
        replacement: fileURLToPath(new URL('./packages/connector-cfonb/src/inbox/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 60_000,
  },
})
