import { describe, expect, it } from 'vitest'
import { bnpRef, day, mv, stmt } from '../../test/builders.js'
import { seedDossier } from '../../test/seed.js'
import { E } from '../fp.js'
import type { Dossier } from '../domain/dossier.js'
import { defaultIngestionSettings, ingest } from '../reconcile/ingest.js'
import { applyLedgerChanges, concatChanges, emptyLedger } from '../reconcile/ledger.js'
import type { AccountLedger } from '../reconcile/ledger.js'
import { compileCounterpartRules } from './counterpart-rules.js'
import type { CounterpartRule } from './counterpart-rules.js'
import { generateEntries } from './generate-entries.js'
import type { EntryGenerationOptions } from './generate-entries.js'
import type { JournalEntry } from '../domain/journal-entry.js'
import { currencyCode } from '../domain/literals.js'

const dossier = seedDossier() // journal BQ1, counterpart 512100, footer; fiscal year 2026
const ledgerWith = (movements: ReturnType<typeof mv>[]): AccountLedger => {
  const empty = emptyLedger('CCH001', 'ba1', currencyCode('EUR'))
  const r = ingest(
    empty,
    { protocol: 'cfonb', connectionId: 'inbox' },
    [
      {
        _tag: 'Statement',
        account: bnpRef,
        statement: stmt({ date: '2026-03-01', amount: '100.00' }, movements),
      },
    ],
    defaultIngestionSettings(null),
  )
  return applyLedgerChanges(empty, r.changes)
}
const options = (
  rules: ReadonlyArray<CounterpartRule> = [],
  footerStyle?: 'net' | 'receiptsAndPayments',
): EntryGenerationOptions => {
  const compiled = compileCounterpartRules(rules, '471000')
  if (E.isLeft(compiled)) throw new Error('bad rules')
  return footerStyle === undefined ? { rules: compiled.right } : { rules: compiled.right, footerStyle }
}
const generated = (d: Dossier, l: AccountLedger, o = options()) => {
  const r = generateEntries(d, l, o)
  if (E.isLeft(r)) throw new Error(r.left._tag)
  return r.right
}
const rows = (e: JournalEntry) =>
  e.lines.map((l) => [l.account, l.label, l.debit.toFixed(2), l.credit.toFixed(2)])

const three = [
  mv('2026-03-02', '1200.00', 'VIR CLIENT A'),
  mv('2026-03-02', '-300.00', 'PRLV FOURNISSEUR B'),
  mv('2026-03-02', '-10.00', 'FRAIS TENUE COMPTE'),
]
const feeRule: CounterpartRule = {
  id: 'fees',
  when: { labelContains: ['frais'], direction: 'out' },
  account: '627800',
}

describe('footer (pied de page)', () => {
  it('books a statement day as one entry with the counterparts and one net 512 line', () => {
    const { entries } = generated(dossier, ledgerWith(three), options([feeRule]))
    expect(entries).toHaveLength(1)
    expect(rows(entries[0] as JournalEntry)).toEqual([
      ['471000', 'VIR CLIENT A', '0.00', '1200.00'],
      ['471000', 'PRLV FOURNISSEUR B', '300.00', '0.00'],
      ['627800', 'FRAIS TENUE COMPTE', '10.00', '0.00'],
      ['512100', 'Relevé du 02/03/2026', '890.00', '0.00'],
    ])
    expect(entries[0]).toMatchObject({ journalCode: 'BQ1', date: '2026-03-02', pieceRef: 'RLV20260302' })
  })

  it('or with "Total recettes" and "Total dépenses"', () => {
    const { entries } = generated(dossier, ledgerWith(three), options([feeRule], 'receiptsAndPayments'))
    expect(rows(entries[0] as JournalEntry).slice(3)).toEqual([
      ['512100', 'Total recettes', '1200.00', '0.00'],
      ['512100', 'Total dépenses', '0.00', '310.00'],
    ])
  })

  it('makes one entry per booking date', () => {
    const { entries } = generated(
      dossier,
      ledgerWith([mv('2026-03-02', '1.00', 'A'), mv('2026-03-03', '2.00', 'B')]),
    )
    expect(entries.map((e) => e.date)).toEqual(['2026-03-02', '2026-03-03'])
  })
})

describe('per line (ligne à ligne)', () => {
  const perLine: Dossier = {
    ...dossier,
    journals: dossier.journals.map((j) => ({ ...j, counterpartMode: 'perLine' as const })),
  }
  it('gives each movement its entry and its 512 line', () => {
    const { entries } = generated(perLine, ledgerWith(three))
    expect(entries.map(rows)).toEqual([
      [
        ['471000', 'VIR CLIENT A', '0.00', '1200.00'],
        ['512100', 'VIR CLIENT A', '1200.00', '0.00'],
      ],
      [
        ['471000', 'PRLV FOURNISSEUR B', '300.00', '0.00'],
        ['512100', 'PRLV FOURNISSEUR B', '0.00', '300.00'],
      ],
      [
        ['471000', 'FRAIS TENUE COMPTE', '10.00', '0.00'],
        ['512100', 'FRAIS TENUE COMPTE', '0.00', '10.00'],
      ],
    ])
  })
})

describe('counterpart rules', () => {
  const m = (amount: string, label: string, extra = {}) =>
    ledgerWith([mv('2026-03-02', amount, label, extra)])
  const account = (l: AccountLedger, rules: ReadonlyArray<CounterpartRule>) =>
    generated(dossier, l, options(rules)).entries[0]?.lines[0]?.account

  it('takes the first rule that applies, in order', () => {
    const rules: CounterpartRule[] = [
      { id: 'urssaf', when: { labelPattern: '^PRLV.*URSSAF' }, account: '431000' },
      { id: 'big-out', when: { direction: 'out', minAmount: '1000' }, account: '401000', auxiliary: 'FGROS' },
      { id: 'sepa-in', when: { interbankCodes: ['05'] }, account: '411000' },
      { id: 'edf', when: { counterpartyContains: 'électricité' }, account: '401EDF' },
    ]
    expect(account(m('-500.00', 'PRLV SEPA URSSAF IDF'), rules)).toBe('431000')
    expect(account(m('-1500.00', 'VIR SEPA EMIS'), rules)).toBe('401000')
    expect(account(m('-999.99', 'VIR SEPA EMIS'), rules)).toBe('471000')
    expect(account(m('50.00', 'VIR RECU', { interbankCode: '05' }), rules)).toBe('411000')
    expect(account(m('-80.00', 'PRLV', { counterpartyName: 'ELECTRICITE DE FRANCE' }), rules)).toBe('401EDF')
  })

  it('reports a rule with a bad pattern instead of throwing', () => {
    const r = compileCounterpartRules([{ id: 'bad', when: { labelPattern: '(' }, account: '6' }], '471000')
    expect(E.isLeft(r) && r.left[0]?.ruleId).toBe('bad')
  })
})

describe('safety', () => {
  it('never books a movement twice', () => {
    const l = ledgerWith(three)
    const first = generated(dossier, l)
    expect(generated(dossier, applyLedgerChanges(l, first.changes)).entries).toEqual([])
  })

  it('refuses movements in a closed fiscal year, and outside every year, and keeps them waiting', () => {
    const closed: Dossier = {
      ...dossier,
      fiscalYears: [{ start: day('2026-01-01'), end: day('2026-03-02'), closed: true }],
    }
    const r = generated(closed, ledgerWith([mv('2026-03-02', '1.00', 'A'), mv('2026-03-05', '2.00', 'B')]))
    expect(r.entries).toEqual([])
    expect(r.refused.map((x) => [x.date, x.reason])).toEqual([
      ['2026-03-02', 'ClosedFiscalYear'],
      ['2026-03-05', 'OutsideFiscalYears'],
    ])
  })

  it('says what set-up is missing', () => {
    expect(generateEntries({ ...dossier, journals: [] }, ledgerWith(three), options())).toEqual(
      E.left({ _tag: 'NoBankJournal', bankAccountId: 'ba1', glAccount: '512100' }),
    )
    expect(generateEntries({ ...dossier, glAccounts: [] }, ledgerWith(three), options())).toEqual(
      E.left({ _tag: 'NoGlAccount', bankAccountId: 'ba1' }),
    )
  })

  it('books nothing for a zero amount', () => {
    expect(generated(dossier, ledgerWith([mv('2026-03-02', '0.00', 'INFO')])).entries).toEqual([])
  })
})

describe('generation after changes not yet applied', () => {
  it('gives what generation on the applied ledger gives, and one commit records both', () => {
    // A ledger with one movement still waiting (its entry was refused), then a new statement.
    const waiting = ledgerWith([mv('2026-03-02', '1200.00', 'VIR CLIENT A')])
    const source = { protocol: 'cfonb', connectionId: 'inbox' }
    const next = ingest(
      waiting,
      source,
      [
        {
          _tag: 'Statement',
          account: bnpRef,
          statement: stmt({ date: '2026-03-02', amount: '1300.00' }, [
            mv('2026-03-03', '-300.00', 'PRLV FOURNISSEUR B'),
            mv('2026-03-03', '-10.00', 'FRAIS TENUE COMPTE'),
          ]),
        },
      ],
      defaultIngestionSettings(null),
    )
    const applied = applyLedgerChanges(waiting, next.changes)
    const viaApply = generated(dossier, applied, options([feeRule]))
    const viaAfter = generateEntries(dossier, waiting, options([feeRule]), next.changes)
    if (E.isLeft(viaAfter)) throw new Error(viaAfter.left._tag)
    expect(viaAfter.right.entries).toEqual(viaApply.entries)
    expect(viaAfter.right.entries).toHaveLength(2)
    const once = applyLedgerChanges(waiting, concatChanges(next.changes, viaAfter.right.changes))
    const twice = applyLedgerChanges(applied, viaApply.changes)
    expect([...once.movements.values()]).toEqual([...twice.movements.values()])
    expect(once.entries).toEqual(twice.entries)
    expect(once.index.awaitingEntry.size).toBe(0)
  })
})
