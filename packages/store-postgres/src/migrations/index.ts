import { migration0001 } from './0001-connection-states-and-dossiers.js'
import { migration0002 } from './0002-ledgers.js'
import { migration0003 } from './0003-bank-account-feeds.js'
import type { Migration } from './migration.js'

export type { Migration } from './migration.js'

/**
 * Every migration of the stores' schema, in order. A new one goes in a file of its own
 * (`NNNN-what-it-adds.ts`) and at the end of this list.
 */
export const MIGRATIONS: ReadonlyArray<Migration> = [migration0001, migration0002, migration0003]
