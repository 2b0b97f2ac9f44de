import { Decimal } from 'decimal.js'
import { E } from '../fp.js'
import type { Either } from '../fp.js'
import { isCurrencyCode, minorUnit } from './currency.js'
import type { CurrencyCode } from './currency.js'

/**
 * The decimal type of every amount. A private clone of decimal.js with 60 significant digits, so sums
 * of millions of 13-digit bank amounts stay exact, and banker's-free half-up rounding when a caller
 * explicitly rounds.
 */
export const Dec = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
})
/** An exact decimal number (decimal.js). */
export type Dec = Decimal

/** An exact amount of money in one currency. Never a JS `number`. */
export interface Money {
  readonly amount: Dec
  readonly currency: CurrencyCode
}

/** Why an amount could not become {@link Money}. */
export type InvalidMoney =
  /** Not a plain decimal; `value` is the text refused, or a description of a value of another type. */
  | { readonly _tag: 'NotADecimal'; readonly value: string }
  | {
      readonly _tag: 'TooManyDecimals'
      readonly value: string
      readonly currency: string
      readonly max: number
    }
  | { readonly _tag: 'UnknownCurrency'; readonly currency: string }

/** Two amounts in different currencies were combined. */
export interface CurrencyMismatch {
  readonly _tag: 'CurrencyMismatch'
  readonly left: CurrencyCode
  readonly right: CurrencyCode
}

const DECIMAL_STRING = /^[+-]?\d+(\.\d+)?$/
// `String(n)` of a finite number: digits, an optional fraction, and an exponent past 1e21 or below 1e-6.
const NUMBER_TEXT = /^-?\d+(\.\d+)?(e[+-]\d+)?$/

/** A short, secret-free description of a value that is not an amount, for {@link InvalidMoney}. */
const describeValue = (value: unknown): string => {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : typeof value
}

/**
 * The exact decimal text of `amount`, or why there is none. A number is read from its shortest
 * round-trip text (`String(1480.37)` is `1480.37`), never from its binary value nor through
 * `toFixed`, which rounds: so `0.1 + 0.2` reads `0.30000000000000004` and is refused as too precise
 * rather than silently becoming `0.30`.
 */
const decimalTextOf = (
  amount: unknown,
): Either<InvalidMoney, { readonly text: string; readonly value: Dec }> => {
  if (typeof amount === 'string') {
    const text = amount.trim()
    return DECIMAL_STRING.test(text)
      ? E.right({ text, value: new Dec(text) })
      : E.left({ _tag: 'NotADecimal', value: text })
  }
  if (typeof amount === 'number') {
    const text = String(amount)
    // NaN and ±Infinity have no decimal value; an exponent form (1e+21, 1e-7) is exact in decimal.js.
    return Number.isFinite(amount) && NUMBER_TEXT.test(text)
      ? E.right({ text, value: new Dec(text) })
      : E.left({ _tag: 'NotADecimal', value: text })
  }
  if (Decimal.isDecimal(amount)) {
    const text = amount.toFixed()
    return DECIMAL_STRING.test(text)
      ? E.right({ text, value: new Dec(text) })
      : E.left({ _tag: 'NotADecimal', value: text })
  }
  return E.left({ _tag: 'NotADecimal', value: describeValue(amount) })
}

/**
 * Makes {@link Money} from a decimal string (`"-1480.37"`, `"12"`), a decimal.js value or a JS number.
 * Refuses exponents in strings, thousands separators, commas and more decimals than the currency's
 * minor unit. A number is taken exactly as its shortest decimal text (`1480.37` is 1480.37, never
 * rounded), then checked like a string. Never throws, whatever the input's type at run time: a
 * plain-JS caller passing `null` or an object gets `NotADecimal`.
 */
export const makeMoney = (
  amount: string | number | Decimal,
  currency: string,
): Either<InvalidMoney, Money> => {
  if (typeof currency !== 'string' || !isCurrencyCode(currency))
    return E.left({
      _tag: 'UnknownCurrency',
      currency: typeof currency === 'string' ? currency : describeValue(currency),
    })
  const read = decimalTextOf(amount)
  if (E.isLeft(read)) return read
  const { text, value } = read.right
  const max = minorUnit(currency)
  if (value.decimalPlaces() > max) return E.left({ _tag: 'TooManyDecimals', value: text, currency, max })
  return E.right({ amount: value.isZero() ? new Dec(0) : value, currency })
}

/** Makes {@link Money} from an integer count of minor units (cents for EUR): `fromMinorUnits(-148037n, EUR)`. */
export const moneyFromMinorUnits = (units: bigint, currency: CurrencyCode): Money => ({
  amount: new Dec(units.toString()).dividedBy(new Dec(10).pow(minorUnit(currency))),
  currency,
})

/** Zero in a currency. */
export const zeroMoney = (currency: CurrencyCode): Money => ({ amount: new Dec(0), currency })

/** Adds two amounts of the same currency. */
export const addMoney = (a: Money, b: Money): Either<CurrencyMismatch, Money> =>
  a.currency === b.currency
    ? E.right({ amount: a.amount.plus(b.amount), currency: a.currency })
    : E.left({ _tag: 'CurrencyMismatch', left: a.currency, right: b.currency })

/** Subtracts `b` from `a` (same currency). */
export const subtractMoney = (a: Money, b: Money): Either<CurrencyMismatch, Money> =>
  addMoney(a, negateMoney(b))

/** Sums amounts that are all in `currency`; the first one in another currency is an error. */
export const sumMoney = (
  currency: CurrencyCode,
  amounts: Iterable<Money>,
): Either<CurrencyMismatch, Money> => {
  let total = new Dec(0)
  for (const m of amounts) {
    if (m.currency !== currency)
      return E.left({ _tag: 'CurrencyMismatch', left: currency, right: m.currency })
    total = total.plus(m.amount)
  }
  return E.right({ amount: total, currency })
}

/** The opposite amount. */
export const negateMoney = (m: Money): Money => ({
  amount: m.amount.isZero() ? new Dec(0) : m.amount.negated(),
  currency: m.currency,
})

/** True when both amounts have the same currency and the same exact value (`1.5` equals `1.50`). */
export const equalsMoney = (a: Money, b: Money): boolean =>
  a.currency === b.currency && a.amount.equals(b.amount)

/** The amount as a decimal string with exactly the currency's decimals: `-1480.37`, `0.00`, `12`. */
export const formatMoneyAmount = (m: Money): string => {
  const s = m.amount.toFixed(minorUnit(m.currency))
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s
}

/**
 * The amount as a French reader expects it: `-1 480,37 €` (narrow no-break spaces as thousands
 * separator, decimal comma, symbol for EUR and the code otherwise).
 */
export const formatMoneyFr = (m: Money): string => {
  const [int = '0', frac] = formatMoneyAmount(m).split('.')
  const negative = int.startsWith('-')
  const digits = negative ? int.slice(1) : int
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')
  const unit = m.currency === 'EUR' ? '€' : m.currency
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : `,${frac}`}\u00a0${unit}`
}
