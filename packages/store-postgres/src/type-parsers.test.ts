import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseArrayLiteral, parseTimestamptz } from './type-parsers.js'

const literalOf = (values: ReadonlyArray<string | null>): string =>
  `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`

describe('PostgreSQL text forms', () => {
  test('arrays: quoted, bare, NULL, nested, empty, with bounds', () => {
    const id = (s: string): string => s
    expect(parseArrayLiteral('{}', id)).toEqual([])
    expect(parseArrayLiteral('{a,b,NULL,"NULL","c,d","e\\"f","g\\\\h"}', id)).toEqual([
      'a',
      'b',
      null,
      'NULL',
      'c,d',
      'e"f',
      'g\\h',
    ])
    expect(parseArrayLiteral('{{1,2},{3,4}}', Number)).toEqual([
      [1, 2],
      [3, 4],
    ])
    expect(parseArrayLiteral('[0:1]={5,6}', Number)).toEqual([5, 6])
  })

  test('any array of texts reads back as written (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.string({ unit: 'binary', maxLength: 12 }), { nil: null }), { maxLength: 8 }),
        (values) => {
          expect(parseArrayLiteral(literalOf(values), (s) => s)).toEqual(values)
        },
      ),
    )
  })

  test('timestamptz in ISO style, any offset, microseconds cut to milliseconds', () => {
    expect(parseTimestamptz('2024-01-02 10:00:00+00')).toEqual(new Date('2024-01-02T10:00:00Z'))
    expect(parseTimestamptz('2024-01-02 10:00:00.123456+01')).toEqual(new Date('2024-01-02T09:00:00.123Z'))
    expect(parseTimestamptz('2024-01-02 10:00:00.5+05:30')).toEqual(new Date('2024-01-02T04:30:00.500Z'))
    expect(parseTimestamptz('1900-01-01 00:00:00-00:09:21')).toEqual(new Date('1900-01-01T00:09:21Z'))
    expect((parseTimestamptz('0044-03-15 12:00:00+00 BC') as Date).getUTCFullYear()).toBe(-43)
    expect(Number.isNaN((parseTimestamptz('infinity') as Date).getTime())).toBe(true)
  })

  test('any instant reads back from its ISO text in any whole-minute offset (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -15 * 60, max: 15 * 60 }),
        (at, offsetMinutes) => {
          const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString()
          const sign = offsetMinutes < 0 ? '-' : '+'
          const abs = Math.abs(offsetMinutes)
          const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
          const text = `${local.slice(0, 10)} ${local.slice(11, 23)}${offset}`
          expect(parseTimestamptz(text)).toEqual(at)
        },
      ),
    )
  })
})
