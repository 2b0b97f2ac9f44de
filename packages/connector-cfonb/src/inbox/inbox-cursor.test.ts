import { describe, expect, it } from 'vitest'
import { EMPTY_INBOX_CURSOR, decodeInboxCursor, encodeInboxCursor } from './inbox-cursor.js'
import { timestampPrefix } from './timestamp-prefix.js'

const entry = { name: 'releve.cfonb', size: 726, sha256: 'a'.repeat(64) }

describe('inbox cursor', () => {
  it('round-trips through Cursor.value as version-1 JSON', () => {
    const cursor = encodeInboxCursor({ v: 1, files: [entry] })
    expect(JSON.parse(cursor.value)).toEqual({ v: 1, files: [entry] })
    expect(decodeInboxCursor(cursor)).toEqual({ _tag: 'Right', right: { v: 1, files: [entry] } })
  })

  it('writes the same bytes whatever object it is given: fixed keys, in a fixed order', () => {
    const bytes = `{"v":1,"files":[{"name":"releve.cfonb","size":726,"sha256":"${'a'.repeat(64)}"}]}`
    expect(encodeInboxCursor({ v: 1, files: [entry] }).value).toBe(bytes)
    const reordered = {
      files: [{ sha256: entry.sha256, size: 726, modifiedAt: 'x', name: 'releve.cfonb' }],
      v: 1 as const,
    }
    expect(encodeInboxCursor(reordered).value).toBe(bytes)
  })

  it('starts empty', () => {
    expect(decodeInboxCursor(null)).toEqual({ _tag: 'Right', right: EMPTY_INBOX_CURSOR })
  })

  it.each([
    ['not JSON', 'page=3'],
    ['not an object', '42'],
    ['null', 'null'],
    ['another version', '{"v":2,"files":[]}'],
    ['no files', '{"v":1}'],
    ['files that are no list', '{"v":1,"files":{}}'],
    ['an entry that is no object', '{"v":1,"files":[null]}'],
    ['a bad hash', JSON.stringify({ v: 1, files: [{ ...entry, sha256: 'xyz' }] })],
    ['an upper-case hash', JSON.stringify({ v: 1, files: [{ ...entry, sha256: 'A'.repeat(64) }] })],
    ['a negative size', JSON.stringify({ v: 1, files: [{ ...entry, size: -1 }] })],
    ['a fractional size', JSON.stringify({ v: 1, files: [{ ...entry, size: 1.5 }] })],
    ['a size in a string', JSON.stringify({ v: 1, files: [{ ...entry, size: '726' }] })],
    ['an empty name', JSON.stringify({ v: 1, files: [{ ...entry, name: '' }] })],
  ])('refuses %s as InvalidData without echoing the value', (_, value) => {
    const r = decodeInboxCursor({ value })
    expect(r).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'InvalidData', where: 'cursor', retryable: false },
    })
    if (r._tag === 'Left') expect(r.left.message).not.toContain(value)
  })

  it('names the field at fault', () => {
    const r = decodeInboxCursor({ value: JSON.stringify({ v: 1, files: [{ ...entry, size: -1 }] }) })
    expect(r._tag === 'Left' && r.left.message).toContain('files[0].size')
  })
})

describe('timestampPrefix', () => {
  it('formats the instant in UTC, seconds precision', () => {
    expect(timestampPrefix('2026-03-15T08:00:09.999Z')).toEqual({ _tag: 'Right', right: '20260315T080009Z' })
    expect(timestampPrefix('2026-03-15T00:30:00+01:00')).toEqual({ _tag: 'Right', right: '20260314T233000Z' })
  })

  it('refuses what is not an instant', () => {
    expect(timestampPrefix('yesterday')._tag).toBe('Left')
  })
})
