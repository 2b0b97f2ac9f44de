import { describe, expect, test } from 'vitest'
import { ConnectorError, err } from '@bankfeed/core/connector'
import {
  MAX_REMEMBERED_SKIPS,
  compareBridgeCursors,
  decodeBridgeCursor,
  encodeBridgeCursor,
  laterInstant,
} from './cursor.js'

describe('the Bridge cursor', () => {
  test('round-trips, with or without an instant and bound accounts', () => {
    for (const updatedAt of ['2026-03-01T00:00:07Z', null])
      for (const accounts of [['34', '12'], [], null]) {
        for (const skipped of [[], [{ key: 't1042', fingerprint: '9f86d081884c7d65' }]]) {
          const c = encodeBridgeCursor({ version: '2021-06-01', updatedAt, accounts, skipped })
          expect(decodeBridgeCursor(c, '2021-06-01')).toEqual({
            _tag: 'Right',
            right: {
              version: '2021-06-01',
              updatedAt,
              accounts: accounts === null ? null : [...accounts].sort(),
              skipped,
            },
          })
        }
      }
    expect(
      encodeBridgeCursor({
        version: '2021-06-01',
        updatedAt: '2026-03-01T00:00:07Z',
        accounts: ['34', '12'],
        skipped: [],
      }).value,
    ).toBe('bridge:2021-06-01:2026-03-01T00:00:07Z;accounts=12,34')
  })

  test('remembers skipped items in the order first seen, and forgets the oldest past the bound', () => {
    const skipped = Array.from({ length: MAX_REMEMBERED_SKIPS + 5 }, (_, n) => ({
      key: n % 2 === 0 ? `t${n}` : `b${n}`,
      fingerprint: n.toString(16).padStart(16, '0'),
    }))
    const c = encodeBridgeCursor({ version: '2021-06-01', updatedAt: null, accounts: ['12'], skipped })
    expect(c.value).toMatch(/^bridge:2021-06-01:;accounts=12;skipped=b5\.0{15}5,t6\./)
    const decoded = decodeBridgeCursor(c, '2021-06-01')
    expect(decoded._tag === 'Right' && decoded.right.skipped).toEqual(skipped.slice(5))
  })

  test('a cursor written before skipped items were recorded still reads, with none remembered', () => {
    expect(
      decodeBridgeCursor({ value: 'bridge:2021-06-01:2026-03-01T00:00:07Z;accounts=12,34' }, '2021-06-01'),
    ).toEqual({
      _tag: 'Right',
      right: {
        version: '2021-06-01',
        updatedAt: '2026-03-01T00:00:07Z',
        accounts: ['12', '34'],
        skipped: [],
      },
    })
  })

  test('a malformed list of skipped items is refused', () => {
    for (const skipped of ['t1.abc', 't1.9f86d081884c7d65t2.9f86d081884c7d65', 'x1.9f86d081884c7d65', '.'])
      expect(
        decodeBridgeCursor({ value: `bridge:2021-06-01:;accounts=1;skipped=${skipped}` }, '2021-06-01')._tag,
      ).toBe('Left')
  })

  test('a cursor written before accounts were recorded still reads, with accounts unknown', () => {
    expect(decodeBridgeCursor({ value: 'bridge:2021-06-01:2026-03-01T00:00:07Z' }, '2021-06-01')).toEqual({
      _tag: 'Right',
      right: { version: '2021-06-01', updatedAt: '2026-03-01T00:00:07Z', accounts: null, skipped: [] },
    })
  })

  test('a cursor of another version or another connector is refused', () => {
    expect(decodeBridgeCursor({ value: 'bridge:2025-01-15:2026-03-01T00:00:07Z' }, '2021-06-01')._tag).toBe(
      'Left',
    )
    expect(decodeBridgeCursor({ value: '2026-03-01' }, '2021-06-01')._tag).toBe('Left')
    expect(decodeBridgeCursor({ value: 'bridge:2021-06-01:yesterday' }, '2021-06-01')._tag).toBe('Left')
  })

  test('a refusal names the part at fault, never the cursor text', () => {
    const refused = (value: string, why: string) => {
      const decoded = decodeBridgeCursor({ value }, '2021-06-01')
      expect(decoded).toEqual(
        err(
          ConnectorError.invalidData({ message: `not a Bridge 2021-06-01 cursor: ${why}`, where: 'cursor' }),
        ),
      )
      expect(decoded._tag === 'Left' && decoded.left.message).not.toContain(value)
    }
    refused(
      'some-other-connector:secret-looking-position',
      '(root): expected bridge:2021-06-01:<updated_at>[;accounts=<ids>][;skipped=<items>]',
    )
    refused('bridge:2025-01-15:2026-03-01T00:00:07Z', 'version: expected "2021-06-01"')
    refused('bridge:2021-06-01:yesterday', 'updatedAt: expected an instant')
    refused(
      'bridge:2021-06-01:;accounts=1;skipped=t1.9f86d081884c7d65,t2.abc',
      'skipped[1]: expected <t|b><id>.<16 hex digits>',
    )
  })

  test('stored cursors read back and write again byte for byte', () => {
    for (const value of [
      'bridge:2021-06-01:',
      'bridge:2021-06-01:2026-03-01T00:00:07Z',
      'bridge:2021-06-01:2026-03-01T00:00:07.123+01:00;accounts=',
      'bridge:2021-06-01:2026-03-01T00:00:07Z;accounts=12,34',
      'bridge:2021-06-01:;accounts=12;skipped=t1042.9f86d081884c7d65,b12.0000000000000001',
    ]) {
      const decoded = decodeBridgeCursor({ value }, '2021-06-01')
      expect(decoded._tag === 'Right' && encodeBridgeCursor(decoded.right).value).toBe(value)
    }
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
