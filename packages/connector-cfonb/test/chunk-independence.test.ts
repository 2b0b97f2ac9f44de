import fc from 'fast-check'
import { test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import type { CfonbParseOptions } from '../src/index.js'
import { parseCfonb120, parseCfonb120Stream } from '../src/index.js'
import * as cfonbText from '../src/testing/index.js'

// Parsing must not depend on where the input is cut: for any input and any chunking, the streamed
// result is the whole-file result, diagnostics included. Inputs are valid files in every physical
// variant with raw damage inserted (long blank lines, 240-character lines, every separator,
// Windows-1252 bytes, broken UTF-8, garbage); chunkings are random cuts, fixed small sizes (down to
// one byte), and cuts aimed at the hard places: inside CRLF, inside multibyte sequences, and right
// after the 120th and 240th character of each line.

const { encodeWindows1252, modelStatementArb, physicalVariantArb, renderFile } = cfonbText

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

const separatorArb = fc.constantFrom('\n', '\r\n', '\r', '')
const damageArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  // Blank lines longer than a record, and blank runs inside or at the end of lines.
  fc
    .tuple(separatorArb, fc.integer({ min: 115, max: 370 }), separatorArb)
    .map(([a, n, b]) => utf8(`${a}${' '.repeat(n)}${b}`)),
  // Lines of 240 characters (CFONB 240 records, or two CFONB 120 records glued) and near it.
  fc
    .tuple(
      separatorArb,
      fc.constantFrom('31', '34', '39', '04', '01', '07', '3 '),
      fc.integer({ min: 118, max: 362 }),
      separatorArb,
    )
    .map(([a, code, n, b]) => utf8(`${a}${code}${'0'.repeat(n)}${b}`)),
  separatorArb.map(utf8),
  fc.constantFrom('\r\r\n', '\n\r', '\uFEFF', 'é', '€', '😀').map(utf8),
  // Windows-1252 letters (invalid UTF-8 alone), truncated and overlong sequences.
  fc.constantFrom(
    Uint8Array.of(0xe9),
    Uint8Array.of(0x80),
    Uint8Array.of(0xc3),
    Uint8Array.of(0xe2, 0x82),
    Uint8Array.of(0xf0, 0x9f, 0x98),
    Uint8Array.of(0xc0, 0xaf),
    Uint8Array.of(0xef, 0xbb, 0xbf),
  ),
  fc.uint8Array({ minLength: 1, maxLength: 24 }),
)

/** A rendered file (or raw garbage) with damage inserted at random places. */
const inputArb: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.tuple(fc.array(modelStatementArb, { maxLength: 2 }), physicalVariantArb) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }) },
    ),
    fc.array(fc.tuple(fc.nat(), damageArb), { maxLength: 5 }),
  )
  .map(([base, damage]) => {
    let bytes = base instanceof Uint8Array ? base : renderFile(base[0], base[1]).bytes
    for (const [at, piece] of damage) {
      const p = at % (bytes.length + 1)
      bytes = concat([bytes.subarray(0, p), piece, bytes.subarray(p)])
    }
    return bytes
  })

/** Cut points aimed at the hard places of `bytes`. */
const hardCuts = (bytes: Uint8Array): number[] => {
  const cuts: number[] = []
  let lineStart = 0
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0
    if (b >= 0x80 || b === 13) cuts.push(i + 1)
    if (b === 10 || b === 13) lineStart = i + 1
    else if ([120, 121, 240, 241].includes(i + 1 - lineStart)) cuts.push(i + 1)
  }
  return cuts
}

type Chunking =
  | { readonly kind: 'random'; readonly cuts: readonly number[] }
  | { readonly kind: 'fixed'; readonly size: number }
  | { readonly kind: 'hard'; readonly cuts: readonly number[] }

const chunkingArb: fc.Arbitrary<Chunking> = fc.oneof(
  fc.record({ kind: fc.constant('random' as const), cuts: fc.array(fc.nat(), { maxLength: 30 }) }),
  fc.record({ kind: fc.constant('fixed' as const), size: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('hard' as const), cuts: fc.array(fc.nat(), { maxLength: 5 }) }),
)

/** The chunks `bytes` is delivered in. */
const chunksOf = (bytes: Uint8Array, chunking: Chunking): Uint8Array[] => {
  // Fixed sizes stay at a few thousand chunks per input, to keep 1,000 runs fast.
  const size = chunking.kind === 'fixed' ? Math.max(chunking.size, Math.ceil(bytes.length / 3000)) : 0
  const points =
    chunking.kind === 'fixed'
      ? Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => i * size)
      : [
          ...chunking.cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)),
          ...(chunking.kind === 'hard' ? hardCuts(bytes) : []),
        ]
  const sorted = [...new Set([...points, bytes.length])].sort((a, b) => a - b)
  const chunks: Uint8Array[] = []
  let from = 0
  for (const p of sorted) {
    if (p > from) chunks.push(bytes.subarray(from, p))
    from = Math.max(from, p)
  }
  return chunks
}

async function* deliver(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c
}

const optionsArb: fc.Arbitrary<CfonbParseOptions> = fc.record({
  mode: fc.constantFrom('strict' as const, 'lenient' as const),
  encoding: fc.constantFrom('auto' as const, 'auto' as const, 'utf-8' as const, 'windows-1252' as const),
  maxDiagnostics: fc.constantFrom(1000, 1000, 0, 2),
})

describe('chunk independence', () => {
  test.prop([inputArb, chunkingArb, optionsArb])(
    'any input, any chunking: the streamed result is the whole-file result, diagnostics included',
    async (bytes, chunking, options) => {
      const streamed = await parseCfonb120Stream(deliver(chunksOf(bytes, chunking)), options)
      expect(streamed).toEqual(parseCfonb120(bytes, options))
    },
  )

  // The cases seen: the inbox reads 64 KiB at a time, and rejected files that parse whole.
  const o1 = `0130004    00828EUR2 00010512345  020326${' '.repeat(50)}0000000000000{${' '.repeat(16)}`
  const o7 = `07${o1.slice(2)}`
  const READ = 64 * 1024
  /** `o1`, empty lines, `line` placed so that the first 64 KiB read ends after its 125th character, `o7`. */
  const straddling = (line: string): Uint8Array =>
    utf8(`${o1}\n${'\n'.repeat(READ - 125 - 121)}${line}\n${o7}\n`)
  const readInboxStyle = (bytes: Uint8Array): AsyncGenerator<Uint8Array> =>
    deliver(
      Array.from({ length: Math.ceil(bytes.length / READ) }, (_, i) =>
        bytes.subarray(i * READ, (i + 1) * READ),
      ),
    )

  it('a blank line longer than 120 characters, cut beyond its 120th, is still a blank line', async () => {
    const bytes = straddling(' '.repeat(130))
    expect(bytes.subarray(READ - 125, READ + 5).every((b) => b === 32)).toBe(true)
    const whole = parseCfonb120(bytes)
    expect(whole).toMatchObject({ ok: true, diagnostics: [] })
    expect(whole.statements).toHaveLength(1)
    expect(await parseCfonb120Stream(readInboxStyle(bytes))).toEqual(whole)
  })

  it('a CFONB 240 line cut beyond its 120th character is recognised as such', async () => {
    const bytes = straddling(`34${'0'.repeat(238)}`)
    const whole = parseCfonb120(bytes)
    expect(whole.diagnostics.map((d) => d.code)).toEqual(['CFONB240_UNSUPPORTED'])
    expect(await parseCfonb120Stream(readInboxStyle(bytes))).toEqual(whole)
    expect(await parseCfonb120Stream(readInboxStyle(bytes), { mode: 'lenient' })).toEqual(
      parseCfonb120(bytes, { mode: 'lenient' }),
    )
  })

  it('a line longer than 120 characters is reported on its own line, whole and chunked', async () => {
    const bytes = utf8(`${o1}\n${o7}XYZ\n${o1}\n`)
    const whole = parseCfonb120(bytes, { mode: 'lenient' })
    // The 07 on line 2 closes the statement; its 3 extra characters are an error on line 2, and the
    // 01 left open is the one on line 3.
    expect(whole.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [2, 'BAD_LINE_LENGTH'],
      [3, 'STATEMENT_NOT_CLOSED'],
    ])
    for (const chunking of [
      { kind: 'fixed', size: 1 },
      { kind: 'hard', cuts: [] },
    ] as const)
      expect(await parseCfonb120Stream(deliver(chunksOf(bytes, chunking)), { mode: 'lenient' })).toEqual(
        whole,
      )
  })

  it('an accented letter switches the decoding on the record that holds it, however the line is cut', async () => {
    // No separator: the first record is ASCII, the second holds the Windows-1252 byte.
    const text = `${o1}${o7.slice(0, 60)}é${o7.slice(61)}`
    const bytes = encodeWindows1252(text)
    const whole = parseCfonb120(bytes)
    expect(whole.diagnostics.map((d) => [d.line, d.code])).toEqual([[2, 'ENCODING_FALLBACK']])
    expect(await parseCfonb120Stream(deliver(chunksOf(bytes, { kind: 'fixed', size: 1 })))).toEqual(whole)
  })
})
