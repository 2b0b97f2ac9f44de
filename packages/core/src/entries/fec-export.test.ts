import { readFileSync } from 'node:fs'
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { E } from '../fp.js'
import type { Dossier } from '../domain/dossier.js'
import { addDays } from '../domain/local-date.js'
import type { LocalDate } from '../domain/local-date.js'
import { Dec } from '../domain/money.js'
import { checkFec, checkFecFileName } from './fec-check.js'
import { toFec } from './fec-export.js'
import type { FecExportError, FecExportOptions, FecFile } from './fec-export.js'
import {
  encodeFecLatin9,
  formatFecAmount,
  isValidSiren,
  parseFecAmount,
  sanitizeFecText,
} from './fec-format.js'
import type { EntryLine, JournalEntry } from '../domain/journal-entry.js'
import { currencyCode } from '../domain/literals.js'

// Not `localDate`: some tests forge days that do not exist ('2026-02-30') to see toFec refuse them.
const d = (s: string): LocalDate => s as LocalDate
const EUR = currencyCode('EUR')

const dossier: Dossier = {
  version: 1,
  code: 'CCH001',
  name: 'Boulangerie Dupont',
  siren: '123456782',
  collaborative: false,
  fiscalYears: [{ start: d('2026-01-01'), end: d('2026-12-31'), closed: false }],
  contacts: [],
  bankAccounts: [],
  glAccounts: [
    { number: '512100', label: 'Banque test', bankAccountId: 'ba1' },
    { number: '512200', label: 'Banque secondaire', bankAccountId: 'ba2' },
    { number: '411000', label: 'Clients', bankAccountId: null },
    { number: '401000', label: 'Fournisseurs', bankAccountId: null },
    { number: '627800', label: 'Autres frais et commissions', bankAccountId: null },
  ],
  journals: [],
  waitingAccount: '471000',
}

const line = (
  account: string,
  label: string,
  debit: string,
  credit: string,
  auxiliary: string | null = null,
): EntryLine => ({
  account,
  auxiliary,
  label,
  debit: new Dec(debit),
  credit: new Dec(credit),
  movement: null,
})

const entry = (e: Partial<JournalEntry> & Pick<JournalEntry, 'id' | 'date' | 'lines'>): JournalEntry => ({
  dossierCode: 'CCH001',
  bankAccountId: 'ba1',
  journalCode: 'BQ1',
  journalLabel: 'Banque test',
  pieceRef: 'REF',
  pieceDate: e.date,
  label: 'Entry',
  currency: EUR,
  validatedOn: d('2026-04-05'),
  ...e,
})

// Pied de page: counterpart lines of a whole statement plus "Total recettes" / "Total dépenses" on 512.
const footer = entry({
  id: 'bq1-2026-03',
  date: d('2026-03-31'),
  pieceRef: 'REL-2026-03',
  label: 'Relevé n° 3',
  lines: [
    line('411000', 'VIR SEPA CLIENT A', '0', '12345.60', 'CLI-A'),
    line('401000', 'PRLV FOURNISSEUR B', '300', '0', 'FRS-B'),
    line('627800', 'FRAIS TENUE COMPTE', '10.00', '0'),
    line('512100', 'Total recettes', '12345.6', '0'),
    line('512100', 'Total dépenses', '0', '310.00'),
  ],
})
// Ligne à ligne: one movement, its own 512 line.
const perLine = entry({
  id: 'bq1-2026-03-15-b',
  date: d('2026-03-15'),
  pieceRef: 'MVT-0042',
  pieceDate: d('2026-03-14'),
  lines: [
    line('411000', 'VIR SEPA CLIENT A FACT 2026-017', '0', '850', 'CLI-A'),
    line('512100', 'VIR SEPA CLIENT A FACT 2026-017', '850', '0'),
  ],
})
// Unassigned movement parked on the waiting account; labels carry a pipe, CRLF and a tab.
const waiting = entry({
  id: 'bq1-2026-03-15-a',
  date: d('2026-03-15'),
  pieceRef: 'MVT-0043',
  label: 'Café des Halles\tParis',
  lines: [line('471000', 'PAIEMENT CB|MARCHÉ\r\nRUNGIS', '45.90', '0'), line('512100', '', '0', '45.9')],
})
// Same day, another journal: comes after BQ1's entries of that day.
const otherJournal = entry({
  id: 'bq2-2026-03-15',
  date: d('2026-03-15'),
  journalCode: 'BQ2',
  journalLabel: 'Banque secondaire',
  bankAccountId: 'ba2',
  pieceRef: 'REL-B-2026-03',
  validatedOn: d('2026-04-06'),
  lines: [
    line('627800', 'COMMISSION INTERVENTION', '12', '0'),
    line('512200', 'COMMISSION INTERVENTION', '0', '12'),
  ],
})
const before = entry({
  id: 'early',
  date: d('2026-02-28'),
  lines: [line('627800', 'X', '1', '0'), line('512100', 'X', '0', '1')],
})
const after = entry({
  id: 'late',
  date: d('2026-04-01'),
  lines: [line('627800', 'Y', '2', '0'), line('512100', 'Y', '0', '2')],
})

const MARCH: FecExportOptions = {
  from: d('2026-03-01'),
  to: d('2026-03-31'),
  auxiliaryLabels: new Map([['CLI-A', 'Client A']]),
}

const right = (r: ReturnType<typeof toFec>): FecFile => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  return r.right
}
const left = (r: ReturnType<typeof toFec>): FecExportError => {
  if (E.isRight(r)) throw new Error('expected a Left')
  return r.left
}

// The golden file is kept with LF line ends (git and editors may rewrite CR); the exporter's CRLF
// and absence of a final line break are asserted separately below.
const golden = (name: string): string =>
  readFileSync(new URL(`../../test/fec/${name}`, import.meta.url), 'utf8')
    .replace(/\r?\n$/, '')
    .replaceAll('\r\n', '\n')
    .replaceAll('\n', '\r\n')

describe('toFec golden file', () => {
  const file = right(toFec([footer, after, perLine, otherJournal, waiting, before], dossier, MARCH))

  it('writes the hand-written expected FEC, byte for byte', () => {
    expect(file.fileName).toBe('123456782FEC20260331.txt')
    expect(file.content).toBe(golden('123456782FEC20260331.txt'))
  })

  it('numbers entries 1, 2, 3… by date, journal, id', () => {
    expect(file.numbering).toEqual([
      { entryId: 'bq1-2026-03-15-a', ecritureNum: '1' },
      { entryId: 'bq1-2026-03-15-b', ecritureNum: '2' },
      { entryId: 'bq2-2026-03-15', ecritureNum: '3' },
      { entryId: 'bq1-2026-03', ecritureNum: '4' },
    ])
  })

  it('separates records by CRLF, with no final line break, 18 tab-separated fields each', () => {
    const records = file.content.split('\r\n')
    expect(records).toHaveLength(12)
    expect(file.content.endsWith('\r\n')).toBe(false)
    for (const r of records) {
      expect(r).not.toMatch(/[\r\n|]/)
      expect(r.split('\t')).toHaveLength(18)
    }
  })

  it('passes the checker, and its name the file-name check', () => {
    expect(checkFec(file.content)).toEqual({ ok: true, separator: '\t', issues: [] })
    expect(checkFecFileName(file.fileName)).toEqual(
      E.right({ siren: '123456782', closingDate: '2026-03-31' }),
    )
  })
})

describe('toFec selection and refusals', () => {
  it('includes both ends of the period and nothing outside it', () => {
    const f = right(toFec([before, footer, after], dossier, { from: d('2026-02-28'), to: d('2026-03-31') }))
    expect(f.numbering.map((n) => n.entryId)).toEqual(['early', 'bq1-2026-03'])
    expect(f.fileName).toBe('123456782FEC20260331.txt')
    expect(left(toFec([before, after], dossier, MARCH))).toEqual({
      _tag: 'FecNoEntries',
      from: '2026-03-01',
      to: '2026-03-31',
    })
  })

  it('refuses a missing or invalid SIREN', () => {
    for (const siren of [null, '123456789', '12345678', '12345678A', ' 123456782'])
      expect(left(toFec([footer], { ...dossier, siren }, MARCH))).toEqual({ _tag: 'FecInvalidSiren', siren })
  })

  it('refuses an inverted or malformed period', () => {
    expect(left(toFec([footer], dossier, { from: d('2026-04-01'), to: d('2026-03-31') }))._tag).toBe(
      'FecInvalidPeriod',
    )
    expect(left(toFec([footer], dossier, { from: d('2026-02-30'), to: d('2026-03-31') }))._tag).toBe(
      'FecInvalidPeriod',
    )
  })

  it('refuses non-EUR entries, listing them', () => {
    const usd = { ...perLine, currency: currencyCode('USD') }
    const chf = { ...waiting, currency: currencyCode('CHF') }
    const tnd = entry({
      id: 'tnd',
      date: d('2026-03-20'),
      currency: currencyCode('TND'),
      lines: [line('627800', 'FRAIS', '1.005', '0'), line('512100', 'FRAIS', '0', '1.005')],
    })
    expect(left(toFec([tnd], dossier, MARCH))).toEqual({
      _tag: 'FecNonEuroEntries',
      entries: [{ entryId: 'tnd', currency: 'TND' }],
    })
    expect(left(toFec([footer, usd, chf, after], dossier, MARCH))).toEqual({
      _tag: 'FecNonEuroEntries',
      entries: [
        { entryId: 'bq1-2026-03-15-b', currency: 'USD' },
        { entryId: 'bq1-2026-03-15-a', currency: 'CHF' },
      ],
    })
  })

  it('refuses unvalidated entries unless a preview is asked, which the checker then flags', () => {
    const draft = { ...perLine, validatedOn: null }
    expect(left(toFec([footer, draft], dossier, MARCH))).toEqual({
      _tag: 'FecUnvalidatedEntries',
      entryIds: ['bq1-2026-03-15-b'],
    })
    const preview = right(toFec([draft], dossier, { ...MARCH, allowUnvalidated: true }))
    expect(preview.content.split('\r\n')[1]?.split('\t')[15]).toBe('')
    expect(checkFec(preview.content).issues.map((i) => `${i.code}@${i.line}:${i.field ?? ''}`)).toEqual([
      'FEC_REQUIRED@2:ValidDate',
      'FEC_REQUIRED@3:ValidDate',
    ])
  })

  it('refuses accounts without a label, unless the caller names them; the waiting account has a fallback', () => {
    const fees = entry({
      id: 'agios',
      date: d('2026-03-10'),
      lines: [
        line('661600', 'AGIOS', '4.2', '0'),
        line('658000', 'X', '1', '0'),
        line('512100', 'AGIOS', '0', '5.2'),
      ],
    })
    expect(left(toFec([fees], dossier, MARCH))).toEqual({
      _tag: 'FecMissingAccountLabels',
      accounts: ['658000', '661600'],
    })
    const labels = new Map([
      ['661600', 'Intérêts bancaires'],
      ['658000', 'Charges diverses'],
      ['512100', 'Not used: the dossier wins'],
    ])
    const f = right(toFec([fees], dossier, { ...MARCH, accountLabels: labels }))
    expect(f.content.split('\r\n').map((r) => r.split('\t')[5])).toEqual([
      'CompteLib',
      'Intérêts bancaires',
      'Charges diverses',
      'Banque test',
    ])
    const parked = entry({
      id: 'p',
      date: d('2026-03-10'),
      lines: [line('471100', 'CB', '3', '0'), line('512100', 'CB', '0', '3')],
    })
    const custom = right(toFec([parked], { ...dossier, waitingAccount: '471100' }, MARCH))
    expect(custom.content.split('\r\n')[1]?.split('\t')[5]).toBe("Compte d'attente")
    const noneNamed = { ...parked, lines: [line('471000', 'CB', '3', '0'), line('512100', 'CB', '0', '3')] }
    expect(E.isRight(toFec([noneNamed], { ...dossier, waitingAccount: null }, MARCH))).toBe(true)
  })

  it('refuses malformed entries, listing every problem', () => {
    const bad = [
      entry({
        id: 'unbalanced',
        date: d('2026-03-02'),
        lines: [line('627800', 'A', '1', '0'), line('512100', 'A', '0', '1.01')],
      }),
      entry({
        id: 'sides',
        date: d('2026-03-02'),
        lines: [line('627800', 'A', '1', '1'), line('512100', 'A', '0', '0')],
      }),
      entry({
        id: 'negative',
        date: d('2026-03-02'),
        lines: [line('627800', 'A', '-1', '0'), line('512100', 'A', '0', '-1')],
      }),
      entry({
        id: 'decimals',
        date: d('2026-03-02'),
        lines: [line('627800', 'A', '1.005', '0'), line('512100', 'A', '0', '1.005')],
      }),
      entry({
        id: 'account',
        date: d('2026-03-02'),
        lines: [line('62-78', 'A', '1', '0'), line('512100', 'A', '0', '1')],
      }),
      entry({ id: 'empty', date: d('2026-03-02'), lines: [] }),
      entry({
        id: 'journal',
        date: d('2026-03-02'),
        journalCode: '\t',
        lines: [line('627800', 'A', '1', '0'), line('512100', 'A', '0', '1')],
      }),
      entry({
        id: 'foreign',
        date: d('2026-03-02'),
        dossierCode: 'OTHER',
        lines: [line('627800', 'A', '1', '0'), line('512100', 'A', '0', '1')],
      }),
      entry({
        id: 'dates',
        date: d('2026-03-02'),
        pieceDate: d('2026-13-01'),
        validatedOn: d('x'),
        lines: [line('627800', 'A', '1', '0'), line('512100', 'A', '0', '1')],
      }),
      entry({
        id: 'undated',
        date: d('March'),
        lines: [line('627800', 'A', '1', '0'), line('512100', 'A', '0', '1')],
      }),
    ]
    expect(left(toFec([...bad, footer, footer], dossier, MARCH))).toEqual({
      _tag: 'FecInvalidEntries',
      entries: [
        { entryId: 'undated', problems: [{ _tag: 'InvalidDate', field: 'date', value: 'March' }] },
        { entryId: 'unbalanced', problems: [{ _tag: 'Unbalanced', debit: '1.00', credit: '1.01' }] },
        {
          entryId: 'sides',
          problems: [
            { _tag: 'LineSides', lineIndex: 0 },
            { _tag: 'LineSides', lineIndex: 1 },
          ],
        },
        {
          entryId: 'negative',
          problems: [
            { _tag: 'LineSides', lineIndex: 0 },
            { _tag: 'LineSides', lineIndex: 1 },
          ],
        },
        {
          entryId: 'decimals',
          problems: [
            { _tag: 'TooManyDecimals', lineIndex: 0 },
            { _tag: 'TooManyDecimals', lineIndex: 1 },
          ],
        },
        { entryId: 'account', problems: [{ _tag: 'InvalidAccount', lineIndex: 0, account: '62-78' }] },
        { entryId: 'empty', problems: [{ _tag: 'NoLines' }] },
        { entryId: 'journal', problems: [{ _tag: 'EmptyJournalCode' }] },
        { entryId: 'foreign', problems: [{ _tag: 'OtherDossier', dossierCode: 'OTHER' }] },
        {
          entryId: 'dates',
          problems: [
            { _tag: 'InvalidDate', field: 'pieceDate', value: '2026-13-01' },
            { _tag: 'InvalidDate', field: 'validatedOn', value: 'x' },
          ],
        },
        { entryId: 'bq1-2026-03', problems: [{ _tag: 'DuplicateId' }] },
        { entryId: 'bq1-2026-03', problems: [{ _tag: 'DuplicateId' }] },
      ],
    })
  })

  it('falls back on the entry label, "/", the entry id and the journal code for empty texts', () => {
    const blank = entry({
      id: 'blank-1',
      date: d('2026-03-03'),
      journalLabel: '\r\n',
      pieceRef: ' | ',
      label: '',
      lines: [line('627800', '', '1', '0'), line('512100', '\t', '0', '1')],
    })
    const [, first] = right(toFec([blank], dossier, MARCH)).content.split('\r\n')
    const f = first?.split('\t') ?? []
    expect([f[1], f[8], f[10]]).toEqual(['BQ1', 'blank-1', '/'])
    const labelled = { ...blank, label: 'Entry label' }
    expect(
      right(toFec([labelled], dossier, MARCH))
        .content.split('\r\n')[2]
        ?.split('\t')[10],
    ).toBe('Entry label')
  })
})

describe('FEC formatting helpers', () => {
  it('checks SIREN keys with Luhn', () => {
    expect(['123456782', '356000000', '732829320'].map(isValidSiren)).toEqual([true, true, true])
    expect(['123456789', '987654321', '12345678', '1234567820', '12345678a'].map(isValidSiren)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ])
  })

  it('writes amounts with a decimal comma, 2 decimals and no thousands separator', () => {
    expect(['0', '-0', '1234567.8', '0.05', '12'].map((s) => formatFecAmount(new Dec(s)))).toEqual([
      '0,00',
      '0,00',
      '1234567,80',
      '0,05',
      '12,00',
    ])
    expect(parseFecAmount('0000000069,60')?.toFixed(2)).toBe('69.60')
    expect(['1.5', '1 000,00', '1,5e3', ',5', ''].map(parseFecAmount)).toEqual([null, null, null, null, null])
  })

  it('replaces separators and line breaks by one space and trims', () => {
    expect(sanitizeFecText(' a\tb|c\r\nd\u2028e\u0085 ')).toBe('a b c d e')
    expect(sanitizeFecText('Crédit d’impôt  x')).toBe('Crédit d’impôt  x')
  })

  it('encodes ISO-8859-15, reporting or replacing what it cannot encode', () => {
    expect(encodeFecLatin9('Aé€Œœ\t\r\n')).toEqual(
      E.right(Uint8Array.from([0x41, 0xe9, 0xa4, 0xbc, 0xbd, 0x09, 0x0d, 0x0a])),
    )
    expect(encodeFecLatin9('d’a ’ ¤😀')).toEqual(
      E.left({
        _tag: 'FecUnmappableCharacters',
        characters: [
          { character: '’', codePoint: 0x2019, firstIndex: 1, count: 2 },
          { character: '¤', codePoint: 0xa4, firstIndex: 6, count: 1 },
          { character: '😀', codePoint: 0x1f600, firstIndex: 7, count: 1 },
        ],
      }),
    )
    expect(encodeFecLatin9('d’a', { replacement: "'" })).toEqual(E.right(Uint8Array.from([0x64, 0x27, 0x61])))
  })
})

// ---------------------------------------------------------------------------------------------------
// Properties: arbitrary balanced EUR entries, hostile labels.

const ACCOUNTS = ['401000', '411000', '471000', '512100', '512200', '6278', '44566', '512BNP'] as const
const hostileText = fc.string({
  unit: fc.constantFrom('a', 'Z', 'é', 'É', 'ç', '€', '’', ' ', '\t', '\n', '\r', '|', '0', '-', '\u2028'),
  maxLength: 10,
})
const propertyDossier = (labels: ReadonlyArray<string>): Dossier => ({
  ...dossier,
  glAccounts: ACCOUNTS.map((number, i) => ({ number, label: `L${labels[i] ?? ''}`, bankAccountId: null })),
})

const lineArb = fc.record({
  account: fc.constantFrom(...ACCOUNTS),
  auxiliary: fc.option(hostileText, { nil: null }),
  label: hostileText,
  cents: fc.bigInt({ min: 1n, max: 100_000_000_00n }),
  debitSide: fc.boolean(),
})
const entryArb = fc.record({
  day: fc.integer({ min: 0, max: 729 }),
  journalCode: fc.constantFrom('BQ1', 'BQ2', 'CA'),
  journalLabel: hostileText,
  pieceRef: hostileText,
  label: hostileText,
  bank: fc.constantFrom('512100', '512200'),
  bankLabel: hostileText,
  lines: fc.array(lineArb, { minLength: 1, maxLength: 5 }),
})
type EntryShape = typeof entryArb extends fc.Arbitrary<infer T> ? T : never
const euros = (cents: bigint): Dec => new Dec(cents.toString()).dividedBy(100)

/** A balanced entry: its counterpart lines, then one bank line taking the difference, if any. */
const toEntry = (a: EntryShape, index: number): JournalEntry => {
  const lines = a.lines.map((l) =>
    line(
      l.account,
      l.label,
      l.debitSide ? euros(l.cents).toFixed() : '0',
      l.debitSide ? '0' : euros(l.cents).toFixed(),
      l.auxiliary,
    ),
  )
  const net = a.lines.reduce((s, l) => (l.debitSide ? s + l.cents : s - l.cents), 0n)
  if (net > 0n) lines.push(line(a.bank, a.bankLabel, '0', euros(net).toFixed()))
  if (net < 0n) lines.push(line(a.bank, a.bankLabel, euros(-net).toFixed(), '0'))
  const date = addDays(d('2025-01-01'), a.day)
  return entry({ ...a, id: `e${index}`, date, pieceDate: date, validatedOn: date, lines })
}

const entriesArb = fc.array(entryArb, { minLength: 1, maxLength: 8 }).map((as) => as.map(toEntry))
const labelsArb = fc.array(hostileText, { minLength: ACCOUNTS.length, maxLength: ACCOUNTS.length })
const column = (content: string, i: number): string[] =>
  content
    .split('\r\n')
    .slice(1)
    .map((r) => r.split('\t')[i] ?? '')
const total = (amounts: ReadonlyArray<Dec>): Dec => amounts.reduce((s, x) => s.plus(x), new Dec(0))

describe('toFec laws', () => {
  test.prop([entriesArb, labelsArb])(
    'checkFec(toFec(…)) passes; lines and Σ debit / Σ credit round-trip exactly',
    (entries, labels) => {
      const f = right(toFec(entries, propertyDossier(labels), { from: d('2025-01-01'), to: d('2026-12-31') }))
      expect(checkFec(f.content).issues).toEqual([])
      const records = f.content.split('\r\n')
      expect(records.length).toBe(1 + entries.reduce((n, e) => n + e.lines.length, 0))
      for (const r of records) expect(r).not.toMatch(/[\r\n|\u2028]/)
      const debits = total(column(f.content, 11).map((s) => new Dec(s.replace(',', '.'))))
      const credits = total(column(f.content, 12).map((s) => new Dec(s.replace(',', '.'))))
      expect(debits.equals(total(entries.flatMap((e) => e.lines.map((l) => l.debit))))).toBe(true)
      expect(credits.equals(total(entries.flatMap((e) => e.lines.map((l) => l.credit))))).toBe(true)
      expect(f.numbering.map((n) => n.ecritureNum)).toEqual(entries.map((_, i) => String(i + 1)))
      expect(new Set(column(f.content, 2)).size).toBe(entries.length)
      const dates = column(f.content, 3)
      expect([...dates].sort()).toEqual(dates)
    },
  )

  test.prop([entriesArb, fc.integer({ min: 0, max: 729 }), fc.integer({ min: 0, max: 729 })])(
    'exports exactly the entries dated within [from, to]',
    (entries, a, b) => {
      const from = addDays(d('2025-01-01'), Math.min(a, b))
      const to = addDays(d('2025-01-01'), Math.max(a, b))
      const inside = entries.filter((e) => from <= e.date && e.date <= to).map((e) => e.id)
      const result = toFec(entries, propertyDossier([]), { from, to })
      if (inside.length === 0) expect(left(result)._tag).toBe('FecNoEntries')
      else {
        const f = right(result)
        expect(f.numbering.map((n) => n.entryId).sort()).toEqual([...inside].sort())
        expect(checkFec(f.content).ok).toBe(true)
        expect(f.fileName).toBe(`123456782FEC${to.replaceAll('-', '')}.txt`)
      }
    },
  )
})
