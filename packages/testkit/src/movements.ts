import fc from 'fast-check'
import { EUR, localDate } from '@bankfeed/core'
import { moneyFromMinorUnits } from '@bankfeed/core/domain'
import { plusDays } from './calendar.js'
import type { CurrencyCode, LocalDate, Money, Movement, MovementStatus } from '@bankfeed/core'
import { localDateArb } from './dates.js'
import { moneyArb } from './money.js'

/** Labels as French banks write them, a few of which share words so label rules have work to do. */
export const BANK_LABELS: ReadonlyArray<string> = [
  'CB BOULANGERIE DUPONT',
  'PRLV SEPA EDF',
  'PRLV SEPA URSSAF',
  'VIR SEPA CLIENT MARTIN',
  'VIR SEPA LOYER',
  'FRAIS TENUE DE COMPTE',
  'COMMISSION INTERVENTION',
  'CHQ 1234567',
  'REM CHQ 0004512',
  'CB AMAZON EU',
]

/** Up to 5,000 units of the currency (in minor units), the amounts most movements have. */
const everydayAmount = (
  currency: CurrencyCode,
  sign: 'any' | 'positive' | 'negative',
): fc.Arbitrary<Money> => {
  const max = 500_000n
  const range =
    sign === 'positive'
      ? { min: 1n, max }
      : sign === 'negative'
        ? { min: -max, max: -1n }
        : { min: -max, max }
  return fc.bigInt(range).map((units) => moneyFromMinorUnits(units, currency))
}

/** Options of {@link movementArb}. */
export interface MovementArbOptions {
  /** Default EUR. */
  readonly currency?: CurrencyCode
  /** Booking dates from (default 2026-01-01). */
  readonly min?: LocalDate
  /** Booking dates until, included (default 2026-01-31). */
  readonly max?: LocalDate
  /** Labels drawn from (default {@link BANK_LABELS}); pass your rules' words to exercise them. */
  readonly labels?: ReadonlyArray<string>
  /** Default `booked`. */
  readonly status?: MovementStatus
  /** Sign of the amounts (default any). */
  readonly sign?: 'any' | 'positive' | 'negative'
}

/**
 * A movement as a connector delivers it, without provider id (feeds give ids): exact amount in the
 * currency, calendar booking date, a raw label, sometimes a reference, counterparty and CFONB code.
 */
export const movementArb = (options: MovementArbOptions = {}): fc.Arbitrary<Movement> => {
  const min = options.min ?? localDate('2026-01-01')
  const max = options.max ?? localDate('2026-01-31')
  const labels = options.labels ?? BANK_LABELS
  const currency = options.currency ?? EUR
  return fc
    .record({
      bookingDate: localDateArb({ min, max }),
      valueOffset: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      // Mostly everyday amounts, sometimes the full 13-digit range of the CFONB field.
      amount: fc.oneof(
        { weight: 4, arbitrary: everydayAmount(currency, options.sign ?? 'any') },
        { weight: 1, arbitrary: moneyArb({ currency, sign: options.sign ?? 'any' }) },
      ),
      label: fc.constantFrom(...labels),
      reference: fc.option(
        fc.integer({ min: 0, max: 999_999 }).map((n) => `REF${String(n).padStart(6, '0')}`),
        { nil: null },
      ),
      counterpartyName: fc.option(fc.constantFrom('DUPONT SARL', 'EDF', 'URSSAF', 'MARTIN'), { nil: null }),
      interbankCode: fc.option(fc.constantFrom('01', '05', 'B1', 'A1', '11'), { nil: null }),
    })
    .map((m): Movement => ({
      providerId: null,
      status: options.status ?? 'booked',
      bookingDate: m.bookingDate,
      valueDate: m.valueOffset === null ? null : plusDays(m.bookingDate, m.valueOffset),
      amount: m.amount,
      label: m.label,
      reference: m.reference,
      counterpartyName: m.counterpartyName,
      interbankCode: m.interbankCode,
      details: [],
    }))
}
