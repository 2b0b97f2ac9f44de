// `cfonb import --inbox`: files move to processed/ or rejected/ once committed, a second look finds
// nothing new. The same job on a PostgreSQL server is `main-job.pg.test.ts`.
/// <reference types="node" />
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { bankfeed, workFolder } from './support/main-job.js'

const TODAY = ['--today', '2026-03-31']

describe('bankfeed cfonb import --inbox', () => {
  const folder = workFolder()
  afterAll(() => folder.remove())

  it('imports the inbox, moves the files, and reads nothing the second time', async () => {
    const inbox = join(folder.dir, 'inbox')
    mkdirSync(inbox)
    renameSync(join(folder.dir, 'releve.cfonb'), join(inbox, '20260302-releve.cfonb'))
    writeFileSync(join(inbox, '20260303-vide.cfonb'), '')
    expect((await bankfeed(folder.dir, ['dossier', 'import', 'dossier.json'])).code).toBe(0)
    const first = await bankfeed(folder.dir, [
      'cfonb',
      'import',
      '--inbox',
      'inbox',
      '--rules',
      'regles.json',
      ...TODAY,
    ])
    // The empty file is refused (exit 1), the statement imported.
    expect(first.code).toBe(1)
    expect(first.out).toContain('CCH001/ba1 : 2 mouvements nouveaux')
    expect(first.out).toContain('✖ 20260303-vide.cfonb: 0 bytes')
    expect(readdirSync(join(inbox, 'processed'))).toEqual([
      expect.stringMatching(/^\d{8}T\d{6}Z-20260302-releve\.cfonb$/),
    ])
    expect(readdirSync(join(inbox, 'rejected')).sort()).toEqual([
      '20260303-vide.cfonb',
      '20260303-vide.cfonb.error.json',
    ])
    const second = await bankfeed(folder.dir, ['cfonb', 'import', '--inbox', 'inbox', ...TODAY])
    expect(second).toMatchObject({ code: 0, out: expect.stringContaining('rien de nouveau') })
    // The same statement named on the command line afterwards: already imported, nothing doubled.
    const processed = readdirSync(join(inbox, 'processed'))[0] ?? ''
    const named = await bankfeed(folder.dir, [
      'cfonb',
      'import',
      join('inbox', 'processed', processed),
      ...TODAY,
    ])
    expect(named.out).toContain('0 mouvement nouveau')
    expect(named.out).toContain('1 relevé déjà importé')
  })

  it('says so when the inbox folder is missing', async () => {
    const ran = await bankfeed(folder.dir, ['cfonb', 'import', '--inbox', 'nowhere', ...TODAY])
    expect(ran.code).toBe(1)
    expect(ran.err).toContain('the inbox folder is missing')
  })
})
