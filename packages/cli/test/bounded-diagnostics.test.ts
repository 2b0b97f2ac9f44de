import fc from 'fast-check'
import { test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { parseCfonb120 } from '@bankfeed/connector-cfonb'
import type { CfonbDiagnostic } from '@bankfeed/connector-cfonb'
import { runCli } from '../src/cli.js'
import { golden } from './fixtures.js'
import { garbageCfonb } from './garbage.js'
import { memoryIo } from './memory-io.js'

const parse = async (args: readonly string[], bytes: Uint8Array) => {
  const io = memoryIo({ 'f.cfonb': bytes })
  const code = await runCli(['cfonb', 'parse', ...args, 'f.cfonb'], io)
  return { code, out: io.out(), err: io.err() }
}

/** Every diagnostic of a lenient parse, kept without bound: the reference the CLI's counts must match. */
const allDiagnostics = (bytes: Uint8Array, mode: 'lenient' | 'strict' = 'lenient'): CfonbDiagnostic[] => [
  ...parseCfonb120(bytes, { mode, maxDiagnostics: Number.POSITIVE_INFINITY }).diagnostics,
]

const tally = (keys: readonly string[]): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const k of keys) counts[k] = (counts[k] ?? 0) + 1
  return counts
}

const canonical = (d: CfonbDiagnostic) =>
  d.field === undefined
    ? { line: d.line, severity: d.severity, code: d.code }
    : { line: d.line, severity: d.severity, code: d.code, field: d.field }

/** What `diagnosticCounts` must say for these diagnostics when `kept` of them are printed. */
const expectedCounts = (all: readonly CfonbDiagnostic[], kept: number) => {
  const severities = tally(all.map((d) => d.severity))
  const byCode = tally(all.map((d) => d.code))
  return {
    total: all.length,
    kept,
    bySeverity: {
      error: severities['error'] ?? 0,
      warning: severities['warning'] ?? 0,
      info: severities['info'] ?? 0,
    },
    byCode: Object.fromEntries(Object.entries(byCode).sort(([a], [b]) => (a < b ? -1 : 1))),
  }
}

const grouped = (n: number): string => n.toLocaleString('en-US')

/** The `… and M more: CODE n, …` line the table must end with when `kept` of `all` are shown. */
const expectedLeftOutLine = (all: readonly CfonbDiagnostic[], kept: number): string => {
  const left = tally(all.slice(kept).map((d) => d.code))
  const codes = Object.entries(left)
    .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))
    .map(([code, n]) => `${code} ${grouped(n)}`)
    .join(', ')
  const more = grouped(all.length - kept)
  return kept === 0
    ? `  … ${more} not shown: ${codes} (none kept; see --max-diagnostics)`
    : `  … and ${more} more: ${codes} (only the first ${grouped(kept)} are kept; see --max-diagnostics)`
}

const tableRows = (out: string): string[] =>
  out.split('\n').filter((line) => /^ +\d+ {2}(error|warning|info) +[A-Z0-9_]+ {2}/.test(line))

describe('bounded diagnostics: a few MB of garbage in lenient mode', () => {
  const garbage = garbageCfonb(3 * 1024 * 1024)
  const all = allDiagnostics(garbage)

  it('the garbage reports tens of thousands of diagnostics of many codes', () => {
    expect(all.length).toBeGreaterThan(20_000)
    expect(Object.keys(tally(all.map((d) => d.code))).length).toBeGreaterThanOrEqual(8)
  })

  it('--json keeps the first 1,000 by default and adds diagnosticCounts, exact by code and severity', async () => {
    const { code, out } = await parse(['--lenient', '--json'], garbage)
    expect(code).toBe(1)
    const doc = JSON.parse(out) as Record<string, unknown>
    expect(Object.keys(doc)).toEqual(['statements', 'diagnostics', 'diagnosticCounts'])
    expect(doc['diagnostics']).toEqual(all.slice(0, 1000).map(canonical))
    expect(doc['diagnosticCounts']).toEqual(expectedCounts(all, 1000))
  })

  it('--max-diagnostics N: the table prints N rows, counts them all and ends with the left-out counts', async () => {
    const { code, out, err } = await parse(['--lenient', '--max-diagnostics', '50'], garbage)
    expect(code).toBe(1)
    expect(tableRows(out)).toHaveLength(50)
    const { bySeverity } = expectedCounts(all, 50)
    expect(out).toContain(
      `Diagnostics (${grouped(bySeverity.error)} errors, ${grouped(bySeverity.warning)} warnings, 1 info):\n`,
    )
    expect(out.endsWith(`\n${expectedLeftOutLine(all, 50)}\n`)).toBe(true)
    expect(err).toMatch(new RegExp(`^bankfeed: f\\.cfonb: ${grouped(bySeverity.error)} errors \\(lenient`))
  })

  it('--max-diagnostics 0 keeps none and still counts every one', async () => {
    const json = await parse(['--lenient', '--json', '--max-diagnostics=0'], garbage)
    const doc = JSON.parse(json.out) as Record<string, unknown>
    expect(doc['diagnostics']).toEqual([])
    expect(doc['diagnosticCounts']).toEqual(expectedCounts(all, 0))
    const text = await parse(['--lenient', '--max-diagnostics', '0'], garbage)
    expect(tableRows(text.out)).toHaveLength(0)
    expect(text.out.endsWith(`:\n${expectedLeftOutLine(all, 0)}\n`)).toBe(true)
  })

  it('the default bound also holds for the table', async () => {
    const { out } = await parse(['--lenient'], garbage)
    expect(tableRows(out)).toHaveLength(1000)
    expect(out.endsWith(`\n${expectedLeftOutLine(all, 1000)}\n`)).toBe(true)
  })
})

describe('bounded diagnostics: strict mode and files within the bound', () => {
  // A valid file whose every line is padded: one LINE_PADDED warning per line, no error.
  const padded = golden('basic-right-trimmed')
  const many = new Uint8Array(padded.length * 300)
  for (let i = 0; i < 300; i++) many.set(padded, i * padded.length)

  it('a strict parse of a valid file with 1,800 warnings keeps 1,000 of them, exit 0', async () => {
    const all = allDiagnostics(many, 'strict')
    expect(all).toHaveLength(1800)
    const { code, out } = await parse(['--json'], many)
    expect(code).toBe(0)
    const doc = JSON.parse(out) as Record<string, unknown>
    expect(doc['diagnostics']).toEqual(all.slice(0, 1000).map(canonical))
    expect(doc['diagnosticCounts']).toEqual(expectedCounts(all, 1000))
    const text = await parse(['--max-diagnostics', '5'], many)
    expect(text.code).toBe(0)
    expect(tableRows(text.out)).toHaveLength(5)
    expect(text.out).toContain('Diagnostics (1,800 warnings):')
    expect(
      text.out.endsWith(
        '\n  … and 1,795 more: LINE_PADDED 1,795 (only the first 5 are kept; see --max-diagnostics)\n',
      ),
    ).toBe(true)
  })

  it('within the bound the output is the canonical document, byte for byte; one below, the counts appear', async () => {
    const input = golden('lenient-recovery.lenient')
    const expectedText = new TextDecoder().decode(
      (await import('node:fs')).readFileSync(
        new URL('../../connector-cfonb/test/golden/lenient-recovery.lenient.json', import.meta.url),
      ),
    )
    const all = allDiagnostics(input)
    expect(all).toHaveLength(9)
    expect((await parse(['--lenient', '--json', '--max-diagnostics', '9'], input)).out).toBe(expectedText)
    const cut = await parse(['--lenient', '--json', '--max-diagnostics', '8'], input)
    const doc = JSON.parse(cut.out) as Record<string, unknown>
    expect(doc['diagnostics']).toEqual(all.slice(0, 8).map(canonical))
    expect(doc['diagnosticCounts']).toEqual(expectedCounts(all, 8))
    const table = await parse(['--lenient', '--max-diagnostics', '9'], input)
    expect(table.out).not.toContain('…')
  })

  it('--summary is unchanged by the bound', async () => {
    const { out } = await parse(['--summary', '--json', '--max-diagnostics', '0'], many)
    expect(JSON.parse(out)).toEqual({ statements: 300, movements: 600, details: 600 })
  })
})

describe('--max-diagnostics usage', () => {
  for (const value of ['-1', 'abc', '1.5', '1e3', '', '99999999999999999999']) {
    it(`'${value}' is a usage error, exit 2`, async () => {
      const { code, out, err } = await parse([`--max-diagnostics=${value}`], golden('basic-lf'))
      expect(code).toBe(2)
      expect(out).toBe('')
      expect(err).toContain(
        `bankfeed: --max-diagnostics must be a whole number (0 or more), got '${value}'\n`,
      )
      expect(err).toContain('Usage: bankfeed cfonb parse FILE [options]')
    })
  }

  it('--help documents it', async () => {
    const io = memoryIo({})
    expect(await runCli(['cfonb', 'parse', '--help'], io)).toBe(0)
    expect(io.out()).toContain('--max-diagnostics N')
    expect(io.out()).toContain('diagnosticCounts')
  })
})

describe('bounded diagnostics, for any garbage and bound', () => {
  test.prop([fc.integer({ min: 1 }), fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 40 })])(
    'the JSON keeps the first N diagnostics and counts every one exactly',
    async (seed, size, max) => {
      const bytes = garbageCfonb(size, seed)
      const all = allDiagnostics(bytes)
      const { out } = await parse(['--lenient', '--json', '--max-diagnostics', String(max)], bytes)
      const doc = JSON.parse(out) as Record<string, unknown>
      const kept = Math.min(max, all.length)
      expect(doc['diagnostics']).toEqual(all.slice(0, kept).map(canonical))
      if (all.length > max) expect(doc['diagnosticCounts']).toEqual(expectedCounts(all, kept))
      else expect(Object.keys(doc)).toEqual(['statements', 'diagnostics'])
    },
  )
})
