import fc from 'fast-check'
import { test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import type { CfonbParseResult } from '../src/index.js'
import { CFONB_DIAGNOSTIC_SEVERITY, parseCfonb120 } from '../src/index.js'
import * as cfonbText from '../src/testing/index.js'

const { modelFileArb, physicalVariantArb, renderFile } = cfonbText

/** What every result must satisfy, whatever the input. */
const expectWellFormed = (r: CfonbParseResult, strict: boolean): void => {
  const errors = r.diagnostics.filter((d) => d.severity === 'error')
  expect(r.ok).toBe(errors.length === 0)
  if (!r.ok) expect(r.error).toBe(errors[0])
  if (strict) expect(errors.length).toBeLessThanOrEqual(1)
  for (const d of r.diagnostics) {
    expect(CFONB_DIAGNOSTIC_SEVERITY[d.code]).toBe(d.severity)
    expect(Number.isInteger(d.line) && d.line >= 1).toBe(true)
    expect(typeof d.message).toBe('string')
  }
  expect(r.summary.statements).toBe(r.statements.length)
  for (const s of r.statements) {
    expect(s.firstLine).toBeLessThan(s.lastLine)
    for (const m of s.movements)
      expect(m.amount.minorUnits.toString()).toBe(
        m.amount.value.replace('.', '').replace(/^(-?)0+(?=\d)/, '$1'),
      )
  }
}

const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    text: fc.string({ minLength: 1, maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 130 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom('\n', '\r\n', '\r', ' ', '0', '04', '05', '07', '01', 'é', '\u0000'),
  }),
)

describe('fuzzing: never throws, always a typed result', () => {
  test.prop([fc.uint8Array({ maxLength: 2000 }), fc.boolean()])('random bytes', (bytes, strict) => {
    expectWellFormed(parseCfonb120(bytes, { mode: strict ? 'strict' : 'lenient' }), strict)
  })

  test.prop([fc.string({ maxLength: 1000 }), fc.boolean()])('random strings', (text, strict) => {
    expectWellFormed(parseCfonb120(text, { mode: strict ? 'strict' : 'lenient' }), strict)
  })

  test.prop([
    modelFileArb,
    physicalVariantArb,
    fc.array(mutation, { minLength: 1, maxLength: 6 }),
    fc.boolean(),
  ])('random mutations of valid files', (model, variant, mutations, strict) => {
    let text = renderFile(model, variant).text
    for (const m of mutations) {
      const at = text.length === 0 ? 0 : m.at % (text.length + 1)
      text =
        m.kind === 'delete'
          ? text.slice(0, at) + text.slice(at + m.length)
          : m.kind === 'replace'
            ? text.slice(0, at) + m.text + text.slice(at + m.text.length)
            : text.slice(0, at) + m.text + text.slice(at)
    }
    expectWellFormed(parseCfonb120(text, { mode: strict ? 'strict' : 'lenient' }), strict)
    expectWellFormed(
      parseCfonb120(new TextEncoder().encode(text), { mode: strict ? 'strict' : 'lenient' }),
      strict,
    )
  })
})
