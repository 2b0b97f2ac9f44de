import fc from 'fast-check'
import { currencyCode, EUR } from '@bankfeed/core'
import { moneyFromMinorUnits } from '@bankfeed/core/domain'
import type { CurrencyCode, Money } from '@bankfeed/core'

/** Currencies with 0, 2 and 3 decimals, so amounts are exercised at every scale banks use. */
export const currencyArb = (): fc.Arbitrary<CurrencyCode> =>
  fc.constantFrom(...['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'XOF', 'TND', 'KWD'].map(currencyCode))

/**
 * An exact amount of money: at most 13 digits of minor units (the CFONB amount field), signed unless
 * `sign` says otherwise.
 */
export const moneyArb = (
  options: { readonly currency?: CurrencyCode; readonly sign?: 'any' | 'positive' | 'negative' } = {},
): fc.Arbitrary<Money> => {
  const max = 10n ** 13n - 1n
  const range =
    options.sign === 'positive'
      ? { min: 1n, max }
      : options.sign === 'negative'
        ? { min: -max, max: -1n }
        : { min: -max, max }
  return fc
    .tuple(options.currency === undefined ? currencyArb() : fc.constant(options.currency), fc.bigInt(range))
    .map(([currency, units]) => moneyFromMinorUnits(units, currency))
}

/** An amount in euros. */
export const euroArb = (sign: 'any' | 'positive' | 'negative' = 'any'): fc.Arbitrary<Money> =>
  moneyArb({ currency: EUR, sign })
