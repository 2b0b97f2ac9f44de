// The main job from the command line on the embedded database (a real PGlite data directory), as a
// user runs it: import dossiers and statements, reconcile, book, export a FEC, report — twice.
/// <reference types="node" />
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkFec } from '@bankfeed/core'
import { bankfeed, fec2026, garageStatement, secondDossier, workFolder } from './support/main-job.js'

const TODAY = ['--today', '2026-03-31']
const FEC_NAME = '123456782FEC20261231.txt'

describe('bankfeed main job on the embedded database', () => {
  const folder = workFolder()
  const db = ['--data-dir', 'db']
  afterAll(() => folder.remove())

  const mainJob = async () => {
    const dossier = await bankfeed(folder.dir, ['dossier', 'import', 'dossier.json', ...db])
    const imported = await bankfeed(folder.dir, [
      'cfonb',
      'import',
      'releve.cfonb',
      '--rules',
      'regles.json',
      ...TODAY,
      ...db,
      '--json',
    ])
    const fec = await bankfeed(folder.dir, fec2026('CCH001', '--rules', 'regles.json', ...TODAY, ...db))
    const report = await bankfeed(folder.dir, ['report', ...TODAY, ...db])
    return { dossier, imported, fec, report, bytes: readFileSync(join(folder.dir, FEC_NAME), 'utf8') }
  }

  it('imports, reconciles, books, exports a FEC that checkFec accepts and reports, then changes nothing the second time', async () => {
    const first = await mainJob()
    expect(first.dossier).toMatchObject({ code: 0, out: 'CCH001 — Boulangerie Dupont : ajouté\n' })
    expect(first.imported.code).toBe(0)
    const firstImport = JSON.parse(first.imported.out) as { accounts: Array<Record<string, unknown>> }
    expect(firstImport.accounts).toEqual([
      expect.objectContaining({
        dossierCode: 'CCH001',
        bankAccountId: 'ba1',
        added: 2,
        statements: 1,
        entriesGenerated: 1,
      }),
    ])
    expect(first.fec.code).toBe(0)
    expect(checkFec(first.bytes)).toMatchObject({ ok: true })
    // The rules file's accounts, the 512 in pied de page: 1,480.37 out to EDF, 0.05 in from a client.
    expect(first.bytes).toContain('401000\tFournisseurs\tEDF\tElectricite de France')
    expect(first.bytes).toContain('512100\tBNP Paribas')
    expect(first.report).toMatchObject({ code: 0 })
    expect(first.report.out).toContain('Dossier CCH001 — Boulangerie Dupont : aucune anomalie')

    const second = await mainJob()
    expect(second.dossier.out).toBe('CCH001 — Boulangerie Dupont : inchangé\n')
    const secondImport = JSON.parse(second.imported.out) as { accounts: Array<Record<string, unknown>> }
    expect(secondImport.accounts).toEqual([
      expect.objectContaining({ added: 0, statements: 0, statementsKnown: 1, entriesGenerated: 0 }),
    ])
    expect(second.bytes).toBe(first.bytes)
    expect(second.report.out).toBe(first.report.out)
  })

  it('keeps statements of an unknown account in the queue, reports them, and books them once the dossier comes', async () => {
    writeFileSync(
      join(folder.dir, 'garage-0302.cfonb'),
      garageStatement('2026-03-02', 100_000n, [-12_345n, 67_800n]),
    )
    const queued = await bankfeed(folder.dir, ['cfonb', 'import', 'garage-0302.cfonb', ...TODAY, ...db])
    expect(queued.code).toBe(0)
    expect(queued.out).toContain('✖ FR7610278022040002042760330')
    const again = await bankfeed(folder.dir, ['cfonb', 'import', 'garage-0302.cfonb', ...TODAY, ...db])
    expect(again.code).toBe(0)
    const waiting = await bankfeed(folder.dir, ['report', ...TODAY, ...db, '--json'])
    expect(waiting.code).toBe(1)
    expect((JSON.parse(waiting.out) as { unmatched: unknown[] }).unmatched).toEqual([
      expect.objectContaining({ account: 'FR7610278022040002042760330', items: 1, connections: ['cfonb'] }),
    ])

    writeFileSync(join(folder.dir, 'garage.json'), JSON.stringify(secondDossier('GAR001')))
    const added = await bankfeed(folder.dir, ['dossier', 'import', 'garage.json', ...TODAY, ...db])
    expect(added.code).toBe(0)
    expect(added.out).toContain('GAR001 — Garage Martin : ajouté')
    expect(added.out).toContain('GAR001/cic : 2 mouvements nouveaux')
    expect(added.out).toContain('1 mouvement(s) en attente reclassé(s)')

    // Booked exactly once, however often the file comes again.
    const late = await bankfeed(folder.dir, [
      'cfonb',
      'import',
      'garage-0302.cfonb',
      ...TODAY,
      ...db,
      '--json',
    ])
    expect((JSON.parse(late.out) as { accounts: Array<Record<string, unknown>> }).accounts).toEqual([
      expect.objectContaining({ dossierCode: 'GAR001', added: 0, statementsKnown: 1 }),
    ])
    const clean = await bankfeed(folder.dir, ['report', ...TODAY, ...db])
    expect(clean.code).toBe(0)
    const fec = await bankfeed(folder.dir, fec2026('GAR001', '--out', 'garage.txt', ...TODAY, ...db))
    expect(fec.code).toBe(0)
    const text = readFileSync(join(folder.dir, 'garage.txt'), 'utf8')
    expect(checkFec(text).ok).toBe(true)
    // 123.45 out and 678.00 in, both to the waiting account (no rule), against 512300 in one footer line.
    expect(text).toContain('512300\tCIC')
    expect(text.split('\r\n').filter((l) => l.includes('\t471000\t'))).toHaveLength(2)
  })

  it('refuses a bad file whole and imports the good ones; exit 1 names the file and the line', async () => {
    writeFileSync(join(folder.dir, 'garage-0303.cfonb'), garageStatement('2026-03-03', 155_455n, [-1_00n]))
    const broken = readFileSync(join(folder.dir, 'releve.cfonb'), 'utf8').replace(/^07/m, '08')
    writeFileSync(join(folder.dir, 'broken.cfonb'), broken)
    const ran = await bankfeed(folder.dir, [
      'cfonb',
      'import',
      'broken.cfonb',
      'garage-0303.cfonb',
      'missing.cfonb',
      ...TODAY,
      ...db,
    ])
    expect(ran.code).toBe(1)
    expect(ran.out).toMatch(/✖ broken\.cfonb: CFONB \w+ at line \d+/)
    expect(ran.out).toContain('✖ missing.cfonb: missing.cfonb: no such file')
    expect(ran.out).toContain('GAR001/cic : 1 mouvement nouveau')
  })

  it('books on demand the accounts that do not book automatically, once', async () => {
    const manual = workFolder()
    try {
      writeFileSync(join(manual.dir, 'garage.json'), JSON.stringify(secondDossier('GAR002', false)))
      writeFileSync(join(manual.dir, 'g.cfonb'), garageStatement('2026-03-02', 0n, [5_000n, -2_500n, 1_999n]))
      expect((await bankfeed(manual.dir, ['dossier', 'import', 'garage.json'])).code).toBe(0)
      const imported = await bankfeed(manual.dir, ['cfonb', 'import', 'g.cfonb', '--en', ...TODAY])
      expect(imported.out).toContain('GAR002/cic: 3 new movements, 1 statement recorded, 0 entries generated')
      // The default database folder, under the current one.
      expect(existsSync(join(manual.dir, 'bankfeed-data'))).toBe(true)
      const generated = await bankfeed(manual.dir, [
        'entries',
        'generate',
        '--dossier',
        'GAR002',
        '--json',
        ...TODAY,
      ])
      expect(JSON.parse(generated.out)).toEqual({
        accounts: [{ dossierCode: 'GAR002', bankAccountId: 'cic', generated: 1, refused: 0, error: null }],
      })
      const again = await bankfeed(manual.dir, ['entries', 'generate', '--json', ...TODAY])
      expect(JSON.parse(again.out)).toMatchObject({ accounts: [{ generated: 0 }] })
    } finally {
      manual.remove()
    }
  })

  it('reports bad input as a typed error, exit 1 or 2, and saves nothing', async () => {
    writeFileSync(join(folder.dir, 'bad-dossier.json'), JSON.stringify({ version: 1, code: 'X' }))
    const bad = await bankfeed(folder.dir, [
      'dossier',
      'import',
      'garage.json',
      'bad-dossier.json',
      ...db,
      '--json',
    ])
    expect(bad.code).toBe(1)
    expect(JSON.parse(bad.out)).toMatchObject({
      error: { code: 'DOSSIER_INVALID', files: [{ path: 'bad-dossier.json' }] },
    })

    writeFileSync(
      join(folder.dir, 'bad-rules.json'),
      JSON.stringify({ version: 1, default: [{ id: 'x', when: {}, account: 1 }] }),
    )
    const rules = await bankfeed(folder.dir, [
      'cfonb',
      'import',
      'releve.cfonb',
      '--rules',
      'bad-rules.json',
      ...db,
    ])
    expect(rules.code).toBe(1)
    expect(rules.err).toContain('default[0].account')

    const noDossier = await bankfeed(folder.dir, fec2026('NOPE', ...db))
    expect(noDossier).toMatchObject({
      code: 1,
      err: expect.stringContaining('no dossier NOPE in the database'),
    })
    const noEntries = await bankfeed(folder.dir, [
      'fec',
      'export',
      '--dossier',
      'CCH001',
      '--from',
      '2025-01-01',
      '--to',
      '2025-12-31',
      ...db,
    ])
    expect(noEntries).toMatchObject({
      code: 1,
      err: expect.stringContaining('FEC non écrit. Aucune écriture du 01/01/2025 au 31/12/2025'),
    })

    expect((await bankfeed(folder.dir, ['fec', 'export', '--dossier', 'CCH001', ...db])).code).toBe(2)
    expect((await bankfeed(folder.dir, ['cfonb', 'import', ...db])).code).toBe(2)
    expect(
      (await bankfeed(folder.dir, ['report', '--data-dir', 'a', '--database-url', 'postgres://x/y'])).code,
    ).toBe(2)
    const wrongUrl = await bankfeed(folder.dir, ['report', '--database-url', 'mysql://x/y'])
    expect(wrongUrl).toMatchObject({
      code: 2,
      err: expect.stringContaining('--database-url must start with postgres://'),
    })
  })
})

describe('bankfeed on a database another process holds', () => {
  let folder: ReturnType<typeof workFolder>
  beforeAll(() => {
    folder = workFolder()
  })
  afterAll(() => folder.remove())

  it('refuses with a clear error naming the folder, not a corrupted database', async () => {
    const { openEmbeddedStore } = await import('@bankfeed/store-postgres')
    const held = await openEmbeddedStore({ dataDir: join(folder.dir, 'db') })()
    if (held._tag === 'Left') throw new Error(held.left.message)
    try {
      const ran = await bankfeed(folder.dir, ['dossier', 'import', 'dossier.json', '--data-dir', 'db'])
      expect(ran.code).toBe(1)
      expect(ran.err).toContain(`the database ${join(folder.dir, 'db')} is in use by another process`)
    } finally {
      await held.right.close()
    }
  })
})
