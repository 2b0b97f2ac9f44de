import type { CfonbReservedZone } from './types.js'

// Field helpers work on (source string, absolute offsets) so the hot path never copies a record:
// a record is addressed as `src` + `off`, and only the fields that are kept get sliced out.

const SPACE = 32

/** True when every character of `src[from, to)` is a space. */
export const isBlank = (src: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (src.charCodeAt(i) !== SPACE) return false
  return true
}

// Text fields are trimmed with the native `trim`/`trimEnd`: measured twice as fast as a character
// loop on the 70-character `05` zone, the hottest field. Besides spaces they drop tabs and no-break
// spaces at the ends of a field, which are never meaningful in a blank-filled CFONB zone.

/** `src[from, to)` without leading and trailing white space. */
export const sliceTrim = (src: string, from: number, to: number): string => src.slice(from, to).trim()

/** `src[from, to)` without trailing white space. */
export const sliceTrimEnd = (src: string, from: number, to: number): string => src.slice(from, to).trimEnd()

/** A reserved zone as 1-based inclusive positions. */
export type ZoneSpec = readonly [start: number, end: number]

const NO_ZONES: readonly CfonbReservedZone[] = Object.freeze([])

// Most banks that fill a reserved zone fill only position 21 (an `E` on every 04/05 at SG or LCL).
// Those one-character zones are shared, frozen values, so the common case allocates nothing.
const position21 = new Map<number, readonly CfonbReservedZone[]>()
/** The zones of a record whose only non-blank reserved position is 21 (holding `c`, maybe a space). */
export const position21Only = (c: number): readonly CfonbReservedZone[] => {
  if (c === SPACE) return NO_ZONES
  let zones = position21.get(c)
  if (zones === undefined) {
    zones = Object.freeze([Object.freeze({ start: 21, end: 21, text: String.fromCharCode(c) })])
    position21.set(c, zones)
  }
  return zones
}

/** The non-blank zones among `zones` of the record at `off`, raw; shared arrays in the usual cases. */
export const reservedZones = (
  src: string,
  off: number,
  zones: readonly ZoneSpec[],
): readonly CfonbReservedZone[] => {
  let found: CfonbReservedZone[] | null = null
  let c21 = SPACE
  for (const [start, end] of zones) {
    if (!isBlank(src, off + start - 1, off + end)) {
      if (start === 21 && end === 21) c21 = src.charCodeAt(off + 20)
      else {
        found ??= []
        found.push({ start, end, text: src.slice(off + start - 1, off + end) })
      }
    }
  }
  if (found === null) return position21Only(c21)
  if (c21 !== SPACE) found.unshift({ start: 21, end: 21, text: String.fromCharCode(c21) })
  return found.sort((a, b) => a.start - b.start)
}
