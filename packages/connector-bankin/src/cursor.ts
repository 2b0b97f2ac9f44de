import { t, textCursorCodec } from '@bankfeed/core/connector'
import type { ConnectorErrorOf, Cursor, CursorCodec, Result } from '@bankfeed/core/connector'

/**
 * An item a pull left out (an unusable transaction or balance), remembered so the next pulls that
 * see it again unchanged skip it without a second notice. `key` is `t<transaction id>` or
 * `b<account id>`; `fingerprint` is a short hash of its content, so a changed item is looked at again.
 */
export interface SkippedMark {
  readonly key: string
  readonly fingerprint: string
}

/** How many skipped items a cursor remembers; the oldest are forgotten first (and reported again if seen). */
export const MAX_REMEMBERED_SKIPS = 200

/**
 * The connector's position: the API version it was read with, the greatest `updated_at` seen, the
 * Bridge accounts that were bound then, and the items left out so far
 * (`bridge:2021-06-01:2026-03-01T00:00:07Z;accounts=12,34;skipped=t1042.9f86d081884c7d65`; no instant
 * after a pull that saw no transaction). Versioned so a move to the 2025-01-15 API can recognise and
 * convert old cursors. The accounts let a pull notice an account attached since: its history is older
 * than the watermark, and must be fetched once from the start.
 */
export interface BridgeCursor {
  readonly version: string
  /** The greatest `updated_at` seen, as Bridge wrote it; `null` when none yet. */
  readonly updatedAt: string | null
  /** Bridge ids of the accounts bound when the watermark was taken; `null` in a cursor that predates them. */
  readonly accounts: ReadonlyArray<string> | null
  /** Items left out and already reported, oldest first; empty in a cursor that predates them. */
  readonly skipped: ReadonlyArray<SkippedMark>
}

// Stores hold cursors in this text form: these two patterns decide what reads, as they did before
// the codec was written over them, so every stored cursor reads as it did.
const PATTERN =
  /^bridge:(\d{4}-\d{2}-\d{2}):([^;]*)(?:;accounts=([0-9A-Za-z_,-]*))?(?:;skipped=([0-9a-f.,tb]*))?$/
const MARK = /^([tb]\d{1,15})\.([0-9a-f]{16})$/

const SkippedMarkShape = t.type({ key: t.string, fingerprint: t.string })
const BridgeCursorShape = t.type({
  version: t.string,
  updatedAt: t.union([t.string, t.null]),
  accounts: t.union([t.readonlyArray(t.string), t.null]),
  skipped: t.readonlyArray(SkippedMarkShape),
})

/** An `updated_at` as Bridge wrote it: any text `Date.parse` reads, kept as written. */
const Instant = new t.Type<string, string, string>(
  'an instant',
  (u): u is string => typeof u === 'string' && !Number.isNaN(Date.parse(u)),
  (s, c) => (Number.isNaN(Date.parse(s)) ? t.failure(s, c) : t.success(s)),
  (s) => s,
)

/** The remembered items, each `<t|b><id>.<16 hex digits>`; a refusal names the item by its index. */
const Marks = t.readonlyArray(
  t.string.pipe(
    new t.Type<SkippedMark, string, string>(
      'skipped item',
      SkippedMarkShape.is,
      (s, c) => {
        const m = MARK.exec(s)
        return m === null ? t.failure(s, c) : t.success({ key: m[1] ?? '', fingerprint: m[2] ?? '' })
      },
      (m) => `${m.key}.${m.fingerprint}`,
    ),
    '<t|b><id>.<16 hex digits>',
  ),
)

/**
 * The text form of a cursor of `version`: accounts sorted (the same position always reads the
 * same), skipped items in the order they were first seen, the latest {@link MAX_REMEMBERED_SKIPS}.
 * A refusal names the part at fault (`version`, `updatedAt`, `skipped[3]`), never its value.
 */
const bridgeCursorText = (version: string): t.Type<BridgeCursor, string, string> => {
  const Version = t.literal(version)
  return new t.Type<BridgeCursor, string, string>(
    `bridge:${version}:<updated_at>[;accounts=<ids>][;skipped=<items>]`,
    (u): u is BridgeCursor => BridgeCursorShape.is(u) && u.version === version,
    (text, c) => {
      const m = PATTERN.exec(text)
      if (m === null) return t.failure(text, c)
      const [, v = '', at = '', accounts, skipped = ''] = m
      const marks = skipped.split(',').filter((x) => x !== '')
      const checks = {
        version: Version.validate(v, t.appendContext(c, 'version', Version, v)),
        updatedAt:
          at === '' ? t.success(null) : Instant.validate(at, t.appendContext(c, 'updatedAt', Instant, at)),
        skipped: Marks.validate(marks, t.appendContext(c, 'skipped', Marks, marks)),
      }
      if (
        checks.version._tag === 'Left' ||
        checks.updatedAt._tag === 'Left' ||
        checks.skipped._tag === 'Left'
      )
        return t.failures(Object.values(checks).flatMap((r) => (r._tag === 'Left' ? r.left : [])))
      return t.success({
        version,
        updatedAt: checks.updatedAt.right,
        accounts: accounts === undefined ? null : accounts.split(',').filter((a) => a !== ''),
        skipped: checks.skipped.right,
      })
    },
    (p) =>
      `bridge:${p.version}:${p.updatedAt ?? ''}` +
      (p.accounts === null ? '' : `;accounts=${[...p.accounts].sort().join(',')}`) +
      (p.skipped.length === 0
        ? ''
        : `;skipped=${Marks.encode(p.skipped.slice(-MAX_REMEMBERED_SKIPS)).join(',')}`),
  )
}

/**
 * The cursor codec of a Bridge API version: `decode` refuses a cursor of another version or another
 * connector with `InvalidData` (`where: 'cursor'`), naming the part at fault, never the cursor's text.
 */
export const bridgeCursorCodec = (version: string): CursorCodec<BridgeCursor> =>
  textCursorCodec(`Bridge ${version}`, bridgeCursorText(version))

/**
 * Encodes a cursor in the text form of its own `version` (accounts sorted, so the same position
 * always reads the same; skipped items in the order they were first seen, so the oldest can be
 * forgotten first).
 */
export const encodeBridgeCursor = (c: BridgeCursor): Cursor => bridgeCursorCodec(c.version).encode(c)

/**
 * Decodes a stored cursor of `version`; another version or a foreign cursor is `InvalidData` with
 * `where: 'cursor'`. Cursors written before accounts or skipped items were recorded still read.
 */
export const decodeBridgeCursor = (
  cursor: Cursor,
  version: string,
): Result<ConnectorErrorOf<'InvalidData'>, BridgeCursor> => bridgeCursorCodec(version).decode(cursor)

/** Orders two cursors by their instant (no instant first); for the contract suite and stores. */
export const compareBridgeCursors = (a: Cursor, b: Cursor): number => {
  const at = (c: Cursor): number => {
    const text = PATTERN.exec(c.value)?.[2] ?? ''
    return text === '' ? Number.NEGATIVE_INFINITY : Date.parse(text)
  }
  const d = at(a) - at(b)
  return Number.isNaN(d) ? 0 : Math.sign(d)
}

/** The later of two `updated_at` instants (either may be absent). */
export const laterInstant = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : Date.parse(b) > Date.parse(a) ? b : a
