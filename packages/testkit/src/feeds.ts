import fc from 'fast-check'
import { EUR, localDate } from '@bankfeed/core'
import { plusDays } from './calendar.js'
import type { AccountRef, BankStatement, CurrencyCode, FeedItem, LocalDate, Movement } from '@bankfeed/core'
import { movementArb } from './movements.js'
import { closingOf, nonZeroOffsetArb } from './statements.js'
import { moneyArb } from './money.js'

/** The account every feed arbitrary delivers to unless told otherwise. */
export const FEED_ACCOUNT: AccountRef = {
  iban: 'FR7630004008280001051234543',
  bankCode: '30004',
  branchCode: '00828',
  accountNumber: '00010512345',
  currency: 'EUR',
  providerAccountId: null,
  name: null,
}

/** What an API connection delivers, and what really happened on the account. */
export interface ApiFeed {
  /**
   * The items in delivery order: pending copies first, then the booked movements, then re-deliveries
   * of some of them (duplicates by provider id).
   */
  readonly items: ReadonlyArray<FeedItem>
  /** The pending copies delivered before their booked twins. */
  readonly pending: ReadonlyArray<FeedItem>
  /** The booked movements, each once, identical twins included (distinct ids, same content). */
  readonly real: ReadonlyArray<Movement>
}

/** Options of {@link apiFeedArb}. */
export interface ApiFeedArbOptions {
  readonly account?: AccountRef
  readonly currency?: CurrencyCode
  readonly min?: LocalDate
  readonly max?: LocalDate
  readonly labels?: ReadonlyArray<string>
  /** At most this many drafts (default 20); twins come on top. */
  readonly maxMovements?: number
  /** Pending copies are dated at most this many days before their booked twin (default 3). */
  readonly pendingGapDays?: number
  /** Whether pending copies are generated (default true). */
  readonly pending?: boolean
}

/**
 * An API feed with everything that makes counting hard: identical twins (same day, amount and label,
 * distinct ids), pending copies that their booked twins must replace (amount unique, so the pairing
 * is unambiguous), and re-delivered duplicates. Ingested, it must leave exactly `real` in the ledger.
 */
export const apiFeedArb = (options: ApiFeedArbOptions = {}): fc.Arbitrary<ApiFeed> => {
  const account = options.account ?? FEED_ACCOUNT
  const gap = options.pendingGapDays ?? 3
  return fc
    .record({
      drafts: fc.array(
        fc.record({
          movement: movementArb({
            ...(options.currency === undefined ? {} : { currency: options.currency }),
            ...(options.min === undefined ? {} : { min: options.min }),
            ...(options.max === undefined ? {} : { max: options.max }),
            ...(options.labels === undefined ? {} : { labels: options.labels }),
          }),
          twin: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
          pendingGap:
            options.pending === false
              ? fc.constant(null)
              : fc.option(fc.integer({ min: 0, max: Math.max(0, gap) }), { nil: null, freq: 2 }),
          pendingLabel: fc.constantFrom('same', 'prefixed'),
        }),
        { maxLength: options.maxMovements ?? 20 },
      ),
      repeats: fc.array(fc.nat(), { maxLength: 6 }),
    })
    .map(({ drafts, repeats }) => {
      const real: Movement[] = drafts.flatMap((d, i) =>
        d.twin
          ? [
              { ...d.movement, providerId: `m${i}` },
              { ...d.movement, providerId: `m${i}t` },
            ]
          : [{ ...d.movement, providerId: `m${i}` }],
      )
      const amountCount = new Map<string, number>()
      for (const m of real)
        amountCount.set(m.amount.amount.toFixed(), (amountCount.get(m.amount.amount.toFixed()) ?? 0) + 1)
      const pendingMovements: Movement[] = drafts.flatMap((d, i) =>
        // A pending copy only where its booked twin is the one movement of that amount: otherwise
        // which booked movement claims it is a matter of taste, not of law.
        d.pendingGap === null || d.twin || amountCount.get(d.movement.amount.amount.toFixed()) !== 1
          ? []
          : [
              {
                ...d.movement,
                providerId: `p${i}`,
                status: 'pending' as const,
                bookingDate: plusDays(d.movement.bookingDate, -d.pendingGap),
                valueDate: null,
                label: d.pendingLabel === 'same' ? d.movement.label : `PAIEMENT ${d.movement.label}`,
              },
            ],
      )
      const item = (movement: Movement): FeedItem => ({ _tag: 'Movement', account, movement })
      const pending = pendingMovements.map(item)
      const booked = real.map(item)
      const all = [...pending, ...booked]
      const again = all.length === 0 ? [] : repeats.map((r) => all[r % all.length] as FeedItem)
      return { items: [...all, ...again], pending, real }
    })
}

/** What a file connection delivers: chained daily statements, and what really happened. */
export interface FileFeed {
  /** One `Statement` item per day, in date order. */
  readonly items: ReadonlyArray<FeedItem>
  readonly statements: ReadonlyArray<BankStatement>
  /** Indexes (in `statements`) of the statements whose closing balance is deliberately off. */
  readonly offStatements: ReadonlyArray<number>
  /** Every line, each once, identical same-day twins included. */
  readonly real: ReadonlyArray<Movement>
}

/** Options of {@link fileFeedArb}. */
export interface FileFeedArbOptions {
  readonly account?: AccountRef
  readonly currency?: CurrencyCode
  /** Statements are for days of the 28 following this one (default 2026-02-01). */
  readonly from?: LocalDate
  readonly labels?: ReadonlyArray<string>
  /** At most this many daily statements (default 6, at least 1). */
  readonly maxStatements?: number
  /** Whether some statements close on a deliberately wrong balance (default false). */
  readonly offBalances?: boolean
}

/**
 * Daily statements on distinct days, chained (each opens on the previous closing, as printed), with
 * identical same-day twins and, on request, closing balances that are off by a non-zero amount.
 */
export const fileFeedArb = (options: FileFeedArbOptions = {}): fc.Arbitrary<FileFeed> => {
  const account = options.account ?? FEED_ACCOUNT
  const currency = options.currency ?? EUR
  const from = options.from ?? localDate('2026-02-01')
  const most = Math.max(1, options.maxStatements ?? 6)
  // One static arbitrary of the largest shape, cut to the days drawn: building arbitraries per value
  // (with `chain`) costs milliseconds a run.
  const line = fc.tuple(
    movementArb({ currency, ...(options.labels === undefined ? {} : { labels: options.labels }) }),
    fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  )
  return fc
    .record({
      offsets: fc.uniqueArray(fc.integer({ min: 1, max: 28 }), { minLength: 1, maxLength: most }),
      opening: moneyArb({ currency }),
      drafts: fc.array(fc.array(line, { maxLength: 6 }), { minLength: most, maxLength: most }),
      errors: fc.array(
        options.offBalances === true
          ? fc.option(nonZeroOffsetArb(currency), { nil: null, freq: 2 })
          : fc.constant(null),
        { minLength: most, maxLength: most },
      ),
    })
    .map(({ offsets, opening, drafts, errors }) => {
      const days = [...offsets].sort((a, b) => a - b).map((n) => plusDays(from, n))
      const lines = days.map((day, i) =>
        (drafts[i] ?? []).flatMap(([m, twin]) => {
          const dated: Movement = { ...m, bookingDate: day, valueDate: m.valueDate === null ? null : day }
          return twin ? [dated, dated] : [dated]
        }),
      )
      return { days, opening, lines, offsets: errors }
    })
    .map(({ days, opening, lines, offsets }) => {
      const statements: BankStatement[] = []
      const offStatements: number[] = []
      let balance = opening
      days.forEach((day, i) => {
        const movements = lines[i] ?? []
        const computed = closingOf(balance, movements)
        const offset = offsets[i] ?? null
        if (offset !== null) offStatements.push(i)
        const closing = offset === null ? computed : { amount: computed.amount.plus(offset.amount), currency }
        statements.push({
          currency,
          openingBalance: { date: days[i - 1] ?? plusDays(day, -1), amount: balance },
          closingBalance: { date: day, amount: closing },
          movements,
        })
        // The next statement opens on the balance the bank printed, right or wrong.
        balance = closing
      })
      return {
        items: statements.map((statement): FeedItem => ({ _tag: 'Statement', account, statement })),
        statements,
        offStatements,
        real: statements.flatMap((s) => s.movements),
      }
    })
}
