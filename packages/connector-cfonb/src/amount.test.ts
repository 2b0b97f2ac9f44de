import { describe, expect, it } from 'vitest'
import { decodeSignedAmount, decodeUnsignedAmount } from './amount.js'

// Expected values worked out by hand from cfonb-120.md §6.
describe('decodeSignedAmount', () => {
  const cases: readonly (readonly [string, number, string, bigint])[] = [
    ['0000000001904}', 2, '-190.40', BigInt(-19040)],
    // cfonb-120.md §6 prints 101,731.89 for this zone, a typo: 13 digits + 9 = 101731189 → 1,017,311.89 (§1 agrees).
    ['0000010173118I', 2, '1017311.89', BigInt(101731189)],
    ['0000000000000{', 2, '0.00', BigInt(0)],
    ['0000000000000}', 2, '0.00', BigInt(0)], // negative zero is unsigned
    ['0000000000000A', 2, '0.01', BigInt(1)],
    ['0000000000000J', 3, '-0.001', BigInt(-1)],
    ['0000000012345E', 0, '123455', BigInt(123455)],
    ['9999999999999R', 2, '-999999999999.99', BigInt('-99999999999999')],
    ['9999999999999I', 3, '99999999999.999', BigInt('99999999999999')],
    ['0000000000010B', 1, '10.2', BigInt(102)],
  ]
  for (const [zone, decimals, value, minor] of cases) {
    it(`${zone} with ${decimals} decimals is ${value}`, () => {
      expect(decodeSignedAmount(`xx${zone}yy`, 2, decimals)).toEqual({ value, minorUnits: minor, decimals })
    })
  }

  it('maps every overpunch letter', () => {
    const positive = '{ABCDEFGHI'
    const negative = '}JKLMNOPQR'
    for (let d = 0; d < 10; d++) {
      expect(decodeSignedAmount(`000000000000${d}${positive.charAt(d)}`, 0, 0)?.value).toBe(
        `${d}${d}`.replace(/^0/, '') || '0',
      )
      expect(decodeSignedAmount(`0000000000001${negative.charAt(d)}`, 0, 0)?.value).toBe(`-1${d}`)
    }
  })

  it('rejects malformed zones', () => {
    for (const zone of [
      '000000000010.0',
      '00000000000001',
      '000000000000 {',
      '0000000000000S',
      '0000000000000+',
      ' 000000000000{',
    ]) {
      expect(decodeSignedAmount(zone, 0, 2)).toBeNull()
    }
  })
})

describe('decodeUnsignedAmount', () => {
  it('reads the unsigned MMO amount', () => {
    expect(decodeUnsignedAmount('00000000012345', 0, 14, 2)).toEqual({
      value: '123.45',
      minorUnits: BigInt(12345),
      decimals: 2,
    })
    expect(decodeUnsignedAmount('0000000001234X', 0, 14, 2)).toBeNull()
  })
})
