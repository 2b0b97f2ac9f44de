/**
 * @bankfeed/core/memory — stores that keep everything in the process: for tests, examples and
 * one-shot scripts. They implement the same ports as `@bankfeed/store-postgres` and pass the same
 * contract suites; nothing survives the process.
 *
 * @example
 * ```ts
 * import { makeInMemoryConnectionStateStore, makeInMemoryLedgerStore } from '@bankfeed/core/memory'
 *
 * const store = makeInMemoryLedgerStore()
 * const states = makeInMemoryConnectionStateStore()
 * ```
 * @module @bankfeed/core/memory
 */
export { makeInMemoryLedgerStore } from '../memory/in-memory-ledger-store.js'
export type { InMemoryLedgerStore } from '../memory/in-memory-ledger-store.js'
export { makeInMemoryConnectionStateStore } from '../memory/in-memory-connection-state-store.js'
export type { InMemoryConnectionStateStore } from '../memory/in-memory-connection-state-store.js'
