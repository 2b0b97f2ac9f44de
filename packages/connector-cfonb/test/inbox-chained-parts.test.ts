// End to end, as a firm meets it: one account's day delivered by the bank in several CFONB 120 files
// (chained statements), real files in a real temporary inbox, synced by core's `syncConnection`
// into the in-memory ledger store. Files carry no provider ids, so only the statements' balance chain
// tells a second real payment from a line delivered again. Each case is checked against an oracle
// that reads the amounts from the file text itself, not through the parser.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Dec, decodeDossier, makeContext, syncConnection } from '@bankfeed/core'
import { activeMovements, proveBalances } from '@bankfeed/core/reconcile'
import { formatMoneyAmount } from '@bankfeed/core/domain'
import { makeInMemoryLedgerStore } from '@bankfeed/core/memory'
import type { AccountLedger } from '@bankfeed/core/reconcile'
import type { Dossier, SyncDeps, SyncReport, SyncRequest } from '@bankfeed/core'
import { makeCfonbInboxConnector, makeNodeFileSource } from '@bankfeed/connector-cfonb/inbox'
import * as cfonbText from '../src/testing/index.js'
import { dropText, makeTempInbox, noWait, removeInbox } from './inbox-helpers.js'

const NOW = '2026-03-15T08:00:00.000Z'
const KEY = { dossierCode: 'CCH001', bankAccountId: 'ba1' }

// The quickstart's dossier: ba1 is the BNP account 30004 00828 00010512345 (key 43) fed by CFONB,
// entries generated at ingest.
const dossierJson = {
  version: 1,
  code: 'CCH001',
  name: 'Boulangerie Dupont',
  siren: '123456782',
  collaborative: false,
  fiscalYears: [{ start: '2026-01-01', end: '2026-12-31', closed: false }],
  contacts: [],
  bankAccounts: [
    {
      id: 'ba1',
      name: 'BNP Paribas Agence Centre',
      holder: 'Boulangerie Dupont SARL',
      holderComplement: null,
      rib: { bankCode: '30004', branchCode: '00828', accountNumber: '00010512345', key: '43' },
      iban: 'FR7630004008280001051234543',
      bic: 'BNPAFRPP',
      currency: 'EUR',
      attachedContactId: null,
      main: true,
      feed: {
        protocol: 'cfonb',
        startDate: '2026-03-01',
        startDateLocked: true,
        frequency: 'daily',
        autoGenerateEntries: true,
      },
    },
  ],
  glAccounts: [
    { number: '512100', label: 'BNP Paribas', bankAccountId: 'ba1' },
    { number: '471000', label: "Compte d'attente", bankAccountId: null },
  ],
  journals: [
    {
      code: 'BQ1',
      label: 'BNP Paribas',
      type: 'bank',
      counterpartAccount: '512100',
      counterpartMode: 'footer',
    },
  ],
  waitingAccount: '471000',
}

const dossier = (): Dossier => {
  const d = decodeDossier(dossierJson)
  if (d._tag === 'Left') throw new Error('the test dossier does not decode')
  return d.right
}

// --- the files ----------------------------------------------------------------------------------

type Model = cfonbText.ModelStatement
type Line = cfonbText.ModelMovement

const ACCOUNT: cfonbText.ModelAccount = {
  bank: '30004',
  branch: '00828',
  account: '00010512345',
  currency: 'EUR',
  decimals: 2,
}

const march = (day: number): cfonbText.ModelDate => ({ year: 2026, month: 3, day })

/** A `04` line of 2 March (cents as a bigint), every other field fixed. */
const line = (label: string, cents: number, reference = ''): Line => ({
  internalCode: '',
  interbankCode: cents < 0 ? '01' : '05',
  bookingDate: march(2),
  rejectCode: '',
  valueDate: march(2),
  label,
  entryNumber: '',
  flags: '  ',
  units: BigInt(cents),
  reference,
  details: [],
})

// One baker's day, 2 March, that the bank sends in three parts. The card payment at the bakery
// occurs twice, in parts 1 and 3: two real payments, identical to the last character.
const BAKERY = line('CB BOULANGERIE MARTIN', -4250, 'CB0203')
const PART_LINES: ReadonlyArray<ReadonlyArray<Line>> = [
  [BAKERY, line('VIR SEPA CLIENT DURAND', 250000, 'FACT 2026-041')],
  [line('PRLV SEPA EDF', -148037, 'EDF-0302'), line('REMISE CHEQUE 0000123', 31000)],
  [BAKERY, line('FRAIS TENUE DE COMPTE', -1500)],
]
const OPENING_CENTS = BigInt(1250000)

const sumUnits = (lines: ReadonlyArray<Line>): bigint => lines.reduce((t, l) => t + l.units, BigInt(0))

/**
 * The three chained statements: part 1 opens on 1 March's closing, parts 2 and 3 open on 2 March,
 * each on the previous part's closing balance; all close on 2 March.
 */
const parts: ReadonlyArray<Model> = PART_LINES.map((movements, i) => ({
  account: ACCOUNT,
  openingDate: march(i === 0 ? 1 : 2),
  openingUnits: PART_LINES.slice(0, i).reduce((t, ls) => t + sumUnits(ls), OPENING_CENTS),
  closingDate: march(2),
  movements,
}))

/** The same day re-sent as one statement with all its lines, after its parts. */
const wholeDay: Model = {
  account: ACCOUNT,
  openingDate: march(1),
  openingUnits: OPENING_CENTS,
  closingDate: march(2),
  movements: PART_LINES.flat(),
}

/** A file's text: its records, one a line, CRLF as banks send them. */
const fileText = (statements: ReadonlyArray<Model>): string =>
  `${cfonbText.writeRecords(statements).join('\r\n')}\r\n`

// --- the oracle: the file text read by hand ------------------------------------------------------

/** Signed minor units of a 14-character overpunched amount (last character carries sign and digit). */
const readAmount = (field: string): bigint => {
  const last = field.charAt(13)
  const positive = '{ABCDEFGHI'.indexOf(last)
  const negative = '}JKLMNOPQR'.indexOf(last)
  const digit = positive >= 0 ? positive : negative
  if (digit < 0) throw new Error(`oracle: bad overpunch ${last}`)
  const units = BigInt(`${field.slice(0, 13)}${digit}`)
  return negative >= 0 ? -units : units
}

/** What the text of files says, read record by record at the CFONB 120 positions. */
interface TextFigures {
  /** Each `04`'s amount, in the files' order, as decimal text with the record's decimals. */
  readonly lines: ReadonlyArray<string>
  /** Σ of the `04` amounts. */
  readonly total: Dec
  /** The first `01`'s balance, and the last `07`'s balance and date (DDMMYY). */
  readonly firstOpening: Dec
  readonly lastClosing: Dec
  readonly lastClosingDate: string
}

const oracle = (texts: ReadonlyArray<string>): TextFigures => {
  const records = texts.flatMap((t) => t.split(/\r?\n/)).filter((r) => r.length > 0)
  const decimal = (r: string): Dec => {
    // Position 20 (1-based) holds the number of decimals; the amount sits at 91–104.
    const decimals = Number(r.charAt(19))
    return new Dec(readAmount(r.slice(90, 104)).toString()).dividedBy(new Dec(10).pow(decimals))
  }
  const amounts = records.filter((r) => r.startsWith('04')).map(decimal)
  const openings = records.filter((r) => r.startsWith('01'))
  const closings = records.filter((r) => r.startsWith('07'))
  const first = openings[0]
  const last = closings[closings.length - 1]
  if (first === undefined || last === undefined) throw new Error('oracle: no 01 or 07 record')
  return {
    lines: amounts.map((a) => a.toFixed(2)),
    total: amounts.reduce((t, a) => t.plus(a), new Dec(0)),
    firstOpening: decimal(first),
    lastClosing: decimal(last),
    lastClosingDate: last.slice(34, 40),
  }
}

// --- the sync -----------------------------------------------------------------------------------

let inbox: string
beforeEach(async () => {
  inbox = await makeTempInbox()
})
afterEach(async () => {
  await removeInbox(inbox)
})

interface Harness {
  readonly sync: () => Promise<SyncReport>
  readonly ledger: () => AccountLedger
}

const harness = (): Harness => {
  const store = makeInMemoryLedgerStore()
  const warnings: string[] = []
  const deps: SyncDeps = {
    connector: makeCfonbInboxConnector({
      source: makeNodeFileSource(inbox),
      context: makeContext({ clock: { now: () => NOW } }),
      wait: noWait,
    }),
    store,
    clock: { now: () => NOW },
    events: { publish: () => () => Promise.resolve({ _tag: 'Right', right: undefined }) },
    logger: { debug: () => {}, info: () => {}, warn: (m) => warnings.push(m), error: () => {} },
  }
  const request: SyncRequest = {
    connection: { id: 'inbox-1', protocol: 'cfonb' },
    dossiers: [dossier()],
    accounts: [KEY],
  }
  return {
    sync: async () => {
      const r = await syncConnection(deps, request)()
      if (r._tag === 'Left') throw new Error(`sync failed: ${r.left._tag}`)
      expect(r.right.notices).toEqual([])
      expect(r.right.unmatched).toEqual([])
      expect(warnings).toEqual([])
      return r.right
    },
    ledger: () => store.ledger(KEY) ?? expect.fail('no ledger'),
  }
}

const tags = (report: SyncReport): string[] => (report.accounts[0]?.decisions ?? []).map((d) => d._tag)

/** The active movements as readable lines, sorted (the ledger keeps arrival order). */
const bookedLines = (ledger: AccountLedger): string[] =>
  activeMovements(ledger)
    .map((m) => `${m.bookingDate} ${formatMoneyAmount(m.amount)} ${m.label} ${m.reference ?? ''}`)
    .sort()

/** Σ of the active movements. */
const ledgerTotal = (ledger: AccountLedger): Dec =>
  activeMovements(ledger).reduce((t, m) => t.plus(m.amount.amount), new Dec(0))

/** What the journal says of the bank account 512100: debit minus credit. */
const journalTotal = (ledger: AccountLedger): Dec =>
  ledger.entries
    .flatMap((e) => e.lines)
    .filter((l) => l.account === '512100')
    .reduce((t, l) => t.plus(l.debit).minus(l.credit), new Dec(0))

/** The closing balances of the held statements that close on the latest day, comma-separated. */
const lastClosing = (ledger: AccountLedger): string => {
  const closings = ledger.statements.map((s) => s.statement.closingBalance)
  const lastDay = closings
    .map((c) => c.date)
    .sort()
    .at(-1)
  return closings
    .filter((c) => c.date === lastDay)
    .map((c) => formatMoneyAmount(c.amount))
    .join(',')
}

/**
 * The checks every case ends with: the ledger holds one movement per line of the oracle's files,
 * its total and the journal's are the files' total, the statements close where the files' text
 * closes (first opening + Σ lines), and the balance proofs find nothing.
 */
const expectLedgerMatches = (ledger: AccountLedger, figures: TextFigures): void => {
  expect(
    activeMovements(ledger)
      .map((m) => m.amount.amount.toFixed(2))
      .sort(),
  ).toEqual([...figures.lines].sort())
  expect(ledgerTotal(ledger).toFixed(2)).toBe(figures.total.toFixed(2))
  expect(journalTotal(ledger).toFixed(2)).toBe(figures.total.toFixed(2))
  expect(figures.firstOpening.plus(figures.total).toFixed(2)).toBe(figures.lastClosing.toFixed(2))
  expect(figures.lastClosingDate).toBe('020326')
  expect(lastClosing(ledger).split(',')).toContain(figures.lastClosing.toFixed(2))
  const proofs = proveBalances(ledger)
  expect(proofs.issues).toEqual([])
  expect(proofs.statementsBalanced).toBe(ledger.statements.length)
  expect(proofs.ledgerDaysProven).toBeGreaterThan(0)
  expect(ledger.index.awaitingEntry.size).toBe(0)
}

const PART_TEXTS = parts.map((p) => fileText([p]))
const PART_NAMES = ['20260302-1.cfonb', '20260302-2.cfonb', '20260302-3.cfonb']

/** The day's six lines, as the ledger should list them (sorted). */
const DAY_LINES = [
  '2026-03-02 -1480.37 PRLV SEPA EDF EDF-0302',
  '2026-03-02 -15.00 FRAIS TENUE DE COMPTE ',
  '2026-03-02 -42.50 CB BOULANGERIE MARTIN CB0203',
  '2026-03-02 -42.50 CB BOULANGERIE MARTIN CB0203',
  '2026-03-02 2500.00 VIR SEPA CLIENT DURAND FACT 2026-041',
  '2026-03-02 310.00 REMISE CHEQUE 0000123 ',
]

describe('a day delivered in three chained CFONB files', () => {
  it('the files as the oracle reads them: three chained parts, the bakery line twice', () => {
    const figures = PART_TEXTS.map((t) => oracle([t]))
    // Each 01 opens on the previous 07.
    expect(figures[1]?.firstOpening.toFixed(2)).toBe(figures[0]?.lastClosing.toFixed(2))
    expect(figures[2]?.firstOpening.toFixed(2)).toBe(figures[1]?.lastClosing.toFixed(2))
    expect(PART_TEXTS[1]?.slice(34, 40)).toBe('020326')
    expect(PART_TEXTS[2]?.slice(34, 40)).toBe('020326')
    // The repeated payment: the very same 04 record in parts 1 and 3.
    const bakeryOf = (t: string | undefined): string | undefined =>
      t?.split('\r\n').find((r) => r.includes('BOULANGERIE'))
    expect(bakeryOf(PART_TEXTS[2])).toBe(bakeryOf(PART_TEXTS[0]))
    expect(oracle(PART_TEXTS).lastClosing.toFixed(2)).toBe('13729.63')
  })

  it('(a) in one pull: every line is booked, the repeated payment twice, and the proofs are clean', async () => {
    for (const [i, text] of PART_TEXTS.entries()) await dropText(inbox, PART_NAMES[i] as string, text)
    const h = harness()
    const report = await h.sync()
    expect(tags(report).filter((t) => t === 'New')).toHaveLength(6)
    expect(tags(report).filter((t) => t === 'StatementRecorded')).toHaveLength(3)
    expect(tags(report)).not.toContain('DuplicateContent')
    expect(tags(report)).not.toContain('AlreadyHeld')
    expect(report.accounts[0]?.entriesGenerated).toBeGreaterThan(0)
    const ledger = h.ledger()
    expect(bookedLines(ledger)).toEqual(DAY_LINES)
    expect(ledger.statements).toHaveLength(3)
    expectLedgerMatches(ledger, oracle(PART_TEXTS))

    // Nothing new on the next night.
    const version = ledger.version
    expect(tags(await h.sync())).toEqual([])
    expect(h.ledger().version).toBe(version)
  })

  it('(a) one file per pull, in order: the same ledger', async () => {
    const h = harness()
    for (const [i, text] of PART_TEXTS.entries()) {
      await dropText(inbox, PART_NAMES[i] as string, text)
      const report = await h.sync()
      expect(tags(report).filter((t) => t === 'New')).toHaveLength(2)
    }
    expect(bookedLines(h.ledger())).toEqual(DAY_LINES)
    expectLedgerMatches(h.ledger(), oracle(PART_TEXTS))
  })

  it('(b) one file per pull in the order 3, 1, 2: the same ledger; the gap is reported until part 2 comes', async () => {
    const inOneGo = harness()
    for (const [i, text] of PART_TEXTS.entries()) await dropText(inbox, PART_NAMES[i] as string, text)
    await inOneGo.sync()
    const reference = inOneGo.ledger()
    await removeInbox(inbox)
    inbox = await makeTempInbox()

    const h = harness()
    const news: number[] = []
    for (const i of [2, 0, 1]) {
      await dropText(inbox, PART_NAMES[i] as string, PART_TEXTS[i] as string)
      const report = await h.sync()
      news.push(tags(report).filter((t) => t === 'New').length)
      expect(tags(report)).not.toContain('DuplicateContent')
      expect(tags(report)).not.toContain('AlreadyHeld')
      if (i === 0) {
        // Parts 3 and 1 held, part 2 missing: the chain does not link, and the report says so with
        // the amount part 2 will bring.
        const issues = proveBalances(h.ledger()).issues
        expect(issues.length).toBeGreaterThan(0)
        expect(issues).toContainEqual(expect.objectContaining({ _tag: 'BalanceDiscrepancy', kind: 'chain' }))
        const chain = issues.find((x) => x._tag === 'BalanceDiscrepancy' && x.kind === 'chain')
        expect(chain?._tag === 'BalanceDiscrepancy' ? formatMoneyAmount(chain.difference) : null).toBe(
          '-1170.37',
        )
      }
    }
    expect(news).toEqual([2, 2, 2])
    const ledger = h.ledger()
    expect(bookedLines(ledger)).toEqual(bookedLines(reference))
    expect(bookedLines(ledger)).toEqual(DAY_LINES)
    expect(new Set(ledger.movements.keys())).toEqual(new Set(reference.movements.keys()))
    expect(journalTotal(ledger).toFixed(2)).toBe(journalTotal(reference).toFixed(2))
    expectLedgerMatches(ledger, oracle(PART_TEXTS))
  })

  it('(b) all three in one pull, read in the order 3, 1, 2: the same ledger', async () => {
    const names = ['20260302-a.cfonb', '20260302-b.cfonb', '20260302-c.cfonb']
    for (const [n, i] of [2, 0, 1].entries())
      await dropText(inbox, names[n] as string, PART_TEXTS[i] as string)
    const h = harness()
    const report = await h.sync()
    expect(tags(report).filter((t) => t === 'New')).toHaveLength(6)
    expect(bookedLines(h.ledger())).toEqual(DAY_LINES)
    expectLedgerMatches(h.ledger(), oracle(PART_TEXTS))
  })

  it('(d) the whole day re-sent as one statement after its parts adds nothing', async () => {
    const h = harness()
    for (const [i, text] of PART_TEXTS.entries()) await dropText(inbox, PART_NAMES[i] as string, text)
    await h.sync()
    const before = h.ledger()

    const whole = fileText([wholeDay])
    // The oracle of the re-sent file alone: the same lines and the same closing as the three parts.
    const resent = oracle([whole])
    expect(resent.total.toFixed(2)).toBe(oracle(PART_TEXTS).total.toFixed(2))
    expect(resent.lastClosing.toFixed(2)).toBe(oracle(PART_TEXTS).lastClosing.toFixed(2))

    await dropText(inbox, '20260302-journee.cfonb', whole)
    const report = await h.sync()
    expect(tags(report)).not.toContain('New')
    expect(tags(report).filter((t) => t === 'AlreadyHeld')).toHaveLength(6)
    expect(report.accounts[0]?.decisions).toContainEqual(
      expect.objectContaining({ _tag: 'StatementRecorded', placement: 'overlap' }),
    )
    expect(report.accounts[0]?.entriesGenerated).toBe(0)
    const after = h.ledger()
    expect(after.movements).toEqual(before.movements)
    expect(after.entries).toEqual(before.entries)
    expect(bookedLines(after)).toEqual(DAY_LINES)
    expectLedgerMatches(after, resent)
    expectLedgerMatches(after, oracle(PART_TEXTS))

    // And once more, the very same whole-day file under another name: a re-delivery, nothing new.
    await dropText(inbox, '20260302-journee-bis.cfonb', whole)
    const again = await h.sync()
    expect(tags(again)).not.toContain('New')
    expect(h.ledger().movements).toEqual(before.movements)
  })
})

describe('two different statements of one day with the same figures', () => {
  // 3 March: two chained statements that both open and close at 8,000.00 on 3 March, with two
  // lines each that cancel out — same dates, balances and line count, different lines.
  const at3 = (l: Line): Line => ({ ...l, bookingDate: march(3), valueDate: march(3) })
  const first: Model = {
    account: ACCOUNT,
    openingDate: march(3),
    openingUnits: BigInt(800000),
    closingDate: march(3),
    movements: [at3(line('VIR REMBOURSEMENT ACOMPTE', 30000)), at3(line('CHQ 0004567', -30000))],
  }
  const second: Model = {
    ...first,
    movements: [at3(line('REMISE CB 0303', 12000)), at3(line('PRLV ASSURANCE AXA', -12000))],
  }
  const texts = [fileText([first]), fileText([second])]

  for (const mode of ['one pull', 'one pull each'] as const)
    it(`(c) both are kept (${mode})`, async () => {
      // The oracle: the two files share every figure of their 01 and 07.
      const a = oracle([texts[0] as string])
      const b = oracle([texts[1] as string])
      expect([b.firstOpening.toFixed(2), b.lastClosing.toFixed(2), b.lines.length]).toEqual([
        a.firstOpening.toFixed(2),
        a.lastClosing.toFixed(2),
        a.lines.length,
      ])
      expect(texts[0]?.split('\r\n')[0]).toBe(texts[1]?.split('\r\n')[0])
      expect(texts[0]?.split('\r\n')[3]).toBe(texts[1]?.split('\r\n')[3])

      const h = harness()
      const news: number[] = []
      if (mode === 'one pull') {
        await dropText(inbox, '20260303-1.cfonb', texts[0] as string)
        await dropText(inbox, '20260303-2.cfonb', texts[1] as string)
        news.push(tags(await h.sync()).filter((t) => t === 'New').length)
      } else
        for (const [i, text] of texts.entries()) {
          await dropText(inbox, `20260303-${i + 1}.cfonb`, text)
          const report = await h.sync()
          expect(tags(report)).not.toContain('StatementDuplicate')
          news.push(tags(report).filter((t) => t === 'New').length)
        }
      expect(news.reduce((x, y) => x + y, 0)).toBe(4)
      const ledger = h.ledger()
      expect(ledger.statements).toHaveLength(2)
      expect(bookedLines(ledger)).toEqual([
        '2026-03-03 -120.00 PRLV ASSURANCE AXA ',
        '2026-03-03 -300.00 CHQ 0004567 ',
        '2026-03-03 120.00 REMISE CB 0303 ',
        '2026-03-03 300.00 VIR REMBOURSEMENT ACOMPTE ',
      ])
      const figures = oracle(texts)
      expect(
        activeMovements(ledger)
          .map((m) => m.amount.amount.toFixed(2))
          .sort(),
      ).toEqual([...figures.lines].sort())
      expect(ledgerTotal(ledger).toFixed(2)).toBe(figures.total.toFixed(2))
      expect(figures.firstOpening.plus(figures.total).toFixed(2)).toBe(figures.lastClosing.toFixed(2))
      expect(lastClosing(ledger).split(',')).toEqual(['8000.00', '8000.00'])
      expect(journalTotal(ledger).toFixed(2)).toBe('0.00')
      // Every line booked: the journal holds the four of them.
      expect(
        ledger.entries.flatMap((e) => e.lines).filter((l) => l.account !== '512100' && l.movement !== null),
      ).toHaveLength(4)
      expect(proveBalances(ledger).issues).toEqual([])
    })

  it('(c) two that cannot both be right (same span, no chain): both kept, and the proofs say so', async () => {
    // Both open at 8,000.00 and close at 8,200.00 on 3 March with two lines, but the lines differ and
    // neither opens on the other's closing: the chain cannot decide which the bank meant. Nothing is
    // dropped silently; the ledger proof reports the 200.00 the chain cannot explain.
    const conflicting = (lines: ReadonlyArray<Line>): Model => ({
      ...first,
      movements: lines.map(at3),
    })
    const a = conflicting([line('VIR SEPA LOYER', 30000), line('CHQ 0004568', -10000)])
    const b = conflicting([line('VIR SEPA ACOMPTE', 25000), line('CHQ 0004569', -5000)])
    const h = harness()
    await dropText(inbox, '20260303-1.cfonb', fileText([a]))
    await h.sync()
    await dropText(inbox, '20260303-2.cfonb', fileText([b]))
    const report = await h.sync()
    expect(tags(report).filter((t) => t === 'New')).toHaveLength(2)
    const ledger = h.ledger()
    const figures = oracle([fileText([a]), fileText([b])])
    expect(ledgerTotal(ledger).toFixed(2)).toBe(figures.total.toFixed(2))
    expect(ledger.statements.map((s) => formatMoneyAmount(s.statement.closingBalance.amount))).toEqual([
      '8200.00',
      '8200.00',
    ])
    const found = proveBalances(ledger).issues.flatMap((x) =>
      x._tag === 'BalanceDiscrepancy' && x.kind === 'ledger' ? [formatMoneyAmount(x.difference)] : [],
    )
    expect(found).toEqual(['-200.00'])
  })
})
