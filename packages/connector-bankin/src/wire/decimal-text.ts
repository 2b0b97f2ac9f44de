import * as t from 'io-ts'

declare const decimalTextBrand: unique symbol
/**
 * An amount as the shortest decimal text of the JSON number Bridge sent (`-9.39`, `140200`): exact
 * as long as the number has at most 15 significant digits, which every double round-trips.
 */
export type DecimalText = string & { readonly [decimalTextBrand]: 'DecimalText' }

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/

/** Significant digits of a plain decimal text (`-0.0500` has 3: `500`). */
const significantDigits = (text: string): number => {
  const digits = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '')
  return digits.length === 0 ? 1 : digits.length
}

/**
 * The decimal text of a JSON number through its shortest representation (`String(n)`), or `null`
 * when it cannot be an exact amount: not finite, written with an exponent (`1e21`, `1e-7`), or with
 * more than 15 significant digits (the double may no longer be the number the server wrote).
 */
export const decimalTextOfNumber = (n: number): DecimalText | null => {
  if (!Number.isFinite(n)) return null
  const text = String(n)
  if (!PLAIN_DECIMAL.test(text) || significantDigits(text) > 15) return null
  return text as DecimalText
}

/** A JSON number decoded to its exact {@link DecimalText}; never used in arithmetic. */
export const DecimalTextCodec = new t.Type<DecimalText, number, unknown>(
  'amount (number, at most 15 significant digits, no exponent)',
  (u): u is DecimalText => typeof u === 'string' && PLAIN_DECIMAL.test(u),
  (u, c) => {
    if (typeof u !== 'number') return t.failure(u, c)
    const text = decimalTextOfNumber(u)
    return text === null ? t.failure(u, c) : t.success(text)
  },
  (d) => Number(d),
)
