import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import {
  Dec,
  activeMovements,
  applyLedgerChanges,
  checkFec,
  compileCounterpartRules,
  defaultIngestionSettings,
  emptyLedger,
  generateEntries,
  ingest,
  toFec,
  validateEntries,
} from '@bankfeed/core'
import type {
  AccountLedger,
  AccountRef,
  BankStatement,
  CurrencyCode,
  Dossier,
  FeedItem,
  LocalDate,
  Movement,
} from '@bankfeed/core'
import { dossierArb, euroArb, localDateArb } from '../src/index.js'

const EUR = 'EUR' as CurrencyCode
const ref: AccountRef = {
  iban: null,
  bankCode: '30004',
  branchCode: '00828',
  accountNumber: '00010512345',
  currency: 'EUR',
  providerAccountId: null,
  name: null,
}
const api = { protocol: 'dsp2', connectionId: 'api' }
const files = { protocol: 'cfonb', connectionId: 'files' }
const empty = (): AccountLedger => emptyLedger('D', 'ba1', EUR)
const settings = defaultIngestionSettings(null)

const labelArb = fc.constantFrom(
  'CB BOULANGERIE',
  'PRLV SEPA EDF',
  'VIR CLIENT A',
  'FRAIS TENUE COMPTE',
  'CHQ 1234',
)
const dateArb = localDateArb({ min: '2026-01-01' as LocalDate, max: '2026-01-20' as LocalDate })
const movementArb = fc
  .record({ bookingDate: dateArb, amount: euroArb(), label: labelArb })
  .map((m): Movement => ({
    ...m,
    providerId: null,
    status: 'booked',
    valueDate: null,
    reference: null,
    counterpartyName: null,
    interbankCode: null,
    details: [],
  }))

/** Real movements with unique provider ids; some pairs are identical twins except for their id. */
const apiMovementsArb = fc.array(fc.tuple(movementArb, fc.boolean()), { maxLength: 25 }).map((pairs) =>
  pairs.flatMap(([m, twin], i) =>
    twin
      ? [
          { ...m, providerId: `t${i}a` },
          { ...m, providerId: `t${i}b` },
        ]
      : [{ ...m, providerId: `t${i}` }],
  ),
)

const items = (ms: ReadonlyArray<Movement>): FeedItem[] =>
  ms.map((movement) => ({ _tag: 'Movement', account: ref, movement }))

const ingestAll = (
  batches: ReadonlyArray<ReadonlyArray<FeedItem>>,
  source = api,
  start = empty(),
): AccountLedger =>
  batches.reduce(
    (ledger, batch) => applyLedgerChanges(ledger, ingest(ledger, source, batch, settings).changes),
    start,
  )

const fingerprint = (l: AccountLedger): string[] =>
  activeMovements(l)
    .map((m) => `${m.id}|${m.bookingDate}|${m.amount.amount.toFixed()}|${m.label}`)
    .sort()

/** Splits a list into consecutive chunks at the given cut points, then reorders the chunks. */
const splitArb = <T>(xs: ReadonlyArray<T>): fc.Arbitrary<T[][]> =>
  fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, xs.length - 1) }), { maxLength: 4 }),
      fc.nat(),
    )
    .map(([cuts, seed]) => {
      const points = [0, ...[...cuts].sort((a, b) => a - b).filter((c) => c < xs.length), xs.length]
      const chunks = points.slice(1).map((p, i) => xs.slice(points[i], p))
      // A deterministic shuffle driven by the generated seed.
      return chunks
        .map((c, i) => ({ c, k: (seed * (i + 7)) % 101 }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.c)
    })

/** Daily statements (distinct days), each balanced, some lines repeated within a day. */
const statementsArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 28 }), { minLength: 1, maxLength: 6 })
  .chain((days) =>
    fc.tuple(
      ...days.map((d) =>
        fc.array(fc.tuple(euroArb(), labelArb, fc.boolean()), { maxLength: 6 }).map((lines) => {
          const date = `2026-02-${String(d).padStart(2, '0')}` as LocalDate
          const movements: Movement[] = lines.flatMap(([amount, label, twin]) => {
            const m: Movement = {
              providerId: null,
              status: 'booked',
              bookingDate: date,
              valueDate: null,
              amount,
              label,
              reference: null,
              counterpartyName: null,
              interbankCode: null,
              details: [],
            }
            return twin ? [m, m] : [m]
          })
          const total = movements.reduce((acc, m) => acc.plus(m.amount.amount), new Dec(0))
          const s: BankStatement = {
            currency: EUR,
            openingBalance: { date, amount: { amount: new Dec(0), currency: EUR } },
            closingBalance: { date, amount: { amount: total, currency: EUR } },
            movements,
          }
          return s
        }),
      ),
    ),
  )

describe('reconciliation laws: API movements with ids', () => {
  test.prop([apiMovementsArb])('ingesting a batch twice changes nothing', (ms) => {
    const once = ingestAll([items(ms)])
    const r = ingest(once, api, items(ms), settings)
    expect(r.changes).toEqual({
      added: [],
      updated: [],
      removed: [],
      statements: [],
      balances: [],
      entries: [],
    })
  })

  test.prop([apiMovementsArb.chain((ms) => fc.tuple(fc.constant(ms), splitArb(items(ms))))])(
    'any split of a batch, in any order, gives the same ledger',
    ([ms, chunks]) => {
      expect(fingerprint(ingestAll(chunks))).toEqual(fingerprint(ingestAll([items(ms)])))
    },
  )

  test.prop([apiMovementsArb, fc.array(fc.nat(), { maxLength: 10 })])(
    'no real movement is lost or doubled, identical twins included, whatever is re-delivered',
    (ms, repeats) => {
      const redelivered = repeats.flatMap((r) => (ms.length === 0 ? [] : [ms[r % ms.length] as Movement]))
      const ledger = ingestAll([items(ms), items(redelivered)])
      expect(
        activeMovements(ledger)
          .map((m) => m.providerId)
          .sort(),
      ).toEqual(ms.map((m) => m.providerId).sort())
    },
  )
})

describe('reconciliation laws: statements without ids', () => {
  const st = (s: BankStatement): FeedItem => ({ _tag: 'Statement', account: ref, statement: s })

  test.prop([statementsArb])('re-delivering statements changes nothing', (ss) => {
    const once = ingestAll([ss.map(st)], files)
    expect(ingest(once, files, ss.map(st), settings).changes.added).toEqual([])
  })

  test.prop([
    statementsArb.chain((ss) =>
      fc.tuple(fc.constant(ss), splitArb(ss.map(st)), fc.array(fc.nat(), { maxLength: 4 })),
    ),
  ])(
    'any split and re-delivery keeps every line exactly once, identical twins included',
    ([ss, chunks, repeats]) => {
      const again = repeats.map((r) => st(ss[r % ss.length] as BankStatement))
      const ledger = ingestAll([...chunks, again], files)
      const expected = ss
        .flatMap((s) => s.movements.map((m) => `${m.bookingDate}|${m.amount.amount.toFixed()}|${m.label}`))
        .sort()
      expect(
        activeMovements(ledger)
          .map((m) => `${m.bookingDate}|${m.amount.amount.toFixed()}|${m.label}`)
          .sort(),
      ).toEqual(expected)
    },
  )
})

describe('entry laws', () => {
  const today = '2026-03-15' as LocalDate
  const withFeed = (d: Dossier, mode: 'footer' | 'perLine'): Dossier => ({
    ...d,
    // The generated dossier's current year may start after January: book in an open year that holds the movements.
    fiscalYears: [{ start: '2026-01-01' as LocalDate, end: '2026-12-31' as LocalDate, closed: false }],
    journals: d.journals.map((j) => (j.type === 'bank' ? { ...j, counterpartMode: mode } : j)),
  })

  test.prop([
    dossierArb({ today, maxBankAccounts: 1 }),
    apiMovementsArb,
    fc.constantFrom('footer' as const, 'perLine' as const),
    fc.constantFrom('net' as const, 'receiptsAndPayments' as const),
  ])(
    'every entry balances, the 512 lines sum to the movements, each movement is booked once, the FEC passes its checker',
    (generated, ms, mode, footerStyle) => {
      const dossier = withFeed(generated, mode)
      const ledger = ingestAll([items(ms)])
      const rules = compileCounterpartRules(
        [{ id: 'fees', when: { labelContains: ['frais'] }, account: '627800' }],
        '471000',
      )
      if (rules._tag === 'Left') throw new Error('rules')
      const r = generateEntries(
        dossier,
        { ...ledger, dossierCode: dossier.code, bankAccountId: 'ba1' },
        { rules: rules.right, footerStyle },
      )
      if (r._tag === 'Left') throw new Error(r.left._tag)
      const gl = dossier.glAccounts.find((g) => g.bankAccountId === 'ba1')?.number
      let bank = new Dec(0)
      for (const e of r.right.entries) {
        const debit = e.lines.reduce((a, l) => a.plus(l.debit), new Dec(0))
        const credit = e.lines.reduce((a, l) => a.plus(l.credit), new Dec(0))
        expect(debit.equals(credit)).toBe(true)
        for (const l of e.lines) {
          expect(l.debit.isZero() || l.credit.isZero()).toBe(true)
          if (l.account === gl) bank = bank.plus(l.debit).minus(l.credit)
        }
      }
      const total = ms.reduce((a, m) => a.plus(m.amount.amount), new Dec(0))
      expect(bank.toFixed()).toBe(total.toFixed())
      const booked = r.right.changes.updated.map((m) => m.id)
      expect(new Set(booked).size).toBe(booked.length)
      expect(booked.length).toBe(ms.filter((m) => !m.amount.amount.isZero()).length)
      // Once validated, the entries make a FEC its own checker accepts.
      if (r.right.entries.length > 0) {
        const fec = toFec(
          validateEntries(r.right.entries, today),
          { ...dossier, siren: '123456782' },
          {
            from: '2026-01-01' as LocalDate,
            to: '2026-12-31' as LocalDate,
            accountLabels: new Map([['627800', 'Frais bancaires']]),
          },
        )
        if (fec._tag === 'Left') throw new Error(JSON.stringify(fec.left))
        expect(checkFec(fec.right.content).issues).toEqual([])
      }
    },
  )
})
