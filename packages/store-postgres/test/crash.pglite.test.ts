import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { crashSuite } from './crash/crash-suite.js'
import { runChild } from './crash/run-child.js'
import { pgliteTemplateFile } from './support/pglite-template.js'

// Each child opens the embedded store on a data directory, as an application does. Every store
// starts as a copy of one directory made here once: the test template restored (a fresh initdb
// takes 3–20 s) and migrated by a first child, then closed. A store's directory is removed once
// its run was checked.
const base = mkdtempSync(join(tmpdir(), 'bankfeed-crash-template-'))
const migrated = join(base, 'db')
afterAll(() => rmSync(base, { recursive: true, force: true }))

crashSuite({
  engine: 'pglite',
  title: 'crash and concurrency proof on PGlite (an embedded data directory)',
  prepare: async () => {
    const loadFrom = await pgliteTemplateFile()
    const made = await runChild(
      { location: { engine: 'pglite', dataDir: migrated, loadFrom }, scenario: 'api', mode: 'check' },
      { at: 'never' },
    )
    if (made.exitCode !== 0) throw new Error(`the migrated template could not be made:\n${made.stderr}`)
  },
  newLocation: (dir) => {
    const dataDir = join(dir, 'db')
    cpSync(migrated, dataDir, { recursive: true })
    return { engine: 'pglite', dataDir }
  },
  dropLocation: (location) => {
    if (location.engine === 'pglite') rmSync(location.dataDir, { recursive: true, force: true })
    return Promise.resolve()
  },
  raceMode: 'in-process',
})
