import { describe, expect, it } from 'vitest'
import type { CfonbDiagnosticCode, CfonbParseResult } from '../src/index.js'
import {
  CFONB_DIAGNOSTIC_SEVERITY,
  parseCfonb120,
  parseCfonb120Stream,
  streamCfonb120,
} from '../src/index.js'

// Lenient parses of garbage keep the first `maxDiagnostics` diagnostics (1,000 by default) and count
// every one, by code and severity; strict and lenient otherwise behave as before.

const o1 = `0130004    00828EUR2 00010512345  020326${' '.repeat(50)}0000000000000{${' '.repeat(16)}`
const o7 = `07${o1.slice(2)}`
const unknown = `99${' '.repeat(118)}`

/** About 3.3 MB: 25,000 unknown records, 10,000 short lines and one good statement at the end. */
const garbage = (): Uint8Array => {
  const lines: string[] = []
  for (let i = 0; i < 25_000; i++) lines.push(unknown)
  for (let i = 0; i < 10_000; i++) lines.push('x')
  lines.push(o1, o7)
  return new TextEncoder().encode(`${lines.join('\n')}\n`)
}

/** Counts by code of the diagnostics a result kept. */
const keptByCode = (r: CfonbParseResult): Partial<Record<CfonbDiagnosticCode, number>> => {
  const counts: Partial<Record<CfonbDiagnosticCode, number>> = {}
  for (const d of r.diagnostics) counts[d.code] = (counts[d.code] ?? 0) + 1
  return counts
}

async function* slices(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

describe('bounded diagnostics', () => {
  const bytes = garbage()
  const expectedCounts = {
    total: 45_000,
    bySeverity: { error: 35_000, warning: 10_000, info: 0 },
    byCode: { UNKNOWN_RECORD: 35_000, LINE_PADDED: 10_000 },
  }

  it('a large garbage input keeps the first 1,000 diagnostics and counts them all', async () => {
    expect(bytes.length).toBeGreaterThan(3_000_000)
    const r = parseCfonb120(bytes, { mode: 'lenient' })
    expect(r.diagnostics).toHaveLength(1000)
    expect(r.diagnostics[0]).toMatchObject({ line: 1, code: 'UNKNOWN_RECORD' })
    expect(r.diagnostics.at(-1)).toMatchObject({ line: 1000 })
    expect(r.summary.diagnostics).toEqual(expectedCounts)
    // Still lenient: the good statement at the end is delivered, the first error is the result's.
    expect(r.statements).toHaveLength(1)
    expect(r.ok ? null : r.error).toEqual(r.diagnostics[0])
    // Streamed (64 KiB reads, or the whole file as one chunk), the same.
    expect(await parseCfonb120Stream(slices(bytes, 64 * 1024), { mode: 'lenient' })).toEqual(r)
    expect(await parseCfonb120Stream(slices(bytes, bytes.length), { mode: 'lenient' })).toEqual(r)
  })

  it('maxDiagnostics sets the bound; the counts do not depend on it', () => {
    const small = parseCfonb120(bytes, { mode: 'lenient', maxDiagnostics: 3 })
    expect(small.diagnostics.map((d) => d.line)).toEqual([1, 2, 3])
    expect(small.summary.diagnostics).toEqual(expectedCounts)
    const all = parseCfonb120(bytes, { mode: 'lenient', maxDiagnostics: Infinity })
    expect(all.diagnostics).toHaveLength(45_000)
    expect(keptByCode(all)).toEqual(expectedCounts.byCode)
    expect(all.summary.diagnostics).toEqual(expectedCounts)
    expect(parseCfonb120(bytes, { mode: 'lenient', maxDiagnostics: 0 }).diagnostics).toEqual([])
  })

  it('counts agree with the kept diagnostics whenever none was dropped', () => {
    const r = parseCfonb120(
      new Uint8Array(200_000).map((_, i) => (i * 2654435761) >>> 24),
      {
        mode: 'lenient',
        maxDiagnostics: Infinity,
      },
    )
    const { total, bySeverity, byCode } = r.summary.diagnostics
    expect(total).toBe(r.diagnostics.length)
    expect(byCode).toEqual(keptByCode(r))
    for (const severity of ['error', 'warning', 'info'] as const)
      expect(bySeverity[severity]).toBe(r.diagnostics.filter((d) => d.severity === severity).length)
    for (const code of Object.keys(byCode)) expect(Object.keys(CFONB_DIAGNOSTIC_SEVERITY)).toContain(code)
    expect(Object.values(byCode).reduce((a, b) => a + (b ?? 0), 0)).toBe(total)
  })

  it('strict is unchanged: it stops at the first error, which the result carries even when none is kept', () => {
    const strict = parseCfonb120(bytes, { maxDiagnostics: 0 })
    expect(strict.ok).toBe(false)
    expect(strict.ok ? null : strict.error).toMatchObject({ line: 1, code: 'UNKNOWN_RECORD' })
    expect(strict.diagnostics).toEqual([])
    expect(strict.summary.diagnostics).toEqual({
      total: 1,
      bySeverity: { error: 1, warning: 0, info: 0 },
      byCode: { UNKNOWN_RECORD: 1 },
    })
    expect(strict.statements).toEqual([])
  })

  it('the stream yields every diagnostic and its end event counts them', async () => {
    let events = 0
    let end: unknown = null
    for await (const e of streamCfonb120(slices(bytes, 64 * 1024), { mode: 'lenient', maxDiagnostics: 5 })) {
      if (e.kind === 'diagnostic') events++
      else if (e.kind === 'end') end = e.summary.diagnostics
    }
    expect(events).toBe(45_000)
    expect(end).toEqual(expectedCounts)
  })

  it('refuses an invalid bound with a TypeError', () => {
    for (const maxDiagnostics of [-1, 1.5, Number.NaN, '10'])
      // @ts-expect-error -- a string is invalid on purpose
      expect(() => parseCfonb120('', { maxDiagnostics })).toThrow(TypeError)
  })
})
