import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, test } from 'vitest'
import type { Dossier } from '@bankfeed/core'
import { unicodeDossierArb } from '@bankfeed/testkit'
import fc from 'fast-check'
import { LOCK_FILE, SCHEMA_VERSION, backupEmbedded, openEmbeddedStore } from '../src/index.js'
import type { EmbeddedSqlStore, EmbeddedStoreOptions } from '../src/index.js'
import { pgliteTemplateFile } from './support/pglite-template.js'

const base = mkdtempSync(join(tmpdir(), 'bankfeed-embedded-'))
afterAll(() => rmSync(base, { recursive: true, force: true }))

const open = async (options: EmbeddedStoreOptions): Promise<EmbeddedSqlStore> => {
  const opened = await openEmbeddedStore(options)()
  if (E.isLeft(opened)) throw new Error(opened.left.message)
  return opened.right
}

const dossier = (code: string): Dossier => ({
  ...(fc.sample(unicodeDossierArb, { numRuns: 1, seed: 7 })[0] as Dossier),
  code,
})

describe('the embedded store (PGlite)', () => {
  test('a data directory keeps what was committed across close and reopen; a backup restores it elsewhere', async () => {
    const dataDir = join(base, 'main')
    const first = await open({ dataDir, loadFrom: await pgliteTemplateFile() })
    expect(first.schemaVersion).toBe(SCHEMA_VERSION)
    expect(first.dataDir).toBe(dataDir)
    expect(first.schema).toBe('bankfeed')
    await first.dossiers.save(dossier('ABC001'))()
    await first.close()
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false)

    const second = await open({ dataDir })
    expect(await second.dossiers.get('ABC001')()).toEqual(E.right(dossier('ABC001')))
    const file = join(base, 'nightly.tar.gz')
    const backup = await backupEmbedded(second, file)()
    expect(backup).toEqual(E.right({ file, bytes: statSync(file).size }))
    await second.dossiers.save(dossier('LATER1'))()
    await second.close()

    const restoredDir = join(base, 'restored')
    const restored = await open({ dataDir: restoredDir, loadFrom: file })
    try {
      expect(await restored.dossiers.list()()).toEqual(E.right([dossier('ABC001')]))
      // The restored directory is held by this process, whatever lock the backup carried.
      expect(JSON.parse(readFileSync(join(restoredDir, LOCK_FILE), 'utf8'))).toMatchObject({
        pid: process.pid,
      })
    } finally {
      await restored.close()
    }
    expect(existsSync(join(restoredDir, LOCK_FILE))).toBe(false)

    // Restoring over a database would destroy it: refused, and the directory is let go.
    expect(await openEmbeddedStore({ dataDir: restoredDir, loadFrom: file })()).toEqual(
      E.left(expect.objectContaining({ _tag: 'StoreUnavailable', reason: 'failed' })),
    )
    expect(existsSync(join(restoredDir, LOCK_FILE))).toBe(false)
  })

  test('in memory, from a backup; a missing backup file is a StoreError', async () => {
    const store = await open({ memory: true, loadFrom: await pgliteTemplateFile(), schema: 'other' })
    try {
      expect(store.dataDir).toBeNull()
      expect(store.schema).toBe('other')
      await store.dossiers.save(dossier('MEM001'))()
      expect((await store.client.query('SELECT count(*) AS n FROM other.dossier')).rows).toEqual([{ n: '1' }])
    } finally {
      await store.close()
    }
    // A closed store answers errors, it does not throw.
    expect(await store.dossiers.get('MEM001')()).toEqual(
      E.left(expect.objectContaining({ _tag: 'StoreUnavailable', reason: 'failed' })),
    )
    expect(
      await store.connectionStates.save(
        'c',
        {
          status: { attachment: 'attached', problem: null, consentExpiresOn: null },
          reauth: { emailedOn: null },
          lastCollectedOn: null,
          lastFailedOn: null,
          warnedFor: null,
        },
        0,
      )(),
    ).toEqual(E.left(expect.objectContaining({ _tag: 'StoreUnavailable' })))
    expect(await openEmbeddedStore({ memory: true, loadFrom: join(base, 'nope.tar.gz') })()).toEqual(
      E.left(expect.objectContaining({ _tag: 'StoreUnavailable', reason: 'failed' })),
    )
  })
})
