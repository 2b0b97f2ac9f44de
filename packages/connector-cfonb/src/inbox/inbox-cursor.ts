import { jsonCursorCodec, ok, t } from '@bankfeed/core/connector'
import type { ConnectorErrorOf, Cursor, Result } from '@bankfeed/core/connector'

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

const InboxCursorFields = t.type(
  {
    v: t.literal(1),
    files: t.readonlyArray(
      t.type(
        {
          name: t.refinement(t.string, (s) => s !== '', 'non-empty string'),
          size: t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0, 'integer ≥ 0'),
          sha256: t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'lowercase hex SHA-256'),
        },
        'InboxCursorEntry',
      ),
    ),
  },
  'InboxCursor',
)

// io-ts would encode the object it is given as is, keys in that object's order and any extra key
// kept; the cursor is written field by field instead, so that the same files always give the same
// bytes, whatever object they came in.
const InboxCursorCodec = new t.Type<InboxCursor, InboxCursor, unknown>(
  'InboxCursor',
  InboxCursorFields.is,
  InboxCursorFields.validate,
  (c) => ({ v: 1, files: c.files.map((f) => ({ name: f.name, size: f.size, sha256: f.sha256 })) }),
)

const inboxCursor = jsonCursorCodec('CFONB inbox', InboxCursorCodec)

/** Serializes an inbox cursor into core's opaque {@link Cursor}. */
export const encodeInboxCursor = (cursor: InboxCursor): Cursor => inboxCursor.encode(cursor)

/**
 * Reads a stored cursor back: `null` (first pull) is the empty cursor; anything that is not a
 * version-1 inbox cursor is refused with an `InvalidData` error (`where: 'cursor'`) naming the field
 * at fault, never the value itself.
 */
export const decodeInboxCursor = (
  cursor: Cursor | null,
): Result<ConnectorErrorOf<'InvalidData'>, InboxCursor> =>
  cursor === null ? ok(EMPTY_INBOX_CURSOR) : inboxCursor.decode(cursor)
