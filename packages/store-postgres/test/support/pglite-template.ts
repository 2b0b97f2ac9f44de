import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'

// PGlite runs initdb on every new database (3.5 s quiet, 20 s on a busy machine); loading a dump of
// a fresh one takes well under a second. The dump is made once per machine and PGlite version, kept
// in the temporary folder, and written by rename so that parallel test files never read half of it.

const version = (
  JSON.parse(
    readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
  ) as { version: string }
).version

/** The file of a freshly initialised PGlite database (a gzipped tar), made on first use. */
export const pgliteTemplateFile = async (): Promise<string> => {
  const file = join(tmpdir(), `bankfeed-test-pglite-${version}.tar.gz`)
  if (existsSync(file)) return file
  const db = await PGlite.create()
  const dump = await db.dumpDataDir('gzip')
  await db.close()
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
  writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()))
  renameSync(partial, file)
  return file
}

/** A new in-memory PGlite database, started from the template. */
export const newPglite = async (): Promise<PGlite> =>
  PGlite.create({ loadDataDir: new Blob([readFileSync(await pgliteTemplateFile())]) })

/** A schema name no other test uses. */
export const uniqueSchema = (prefix = 't'): string =>
  `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`

/**
 * The test server's URL, or `undefined` on a developer's machine without a server (the server test
 * files are then left out of the run): under CI (which provides one) a missing URL fails the run
 * instead of leaving out the server half of the store's proof.
 */
export const TEST_DATABASE_URL: string | undefined = ((): string | undefined => {
  const url = process.env['BANKFEED_TEST_DATABASE_URL']
  if (url === undefined && process.env['CI'] !== undefined)
    throw new Error('CI runs the PostgreSQL server tests: set BANKFEED_TEST_DATABASE_URL (.ci/run does)')
  return url
})()

/**
 * The server URL, in a `*.pg.test.ts` file: the test configuration leaves those files out of a run
 * without one (saying so), so its absence here is a run of the file by hand, stopped with the reason.
 */
export const serverTestUrl = (): string => {
  if (TEST_DATABASE_URL === undefined)
    throw new Error(
      'BANKFEED_TEST_DATABASE_URL is not set: the PostgreSQL server tests need a server (e.g. postgres://postgres@127.0.0.1:5432/test)',
    )
  return TEST_DATABASE_URL
}
