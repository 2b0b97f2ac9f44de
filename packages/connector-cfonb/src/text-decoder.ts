import type { CfonbEncoding } from './types.js'

// Byte → text decoding. The `auto` rule, which gives the same text whatever the chunking:
//
//   The longest prefix of the input that is well-formed UTF-8 is decoded as UTF-8; from the first
//   ill-formed byte sequence to the end of the input, bytes are decoded as Windows-1252.
//
// Well-formed UTF-8 text therefore decodes as UTF-8, and a Windows-1252/Latin-1 file (LCL writes
// accented letters) decodes as Windows-1252 from its first accented letter on; everything before it
// is ASCII, identical in both. The rule only errs on a Windows-1252 text whose accented bytes happen
// to form valid UTF-8 before its first invalid one (e.g. "Ã©"), which real bank files do not contain.
// A leading UTF-8 byte-order mark is dropped.

// Declared locally so the package needs neither DOM nor Node typings; the global exists in every
// supported runtime (Node ≥ 20, browsers, Deno, Bun).
interface TextDecoderLike {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string
}
declare const TextDecoder: new (
  label: string,
  options?: { fatal?: boolean; ignoreBOM?: boolean },
) => TextDecoderLike

/** A decoded piece: `switchAt` is the index in `text` where Windows-1252 decoding starts, else -1. */
export interface DecodedPiece {
  readonly text: string
  readonly switchAt: number
}

/** Incremental byte decoder. */
export interface ByteDecoder {
  decode(bytes: Uint8Array): DecodedPiece
  end(): DecodedPiece
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Some runtimes (Node 20 among them) decode
// the `windows-1252` label as Latin-1, leaving C1 control characters where `€`, `–`, `’`… belong;
// they are mapped here. The five bytes Windows-1252 leaves undefined map to themselves in both.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'
const C1_CONTROLS = /[\u0080-\u009f]/g
const fixCp1252 = (text: string): string =>
  text.replace(C1_CONTROLS, (c) => CP1252_HIGH.charAt(c.charCodeAt(0) - 0x80))

/** Decodes Windows-1252 bytes correctly whatever the runtime's `TextDecoder` does with 0x80–0x9F. */
const createCp1252 = (): ((bytes: Uint8Array) => string) => {
  const decoder = new TextDecoder('windows-1252')
  return (bytes) => fixCp1252(decoder.decode(bytes))
}

const NONE: DecodedPiece = { text: '', switchAt: -1 }
const piece = (text: string): DecodedPiece => (text === '' ? NONE : { text, switchAt: -1 })

/** Length of the UTF-8 sequence announced by a lead byte, 0 for a byte that cannot lead one. */
const sequenceLength = (b: number): number =>
  b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0

/** Index where a UTF-8 sequence cut by the end of `bytes` starts, or `bytes.length` if none is cut. */
const cutSequenceStart = (bytes: Uint8Array): number => {
  const n = bytes.length
  for (let i = n - 1; i >= 0 && i >= n - 3; i--) {
    const b = bytes[i] ?? 0
    if ((b & 0xc0) !== 0x80) {
      const len = sequenceLength(b)
      return len > n - i ? i : n
    }
  }
  return n
}

/** Index of the first ill-formed UTF-8 sequence (Unicode table 3-7), or `bytes.length`. */
export const firstInvalidUtf8 = (bytes: Uint8Array): number => {
  const n = bytes.length
  let i = 0
  while (i < n) {
    const b = bytes[i] ?? 0
    if (b < 0x80) {
      i++
      continue
    }
    const len = sequenceLength(b)
    if (len === 0 || i + len > n) return i
    const b1 = bytes[i + 1] ?? 0
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf
    if (b1 < lo || b1 > hi) return i
    for (let k = 2; k < len; k++) {
      const c = bytes[i + k] ?? 0
      if ((c & 0xc0) !== 0x80) return i
    }
    i += len
  }
  return n
}

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  if (a.length === 0) return b
  const out = new Uint8Array(a.length + b.length)
  out.set(a, 0)
  out.set(b, a.length)
  return out
}

const EMPTY = new Uint8Array(0)
const BOM = 0xfeff

/** Creates a decoder for the requested encoding. */
export const createByteDecoder = (encoding: CfonbEncoding): ByteDecoder => {
  if (encoding === 'windows-1252') {
    const cp1252 = createCp1252()
    return { decode: (b) => piece(cp1252(b)), end: () => NONE }
  }
  if (encoding === 'utf-8') {
    const utf8 = new TextDecoder('utf-8')
    return {
      decode: (b) => piece(utf8.decode(b, { stream: true })),
      end: () => piece(utf8.decode()),
    }
  }
  return createAutoDecoder()
}

const createAutoDecoder = (): ByteDecoder => {
  // Each call decodes complete sequences only (a cut one is held back), so the fatal decoder can be
  // used without stream state and the failing position can be located exactly when it throws.
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  const cp1252 = createCp1252()
  let fallback = false
  let held: Uint8Array = EMPTY
  let atStart = true

  const stripBom = (text: string): string => {
    if (!atStart || text === '') return text
    atStart = false
    return text.charCodeAt(0) === BOM ? text.slice(1) : text
  }

  const switchAt = (bytes: Uint8Array, bad: number): DecodedPiece => {
    fallback = true
    const head = stripBom(utf8.decode(bytes.subarray(0, bad)))
    atStart = false
    return { text: head + cp1252(bytes.subarray(bad)), switchAt: head.length }
  }

  return {
    decode(chunk) {
      if (fallback) return piece(cp1252(chunk))
      const bytes = concat(held, chunk)
      const cut = cutSequenceStart(bytes)
      held = cut === bytes.length ? EMPTY : bytes.slice(cut)
      const body = cut === bytes.length ? bytes : bytes.subarray(0, cut)
      try {
        return piece(stripBom(utf8.decode(body)))
      } catch {
        // Invalid UTF-8 somewhere in this piece: find where, and switch there for good.
        held = EMPTY
        return switchAt(bytes, firstInvalidUtf8(bytes))
      }
    },
    end() {
      if (held.length === 0) return NONE
      // A sequence cut by the end of the input is ill-formed.
      const rest = held
      held = EMPTY
      return switchAt(rest, 0)
    },
  }
}
