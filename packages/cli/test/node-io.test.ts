import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../src/cli.js'
import { readAllBytes } from '../src/io.js'
import type { CliIo } from '../src/io.js'
import { createNodeIo, openNodeFile } from '../src/node-io.js'
import { GOLDEN_DIR, QUICKSTART_RELEVE, SEED_DOSSIER, golden } from './fixtures.js'

const dir = mkdtempSync(join(tmpdir(), 'bankfeed-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const write = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

/** Real files, captured output. */
const diskIo = (): CliIo & { out: () => string; err: () => string } => {
  let out = ''
  let err = ''
  return {
    ...createNodeIo({
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (err += t), isTTY: false },
    }),
    out: () => out,
    err: () => err,
  }
}

describe('openNodeFile', () => {
  it('opens a real file with its size and streams its bytes', async () => {
    const path = write('releve.cfonb', QUICKSTART_RELEVE)
    const opened = await openNodeFile(path)
    expect(opened.ok).toBe(true)
    if (!opened.ok) return
    expect(opened.file.size).toBe(QUICKSTART_RELEVE.length)
    const read = await readAllBytes(opened.file)
    expect(read.ok && Buffer.from(read.bytes).equals(Buffer.from(QUICKSTART_RELEVE))).toBe(true)
  })

  it('a missing file and a directory are errors, not throws', async () => {
    expect(await openNodeFile(join(dir, 'missing.cfonb'))).toEqual({
      ok: false,
      error: {
        code: 'FILE_NOT_FOUND',
        path: join(dir, 'missing.cfonb'),
        message: `${join(dir, 'missing.cfonb')}: no such file`,
      },
    })
    const folder = await openNodeFile(dir)
    expect(folder.ok === false && folder.error.code).toBe('FILE_IS_DIRECTORY')
  })
})

describe('createNodeIo', () => {
  it('writes to the given streams and reads isTTY', () => {
    const written: string[] = []
    const io = createNodeIo({
      stdout: { write: (t: string) => written.push(`out:${t}`) },
      stderr: { write: (t: string) => written.push(`err:${t}`), isTTY: true },
    })
    io.stdout('a')
    io.stderr('b')
    expect(written).toEqual(['out:a', 'err:b'])
    expect(io.stderrIsTTY).toBe(true)
    expect(createNodeIo({ stdout: { write: () => true }, stderr: { write: () => true } }).stderrIsTTY).toBe(
      false,
    )
    expect(Math.abs(io.now() - Date.now())).toBeLessThan(1000)
  })
})

describe('runCli on real files', () => {
  it('cfonb parse --json on a file on disk prints the golden canonical JSON', async () => {
    const path = write('multi.cfonb', golden('multi-account-days'))
    const io = diskIo()
    expect(await runCli(['cfonb', 'parse', '--json', path], io)).toBe(0)
    expect(io.out()).toBe(readFileSync(`${GOLDEN_DIR}multi-account-days.json`, 'utf8'))
  })

  it('cfonb parse --summary streams a large file from disk', async () => {
    const path = write('big.cfonb', new TextDecoder().decode(QUICKSTART_RELEVE).repeat(3000))
    const io = diskIo()
    expect(await runCli(['cfonb', 'parse', '--summary', '--json', path], io)).toBe(0)
    expect(JSON.parse(io.out())).toEqual({ statements: 3000, movements: 6000, details: 6000 })
    expect(io.err()).toBe('')
  })

  it('cfonb parse on a directory: exit 1 with one line', async () => {
    const io = diskIo()
    expect(await runCli(['cfonb', 'parse', dir], io)).toBe(1)
    expect(io.err()).toBe(`bankfeed: ${dir}: is a directory, not a file\n`)
  })

  it('dossier check on a file on disk', async () => {
    const path = write('seed.json', SEED_DOSSIER)
    const io = diskIo()
    expect(await runCli(['dossier', 'check', '--today', '2026-03-15', '--json', path], io)).toBe(1)
    const codes = (
      JSON.parse(io.out()) as { bankAccounts: { findings: { code: string }[] }[] }
    ).bankAccounts.flatMap((a) => a.findings.map((f) => f.code))
    expect(codes).toEqual(['RIB_KEY_INVALID', 'IBAN_INVALID', 'BIC_INVALID'])
  })
})
