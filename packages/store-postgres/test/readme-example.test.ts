import { mkdtempSync, rmSync } from 'node:fs'
import { localDate } from '@bankfeed/core'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, expect, test } from 'vitest'
import type { ConnectionState } from '@bankfeed/core'
import { backupEmbedded, openEmbeddedStore, openServerStore } from '../src/index.js'
import { TEST_DATABASE_URL, pgliteTemplateFile, uniqueSchema } from './support/pglite-template.js'

const folder = mkdtempSync(join(tmpdir(), 'bankfeed-readme-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const state: ConnectionState = {
  status: { attachment: 'attached', problem: null, consentExpiresOn: localDate('2026-09-30') },
  reauth: { emailedOn: null },
  lastCollectedOn: localDate('2026-03-15'),
  lastFailedOn: null,
  warnedFor: null,
}

test('the README example runs', async () => {
  const dataDir = join(folder, 'bankfeed-data')
  // The example creates the database; here it starts from the template, to skip initdb.
  const seeded = await openEmbeddedStore({ dataDir, loadFrom: await pgliteTemplateFile() })()
  if (E.isRight(seeded)) await seeded.right.close()
  const backupFile = join(folder, 'bankfeed-2026-03-15.tar.gz')
  const schema = uniqueSchema()

  // --- as in the README ---
  const opened = await openEmbeddedStore({ dataDir })()
  if (E.isLeft(opened)) throw new Error(opened.left.message)
  const store = opened.right

  await store.connectionStates.save('conn-1', state, 0)()
  const dossiers = await store.dossiers.list()()

  await backupEmbedded(store, backupFile)()
  await store.close()

  const url = TEST_DATABASE_URL
  const server = url === undefined ? undefined : await openServerStore({ url }, { schema })()
  // --- end ---

  expect(dossiers).toEqual(E.right([]))
  if (server !== undefined) {
    expect(server._tag).toBe('Right')
    if (E.isRight(server)) {
      await server.right.client.query(`DROP SCHEMA ${schema} CASCADE`)
      await server.right.close()
    }
  }
})
