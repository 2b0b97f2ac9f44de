import { describe, expect, it } from 'vitest'
import { runCli } from '../src/cli.js'
import { PROGRESS_THRESHOLD_BYTES } from '../src/progress.js'
import { QUICKSTART_RELEVE, golden, goldenCases } from './fixtures.js'
import { memoryIo } from './memory-io.js'

const parse = async (args: readonly string[], files: Parameters<typeof memoryIo>[0], tty = false) => {
  const io = memoryIo(files, { stderrIsTTY: tty })
  const code = await runCli(['cfonb', 'parse', ...args], io)
  return { code, out: io.out(), err: io.err(), io }
}

const counts = (doc: ReturnType<typeof goldenCases>[number]['expected']) => ({
  statements: doc.statements.length,
  movements: doc.statements.reduce((n, s) => n + s.movements.length, 0),
  details: doc.statements.reduce((n, s) => n + s.movements.reduce((k, m) => k + m.details.length, 0), 0),
})

describe('bankfeed cfonb parse --json, on every golden file', () => {
  const cases = goldenCases()

  it('finds the golden files', () => {
    expect(cases.length).toBeGreaterThanOrEqual(27)
  })

  for (const c of cases) {
    const firstError = c.expected.diagnostics.find((d) => d.severity === 'error')
    const mode = c.lenient ? ['--lenient'] : []

    if (firstError !== undefined && !c.lenient) {
      it(`${c.name}: prints {"error":{line,code,message}} and exits 1`, async () => {
        const { code, out, err } = await parse(['--json', 'f.cfonb'], { 'f.cfonb': c.input })
        expect(code).toBe(1)
        expect(err).toBe('')
        const printed = JSON.parse(out) as { error: Record<string, unknown> }
        expect(Object.keys(printed)).toEqual(['error'])
        expect(Object.keys(printed.error)).toEqual(['line', 'code', 'message'])
        expect(printed.error).toMatchObject({ line: firstError.line, code: firstError.code })
        expect(printed.error['message']).toEqual(expect.any(String))
        expect(out.endsWith('}\n')).toBe(true)
      })
    } else {
      it(`${c.name}: prints the canonical JSON, byte for byte, exit ${firstError ? 1 : 0}`, async () => {
        const { code, out, err } = await parse([...mode, '--json', 'f.cfonb'], { 'f.cfonb': c.input })
        expect(JSON.parse(out)).toEqual(c.expected)
        expect(out).toBe(c.expectedText)
        expect(err).toBe('')
        expect(code).toBe(firstError ? 1 : 0)
      })

      it(`${c.name}: --summary --json prints the counts`, async () => {
        const { code, out } = await parse([...mode, '--summary', '--json', 'f.cfonb'], {
          'f.cfonb': { bytes: c.input, chunkSize: 7 },
        })
        expect(JSON.parse(out)).toEqual(counts(c.expected))
        expect(Object.keys(JSON.parse(out) as object)).toEqual(['statements', 'movements', 'details'])
        expect(code).toBe(firstError ? 1 : 0)
      })
    }
  }
})

describe('bankfeed cfonb parse (readable table)', () => {
  it('shows the account, balances with dates, the movement count and movements, amounts right-aligned', async () => {
    const { code, out, err } = await parse(['releve.cfonb'], { 'releve.cfonb': QUICKSTART_RELEVE })
    expect(code).toBe(0)
    expect(err).toBe('')
    expect(out).toBe(
      [
        'releve.cfonb: 1 statement, 2 movements, 2 details, decoded as UTF-8',
        '',
        'Account 30004 00828 00010512345 EUR (lines 1–6)',
        '  Balance                  Date          Amount',
        '  -----------------------  ----------  --------',
        '  Opening (ancien solde)   2026-03-02  12500.37',
        '  Closing (nouveau solde)  2026-03-02  11020.05',
        '',
        '  2 movements:',
        '  Date        Value date    Amount  Label',
        '  ----------  ----------  --------  ---------------',
        '  2026-03-02  2026-03-03  -1480.37  PRLV SEPA EDF',
        '  2026-03-02                  0.05  VIR SEPA CLIENT',
        '',
        'No diagnostics.',
        '',
      ].join('\n'),
    )
  })

  it('lists diagnostics with their line numbers and flags a statement that does not add up', async () => {
    const { code, out } = await parse(['w.cfonb'], { 'w.cfonb': golden('warn-balance-mismatch') })
    expect(code).toBe(0)
    expect(out).toContain('1 movement (do not add up to the closing balance):')
    expect(out).toContain('Diagnostics (1 warning):')
    expect(out).toMatch(/^ {5}3 {2}warning {3}BALANCE_MISMATCH {2}\S/m)
  })

  it('lists every padded line', async () => {
    const { out } = await parse(['t.cfonb'], { 't.cfonb': golden('basic-right-trimmed') })
    expect(out).toContain('Diagnostics (6 warnings):')
    for (const line of [1, 2, 3, 4, 5, 6])
      expect(out).toMatch(new RegExp(`^ {5}${line} {2}warning {3}LINE_PADDED`, 'm'))
  })

  it('shows one block per statement of a multi-account file', async () => {
    const { out } = await parse(['m.cfonb'], { 'm.cfonb': golden('multi-account-days') })
    expect(out.match(/^Account /gm)).toHaveLength(4)
    expect(out).toContain('Account 30004 00828 00010512345 EUR')
    expect(out).toContain('0000888899H')
  })

  it('strict error: prints what was read, then the error with line and column on stderr; exit 1', async () => {
    const { code, out, err } = await parse(['bad.cfonb'], { 'bad.cfonb': golden('error-invalid-amount') })
    expect(code).toBe(1)
    expect(out).toContain('No statement.')
    expect(out).toMatch(/^ {5}2 {2}error {5}INVALID_AMOUNT/m)
    expect(err).toMatch(/^bankfeed: bad\.cfonb, line 2, column 91: INVALID_AMOUNT — /)
    expect(err).toContain('--lenient')
    expect(err).not.toMatch(/\n\s+at /)
  })

  it('--lenient: keeps the trusted statement, lists every error, counts them on stderr; exit 1', async () => {
    const { code, out, err } = await parse(['--lenient', 'l.cfonb'], {
      'l.cfonb': golden('lenient-recovery.lenient'),
    })
    expect(code).toBe(1)
    expect(out).toContain('1 statement, 1 movement, 1 detail')
    expect(out).toContain('Diagnostics (6 errors, 3 warnings):')
    expect(out).toMatch(/^ {4}13 {2}error {5}STATEMENT_NOT_CLOSED/m)
    expect(err).toMatch(
      /^bankfeed: l\.cfonb: 6 errors \(lenient: kept what could be trusted\); first at line 1, column 1: UNKNOWN_RECORD/,
    )
  })

  it('--lenient on a clean file exits 0 with nothing on stderr', async () => {
    const { code, err } = await parse(['--lenient', 'r.cfonb'], { 'r.cfonb': QUICKSTART_RELEVE })
    expect(code).toBe(0)
    expect(err).toBe('')
  })

  it('--lenient --json prints the canonical document with the errors among the diagnostics; exit 1', async () => {
    const { code, out } = await parse(['--lenient', '--json', 'bad.cfonb'], {
      'bad.cfonb': golden('error-invalid-amount'),
    })
    expect(code).toBe(1)
    const doc = JSON.parse(out) as { statements: { movements: unknown[] }[]; diagnostics: unknown[] }
    expect(Object.keys(doc)).toEqual(['statements', 'diagnostics'])
    // The movement with the bad amount is rejected; its statement is kept.
    expect(doc.statements.map((s) => s.movements.length)).toEqual([0])
    expect(doc.diagnostics).toEqual([{ line: 2, severity: 'error', code: 'INVALID_AMOUNT', field: 'amount' }])
  })
})

describe('--summary', () => {
  it('prints one readable line with the counts and diagnostics', async () => {
    const { code, out } = await parse(['--summary', 'r.cfonb'], { 'r.cfonb': QUICKSTART_RELEVE })
    expect(code).toBe(0)
    expect(out).toBe('r.cfonb: 1 statement, 2 movements, 2 details (no diagnostics)\n')
    const accents = await parse(['--summary', 'a.cfonb'], { 'a.cfonb': golden('cp1252-accents') })
    expect(accents.out).toBe('a.cfonb: 1 statement, 1 movement, 1 detail (1 info)\n')
  })

  it('on a strict error: the counts so far, the error on stderr, exit 1; JSON: the error object', async () => {
    const text = await parse(['--summary', 'b.cfonb'], { 'b.cfonb': golden('error-invalid-date') })
    expect(text.code).toBe(1)
    expect(text.out).toBe('b.cfonb: 0 statements, 0 movements, 0 details (1 error)\n')
    expect(text.err).toContain('INVALID_DATE')
    const json = await parse(['--summary', '--json', 'b.cfonb'], { 'b.cfonb': golden('error-invalid-date') })
    expect(json.code).toBe(1)
    expect(JSON.parse(json.out)).toMatchObject({ error: { code: 'INVALID_DATE' } })
  })

  it('streams: a strict error stops reading the rest of the file', async () => {
    const bad = golden('error-invalid-amount')
    const tail = new TextEncoder().encode(new TextDecoder().decode(QUICKSTART_RELEVE).repeat(2000))
    const bytes = new Uint8Array(bad.length + tail.length)
    bytes.set(bad)
    bytes.set(tail, bad.length)
    const { code, io } = await parse(['--summary', '--json', 'big.cfonb'], {
      'big.cfonb': { bytes, chunkSize: 1024 },
    })
    expect(code).toBe(1)
    expect(Math.ceil(bytes.length / 1024)).toBeGreaterThan(1000)
    expect(io.chunksRead('big.cfonb')).toBeLessThanOrEqual(2)
  })

  it('counts a file delivered in many chunks like the whole file', async () => {
    const bytes = new TextEncoder().encode(new TextDecoder().decode(QUICKSTART_RELEVE).repeat(500))
    const { code, out } = await parse(['--summary', '--json', 'r.cfonb'], {
      'r.cfonb': { bytes, chunkSize: 333 },
    })
    expect(code).toBe(0)
    expect(JSON.parse(out)).toEqual({ statements: 500, movements: 1000, details: 1000 })
  })
})

describe('--encoding', () => {
  const label = (out: string): string =>
    (JSON.parse(out) as { statements: { movements: { label: string }[] }[] }).statements[0]?.movements[0]
      ?.label ?? ''

  it('latin1 reads Windows-1252 from the start: accents right, no fallback diagnostic', async () => {
    const { code, out } = await parse(['--json', '--encoding', 'latin1', 'a.cfonb'], {
      'a.cfonb': golden('cp1252-accents'),
    })
    expect(code).toBe(0)
    expect(label(out)).toBe('VIR MME HÉLÈNE CÔTÉ')
    expect((JSON.parse(out) as { diagnostics: unknown[] }).diagnostics).toEqual([])
  })

  it('latin1 on a UTF-8 file turns each accent into two characters, which shifts the fixed columns', async () => {
    const { code, out } = await parse(['--json', '--encoding=latin1', 'u.cfonb'], {
      'u.cfonb': golden('utf8-accents'),
    })
    expect(code).toBe(1)
    expect(JSON.parse(out)).toMatchObject({ error: { line: 2, code: 'INVALID_AMOUNT' } })
    const auto = await parse(['--json', 'u.cfonb'], { 'u.cfonb': golden('utf8-accents') })
    expect(label(auto.out)).toBe('VIR MME HÉLÈNE CÔTÉ')
  })

  it('utf8 replaces invalid bytes with U+FFFD', async () => {
    const { code, out } = await parse(['--json', '--encoding', 'utf8', 'a.cfonb'], {
      'a.cfonb': golden('cp1252-accents'),
    })
    expect(code).toBe(0)
    expect(label(out)).toContain('\uFFFD')
  })

  it('auto (the default) falls back to Windows-1252 and says so', async () => {
    const { out } = await parse(['--encoding', 'auto', 'a.cfonb'], { 'a.cfonb': golden('cp1252-accents') })
    expect(out).toContain('decoded as UTF-8 then Windows-1252 (see ENCODING_FALLBACK)')
    expect(out).toContain('VIR MME HÉLÈNE CÔTÉ')
    const forced = await parse(['--encoding', 'latin1', 'a.cfonb'], { 'a.cfonb': golden('cp1252-accents') })
    expect(forced.out).toContain('decoded as Windows-1252\n')
  })

  it('accepts the parser names and any case', async () => {
    for (const value of ['UTF8', 'utf-8', 'windows-1252', 'Latin1']) {
      const { code } = await parse(['--encoding', value, 'r.cfonb'], { 'r.cfonb': QUICKSTART_RELEVE })
      expect(code).toBe(0)
    }
  })
})

describe('files that cannot be read', () => {
  it('missing file: one line on stderr, nothing on stdout, exit 1', async () => {
    const { code, out, err } = await parse(['nope.cfonb'], {})
    expect(code).toBe(1)
    expect(out).toBe('')
    expect(err).toBe('bankfeed: nope.cfonb: no such file\n')
  })

  it('missing file with --json: {"error":{"code":"FILE_NOT_FOUND",…}} on stdout, exit 1', async () => {
    const { code, out, err } = await parse(['--json', 'nope.cfonb'], {})
    expect(code).toBe(1)
    expect(err).toBe('')
    expect(JSON.parse(out)).toEqual({
      error: { code: 'FILE_NOT_FOUND', message: 'nope.cfonb: no such file', path: 'nope.cfonb' },
    })
  })

  it('an I/O error while reading is FILE_UNREADABLE, exit 1, no stack trace', async () => {
    const bytes = new TextEncoder().encode(new TextDecoder().decode(QUICKSTART_RELEVE).repeat(10))
    const files = { 'r.cfonb': { bytes, chunkSize: 100, failAfterChunks: 3 } }
    const text = await parse(['r.cfonb'], files)
    expect(text.code).toBe(1)
    expect(text.out).toBe('')
    expect(text.err).toBe('bankfeed: r.cfonb: cannot be read (EIO: i/o error, read)\n')
    const json = await parse(['--json', '--summary', 'r.cfonb'], files)
    expect(json.code).toBe(1)
    expect(JSON.parse(json.out)).toMatchObject({ error: { code: 'FILE_UNREADABLE', path: 'r.cfonb' } })
  })
})

describe('usage', () => {
  const usageCases: ReadonlyArray<readonly [string, readonly string[], string]> = [
    ['no FILE', [], 'bankfeed: cfonb parse: missing FILE\n'],
    ['two FILEs', ['a', 'b'], "bankfeed: cfonb parse: unexpected argument 'b'\n"],
    ['an unknown option', ['--bogus', 'a'], "bankfeed: unknown option '--bogus'\n"],
    [
      'an unknown encoding',
      ['--encoding', 'ebcdic', 'a'],
      "bankfeed: --encoding must be auto, utf8 or latin1, got 'ebcdic'\n",
    ],
    [
      '--encoding without a value',
      ['a', '--encoding'],
      "bankfeed: option '--encoding <value>' argument missing\n",
    ],
    ['a value given to a flag', ['--json=yes', 'a'], "bankfeed: option '--json' does not take an argument\n"],
  ]
  for (const [what, args, first] of usageCases) {
    it(`${what}: the reason and the usage on stderr, exit 2`, async () => {
      const { code, out, err } = await parse(args, { a: QUICKSTART_RELEVE })
      expect(code).toBe(2)
      expect(out).toBe('')
      expect(err.startsWith(first)).toBe(true)
      expect(err).toContain('Usage: bankfeed cfonb parse FILE [options]')
    })
  }

  it('--help and -h print the usage on stdout, exit 0, without reading anything', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, out, err } = await parse([flag], {})
      expect(code).toBe(0)
      expect(err).toBe('')
      expect(out).toContain('Usage: bankfeed cfonb parse FILE [options]')
      for (const option of ['--json', '--lenient', '--encoding', '--summary', '--max-diagnostics'])
        expect(out).toContain(option)
    }
  })

  it('a FILE named like an option goes after --', async () => {
    const { code } = await parse(['--summary', '--', '--odd.cfonb'], { '--odd.cfonb': QUICKSTART_RELEVE })
    expect(code).toBe(0)
  })
})

describe('progress on stderr', () => {
  const big = new TextEncoder().encode(
    new TextDecoder()
      .decode(QUICKSTART_RELEVE)
      .repeat(Math.ceil(PROGRESS_THRESHOLD_BYTES / QUICKSTART_RELEVE.length)),
  )

  it('is drawn in place and erased for a large file when stderr is a terminal', async () => {
    let t = 0
    const io = memoryIo(
      { 'big.cfonb': { bytes: big, chunkSize: 256 * 1024 } },
      { stderrIsTTY: true, now: () => (t += 250) },
    )
    const code = await runCli(['cfonb', 'parse', '--summary', 'big.cfonb'], io)
    expect(code).toBe(0)
    const updates = io
      .err()
      .split('\r')
      .filter((s) => s.startsWith('big.cfonb: '))
    expect(updates.length).toBe(Math.ceil(big.length / (256 * 1024)))
    expect(updates[0]).toMatch(/^big\.cfonb: 0\.3 \/ 5\.\d MiB \(\d+%\)$/)
    expect(updates.at(-1)).toMatch(/\(100%\)$/)
    expect(io.err().endsWith('\r\u001b[2K')).toBe(true)
    expect(io.out()).toMatch(/^big\.cfonb: \d+ statements/)
  })

  it('is throttled: no redraw within 200 ms', async () => {
    const io = memoryIo(
      { 'big.cfonb': { bytes: big, chunkSize: 64 * 1024 } },
      { stderrIsTTY: true, now: () => 1000 },
    )
    await runCli(['cfonb', 'parse', '--summary', 'big.cfonb'], io)
    expect(
      io
        .err()
        .split('\r')
        .filter((s) => s.startsWith('big.cfonb: ')),
    ).toHaveLength(1)
  })

  it('is not shown when stderr is not a terminal, nor for a small file', async () => {
    const notTty = await parse(['--summary', 'big.cfonb'], { 'big.cfonb': big }, false)
    expect(notTty.err).toBe('')
    const small = await parse(['--summary', 'r.cfonb'], { 'r.cfonb': QUICKSTART_RELEVE }, true)
    expect(small.err).toBe('')
  })
})
