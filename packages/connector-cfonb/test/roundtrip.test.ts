import { test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { parseCfonb120, toCanonicalJson } from '../src/index.js'
import * as cfonbText from '../src/testing/index.js'

const { expectedCanonicalStatements, modelFileArb, physicalVariantArb, renderFile } = cfonbText

describe('round trip: model → CFONB text in every physical variant → parse', () => {
  test.prop([modelFileArb, physicalVariantArb])(
    'gives back the model, with only the expected notes',
    (model, variant) => {
      const file = renderFile(model, variant)
      const result = parseCfonb120(file.bytes)

      expect(result.ok).toBe(true)
      expect(toCanonicalJson(result).statements).toEqual(expectedCanonicalStatements(model))
      expect(result.statements.every((s) => s.balanced)).toBe(true)

      const expected: string[] = []
      const firstAccented = file.records.findIndex((r) => /[^\x20-\x7e]/.test(r))
      file.records.forEach((record, i) => {
        const line = file.recordLines[i] ?? 0
        if (variant.encoding === 'windows-1252' && i === firstAccented)
          expected.push(`${line}:ENCODING_FALLBACK`)
        if (variant.rightTrimmed && record.endsWith(' ')) expected.push(`${line}:LINE_PADDED`)
      })
      expect(result.diagnostics.map((d) => `${d.line}:${d.code}`)).toEqual(expected)
      expect(result.decodedAs).toBe(
        variant.encoding === 'windows-1252' && firstAccented >= 0 ? 'windows-1252' : 'utf-8',
      )
      expect(result.summary.records).toBe(file.records.length)
    },
  )

  test.prop([modelFileArb])('a string input parses like its UTF-8 bytes', (model) => {
    const file = renderFile(model, {
      separator: '\n',
      finalSeparator: true,
      blankLineEvery: 0,
      rightTrimmed: false,
      encoding: 'utf-8',
    })
    const fromText = parseCfonb120(file.text)
    expect(fromText.decodedAs).toBeNull()
    expect(toCanonicalJson(fromText)).toEqual(toCanonicalJson(parseCfonb120(file.bytes)))
  })
})
