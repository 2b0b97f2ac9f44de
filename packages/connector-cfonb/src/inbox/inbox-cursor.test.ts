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

  it('starts empty', () => {
    expect(decodeInboxCursor(null)).toEqual({ _tag: 'Right', right: EMPTY_INBOX_CURSOR })
  })

  it.each([
    ['not JSON', 'page=3'],
    ['not an object', '42'],
    ['another version', '{"v":2,"files":[]}'],
    ['a bad hash', JSON.stringify({ v: 1, files: [{ ...entry, sha256: 'xyz' }] })],
    ['a negative size', JSON.stringify({ v: 1, files: [{ ...entry, size: -1 }] })],
    ['an empty name', JSON.stringify({ v: 1, files: [{ ...entry, name: '' }] })],
  ])('refuses %s without echoing the value', (_, value) => {
    const r = decodeInboxCursor({ value })
    expect(r._tag).toBe('Left')
    if (r._tag === 'Left') expect(r.left).not.toContain(value)
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
