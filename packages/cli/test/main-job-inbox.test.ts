// `cfonb import --inbox`: files move to processed/ or rejected/ once committed, a second look finds
// nothing new; and the same job on a PostgreSQL server with --database-url and --schema.
/// <reference types="node" />
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { checkFec } from '@bankfeed/core'
import { bankfeed, fec2026, workFolder } from './support/main-job.js'

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

const SERVER_URL = process.env['BANKFEED_TEST_DATABASE_URL']
if (SERVER_URL === undefined && process.env['CI'] !== undefined)
  throw new Error('CI runs the PostgreSQL server tests: set BANKFEED_TEST_DATABASE_URL (.ci/run does)')

describe.skipIf(SERVER_URL === undefined)('bankfeed main job on a PostgreSQL server (--database-url)', () => {
  const folder = workFolder()
  const schema = `cli_${process.pid}_${Date.now().toString(36)}`
  afterAll(async () => {
    folder.remove()
    const client = new pg.Client({ connectionString: SERVER_URL })
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await client.end()
  })

  it('runs the same job in its own schema, twice with the same FEC', async () => {
    const db = ['--database-url', SERVER_URL ?? '', '--schema', schema]
    const run = async () => {
      expect((await bankfeed(folder.dir, ['dossier', 'import', 'dossier.json', ...db])).code).toBe(0)
      expect(
        (
          await bankfeed(folder.dir, [
            'cfonb',
            'import',
            'releve.cfonb',
            '--rules',
            'regles.json',
            ...TODAY,
            ...db,
          ])
        ).code,
      ).toBe(0)
      const fec = await bankfeed(
        folder.dir,
        fec2026('CCH001', '--rules', 'regles.json', '--json', ...TODAY, ...db),
      )
      expect(fec.code).toBe(0)
      return readFileSync((JSON.parse(fec.out) as { file: string }).file, 'utf8')
    }
    const first = await run()
    expect(checkFec(first).ok).toBe(true)
    expect(await run()).toBe(first)
    expect(existsSync(join(folder.dir, 'bankfeed-data'))).toBe(false)
    // The environment variable does the same as the option.
    const report = await bankfeed(folder.dir, ['report', '--schema', schema, ...TODAY], {
      BANKFEED_DATABASE_URL: SERVER_URL,
    })
    expect(report).toMatchObject({ code: 0, out: expect.stringContaining('aucune anomalie') })
  })

  it('names an unreachable server without its password', async () => {
    const ran = await bankfeed(folder.dir, [
      'report',
      '--database-url',
      'postgres://bankfeed:s3cret@127.0.0.1:1/none',
    ])
    expect(ran.code).toBe(1)
    expect(ran.err).toContain('the database cannot be used (unreachable)')
    expect(ran.err).not.toContain('s3cret')
  })
})
