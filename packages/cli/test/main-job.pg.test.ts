// The main job on a PostgreSQL server with --database-url and --schema: twice with the same FEC,
// the environment variable doing what the option does, an unreachable server named without its
// password.
/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { checkFec } from '@bankfeed/core'
import { bankfeed, fec2026, workFolder } from './support/main-job.js'

const TODAY = ['--today', '2026-03-31']

// The test configuration runs `*.pg.test.ts` files only when BANKFEED_TEST_DATABASE_URL names a server.
const SERVER_URL = process.env['BANKFEED_TEST_DATABASE_URL']
if (SERVER_URL === undefined)
  throw new Error('BANKFEED_TEST_DATABASE_URL is not set: this file needs a PostgreSQL server')

describe('bankfeed main job on a PostgreSQL server (--database-url)', () => {
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
    const db = ['--database-url', SERVER_URL, '--schema', schema]
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
