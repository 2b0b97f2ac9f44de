import { makeContext } from '@bankfeed/core'
// Inbox safety under real deliveries: files still being written, empty files, files swapped for a
// symbolic link between the listing and the read, balances that do not fit their currency.
import { appendFile, mkdtemp, open, readFile, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTLE_SECONDS, makeCfonbInboxConnector, makeNodeFileSource } from '../src/inbox/index.js'
import type { FileSource, RejectedFileReport } from '../src/inbox/index.js'
import {
  drop,
  dropText,
  golden,
  makeTempInbox,
  namesIn,
  noWait,
  pullOk,
  pullRequest,
  removeInbox,
} from './inbox-helpers.js'

const NOW = '2026-03-15T08:00:00.000Z'
const atNow = makeContext({ clock: { now: () => NOW } })

let inbox: string
beforeEach(async () => {
  inbox = await makeTempInbox()
})
afterEach(async () => {
  await removeInbox(inbox)
})

const connectorOver = (
  source: FileSource,
  extra: Partial<Parameters<typeof makeCfonbInboxConnector>[0]> = {},
) => makeCfonbInboxConnector({ source, context: atNow, wait: noWait, ...extra })

const sidecar = async (name: string): Promise<RejectedFileReport> =>
  JSON.parse(await readFile(join(inbox, 'rejected', `${name}.error.json`), 'utf8')) as RejectedFileReport

const cursorNames = (value: string): string[] =>
  (JSON.parse(value) as { files: Array<{ name: string }> }).files.map((f) => f.name)

describe('a file still being written (8a)', () => {
  it('is left, without a notice, while it grows between the two looks; taken once stable', async () => {
    const whole = await readFile(golden('basic-lf.cfonb'))
    // The sender wrote half the file, cut inside a record: read now, it would be rejected.
    await dropText(inbox, 'a.cfonb', whole.subarray(0, 300))
    const waits: number[] = []
    const growing = connectorOver(makeNodeFileSource(inbox), {
      // The sender goes on writing while the pull waits between its looks.
      wait: async (ms) => {
        waits.push(ms)
        await appendFile(join(inbox, 'a.cfonb'), whole.subarray(300))
      },
    })
    const first = await pullOk(growing.pull(pullRequest(null)))
    expect(waits).toEqual([DEFAULT_SETTLE_SECONDS * 1000])
    expect(first.items).toEqual([])
    expect(first.notices).toBeUndefined()
    expect(cursorNames(first.cursor.value)).toEqual([])
    expect(await namesIn(inbox)).toEqual(['a.cfonb'])

    // Next pull: the file no longer changes, so it is read whole.
    const second = await pullOk(connectorOver(makeNodeFileSource(inbox)).pull(pullRequest(first.cursor)))
    expect(second.items).toHaveLength(1)
    expect(second.notices).toBeUndefined()
    expect(cursorNames(second.cursor.value)).toEqual(['a.cfonb'])
  })

  it('waits between the looks by default, and not at all when no file is new', async () => {
    await drop(inbox, 'basic-lf.cfonb', 'a.cfonb')
    const waits: number[] = []
    const connector = connectorOver(makeNodeFileSource(inbox), {
      wait: async (ms) => {
        waits.push(ms)
      },
    })
    const first = await pullOk(connector.pull(pullRequest(null)))
    expect(first.items).toHaveLength(1)
    // Pulled again before the acknowledgement: nothing new, so no wait.
    await pullOk(connector.pull(pullRequest(first.cursor)))
    expect(waits).toEqual([3000])
  })

  it('takes a file at once with settleSeconds 0 (files written whole, as in tests)', async () => {
    await drop(inbox, 'basic-lf.cfonb', 'a.cfonb')
    const batch = await pullOk(
      makeCfonbInboxConnector({
        source: makeNodeFileSource(inbox),
        context: atNow,
        settleSeconds: 0,
        wait: () => Promise.reject(new Error('must not wait')),
      }).pull(pullRequest(null)),
    )
    expect(batch.items).toHaveLength(1)
  })

  it('is left, without a notice, when it grows while being read', async () => {
    const whole = await readFile(golden('basic-lf.cfonb'))
    await dropText(inbox, 'a.cfonb', whole.subarray(0, 300))
    const real = makeNodeFileSource(inbox, { chunkSize: 128 })
    let grown = false
    const writer: FileSource = {
      ...real,
      read: async function* (name, expected) {
        for await (const chunk of real.read(name, expected)) {
          yield chunk
          if (!grown) {
            grown = true
            await appendFile(join(inbox, name), whole.subarray(300))
          }
        }
      },
    }
    const batch = await pullOk(connectorOver(writer, { settleSeconds: 0 }).pull(pullRequest(null)))
    expect(batch.items).toEqual([])
    expect(batch.notices).toBeUndefined()
    expect(await namesIn(inbox)).toEqual(['a.cfonb'])
  })

  it('is left, not rejected, when a strict parse gave up before the writer finished', async () => {
    // A sender that fills a file in place out of order: garbage where the parser stops, mended
    // after the parser gave up (the rest of the file is still read, and shows the change).
    const whole = await readFile(golden('basic-lf.cfonb'))
    const early = Buffer.from(whole)
    early.fill('X'.charCodeAt(0), 121, 241)
    await dropText(inbox, 'a.cfonb', early)
    // An old time, so that the mending write shows even on a file system with coarse timestamps.
    await utimes(join(inbox, 'a.cfonb'), new Date('2026-03-01T10:00:00Z'), new Date('2026-03-01T10:00:00Z'))
    const real = makeNodeFileSource(inbox, { chunkSize: 256 })
    let mended = false
    const writer: FileSource = {
      ...real,
      read: async function* (name, expected) {
        for await (const chunk of real.read(name, expected)) {
          yield chunk
          if (!mended) {
            mended = true
            const h = await open(join(inbox, name), 'r+')
            await h.write(whole, 0, whole.byteLength, 0)
            await h.close()
          }
        }
      },
    }
    const batch = await pullOk(connectorOver(writer, { settleSeconds: 0 }).pull(pullRequest(null)))
    expect(batch.items).toEqual([])
    expect(batch.notices).toBeUndefined()
    expect(await namesIn(inbox)).toEqual(['a.cfonb'])
    const later = await pullOk(connectorOver(makeNodeFileSource(inbox)).pull(pullRequest(batch.cursor)))
    expect(later.items).toHaveLength(1)
  })
})

describe('an empty file (8c)', () => {
  it.each([
    ['0 bytes', '', 0],
    ['no statement', '\n\r\n   \n', 7],
  ])(
    'is an EmptyFile notice (%s), set aside in rejected/ with its .error.json, reported once',
    async (reason, text, bytes) => {
      await dropText(inbox, 'empty.cfonb', text)
      await drop(inbox, 'basic-lf.cfonb', 'good.cfonb')
      const connector = connectorOver(makeNodeFileSource(inbox))
      const batch = await pullOk(connector.pull(pullRequest(null)))
      expect(batch.items).toHaveLength(1)
      expect(batch.notices).toEqual([{ _tag: 'EmptyFile', file: 'empty.cfonb', bytes, reason }])
      expect(cursorNames(batch.cursor.value)).toEqual(['good.cfonb'])
      expect(await namesIn(join(inbox, 'rejected'))).toEqual(['empty.cfonb', 'empty.cfonb.error.json'])
      expect((await sidecar('empty.cfonb')).error).toEqual({
        kind: 'empty',
        code: 'EMPTY_FILE',
        line: null,
        field: null,
        message: expect.stringContaining(bytes === 0 ? '0 bytes' : 'no statement') as string,
      })
      // Not among the processed files once the batch is acknowledged, and not reported again.
      expect((await connector.acknowledge(batch.cursor)())._tag).toBe('Right')
      expect(await namesIn(join(inbox, 'processed'))).toEqual([expect.stringMatching(/-good\.cfonb$/)])
      const next = await pullOk(connector.pull(pullRequest(batch.cursor)))
      expect(next.notices).toBeUndefined()
    },
  )

  it('says so when it cannot be moved, and stays in the inbox', async () => {
    await dropText(inbox, 'empty.cfonb', '')
    const real = makeNodeFileSource(inbox)
    const stuck: FileSource = {
      ...real,
      move: async (name) => ({
        _tag: 'Left',
        left: { _tag: 'FileSourceError', operation: 'move', name, code: 'EACCES', message: 'move failed' },
      }),
    }
    const batch = await pullOk(connectorOver(stuck).pull(pullRequest(null)))
    expect(batch.notices).toEqual([
      {
        _tag: 'EmptyFile',
        file: 'empty.cfonb',
        bytes: 0,
        reason: '0 bytes; could not be moved to rejected/ (EACCES), left in the inbox',
      },
    ])
    expect(await namesIn(inbox)).toEqual(['empty.cfonb'])
  })
})

describe('a file swapped for a symbolic link (8d)', () => {
  let outside: string
  beforeEach(async () => {
    outside = await mkdtemp(join(tmpdir(), 'bankfeed-outside-'))
    // A valid statement outside the inbox: read, it would be delivered as if the bank had sent it.
    const text = (await readFile(golden('basic-lf.cfonb'), 'utf8')).replace('PRLV SEPA EDF', 'OUTSIDE-DATA ')
    await writeFile(join(outside, 'elsewhere.cfonb'), text)
  })
  afterEach(async () => {
    await rm(outside, { recursive: true, force: true })
  })

  it('between listing and reading, is not read, and is reported', async () => {
    await drop(inbox, 'basic-lf.cfonb', 'a.cfonb')
    const real = makeNodeFileSource(inbox)
    const swapper: FileSource = {
      ...real,
      read: async function* (name, expected) {
        // Both looks are taken; the link replaces the file just before it is opened.
        await symlink(join(outside, 'elsewhere.cfonb'), join(inbox, 'swap'))
        await rename(join(inbox, 'swap'), join(inbox, name))
        yield* real.read(name, expected)
      },
    }
    const batch = await pullOk(connectorOver(swapper).pull(pullRequest(null)))
    expect(batch.items).toEqual([])
    expect(JSON.stringify(batch)).not.toContain('OUTSIDE-DATA')
    expect(batch.notices).toEqual([
      {
        _tag: 'UnreadableFile',
        file: 'a.cfonb',
        reason: 'became a symbolic link after it was listed; not followed, not read',
        line: null,
      },
    ])
    expect(cursorNames(batch.cursor.value)).toEqual([])
    // The link is left where it is (never moved, never followed); the next listing ignores it.
    expect(await namesIn(inbox)).toEqual(['a.cfonb'])
    const next = await pullOk(connectorOver(real).pull(pullRequest(batch.cursor)))
    expect(next).toMatchObject({ items: [] })
    expect(next.notices).toBeUndefined()
    expect(await readFile(join(outside, 'elsewhere.cfonb'), 'utf8')).toContain('OUTSIDE-DATA')
  })

  it('already there, is ignored by the listing', async () => {
    await symlink(join(outside, 'elsewhere.cfonb'), join(inbox, 'link.cfonb'))
    const batch = await pullOk(connectorOver(makeNodeFileSource(inbox)).pull(pullRequest(null)))
    expect(batch.items).toEqual([])
    expect(batch.notices).toBeUndefined()
  })

  it('is also refused when the acknowledgement finds it, and stays', async () => {
    await drop(inbox, 'basic-lf.cfonb', 'a.cfonb')
    const connector = connectorOver(makeNodeFileSource(inbox))
    const batch = await pullOk(connector.pull(pullRequest(null)))
    await symlink(join(outside, 'elsewhere.cfonb'), join(inbox, 'swap'))
    await rename(join(inbox, 'swap'), join(inbox, 'a.cfonb'))
    expect((await connector.acknowledge(batch.cursor)())._tag).toBe('Right')
    expect(await namesIn(inbox)).toEqual(['a.cfonb'])
  })
})

describe('a balance that does not fit its currency (7)', () => {
  it('rejects the file with its reason and line', async () => {
    // The 01 record says EUR with 3 decimals: 1250.037 cannot be an amount in euros.
    const lines = (await readFile(golden('basic-lf.cfonb'), 'utf8')).split('\n')
    const opening = lines[0] ?? ''
    lines[0] = `${opening.slice(0, 19)}3${opening.slice(20)}`
    await dropText(inbox, 'three-decimals.cfonb', lines.join('\n'))
    const batch = await pullOk(connectorOver(makeNodeFileSource(inbox)).pull(pullRequest(null)))
    expect(batch.items).toEqual([])
    expect(cursorNames(batch.cursor.value)).toEqual([])
    expect(await namesIn(join(inbox, 'rejected'))).toEqual([
      'three-decimals.cfonb',
      'three-decimals.cfonb.error.json',
    ])
    const report = await sidecar('three-decimals.cfonb')
    expect(report.error).toMatchObject({ kind: 'mapping', line: 1 })
    expect(report.error.field).toMatch(/^openingBalance/)
    expect(batch.notices).toEqual([
      expect.objectContaining({ _tag: 'UnreadableFile', file: 'three-decimals.cfonb', line: 1 }),
    ])
  })
})

describe('a lenient file full of errors', () => {
  it('reports every error in its notice, counted rather than kept', async () => {
    const good = await readFile(golden('basic-lf.cfonb'), 'utf8')
    const garbage = `${'ZZ'.padEnd(120, 'x')}\n`.repeat(1500)
    await dropText(inbox, 'noisy.cfonb', good + garbage)
    const batch = await pullOk(
      connectorOver(makeNodeFileSource(inbox), { mode: 'lenient' }).pull(pullRequest(null)),
    )
    expect(batch.items).toHaveLength(1)
    expect(batch.notices).toEqual([
      expect.objectContaining({
        _tag: 'UnreadableFile',
        file: 'noisy.cfonb',
        line: 7,
        reason: expect.stringMatching(
          /^lenient: 1500 error\(s\), first CFONB UNKNOWN_RECORD at line 7; /,
        ) as string,
      }),
    ])
  })
})
