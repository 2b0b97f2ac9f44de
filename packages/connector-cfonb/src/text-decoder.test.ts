import fc from 'fast-check'
import { test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { createByteDecoder, firstInvalidUtf8 } from './text-decoder.js'

const decodeAll = (chunks: readonly Uint8Array[]): { text: string; switchedAt: number } => {
  const d = createByteDecoder('auto')
  let text = ''
  let switchedAt = -1
  for (const piece of [...chunks.map((c) => d.decode(c)), d.end()]) {
    if (piece.switchAt >= 0) switchedAt = text.length + piece.switchAt
    text += piece.text
  }
  return { text, switchedAt }
}

describe('text decoding', () => {
  it('decodes Windows-1252 0x80–0x9F to the right characters', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i)
    const expected = [
      0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
      0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
      0x153, 0x9d, 0x17e, 0x178,
    ]
    expect([...createByteDecoder('windows-1252').decode(bytes).text].map((c) => c.codePointAt(0))).toEqual(
      expected,
    )
  })

  it('auto: valid UTF-8 stays UTF-8, a leading BOM is dropped', () => {
    expect(decodeAll([Uint8Array.of(0xef, 0xbb, 0xbf, 0x41, 0xc3, 0xa9)])).toEqual({
      text: 'Aé',
      switchedAt: -1,
    })
  })

  it('auto: switches to Windows-1252 at the first invalid sequence', () => {
    // "é" as UTF-8, then "é" as Latin-1 (0xE9 followed by ASCII is ill-formed UTF-8), then 0x80.
    const bytes = Uint8Array.of(0xc3, 0xa9, 0x41, 0xe9, 0x42, 0x80)
    expect(decodeAll([bytes])).toEqual({ text: 'éAéB€', switchedAt: 2 })
  })

  it('auto: a sequence cut by the end of the input is ill-formed', () => {
    expect(decodeAll([Uint8Array.of(0x41, 0xc3)])).toEqual({ text: 'AÃ', switchedAt: 1 })
  })

  test.prop([fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 20 })])(
    'auto: the result does not depend on the chunking',
    (bytes, cuts) => {
      const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
      const chunks: Uint8Array[] = []
      let from = 0
      for (const p of [...points, bytes.length]) {
        chunks.push(bytes.subarray(from, p))
        from = p
      }
      expect(decodeAll(chunks)).toEqual(decodeAll([bytes]))
    },
  )

  test.prop([fc.string({ unit: 'grapheme', maxLength: 50 })])(
    'firstInvalidUtf8 accepts every well-formed UTF-8 text',
    (s) => {
      const bytes = new TextEncoder().encode(s)
      expect(firstInvalidUtf8(bytes)).toBe(bytes.length)
    },
  )

  it('firstInvalidUtf8 finds overlong, surrogate and stray bytes', () => {
    expect(firstInvalidUtf8(Uint8Array.of(0x41, 0xc0, 0x80))).toBe(1)
    expect(firstInvalidUtf8(Uint8Array.of(0x41, 0x42, 0xed, 0xa0, 0x80))).toBe(2)
    expect(firstInvalidUtf8(Uint8Array.of(0x80))).toBe(0)
    expect(firstInvalidUtf8(Uint8Array.of(0xf4, 0x90, 0x80, 0x80))).toBe(0)
  })

  it('utf-8 forced: invalid bytes become U+FFFD', () => {
    const d = createByteDecoder('utf-8')
    expect(d.decode(Uint8Array.of(0x41, 0xe9, 0x42)).text + d.end().text).toBe('A\uFFFDB')
  })
})
