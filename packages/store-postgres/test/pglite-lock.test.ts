import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { LOCK_FILE, acquireDataDirLock, openEmbeddedStore } from '../src/index.js'
import { pgliteTemplateFile } from './support/pglite-template.js'

const root = fileURLToPath(new URL('../../..', import.meta.url))
// Straight under node with tsx's loader (not the tsx command, which runs node as a grandchild that a
// kill of the command would miss): the pid the test sees is the pid in the lock.
const tsxLoader = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href
const childScript = fileURLToPath(new URL('./support/lock-child.ts', import.meta.url))

const base = mkdtempSync(join(tmpdir(), 'bankfeed-lock-'))
let n = 0
const newDir = (): string => join(base, `d${n++}`)
afterAll(() => rmSync(base, { recursive: true, force: true }))

const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL')
})

/** Starts the child in `mode` on `dir` and resolves with the first line it prints. */
const child = (
  mode: 'hold' | 'open' | 'exit',
  dir: string,
): { process: ChildProcess; line: Promise<unknown> } => {
  const p = spawn(process.execPath, ['--import', tsxLoader, childScript, mode, dir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(p)
  const line = new Promise<unknown>((resolve, reject) => {
    createInterface({ input: p.stdout! }).once('line', (l) => resolve(JSON.parse(l)))
    p.once('exit', (code) => reject(new Error(`child ${mode} exited (${code}) before printing`)))
  })
  return { process: p, line }
}

const exited = (p: ChildProcess): Promise<void> =>
  new Promise((resolve) =>
    p.exitCode !== null || p.signalCode !== null ? resolve() : p.once('exit', () => resolve()),
  )

const writeLock = (dir: string, holder: Record<string, unknown>, ageMs = 0): void => {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(holder), { flag: 'w' })
  if (ageMs > 0) {
    const when = new Date(Date.now() - ageMs)
    utimesSync(join(dir, LOCK_FILE), when, when)
  }
}

describe('the embedded data-directory lock', () => {
  test('one holder per directory in this process too; release lets the next one in', () => {
    const dir = newDir()
    const first = acquireDataDirLock(dir)
    expect(E.isRight(first)).toBe(true)
    const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number; host: string }
    expect(holder).toMatchObject({ pid: process.pid, host: hostname() })
    expect(acquireDataDirLock(dir)).toEqual(
      E.left(expect.objectContaining({ _tag: 'StoreLocked', path: dir, holderPid: process.pid })),
    )
    if (E.isRight(first)) first.right.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    const again = acquireDataDirLock(dir)
    expect(E.isRight(again)).toBe(true)
    if (E.isRight(again)) again.right.release()
  })

  test('a second process is refused while the first holds it, with the path and pid; the lock of a killed process is taken over', async () => {
    const dir = newDir()
    const holder = child('hold', dir)
    expect(await holder.line).toEqual({ locked: holder.process.pid })
    const refused = await openEmbeddedStore({ dataDir: dir })()
    expect(refused).toEqual(
      E.left({
        _tag: 'StoreLocked',
        path: dir,
        holderPid: holder.process.pid,
        message: `${dir} is in use by process ${holder.process.pid}: one process at a time may open an embedded database`,
      }),
    )
    holder.process.kill('SIGKILL')
    await exited(holder.process)
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true) // a kill leaves the file behind
    const taken = acquireDataDirLock(dir)
    expect(E.isRight(taken)).toBe(true)
    if (E.isRight(taken)) taken.right.release()
  })

  test('a process opening a directory this process holds (a real embedded store) is refused', async () => {
    const dir = newDir()
    const opened = await openEmbeddedStore({ dataDir: dir, loadFrom: await pgliteTemplateFile() })()
    if (E.isLeft(opened)) throw new Error(opened.left.message)
    try {
      expect(await child('open', dir).line).toMatchObject({
        _tag: 'StoreLocked',
        path: dir,
        holderPid: process.pid,
      })
    } finally {
      await opened.right.close()
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
  })

  test('a normal exit releases the lock', async () => {
    const dir = newDir()
    const c = child('exit', dir)
    await c.line
    await exited(c.process)
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
  })

  test('of processes racing for a stale lock, exactly one takes it', async () => {
    const dir = newDir()
    acquireDataDirLock(dir) // made, then left as if this process had been killed:
    writeLock(dir, { pid: 999_999_999, host: hostname(), lockedAt: new Date().toISOString(), token: 'dead' })
    const racers = Array.from({ length: 3 }, () => child('hold', dir))
    const outcomes = await Promise.all(racers.map((r) => r.line))
    const winners = outcomes.filter((o) => typeof o === 'object' && o !== null && 'locked' in o)
    expect(winners).toHaveLength(1)
    const winnerPid = (winners[0] as { locked: number }).locked
    for (const o of outcomes)
      if (o !== winners[0]) expect(o).toMatchObject({ _tag: 'StoreLocked', holderPid: winnerPid })
  })

  test('stale: the pid is gone, is ours from an earlier run (a restarted container), or was reused by a later process', async () => {
    const later = child('hold', newDir())
    await later.line
    for (const pid of [999_999_999, process.pid, later.process.pid]) {
      const dir = newDir()
      acquireDataDirLock(dir)
      writeLock(dir, {
        pid,
        host: hostname(),
        lockedAt: new Date(Date.now() - 3_600_000).toISOString(),
        token: `old-${pid}`,
      })
      const taken = acquireDataDirLock(dir)
      expect(E.isRight(taken)).toBe(true)
      if (E.isRight(taken)) taken.right.release()
    }
  })

  test('held: a live holder, a holder on another host, a lock being written', async () => {
    const live = child('hold', newDir())
    await live.line
    const cases: ReadonlyArray<readonly [Record<string, unknown> | string, number, number | null]> = [
      [
        { pid: live.process.pid, host: hostname(), lockedAt: new Date().toISOString(), token: 't' },
        0,
        live.process.pid ?? null,
      ],
      [{ pid: 1234, host: 'another-host', lockedAt: '2020-01-01T00:00:00Z', token: 't' }, 0, 1234],
      ['', 0, null],
    ]
    for (const [content, age, pid] of cases) {
      const dir = newDir()
      acquireDataDirLock(dir)
      if (typeof content === 'string') writeFileSync(join(dir, LOCK_FILE), content)
      else writeLock(dir, content, age)
      expect(acquireDataDirLock(dir)).toEqual(
        E.left(expect.objectContaining({ _tag: 'StoreLocked', holderPid: pid })),
      )
    }
    // An unreadable lock left for long is a leftover: taken over.
    const dir = newDir()
    acquireDataDirLock(dir)
    writeLock(dir, {}, 60_000)
    writeFileSync(join(dir, LOCK_FILE), '{"pid":')
    const old = new Date(Date.now() - 60_000)
    utimesSync(join(dir, LOCK_FILE), old, old)
    expect(E.isRight(acquireDataDirLock(dir))).toBe(true)
  })
})
