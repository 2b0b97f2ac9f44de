import * as E from 'fp-ts/lib/Either.js'
import type { ConnectorError, Cursor } from '@bankfeed/core'

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

const PATTERN =
  /^bridge:(\d{4}-\d{2}-\d{2}):([^;]*)(?:;accounts=([0-9A-Za-z_,-]*))?(?:;skipped=([0-9a-f.,tb]*))?$/
const MARK = /^([tb]\d{1,15})\.([0-9a-f]{16})$/

/**
 * Encodes a cursor (accounts sorted, so the same position always reads the same; skipped items in
 * the order they were first seen, so the oldest can be forgotten first).
 */
export const encodeBridgeCursor = (c: BridgeCursor): Cursor => ({
  value:
    `bridge:${c.version}:${c.updatedAt ?? ''}` +
    (c.accounts === null ? '' : `;accounts=${[...c.accounts].sort().join(',')}`) +
    (c.skipped.length === 0
      ? ''
      : `;skipped=${c.skipped
          .slice(-MAX_REMEMBERED_SKIPS)
          .map((m) => `${m.key}.${m.fingerprint}`)
          .join(',')}`),
})

/**
 * Decodes a stored cursor of `version`; another version or a foreign cursor is `InvalidData`. Cursors
 * written before accounts or skipped items were recorded still read.
 */
export const decodeBridgeCursor = (
  cursor: Cursor,
  version: string,
): E.Either<ConnectorError, BridgeCursor> => {
  const m = PATTERN.exec(cursor.value)
  const at = m?.[2] ?? ''
  const marks = (m?.[4] ?? '')
    .split(',')
    .filter((x) => x !== '')
    .map((x) => MARK.exec(x))
  if (
    m === null ||
    m[1] !== version ||
    (at !== '' && Number.isNaN(Date.parse(at))) ||
    marks.some((x) => x === null)
  )
    return E.left({
      _tag: 'InvalidData',
      message: `not a Bridge ${version} cursor: ${JSON.stringify(cursor.value.slice(0, 80))}`,
      retryable: false,
      where: 'cursor',
    })
  const accounts = m[3] === undefined ? null : m[3].split(',').filter((a) => a !== '')
  const skipped = marks.map((x) => ({ key: x?.[1] ?? '', fingerprint: x?.[2] ?? '' }))
  return E.right({ version, updatedAt: at === '' ? null : at, accounts, skipped })
}

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
