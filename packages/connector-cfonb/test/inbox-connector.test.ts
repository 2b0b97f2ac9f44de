import { makeContext } from '@bankfeed/core'
import { readFile, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { formatMoneyAmount } from '@bankfeed/core/domain'
import type { FeedItem } from '@bankfeed/core'
import { decodeInboxCursor, makeCfonbInboxConnector, makeNodeFileSource } from '../src/inbox/index.js'
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
  runLeft,
  sha256Of,
} from './inbox-helpers.js'

const NOW = '2026-03-15T08:00:00.000Z'
const atNow = makeContext({ clock: { now: () => NOW } })
const PREFIX = '20260315T080000Z'
const BNP_IBAN = 'FR7630004008280001051234543'

let inbox: string
beforeEach(async () => {
  inbox = await makeTempInbox()
})
afterEach(async () => {
  await removeInbox(inbox)
})

const connectorOver = (dir: string, extra: Partial<Parameters<typeof makeCfonbInboxConnector>[0]> = {}) =>
  makeCfonbInboxConnector({ source: makeNodeFileSource(dir), context: atNow, wait: noWait, ...extra })

const statements = (items: ReadonlyArray<FeedItem>) =>
  items.map((i) => {
    if (i._tag !== 'Statement') throw new Error(`unexpected ${i._tag}`)
    return i
  })

const cursorFiles = (value: string) => {
  const c = decodeInboxCursor({ value })
  if (c._tag === 'Left') throw new Error(c.left.message)
  return c.right.files
}

/** Two good files, a CFONB 240 file and a non-CFONB file. */
const fillMixedInbox = async (dir: string): Promise<void> => {
  await drop(dir, 'basic-lf.cfonb', '20260302-bnp.cfonb')
  await drop(dir, 'multi-account-days.cfonb', '20260303-multi.cfonb')
  await drop(dir, 'cfonb240-refused.cfonb', '20260304-c240.cfonb')
  await dropText(dir, '20260305-notes.txt', 'Dear client, IBAN SECRET-FR76 attached\nregards\n')
}

describe('CFONB inbox connector: pull', () => {
  it('delivers the statements of good files only, rejects the others with an .error.json and notices', async () => {
    await fillMixedInbox(inbox)
    const connector = connectorOver(inbox)
    const batch = await pullOk(connector.pull(pullRequest(null)))

    const items = statements(batch.items)
    // basic-lf: one statement; multi-account-days: four; files in name order.
    expect(items).toHaveLength(5)
    expect(items.map((i) => i.account.iban)).toEqual([
      BNP_IBAN,
      BNP_IBAN,
      BNP_IBAN,
      expect.any(String),
      expect.any(String),
    ])
    expect(items[0]?.statement.movements.map((m) => [m.label, formatMoneyAmount(m.amount)])).toEqual([
      ['PRLV SEPA EDF', '-1480.37'],
      ['VIR SEPA CLIENT', '0.05'],
    ])
    expect(items.map((i) => i.statement.openingBalance.date)).toEqual([
      '2026-03-02',
      '2026-03-02',
      '2026-03-03',
      '1999-12-31',
      '2024-02-29',
    ])

    // Rejected files left the inbox right away; good ones wait for the acknowledgement.
    expect(await namesIn(inbox)).toEqual(['20260302-bnp.cfonb', '20260303-multi.cfonb', 'rejected'])
    expect(await namesIn(join(inbox, 'rejected'))).toEqual([
      '20260304-c240.cfonb',
      '20260304-c240.cfonb.error.json',
      '20260305-notes.txt',
      '20260305-notes.txt.error.json',
    ])
    const c240 = JSON.parse(
      await readFile(join(inbox, 'rejected', '20260304-c240.cfonb.error.json'), 'utf8'),
    ) as RejectedFileReport
    expect(c240).toEqual({
      v: 1,
      file: '20260304-c240.cfonb',
      rejectedAt: NOW,
      error: {
        kind: 'parse',
        code: 'CFONB240_UNSUPPORTED',
        line: 1,
        field: null,
        message: expect.stringContaining('CFONB 240'),
      },
    })
    const notes = JSON.parse(
      await readFile(join(inbox, 'rejected', '20260305-notes.txt.error.json'), 'utf8'),
    ) as RejectedFileReport
    expect(notes.error).toMatchObject({ kind: 'parse', code: 'UNKNOWN_RECORD', line: 1, field: 'recordCode' })
    // The rejected file itself is untouched.
    expect(await readFile(join(inbox, 'rejected', '20260305-notes.txt'), 'utf8')).toContain('regards')

    expect(batch.notices).toEqual([
      {
        _tag: 'UnreadableFile',
        file: '20260304-c240.cfonb',
        reason: 'CFONB CFONB240_UNSUPPORTED at line 1; moved to rejected/20260304-c240.cfonb',
        line: 1,
      },
      {
        _tag: 'UnreadableFile',
        file: '20260305-notes.txt',
        reason: 'CFONB UNKNOWN_RECORD at line 1; moved to rejected/20260305-notes.txt',
        line: 1,
      },
    ])
    // Nothing of a rejected file's content reaches the notices (they end up in reports and logs).
    expect(JSON.stringify(batch.notices)).not.toContain('SECRET')

    // The cursor fingerprints exactly the delivered files.
    expect(cursorFiles(batch.cursor.value)).toEqual([
      {
        name: '20260302-bnp.cfonb',
        size: (await readFile(golden('basic-lf.cfonb'))).byteLength,
        sha256: await sha256Of(golden('basic-lf.cfonb')),
      },
      {
        name: '20260303-multi.cfonb',
        size: (await readFile(golden('multi-account-days.cfonb'))).byteLength,
        sha256: await sha256Of(golden('multi-account-days.cfonb')),
      },
    ])
  })

  it('delivers nothing again when pulled with the cursor it returned', async () => {
    await fillMixedInbox(inbox)
    const connector = connectorOver(inbox)
    const first = await pullOk(connector.pull(pullRequest(null)))
    const second = await pullOk(connector.pull(pullRequest(first.cursor)))
    expect(second.items).toEqual([])
    expect(second.notices).toBeUndefined()
    expect(second.cursor).toEqual(first.cursor)
  })

  it('yields one statement per block and per account of a multi-account file', async () => {
    await drop(inbox, 'multi-account-days.cfonb', 'multi.cfonb')
    const batch = await pullOk(connectorOver(inbox).pull(pullRequest(null)))
    const items = statements(batch.items)
    expect(
      items.map((i) => [
        i.account.bankCode,
        i.account.branchCode,
        i.account.accountNumber,
        i.statement.currency,
      ]),
    ).toEqual([
      ['30004', '00828', '00010512345', 'EUR'],
      ['30004', '00828', '00010512345', 'EUR'],
      ['10278', '02204', '00020427603', 'XPF'],
      ['30002', '00447', '0000888899H', 'TND'],
    ])
    expect(new Set(items.map((i) => i.account.iban)).size).toBe(3)
    expect(items[0]?.account.iban).toBe(BNP_IBAN)
  })

  it('reads files by name by default, by modification time on request', async () => {
    // b.cfonb is older than a.cfonb.
    await drop(inbox, 'lcl-blank-currency-decimals.cfonb', 'b.cfonb')
    await drop(inbox, 'basic-lf.cfonb', 'a.cfonb')
    await utimes(join(inbox, 'b.cfonb'), new Date('2026-03-01T10:00:00Z'), new Date('2026-03-01T10:00:00Z'))
    await utimes(join(inbox, 'a.cfonb'), new Date('2026-03-02T10:00:00Z'), new Date('2026-03-02T10:00:00Z'))
    const bank = async (order: 'name' | 'modifiedAt') =>
      statements((await pullOk(connectorOver(inbox, { order }).pull(pullRequest(null)))).items).map(
        (i) => i.account.bankCode,
      )
    expect(await bank('name')).toEqual(['30004', '30002'])
    expect(await bank('modifiedAt')).toEqual(['30002', '30004'])
  })

  it('ignores dot-files, partial files and sub-folders', async () => {
    await drop(inbox, 'basic-lf.cfonb', '.hidden.cfonb')
    await drop(inbox, 'basic-lf.cfonb', 'upload.cfonb.part')
    await drop(inbox, 'basic-lf.cfonb', 'upload2.cfonb.TMP')
    await drop(inbox, 'basic-lf.cfonb', 'ready.cfonb')
    const batch = await pullOk(connectorOver(inbox).pull(pullRequest(null)))
    expect(batch.items).toHaveLength(1)
    expect(cursorFiles(batch.cursor.value).map((f) => f.name)).toEqual(['ready.cfonb'])
  })

  it('rejects a whole file when one statement cannot be mapped to core values', async () => {
    // Second statement in an unknown currency: the first, valid one must not be delivered either.
    const good = await readFile(golden('basic-lf.cfonb'), 'utf8')
    await dropText(inbox, 'mixed.cfonb', good + good.replaceAll('EUR', 'ZZZ'))
    const batch = await pullOk(connectorOver(inbox).pull(pullRequest(null)))
    expect(batch.items).toEqual([])
    expect(cursorFiles(batch.cursor.value)).toEqual([])
    const report = JSON.parse(
      await readFile(join(inbox, 'rejected', 'mixed.cfonb.error.json'), 'utf8'),
    ) as RejectedFileReport
    expect(report.error).toMatchObject({
      kind: 'mapping',
      code: 'UNSUPPORTED_VALUE',
      line: 7,
      field: 'currency',
    })
    expect(batch.notices?.[0]).toMatchObject({ file: 'mixed.cfonb', line: 7 })
    expect(batch.notices?.[0]?.reason).not.toContain('ZZZ')
  })

  it('strict rejects a file with any error; lenient keeps what can be trusted and reports the rest', async () => {
    await drop(inbox, 'lenient-recovery.lenient.cfonb', 'partial.cfonb')
    const strict = await pullOk(connectorOver(inbox).pull(pullRequest(null)))
    expect(strict.items).toEqual([])
    expect(strict.notices?.[0]).toMatchObject({ file: 'partial.cfonb', line: 1 })
    expect(await namesIn(join(inbox, 'rejected'))).toEqual(['partial.cfonb', 'partial.cfonb.error.json'])

    await drop(inbox, 'lenient-recovery.lenient.cfonb', 'partial.cfonb')
    const lenient = await pullOk(connectorOver(inbox, { mode: 'lenient' }).pull(pullRequest(null)))
    expect(statements(lenient.items)).toHaveLength(1)
    expect(lenient.notices).toEqual([
      {
        _tag: 'UnreadableFile',
        file: 'partial.cfonb',
        reason:
          'lenient: 6 error(s), first CFONB UNKNOWN_RECORD at line 1; 3 record(s) skipped, the other statements were delivered',
        line: 1,
      },
    ])
    // Delivered, so it waits for the acknowledgement like any good file.
    expect(cursorFiles(lenient.cursor.value).map((f) => f.name)).toEqual(['partial.cfonb'])
  })

  it('still rejects a CFONB 240 file in lenient mode', async () => {
    await drop(inbox, 'cfonb240-refused.cfonb', 'c240.cfonb')
    const batch = await pullOk(connectorOver(inbox, { mode: 'lenient' }).pull(pullRequest(null)))
    expect(batch.items).toEqual([])
    expect(await namesIn(join(inbox, 'rejected'))).toEqual(['c240.cfonb', 'c240.cfonb.error.json'])
  })

  it('keeps an earlier rejected file when a new one has the same name', async () => {
    await dropText(inbox, 'bad.txt', 'first\n')
    await pullOk(connectorOver(inbox).pull(pullRequest(null)))
    await dropText(inbox, 'bad.txt', 'second\n')
    const batch = await pullOk(connectorOver(inbox).pull(pullRequest(null)))
    expect(batch.notices?.[0]?.reason).toContain('moved to rejected/bad-2.txt')
    expect(await namesIn(join(inbox, 'rejected'))).toEqual([
      'bad-2.txt',
      'bad-2.txt.error.json',
      'bad.txt',
      'bad.txt.error.json',
    ])
    expect(await readFile(join(inbox, 'rejected', 'bad.txt'), 'utf8')).toBe('first\n')
    expect(await readFile(join(inbox, 'rejected', 'bad-2.txt'), 'utf8')).toBe('second\n')
  })

  it('leaves a file it cannot read in the inbox, reported, and out of the cursor', async () => {
    await drop(inbox, 'basic-lf.cfonb', 'a.cfonb')
    await drop(inbox, 'multi-account-days.cfonb', 'b.cfonb')
    const real = makeNodeFileSource(inbox)
    // A source whose reads of b.cfonb fail half-way, as a flaky share would.
    const flaky: FileSource = {
      ...real,
      read: (name) =>
        name !== 'b.cfonb'
          ? real.read(name)
          : (async function* () {
              yield { _tag: 'Right' as const, right: new TextEncoder().encode('01300') }
              yield {
                _tag: 'Left' as const,
                left: {
                  _tag: 'FileSourceError' as const,
                  operation: 'read' as const,
                  name,
                  code: 'EIO',
                  message: 'read b.cfonb failed (EIO)',
                },
              }
            })(),
    }
    const batch = await pullOk(
      makeCfonbInboxConnector({ source: flaky, context: atNow, wait: noWait }).pull(pullRequest(null)),
    )
    expect(statements(batch.items)).toHaveLength(1)
    expect(batch.notices).toEqual([
      {
        _tag: 'UnreadableFile',
        file: 'b.cfonb',
        reason: 'could not be read (EIO); left in the inbox for the next pull',
        line: null,
      },
    ])
    expect(cursorFiles(batch.cursor.value).map((f) => f.name)).toEqual(['a.cfonb'])
    expect(await namesIn(inbox)).toEqual(['a.cfonb', 'b.cfonb'])
  })

  it('waits for files younger than minAgeSeconds', async () => {
    await drop(inbox, 'basic-lf.cfonb', 'a.cfonb')
    await utimes(join(inbox, 'a.cfonb'), new Date('2026-03-15T07:59:30Z'), new Date('2026-03-15T07:59:30Z'))
    const early = await pullOk(connectorOver(inbox, { minAgeSeconds: 60 }).pull(pullRequest(null)))
    expect(early.items).toEqual([])
    expect(cursorFiles(early.cursor.value)).toEqual([])
    const later = await pullOk(
      connectorOver(inbox, {
        minAgeSeconds: 60,
        context: makeContext({ clock: { now: () => '2026-03-15T08:00:31Z' } }),
      }).pull(pullRequest(early.cursor)),
    )
    expect(later.items).toHaveLength(1)
  })

  it('answers typed errors for a missing inbox and a foreign cursor, without throwing', async () => {
    const missing = await runLeft(connectorOver(join(inbox, 'nope')).pull(pullRequest(null)))
    expect(missing).toMatchObject({ _tag: 'NotFound', retryable: false, what: 'inbox folder' })
    const foreign = await runLeft(connectorOver(inbox).pull(pullRequest({ value: 'page=3' })))
    expect(foreign).toMatchObject({ _tag: 'InvalidData', where: 'cursor' })
    const wrongVersion = await runLeft(connectorOver(inbox).acknowledge({ value: '{"v":2,"files":[]}' }))
    expect(wrongVersion).toMatchObject({ _tag: 'InvalidData', where: 'cursor' })
  })

  it('turns a throwing third-party source into a typed error', async () => {
    const broken: FileSource = {
      ...makeNodeFileSource(inbox),
      list: () => Promise.reject(new RangeError('boom')),
    }
    const e = await runLeft(makeCfonbInboxConnector({ source: broken, wait: noWait }).pull(pullRequest(null)))
    expect(e).toMatchObject({ _tag: 'Unavailable', retryable: true })
    expect(e.message).toContain('RangeError')
  })

  it('refuses invalid options with a TypeError', () => {
    const source = makeNodeFileSource(inbox)
    expect(() => makeCfonbInboxConnector({ source, mode: 'loose' as 'strict' })).toThrow(TypeError)
    expect(() => makeCfonbInboxConnector({ source, order: 'size' as 'name' })).toThrow(TypeError)
    expect(() => makeCfonbInboxConnector({ source, minAgeSeconds: -1 })).toThrow(TypeError)
    expect(() => makeCfonbInboxConnector({ source, settleSeconds: -1 })).toThrow(TypeError)
    expect(() => makeCfonbInboxConnector({ source, settleSeconds: Number.NaN })).toThrow(TypeError)
  })
})

describe('CFONB inbox connector: acknowledge', () => {
  it('moves the delivered files to processed/ with a timestamp prefix, idempotently', async () => {
    await fillMixedInbox(inbox)
    const connector = connectorOver(inbox)
    const batch = await pullOk(connector.pull(pullRequest(null)))
    expect((await connector.acknowledge(batch.cursor)())._tag).toBe('Right')
    expect(await namesIn(inbox)).toEqual(['processed', 'rejected'])
    expect(await namesIn(join(inbox, 'processed'))).toEqual([
      `${PREFIX}-20260302-bnp.cfonb`,
      `${PREFIX}-20260303-multi.cfonb`,
    ])
    expect(await sha256Of(join(inbox, 'processed', `${PREFIX}-20260303-multi.cfonb`))).toBe(
      await sha256Of(golden('multi-account-days.cfonb')),
    )

    // Again: nothing left to move, no error, nothing duplicated.
    expect((await connector.acknowledge(batch.cursor)())._tag).toBe('Right')
    expect(await namesIn(join(inbox, 'processed'))).toHaveLength(2)

    // The next pull forgets acknowledged files: the cursor does not grow with history.
    const next = await pullOk(connector.pull(pullRequest(batch.cursor)))
    expect(next.items).toEqual([])
    expect(cursorFiles(next.cursor.value)).toEqual([])
  })

  it('after a crash between commit and acknowledge, skips the files left behind and acknowledges them later', async () => {
    await drop(inbox, 'basic-lf.cfonb', 'day1.cfonb')
    const connector = connectorOver(inbox)
    const first = await pullOk(connector.pull(pullRequest(null)))
    expect(first.items).toHaveLength(1)
    // The store committed `first.cursor`, then the process died: no acknowledgement.
    await drop(inbox, 'multi-account-days.cfonb', 'day2.cfonb')
    const second = await pullOk(connector.pull(pullRequest(first.cursor)))
    // Only the new file: day1 is still in the inbox but already delivered.
    expect(statements(second.items)).toHaveLength(4)
    expect(cursorFiles(second.cursor.value).map((f) => f.name)).toEqual(['day1.cfonb', 'day2.cfonb'])
    expect((await connector.acknowledge(second.cursor)())._tag).toBe('Right')
    expect(await namesIn(join(inbox, 'processed'))).toEqual([`${PREFIX}-day1.cfonb`, `${PREFIX}-day2.cfonb`])
    expect(await namesIn(inbox)).toEqual(['processed'])
  })

  it('delivers a file again when its content changed under the same name, and moves only matching content', async () => {
    await drop(inbox, 'basic-lf.cfonb', 'latest.cfonb')
    const connector = connectorOver(inbox)
    const first = await pullOk(connector.pull(pullRequest(null)))
    // The bank replaced the file before the acknowledgement.
    await drop(inbox, 'multi-account-days.cfonb', 'latest.cfonb')
    expect((await connector.acknowledge(first.cursor)())._tag).toBe('Right')
    expect(await namesIn(inbox)).toEqual(['latest.cfonb'])

    const second = await pullOk(connector.pull(pullRequest(first.cursor)))
    expect(statements(second.items)).toHaveLength(4)
    expect(cursorFiles(second.cursor.value)).toEqual([
      expect.objectContaining({
        name: 'latest.cfonb',
        sha256: await sha256Of(golden('multi-account-days.cfonb')),
      }),
    ])
    expect((await connector.acknowledge(second.cursor)())._tag).toBe('Right')
    expect(await namesIn(join(inbox, 'processed'))).toEqual([`${PREFIX}-latest.cfonb`])
  })

  it('reports files it could not move as a typed, retryable error', async () => {
    await drop(inbox, 'basic-lf.cfonb', 'a.cfonb')
    const real = makeNodeFileSource(inbox)
    const stuck: FileSource = {
      ...real,
      move: async (name) => ({
        _tag: 'Left',
        left: {
          _tag: 'FileSourceError',
          operation: 'move',
          name,
          code: 'EACCES',
          message: 'move failed (EACCES)',
        },
      }),
    }
    const connector = makeCfonbInboxConnector({ source: stuck, context: atNow, wait: noWait })
    const batch = await pullOk(connector.pull(pullRequest(null)))
    const e = await runLeft(connector.acknowledge(batch.cursor))
    expect(e).toMatchObject({ _tag: 'Unavailable', retryable: true })
    expect(e.message).toContain('a.cfonb, EACCES')
    expect(await namesIn(inbox)).toEqual(['a.cfonb'])
  })
})
