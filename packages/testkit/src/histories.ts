import fc from 'fast-check'
import { EUR, localDate } from '@bankfeed/core'
import { moneyFromMinorUnits } from '@bankfeed/core/domain'
import type { AccountRef, BankStatement, CurrencyCode, FeedItem, LocalDate, Movement } from '@bankfeed/core'
import { plusDays } from './calendar.js'
import { FEED_ACCOUNT } from './feeds.js'
import { BANK_LABELS } from './movements.js'
import { closingOf } from './statements.js'

/** Options shared by the history arbitraries. */
export interface HistoryArbOptions {
  readonly account?: AccountRef
  readonly currency?: CurrencyCode
  /** Days are drawn among the 28 following this one (default 2026-02-01). */
  readonly from?: LocalDate
  readonly labels?: ReadonlyArray<string>
  /** At most this many days with movements (default 5). */
  readonly maxDays?: number
  /** At most this many distinct lines a day (default 5); twins and repeats come on top. */
  readonly maxLinesPerDay?: number
}

const line = (date: LocalDate, label: string, units: bigint, currency: CurrencyCode): Movement => ({
  providerId: null,
  status: 'booked',
  bookingDate: date,
  valueDate: date,
  amount: moneyFromMinorUnits(units, currency),
  label,
  reference: null,
  counterpartyName: null,
  interbankCode: null,
  details: [],
})

/** A day's lines as drafted: label, amount, whether an identical line follows, or one later in the day. */
const draftArb = (labels: number) =>
  fc.record({
    label: fc.nat({ max: labels - 1 }),
    // Never zero: a zero line does not move the balance, so no chain point can tell which side of a
    // cut it is on; ingestion places it by content, and the laws would test a coin toss.
    units: fc.bigInt({ min: -500_000n, max: 500_000n }).filter((u) => u !== 0n),
    // About one line in five has an identical twin next to it, one in five a repeat later that day.
    twin: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    repeat: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  })

/** The lines of an account, day by day, in the order the bank books them. */
const daysArb = (options: HistoryArbOptions) => {
  const currency = options.currency ?? EUR
  const from = options.from ?? localDate('2026-02-01')
  const labels = options.labels ?? BANK_LABELS
  const maxDays = Math.max(1, options.maxDays ?? 5)
  return fc
    .record({
      offsets: fc.uniqueArray(fc.integer({ min: 1, max: 28 }), { minLength: 1, maxLength: maxDays }),
      days: fc.array(fc.array(draftArb(labels.length), { maxLength: options.maxLinesPerDay ?? 5 }), {
        minLength: maxDays,
        maxLength: maxDays,
      }),
      opening: fc.bigInt({ min: -10_000_000n, max: 10_000_000n }),
    })
    .map(({ offsets, days, opening }) => {
      const dates = [...offsets].sort((a, b) => a - b).map((n) => plusDays(from, n))
      const lines = dates.flatMap((date, i) => {
        const drafts = days[i] ?? []
        const made = drafts.flatMap((d) => {
          const m = line(date, labels[d.label] as string, d.units, currency)
          return d.twin ? [m, m] : [m]
        })
        // The same payment again later that day: in another part of the day once the day is cut.
        const repeats = drafts.flatMap((d) =>
          d.repeat ? [line(date, labels[d.label] as string, d.units, currency)] : [],
        )
        return [...made, ...repeats]
      })
      return {
        lines,
        opening: moneyFromMinorUnits(opening, currency),
        // At least one offset is drawn: `from` is never taken.
        firstOpening: plusDays(dates[0] ?? from, -1),
      }
    })
}

/** The options with their defaults: the feeds' account, euros, February 2026, French bank labels. */
const withDefaults = (options: HistoryArbOptions) => ({
  account: options.account ?? FEED_ACCOUNT,
  currency: options.currency ?? EUR,
  from: options.from ?? localDate('2026-02-01'),
  labels: options.labels ?? BANK_LABELS,
})

/** A non-zero amount in minor units, as the API histories draw them. */
const nonZeroUnitsArb = fc.bigInt({ min: -500_000n, max: 500_000n }).filter((u) => u !== 0n)

/** Up to `most` distinct non-zero amounts in minor units: which copy matches which is never in doubt. */
const distinctAmountsArb = (most: number): fc.Arbitrary<bigint[]> =>
  fc.uniqueArray(nonZeroUnitsArb, { minLength: 1, maxLength: most })

/** A statement of consecutive lines, opening where the previous one closed. */
const statementOf = (
  currency: CurrencyCode,
  opening: { readonly date: LocalDate; readonly amount: BankStatement['openingBalance']['amount'] },
  movements: ReadonlyArray<Movement>,
): BankStatement => ({
  currency,
  openingBalance: opening,
  closingBalance: {
    date: movements.length === 0 ? opening.date : (movements[movements.length - 1] as Movement).bookingDate,
    amount: closingOf(opening.amount, movements),
  },
  movements,
})

/** True when a statement opens and closes on one point: its own re-delivery, to anyone. */
const opensWhereItCloses = (s: BankStatement): boolean =>
  s.openingBalance.date === s.closingBalance.date &&
  s.openingBalance.amount.amount.equals(s.closingBalance.amount.amount)

/** An account's statements as a file connection delivers them, and what really happened. */
export interface StatementHistory {
  /** The statements cut from the account's lines, in chain order, each once. */
  readonly chain: ReadonlyArray<BankStatement>
  /** What is delivered, batch by batch: every statement of the chain at least once, in any order, with re-cuts. */
  readonly batches: ReadonlyArray<ReadonlyArray<FeedItem>>
  /** Every line, each once, twins and same-day repeats included. */
  readonly real: ReadonlyArray<Movement>
}

/**
 * The lines of an account cut into chained statements at any place — between days, several days in
 * one, a day in several parts (so a part may repeat a line of an earlier part: a second real payment)
 * — then delivered in any order, in batches, some of them twice, with re-cuts: statements that merge
 * consecutive ones (a full day after its parts, a week after its days, a file that re-sends the
 * previous days and adds some). Ingested, it must leave exactly `real` in the ledger and prove.
 */
export const statementHistoryArb = (options: HistoryArbOptions = {}): fc.Arbitrary<StatementHistory> => {
  const account = options.account ?? FEED_ACCOUNT
  const currency = options.currency ?? EUR
  return daysArb(options)
    .chain(({ lines, opening, firstOpening }) =>
      fc.record({
        lines: fc.constant(lines),
        opening: fc.constant(opening),
        firstOpening: fc.constant(firstOpening),
        cuts: fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, lines.length - 1) }), { maxLength: 8 }),
        recuts: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
        repeats: fc.array(fc.nat(), { maxLength: 3 }),
        order: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
        batchCuts: fc.uniqueArray(fc.integer({ min: 1, max: 15 }), { maxLength: 4 }),
      }),
    )
    .map(({ lines, opening, firstOpening, cuts, recuts, repeats, order, batchCuts }) => {
      const points = [0, ...[...cuts].filter((c) => c < lines.length).sort((a, b) => a - b), lines.length]
      // Pieces end where no piece ended before: a day's path that comes back to a point where a
      // piece ended (its lines since adding up to zero, a payment and its refund) makes a loop in
      // the chain that no one can place, by nature; no bank cuts there, so neither do we.
      const keyOf = (b: {
        readonly date: LocalDate
        readonly amount: BankStatement['openingBalance']['amount']
      }) => `${b.date}|${b.amount.amount.toFixed()}`
      const chain: BankStatement[] = []
      const ends = new Set([keyOf({ date: firstOpening, amount: opening })])
      let balance = { date: firstOpening, amount: opening }
      let from = 0
      for (let i = 1; i < points.length; i++) {
        const s = statementOf(currency, balance, lines.slice(from, points[i]))
        if (i < points.length - 1 && s.movements.length > 0 && ends.has(keyOf(s.closingBalance))) continue
        chain.push(s)
        ends.add(keyOf(s.closingBalance))
        balance = s.closingBalance
        from = points[i] as number
      }
      // The last piece may still close on an earlier end: it joins the pieces before, back to one.
      while (chain.length > 1) {
        const last = chain[chain.length - 1] as BankStatement
        // Every boundary so far is some piece's opening, its own included.
        if (!chain.some((c) => keyOf(c.openingBalance) === keyOf(last.closingBalance))) break
        const before = chain[chain.length - 2] as BankStatement
        chain.splice(
          -2,
          2,
          statementOf(currency, before.openingBalance, [...before.movements, ...last.movements]),
        )
      }
      const merged = recuts.flatMap(([a, b]) => {
        const i = Math.min(a % chain.length, b % chain.length)
        const j = Math.max(a % chain.length, b % chain.length)
        const parts = chain.slice(i, j + 1)
        const s = statementOf(
          currency,
          (parts[0] as BankStatement).openingBalance,
          parts.flatMap((p) => p.movements),
        )
        return opensWhereItCloses(s) && s.movements.length > 0 && j > i ? [] : [s]
      })
      const again = repeats.map((r) => chain[r % chain.length] as BankStatement)
      const delivered = [...chain, ...merged, ...again]
        .map((s, i) => ({ s, k: order[i % order.length] ?? 0, i }))
        .sort((a, b) => a.k - b.k || a.i - b.i)
        .map(({ s }): FeedItem => ({ _tag: 'Statement', account, statement: s }))
      const at = [0, ...[...batchCuts].filter((c) => c < delivered.length).sort((a, b) => a - b)]
      const batches = at.map((p, i) => delivered.slice(p, at[i + 1] ?? delivered.length))
      return { chain, batches, real: lines }
    })
}

/**
 * A pending movement first sent with one amount and later deleted and sent again under its id with
 * the other (two distinct non-zero amounts, old first), its booked copy a day after at most, and a
 * booked movement of the old amount up to two days from it (within the laws' narrowest window).
 */
const pendingResentArb = (labels: number) =>
  fc.record({
    units: fc.tuple(nonZeroUnitsArb, nonZeroUnitsArb).filter(([oldUnits, newUnits]) => oldUnits !== newUnits),
    day: fc.integer({ min: 2, max: 26 }),
    label: fc.nat({ max: labels - 1 }),
    oldLabel: fc.nat({ max: labels - 1 }),
    bookedGap: fc.integer({ min: 0, max: 1 }),
    oldGap: fc.integer({ min: -1, max: 2 }),
    batch: fc.integer({ min: 0, max: 2 }),
    after: fc.integer({ min: 1, max: 2 }),
  })

/** An API connection's history over several batches, with and without deletions and re-creations. */
export interface RecreateHistory {
  /** The batches as the provider sends them, deletions and re-creations under new ids included. */
  readonly batches: ReadonlyArray<ReadonlyArray<FeedItem>>
  /**
   * The same history without the deletions and re-creations: a pending movement sent again with
   * another amount is sent once, with that amount, where it first came.
   */
  readonly plain: ReadonlyArray<ReadonlyArray<FeedItem>>
  /** The booked movements, each once. */
  readonly real: ReadonlyArray<Movement>
}

/**
 * Booked movements with provider ids, delivered over several batches; in later batches the provider
 * deletes some that it already delivered (and that were booked into the journal) and re-creates
 * them under a new id — in the same batch, deletion first or last, or deletion in one batch and the
 * re-creation in the next (Bridge does this from day to day). Amounts are unique, so which deletion a
 * re-creation stands for is never a matter of taste. About one history in two also holds a pending
 * movement the provider deletes in a later batch and sends again under the same id with another
 * amount; the same batch brings its booked copy and then a booked movement of the old amount a few
 * days from it, which is a movement of its own: the deleted pending must not be claimed by it.
 * Synced batch by batch with entries, it must give the same journal as `plain`, the same movements,
 * and each pending claimed by the same booked movement.
 */
export const recreateHistoryArb = (options: HistoryArbOptions = {}): fc.Arbitrary<RecreateHistory> => {
  const { account, currency, from, labels } = withDefaults(options)
  return fc
    .record({
      amounts: distinctAmountsArb(12),
      days: fc.array(fc.integer({ min: 1, max: 28 }), { minLength: 12, maxLength: 12 }),
      labels: fc.array(fc.nat({ max: labels.length - 1 }), { minLength: 12, maxLength: 12 }),
      batchOf: fc.array(fc.nat({ max: 3 }), { minLength: 12, maxLength: 12 }),
      // Per movement: not touched, or deleted and re-created in one of three ways, some batches later.
      recreate: fc.array(
        fc.record({
          how: fc.constantFrom('none', 'none', 'deleteFirst', 'createFirst', 'nextBatch'),
          after: fc.integer({ min: 1, max: 2 }),
        }),
        { minLength: 12, maxLength: 12 },
      ),
      pendingResent: fc.option(pendingResentArb(labels.length), { freq: 2 }),
    })
    .filter(({ amounts, pendingResent }) => {
      // The pending's amounts are also booked movements' only by a one-in-a-million draw: then a
      // booked movement could take either for its twin, a matter of taste the law would test.
      return pendingResent === null || !pendingResent.units.some((u) => amounts.includes(u))
    })
    .map(({ amounts, days, labels: labelIdx, batchOf, recreate, pendingResent }) => {
      const real = amounts.map((units, i) => ({
        ...line(plusDays(from, days[i] ?? 1), labels[labelIdx[i] ?? 0] as string, units, currency),
        providerId: `t${i}`,
      }))
      const count = 7
      const plain: FeedItem[][] = Array.from({ length: count }, () => [])
      const batches: FeedItem[][] = Array.from({ length: count }, () => [])
      const item = (movement: Movement): FeedItem => ({ _tag: 'Movement', account, movement })
      real.forEach((m, i) => {
        const b = batchOf[i] ?? 0
        plain[b]?.push(item(m))
        batches[b]?.push(item(m))
        const r = recreate[i] ?? { how: 'none', after: 1 }
        const later = b + r.after
        const deletion: FeedItem = { _tag: 'Deleted', account, providerId: m.providerId as string }
        const again = item({ ...m, providerId: `${m.providerId as string}r` })
        if (r.how === 'deleteFirst') batches[later]?.push(deletion, again)
        else if (r.how === 'createFirst') batches[later]?.push(again, deletion)
        else if (r.how === 'nextBatch') {
          batches[later]?.push(deletion)
          batches[later + 1]?.push(again)
        }
      })
      if (pendingResent === null) return { batches, plain, real }
      const p = pendingResent
      const [oldUnits, newUnits] = p.units
      const date = plusDays(from, p.day)
      const label = labels[p.label] as string
      // Sent again under its own id with another amount (a card payment's final amount): `plain`
      // has only this one, where the first came.
      const resent: Movement = {
        ...line(date, label, newUnits, currency),
        providerId: 'q0',
        status: 'pending',
      }
      const first: Movement = { ...resent, amount: moneyFromMinorUnits(oldUnits, currency) }
      const bookedOn = plusDays(date, p.bookedGap)
      // The booked copy comes under an id of its own, as the API books it: it claims its pending by amount.
      const booked: Movement = {
        ...resent,
        providerId: 'q0b',
        status: 'booked',
        bookingDate: bookedOn,
        valueDate: bookedOn,
      }
      // The old amount again, booked within the pending window of the deleted pending's day: another
      // movement, which that pending must not come back from the stored ledger to claim.
      const oldAmount: Movement = {
        ...line(plusDays(date, p.oldGap), labels[p.oldLabel] as string, oldUnits, currency),
        providerId: 'q1',
      }
      const later = p.batch + p.after
      plain[p.batch]?.push(item(resent))
      plain[later]?.push(item(booked), item(oldAmount))
      batches[p.batch]?.push(item(first))
      // After the batch's other movements: a booked one among them (most batches have one) reads
      // the ledger's pending copies before the deletion, the order in which core's defect showed.
      batches[later]?.push(
        { _tag: 'Deleted', account, providerId: 'q0' },
        item(resent),
        item(booked),
        item(oldAmount),
      )
      return { batches, plain, real: [...real, booked, oldAmount] }
    })
}

/** One account fed by two connections that see the same movements: an API and statement files. */
export interface MixedSourcesHistory {
  /** Batches in delivery order, each from one of the two connections. */
  readonly batches: ReadonlyArray<{
    readonly connection: 'api' | 'files'
    readonly items: ReadonlyArray<FeedItem>
  }>
  /** The booked movements, each once (what either connection alone delivers). */
  readonly real: ReadonlyArray<Movement>
}

/**
 * The same movements delivered by an API connection (with ids, some first as pending copies, labels
 * as the API writes them, dates a day off at times) and by daily statement files, batch by batch, the
 * two interleaved in any order. Amounts are unique but for identical same-day twins, which either
 * connection delivers twice. Ingested, every real movement must be counted once.
 */
export const mixedSourcesArb = (options: HistoryArbOptions = {}): fc.Arbitrary<MixedSourcesHistory> => {
  const { account, currency, from, labels } = withDefaults(options)
  return fc
    .record({
      amounts: distinctAmountsArb(10),
      drafts: fc.array(
        fc.record({
          day: fc.integer({ min: 1, max: 20 }),
          label: fc.nat({ max: labels.length - 1 }),
          twin: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
          pending: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
          apiDayShift: fc.constantFrom(0, 0, 0, 1),
          apiLabel: fc.constantFrom('same', 'prefixed'),
        }),
        { minLength: 10, maxLength: 10 },
      ),
      opening: fc.bigInt({ min: -10_000_000n, max: 10_000_000n }),
      apiBatchOf: fc.array(fc.nat({ max: 2 }), { minLength: 30, maxLength: 30 }),
      fileBatchOf: fc.array(fc.nat({ max: 2 }), { minLength: 21, maxLength: 21 }),
      order: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
    })
    .map(({ amounts, drafts, opening, apiBatchOf, fileBatchOf, order }) => {
      const real: Movement[] = []
      const api: Movement[] = []
      amounts.forEach((units, i) => {
        const d = drafts[i] as (typeof drafts)[number]
        const m = line(plusDays(from, d.day), labels[d.label] as string, units, currency)
        const copies = d.twin ? [m, m] : [m]
        copies.forEach((c, k) => {
          real.push(c)
          const apiCopy: Movement = {
            ...c,
            providerId: `t${i}-${k}`,
            bookingDate: plusDays(c.bookingDate, d.apiDayShift),
            label: d.apiLabel === 'same' ? c.label : `PAIEMENT ${c.label}`,
          }
          // A pending copy first, a day before, where the amount is unique (no twin to choose from).
          if (d.pending && !d.twin)
            api.push({
              ...apiCopy,
              providerId: `p${i}`,
              status: 'pending',
              bookingDate: plusDays(apiCopy.bookingDate, -1),
            })
          api.push(apiCopy)
        })
      })
      // Daily statement files, chained, one per day with movements.
      const byDay = new Map<LocalDate, Movement[]>()
      for (const m of [...real].sort((a, b) => a.bookingDate.localeCompare(b.bookingDate)))
        byDay.set(m.bookingDate, [...(byDay.get(m.bookingDate) ?? []), m])
      const statements: BankStatement[] = []
      let balance = { date: plusDays(from, 0), amount: moneyFromMinorUnits(opening, currency) }
      for (const [, movements] of byDay) {
        const s = statementOf(currency, balance, movements)
        statements.push(s)
        balance = s.closingBalance
      }
      const apiBatches: FeedItem[][] = [[], [], []]
      api.forEach((m, i) =>
        apiBatches[apiBatchOf[i % apiBatchOf.length] ?? 0]?.push({ _tag: 'Movement', account, movement: m }),
      )
      const fileBatches: FeedItem[][] = [[], [], []]
      statements.forEach((s, i) =>
        fileBatches[fileBatchOf[i % fileBatchOf.length] ?? 0]?.push({
          _tag: 'Statement',
          account,
          statement: s,
        }),
      )
      const batches = [
        ...apiBatches.map((items) => ({ connection: 'api' as const, items })),
        ...fileBatches.map((items) => ({ connection: 'files' as const, items })),
      ]
        .map((b, i) => ({ b, k: order[i] ?? 0, i }))
        .sort((x, y) => x.k - y.k || x.i - y.i)
        .map(({ b }) => b)
        .filter((b) => b.items.length > 0)
      return { batches, real }
    })
}
