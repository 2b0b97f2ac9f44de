import { describe, expect, it } from 'vitest'
import { parseCfonb120, streamCfonb120 } from './index.js'

const o1 = `0130004    00828EUR2 00010512345  020326${' '.repeat(50)}0000000000000{${' '.repeat(16)}`
const o7 = `07${o1.slice(2)}`

describe('parseCfonb120', () => {
  it('throws only on invalid options (a programming error)', async () => {
    // @ts-expect-error -- invalid on purpose
    expect(() => parseCfonb120('', { mode: 'loose' })).toThrow(TypeError)
    // @ts-expect-error -- invalid on purpose
    expect(() => parseCfonb120('', { encoding: 'latin9' })).toThrow(TypeError)
    // @ts-expect-error -- invalid on purpose
    await expect(streamCfonb120([], { mode: 'x' }).next()).rejects.toThrow(TypeError)
  })

  it('an empty input is an empty, successful parse', () => {
    expect(parseCfonb120('')).toMatchObject({ ok: true, statements: [], diagnostics: [] })
  })

  it('numbers the records of a file without separators by record index', () => {
    const r = parseCfonb120(`${o1}${o7}${o7}`)
    expect(r.diagnostics.map((d) => [d.line, d.code])).toEqual([[3, 'CLOSING_WITHOUT_OPENING']])
  })

  it('carries the exact typed error of a strict parse', () => {
    const r = parseCfonb120(`${o1}\n${o1.slice(0, 34)}3102${o1.slice(38)}\n`)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toEqual({
        code: 'STATEMENT_NOT_CLOSED',
        severity: 'error',
        line: 2,
        message: 'the statement opened at line 1 has no closing 07 before this 01; it is discarded',
      })
    }
  })

  it('reports field errors with their column', () => {
    const r = parseCfonb120(`${o1.slice(0, 34)}310226${o1.slice(40)}\n${o7}`)
    expect(r.ok ? null : r.error).toMatchObject({ code: 'INVALID_DATE', line: 1, column: 35, field: 'date' })
  })

  it('exposes non-blank reserved zones raw and keeps the BOM out', () => {
    const r = parseCfonb120(`\uFEFF${o1.slice(0, 104)}0203260303  XY\n${o7}`)
    expect(r.statements[0]?.openingBalance.reserved).toEqual([
      { start: 105, end: 120, text: '0203260303  XY  ' },
    ])
  })
})
