import type { CfonbAmount } from './types.js'

// Amounts are at most 14 digits (< 10^14 < 2^53), so accumulating the digits as an integer is exact;
// the decimal point is then placed by string manipulation and the minor units are handed out as a
// BigInt. No binary fraction is ever computed.

const ZERO = 48
const BIGINT_ZERO = BigInt(0)

/** Reads `count` ASCII digits at `off` as an integer, or -1 if one of them is not a digit. */
export const readDigits = (src: string, off: number, count: number): number => {
  let n = 0
  for (let i = off; i < off + count; i++) {
    const d = src.charCodeAt(i) - ZERO
    if (d < 0 || d > 9) return -1
    n = n * 10 + d
  }
  return n
}

/** Formats a non-negative integer of minor units as a decimal string with `decimals` fraction digits. */
export const formatUnits = (units: number, decimals: number, negative: boolean): string => {
  let digits = String(units)
  if (decimals > 0) {
    if (digits.length <= decimals) digits = '0'.repeat(decimals - digits.length + 1) + digits
    const cut = digits.length - decimals
    digits = `${digits.slice(0, cut)}.${digits.slice(cut)}`
  }
  return negative && units !== 0 ? `-${digits}` : digits
}

const makeAmount = (units: number, decimals: number, negative: boolean): CfonbAmount => ({
  value: formatUnits(units, decimals, negative),
  minorUnits: units === 0 ? BIGINT_ZERO : BigInt(negative ? -units : units),
  decimals,
})

/**
 * Decodes the 14-character signed amount at `off`: 13 digits then one overpunched character that
 * carries the last digit and the sign (`{`/`A`–`I` credit, `}`/`J`–`R` debit). `null` when malformed.
 */
export const decodeSignedAmount = (src: string, off: number, decimals: number): CfonbAmount | null => {
  const head = readDigits(src, off, 13)
  if (head < 0) return null
  const c = src.charCodeAt(off + 13)
  let digit: number
  let negative: boolean
  if (c === 123 /* { */) {
    digit = 0
    negative = false
  } else if (c === 125 /* } */) {
    digit = 0
    negative = true
  } else if (c >= 65 /* A */ && c <= 73 /* I */) {
    digit = c - 64
    negative = false
  } else if (c >= 74 /* J */ && c <= 82 /* R */) {
    digit = c - 73
    negative = true
  } else return null
  return makeAmount(head * 10 + digit, decimals, negative)
}

/** Decodes an unsigned amount of `width` digits at `off` (MMO original amount). `null` when malformed. */
export const decodeUnsignedAmount = (
  src: string,
  off: number,
  width: number,
  decimals: number,
): CfonbAmount | null => {
  const units = readDigits(src, off, width)
  return units < 0 ? null : makeAmount(units, decimals, false)
}
