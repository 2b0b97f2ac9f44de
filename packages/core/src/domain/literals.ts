import { makeCurrencyCode } from './currency.js'
import type { CurrencyCode } from './currency.js'
import { makeLocalDate } from './local-date.js'
import type { LocalDate } from './local-date.js'
import { makeMoney } from './money.js'
import type { Money } from './money.js'

// Constructors for values written in code — constants, examples, tests — where a bad literal is a
// programmer's mistake: they throw a TypeError naming it. Data from outside (files, APIs, people)
// goes through the `make…` constructors, which answer an Either and never throw.

/**
 * A calendar date written in code: `localDate('2026-03-15')`. Throws a `TypeError` on anything but
 * a real `YYYY-MM-DD` day; for input, use `makeLocalDate`.
 */
export const localDate = (text: string): LocalDate => {
  const made = makeLocalDate(text)
  if (made._tag === 'Left') throw new TypeError(`localDate: '${text}' is not a calendar date YYYY-MM-DD`)
  return made.right
}

/**
 * A currency code written in code: `currencyCode('EUR')`. Throws a `TypeError` on an unknown code;
 * for input, use `makeCurrencyCode`.
 */
export const currencyCode = (text: string): CurrencyCode => {
  const made = makeCurrencyCode(text)
  if (made._tag === 'Left') throw new TypeError(`currencyCode: '${text}' is not an ISO 4217 currency code`)
  return made.right
}

/**
 * An amount written in code: `money('-1480.37', 'EUR')`, exact (a decimal string, never a float).
 * Throws a `TypeError` on a bad amount or currency, or more decimals than the currency has; for
 * input, use `makeMoney`.
 */
export const money = (amount: string, currency: string): Money => {
  const made = makeMoney(amount, currency)
  if (made._tag === 'Left')
    throw new TypeError(
      `money: '${amount}' ${currency} is not an amount of that currency (${made.left._tag})`,
    )
  return made.right
}
