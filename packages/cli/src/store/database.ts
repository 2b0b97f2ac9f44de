/// <reference types="node" />
import { isAbsolute, join } from 'node:path'
import type { StoreError } from '@bankfeed/core'
import type { SqlStore } from '@bankfeed/store-postgres'
import { stringOption } from '../args.js'
import type { OptionSpec, ParsedArgs } from '../args.js'
import { EXIT_DATA_ERROR } from '../exit-codes.js'
import { jsonText } from '../format/json.js'
import type { CliIo } from '../io.js'

/** The options every command that reads or writes the database takes. */
export const DATABASE_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  schema: { type: 'string' },
}

/** The help lines of {@link DATABASE_OPTIONS}, shared by every such command's usage. */
export const DATABASE_USAGE = `Database (default: the embedded database in ./bankfeed-data):
  --data-dir DIR       the embedded (PGlite) database's folder; env BANKFEED_DATA_DIR
  --database-url URL   a PostgreSQL server instead, postgres://…; env BANKFEED_DATABASE_URL
  --schema NAME        the schema of bankfeed's tables (default bankfeed)
`

/** The embedded database's folder when nothing says otherwise, under the current folder. */
export const DEFAULT_DATA_DIR = 'bankfeed-data'

/** Where the database is: an embedded data directory, or a server. */
export type DatabaseLocation =
  | { readonly kind: 'embedded'; readonly dataDir: string; readonly schema: string | undefined }
  | { readonly kind: 'server'; readonly url: string; readonly schema: string | undefined }

/**
 * Reads the database options (then the environment): a URL wins over a data directory; both given
 * on the command line is a usage error, since one of them would be silently ignored.
 */
export const databaseLocation = (
  args: ParsedArgs,
  io: CliIo,
):
  | { readonly ok: true; readonly location: DatabaseLocation }
  | { readonly ok: false; readonly message: string } => {
  const dataDir = stringOption(args, 'data-dir')
  const url = stringOption(args, 'database-url')
  const schema = stringOption(args, 'schema')
  if (dataDir !== undefined && url !== undefined)
    return { ok: false, message: '--data-dir and --database-url cannot be used together' }
  if (url !== undefined || (dataDir === undefined && io.env('BANKFEED_DATABASE_URL') !== undefined)) {
    const chosen = url ?? io.env('BANKFEED_DATABASE_URL') ?? ''
    if (!/^postgres(ql)?:\/\//.test(chosen))
      return { ok: false, message: '--database-url must start with postgres:// or postgresql://' }
    return { ok: true, location: { kind: 'server', url: chosen, schema } }
  }
  const dir = dataDir ?? io.env('BANKFEED_DATA_DIR') ?? DEFAULT_DATA_DIR
  return {
    ok: true,
    location: { kind: 'embedded', dataDir: isAbsolute(dir) ? dir : join(io.cwd, dir), schema },
  }
}

/**
 * Opens the stores. The store package (and PGlite, several megabytes of WebAssembly) is imported
 * here, on demand, so that commands that need no database start as fast as before.
 */
const openStore = async (
  location: DatabaseLocation,
): Promise<
  { readonly _tag: 'Right'; readonly right: SqlStore } | { readonly _tag: 'Left'; readonly left: StoreError }
> => {
  const { openEmbeddedStore, openServerStore } = await import('@bankfeed/store-postgres')
  const options = location.schema === undefined ? {} : { schema: location.schema }
  return location.kind === 'embedded'
    ? openEmbeddedStore({ dataDir: location.dataDir, ...options })()
    : openServerStore({ url: location.url }, options)()
}

/** One line about a store error for people: what happened and what to look at; never a secret. */
export const storeErrorText = (error: StoreError): string => {
  switch (error._tag) {
    case 'StoreLocked':
      return `the database ${error.path} is in use by another process${error.holderPid === null ? '' : ` (pid ${error.holderPid})`}: wait for it to finish`
    case 'SchemaTooNew':
      return `the database was written by a newer bankfeed (schema ${error.found}; this one knows up to ${error.supported}): upgrade bankfeed`
    case 'StoreUnavailable':
      return `the database cannot be used (${error.reason}): ${error.message}`
    case 'ConcurrentUpdate':
      return `another process changed the same data meanwhile: run the command again (${error.message})`
    case 'NotFound':
      return error.message
  }
}

/** Reports a store error (JSON on stdout with `--json`, a line on stderr otherwise); exit 1. */
export const storeFailure = (io: CliIo, error: StoreError, json: boolean): number => {
  if (json) io.stdout(jsonText({ error: { code: `STORE_${error._tag}`, message: storeErrorText(error) } }))
  else io.stderr(`bankfeed: ${storeErrorText(error)}\n`)
  return EXIT_DATA_ERROR
}

/**
 * Opens the database, runs `work` on it and closes it, whatever `work` answers. Opening a new
 * embedded database creates it (PostgreSQL's initdb: several seconds), which a terminal is told.
 */
export const withDatabase = async (
  io: CliIo,
  location: DatabaseLocation,
  json: boolean,
  work: (store: SqlStore) => Promise<number>,
): Promise<number> => {
  if (io.stderrIsTTY && location.kind === 'embedded' && !io.exists(location.dataDir))
    io.stderr(`bankfeed: creating the database in ${location.dataDir}…\n`)
  const opened = await openStore(location)
  if (opened._tag === 'Left') return storeFailure(io, opened.left, json)
  try {
    return await work(opened.right)
  } finally {
    await opened.right.close()
  }
}
