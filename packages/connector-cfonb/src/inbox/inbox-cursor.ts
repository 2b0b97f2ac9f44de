import type { Cursor } from '@bankfeed/core'
import { left, right } from './either.js'
import type { Either } from './either.js'

/** A file an inbox pull delivered, identified by name and content. */
export interface InboxCursorEntry {
  readonly name: string
  /** Bytes read. */
  readonly size: number
  /** SHA-256 of the bytes read, lowercase hex. */
  readonly sha256: string
}

/**
 * What an inbox cursor holds: the files delivered by committed pulls that may still sit in the inbox
 * (until acknowledged). Serialized as JSON in `Cursor.value`:
 * `{"v":1,"files":[{"name":"releve-0302.cfonb","size":726,"sha256":"9f…"}]}`.
 */
export interface InboxCursor {
  readonly v: 1
  readonly files: ReadonlyArray<InboxCursorEntry>
}

/** The cursor before any pull. */
export const EMPTY_INBOX_CURSOR: InboxCursor = { v: 1, files: [] }

/** Serializes an inbox cursor into core's opaque {@link Cursor}. */
export const encodeInboxCursor = (cursor: InboxCursor): Cursor => ({
  value: JSON.stringify({
    v: 1,
    files: cursor.files.map((f) => ({ name: f.name, size: f.size, sha256: f.sha256 })),
  }),
})

const isEntry = (x: unknown): x is InboxCursorEntry => {
  if (typeof x !== 'object' || x === null) return false
  const e = x as Record<string, unknown>
  return (
    typeof e['name'] === 'string' &&
    e['name'] !== '' &&
    typeof e['size'] === 'number' &&
    Number.isInteger(e['size']) &&
    e['size'] >= 0 &&
    typeof e['sha256'] === 'string' &&
    /^[0-9a-f]{64}$/.test(e['sha256'])
  )
}

/**
 * Reads a stored cursor back: `null` (first pull) is the empty cursor; anything that is not a
 * version-1 inbox cursor is refused with a reason (never the value itself).
 */
export const decodeInboxCursor = (cursor: Cursor | null): Either<string, InboxCursor> => {
  if (cursor === null) return right(EMPTY_INBOX_CURSOR)
  let parsed: unknown
  try {
    parsed = JSON.parse(cursor.value)
  } catch {
    return left('the cursor is not JSON')
  }
  if (typeof parsed !== 'object' || parsed === null) return left('the cursor is not an object')
  const c = parsed as Record<string, unknown>
  if (c['v'] !== 1) return left('the cursor is not a version-1 inbox cursor')
  const files = c['files']
  if (!Array.isArray(files) || !files.every(isEntry)) return left('the cursor has malformed file entries')
  return right({ v: 1, files })
}
