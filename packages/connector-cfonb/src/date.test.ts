import { describe, expect, it } from 'vitest'
import { BLANK_DATE, decodeDate } from './date.js'

describe('decodeDate (DDMMYY, YY 00–69 → 20YY, 70–99 → 19YY)', () => {
  const valid: readonly (readonly [string, string])[] = [
    ['020326', '2026-03-02'],
    ['311269', '2069-12-31'],
    ['010170', '1970-01-01'],
    ['311299', '1999-12-31'],
    ['010100', '2000-01-01'],
    ['290224', '2024-02-29'],
    ['290200', '2000-02-29'],
  ]
  for (const [raw, iso] of valid) it(`${raw} → ${iso}`, () => expect(decodeDate(`..${raw}`, 2)).toBe(iso))

  it('treats six blanks and 000000 as blank', () => {
    expect(decodeDate('      ', 0)).toBe(BLANK_DATE)
    expect(decodeDate('000000', 0)).toBe(BLANK_DATE)
  })

  it('rejects impossible and malformed dates', () => {
    for (const raw of [
      '290223',
      '310426',
      '000126',
      '010026',
      '011326',
      '320126',
      '  CART',
      '0203 6',
      '02032A',
      '290270',
    ]) {
      expect(decodeDate(raw, 0)).toBeNull()
    }
  })
})
