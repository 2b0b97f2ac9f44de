import fc from 'fast-check'
import { Dec, EUR, localDate } from '@bankfeed/core'
import { moneyFromMinorUnits } from '@bankfeed/core/domain'
import { plusDays } from './calendar.js'
import type { BankStatement, CurrencyCode, LocalDate, Money, Movement } from '@bankfeed/core'
import { movementArb } from './movements.js'

/** Options of {@link statementArb}. */
export interface StatementArbOptions {
  /** Default EUR. */
  readonly currency?: CurrencyCode
  /** The day the statement closes (default 2026-02-02); it opens the day before, like a daily CFONB statement. */
  readonly date?: LocalDate
  /**
   * `consistent` (default): opening + Σ movements = closing exactly. `off`: the closing balance the
   * bank printed differs by a non-zero amount, as when a line is missing from a file.
   */
  readonly balance?: 'consistent' | 'off'
  /** At most this many distinct lines (default 6); identical twins come on top. */
  readonly maxMovements?: number
  /** Labels drawn from. */
  readonly labels?: ReadonlyArray<string>
}

/** A non-zero amount of up to 1,000 units, the difference an off statement shows. */
export const nonZeroOffsetArb = (currency: CurrencyCode): fc.Arbitrary<Money> =>
  fc
    .bigInt({ min: -100_000n, max: 100_000n })
    .filter((u) => u !== 0n)
    .map((u) => moneyFromMinorUnits(u, currency))

/** The lines of one day: booked, without ids, some repeated as identical same-day twins. */
export const dayLinesArb = (
  date: LocalDate,
  options: {
    readonly currency?: CurrencyCode
    readonly maxMovements?: number
    readonly labels?: ReadonlyArray<string>
  },
): fc.Arbitrary<ReadonlyArray<Movement>> =>
  fc
    .array(
      fc.tuple(
        movementArb({
          min: date,
          max: date,
          ...(options.currency === undefined ? {} : { currency: options.currency }),
          ...(options.labels === undefined ? {} : { labels: options.labels }),
        }),
        // About one line in five has an identical twin (two real payments of the same amount, same label).
        fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      ),
      { maxLength: options.maxMovements ?? 6 },
    )
    .map((lines) => lines.flatMap(([m, twin]) => (twin ? [m, m] : [m])))

/** Sums movements onto an opening amount, exactly. */
export const closingOf = (opening: Money, movements: ReadonlyArray<Movement>): Money => ({
  amount: movements.reduce((acc, m) => acc.plus(m.amount.amount), new Dec(opening.amount)),
  currency: opening.currency,
})

/**
 * A daily statement: opening balance dated the day before, the day's lines, closing balance dated
 * the day; balanced unless `balance: 'off'`.
 */
export const statementArb = (options: StatementArbOptions = {}): fc.Arbitrary<BankStatement> => {
  const currency = options.currency ?? EUR
  const date = options.date ?? localDate('2026-02-02')
  return fc
    .record({
      opening: fc
        .bigInt({ min: -10_000_000n, max: 10_000_000n })
        .map((u) => moneyFromMinorUnits(u, currency)),
      movements: dayLinesArb(date, { ...options, currency }),
      offset: options.balance === 'off' ? nonZeroOffsetArb(currency) : fc.constant(null),
    })
    .map(({ opening, movements, offset }) => {
      const closing = closingOf(opening, movements)
      return {
        currency,
        openingBalance: { date: plusDays(date, -1), amount: opening },
        closingBalance: {
          date,
          amount: offset === null ? closing : { amount: closing.amount.plus(offset.amount), currency },
        },
        movements,
      }
    })
}
