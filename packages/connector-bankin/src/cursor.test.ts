import { describe, expect, test } from 'vitest'
import { compareBridgeCursors, decodeBridgeCursor, encodeBridgeCursor, laterInstant } from './cursor.js'

describe('the Bridge cursor', () => {
  test('round-trips, with or without an instant and bound accounts', () => {
    for (const updatedAt of ['2026-03-01T00:00:07Z', null])
      for (const accounts of [['34', '12'], [], null]) {
        const c = encodeBridgeCursor({ version: '2021-06-01', updatedAt, accounts })
        expect(decodeBridgeCursor(c, '2021-06-01')).toEqual({
          _tag: 'Right',
          right: {
            version: '2021-06-01',
            updatedAt,
            accounts: accounts === null ? null : [...accounts].sort(),
          },
        })
      }
    expect(
      encodeBridgeCursor({ version: '2021-06-01', updatedAt: '2026-03-01T00:00:07Z', accounts: ['34', '12'] })
        .value,
    ).toBe('bridge:2021-06-01:2026-03-01T00:00:07Z;accounts=12,34')
  })

  test('a cursor written before accounts were recorded still reads, with accounts unknown', () => {
    expect(decodeBridgeCursor({ value: 'bridge:2021-06-01:2026-03-01T00:00:07Z' }, '2021-06-01')).toEqual({
      _tag: 'Right',
      right: { version: '2021-06-01', updatedAt: '2026-03-01T00:00:07Z', accounts: null },
    })
  })

  test('a cursor of another version or another connector is refused', () => {
    expect(decodeBridgeCursor({ value: 'bridge:2025-01-15:2026-03-01T00:00:07Z' }, '2021-06-01')._tag).toBe(
      'Left',
    )
    expect(decodeBridgeCursor({ value: '2026-03-01' }, '2021-06-01')._tag).toBe('Left')
    expect(decodeBridgeCursor({ value: 'bridge:2021-06-01:yesterday' }, '2021-06-01')._tag).toBe('Left')
  })

  test('orders by instant, an empty cursor first, whatever the offset notation', () => {
    const at = (s: string) => ({ value: `bridge:2021-06-01:${s}` })
    expect(compareBridgeCursors(at(''), at('2026-03-01T00:00:00Z'))).toBe(-1)
    expect(compareBridgeCursors(at('2026-03-01T01:00:00+01:00'), at('2026-03-01T00:00:00Z'))).toBe(0)
    expect(compareBridgeCursors(at('2026-03-01T00:00:01Z;accounts=1'), at('2026-03-01T00:00:00Z'))).toBe(1)
    expect(laterInstant('2026-03-01T00:00:09Z', '2026-03-01T00:00:10.5Z')).toBe('2026-03-01T00:00:10.5Z')
    expect(laterInstant(null, '2026-03-01T00:00:09Z')).toBe('2026-03-01T00:00:09Z')
  })
})
