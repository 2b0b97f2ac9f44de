// The two engines the benchmark runs on, opened the way an application opens them: PGlite on a data
// directory of its own (the embedded default), or a PostgreSQL server in a schema of its own.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { openEmbeddedStore, openServerStore } from '../src/index.js'
import type { SqlStore } from '../src/index.js'

/** Where a run's database lives. */
export type Location =
  | { readonly engine: 'pglite'; readonly dataDir: string }
  | { readonly engine: 'pg'; readonly url: string; readonly schema: string }

/** An open store, with what the benchmark reads of its engine. */
export interface Opened {
  readonly store: SqlStore
  /** Bytes the database takes: the data directory (PGlite), the schema's tables and indexes (server). */
  readonly databaseBytes: () => Promise<number>
  /** Bytes of PGlite's WebAssembly memory (it only grows: its peak), `null` on a server. */
  readonly wasmBytes: () => number | null
  readonly close: () => Promise<void>
}

const bytesUnder = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const p = join(dir, e.name)
    return sum + (e.isDirectory() ? bytesUnder(p) : e.isFile() ? statSync(p).size : 0)
  }, 0)

/** The size of PGlite's linear memory, read through its Emscripten module where it shows one. */
const heapOf = (pglite: unknown): number | null => {
  const mod = typeof pglite === 'object' && pglite !== null && 'Module' in pglite ? pglite.Module : null
  const heap = typeof mod === 'object' && mod !== null && 'HEAPU8' in mod ? mod.HEAPU8 : null
  return heap instanceof Uint8Array ? heap.byteLength : null
}

/** Opens the store of a location (creating and migrating it the first time). */
export const openAt = async (at: Location): Promise<Opened> => {
  if (at.engine === 'pglite') {
    const opened = await openEmbeddedStore({ dataDir: at.dataDir })()
    if (E.isLeft(opened)) throw new Error(opened.left.message)
    const store = opened.right
    return {
      store,
      databaseBytes: async () => bytesUnder(at.dataDir),
      wasmBytes: () => heapOf(store.pglite),
      close: () => store.close(),
    }
  }
  const opened = await openServerStore({ url: at.url, max: 4 }, { schema: at.schema })()
  if (E.isLeft(opened)) throw new Error(opened.left.message)
  const store = opened.right
  return {
    store,
    databaseBytes: async () => {
      const r = await store.client.query<{ bytes: string }>(
        `select coalesce(sum(pg_total_relation_size(c.oid)), 0)::text as bytes
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = $1 and c.relkind in ('r', 'm')`,
        [at.schema],
      )
      return Number(r.rows[0]?.bytes ?? 0)
    },
    wasmBytes: () => null,
    close: () => store.close(),
  }
}
