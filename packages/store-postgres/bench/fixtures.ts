// What the store benchmark syncs: a firm's dossiers (two bank accounts each, one booked with a footer
// 512 line, one line by line, a dozen counterpart rules), its CFONB inbox connections (one per group of
// accounts), and the statements of each account written as CFONB 120 text with the CFONB testing writer and
// read back with the connector's parser and `toDomainStatement` — what a sync of a real file gets.
import * as TE from 'fp-ts/lib/TaskEither.js'
import { computeIbanCheckDigits, computeRibKey } from '@bankfeed/core/domain'
import { decodeDossier } from '@bankfeed/core'
import type {
  BankConnector,
  Clock,
  CounterpartRule,
  Dossier,
  EventPublisher,
  FeedItem,
  Logger,
  SyncRequest,
} from '@bankfeed/core'
import { parseCfonb120, toDomainStatement } from '@bankfeed/connector-cfonb'
// The CFONB writer of the parser's testing entry (small: not the testkit's whole suite of arbitraries).
import * as cfonbText from '@bankfeed/connector-cfonb/testing'

/** Accounts of one dossier. */
export const ACCOUNTS_PER_DOSSIER = 2

/** The first day of every account's history. */
export const HISTORY_START = Date.UTC(2024, 0, 1)
const DAY_MS = 86_400_000

/** The calendar day `n` days after the history's start, as `YYYY-MM-DD`. */
export const dayText = (n: number): string => new Date(HISTORY_START + n * DAY_MS).toISOString().slice(0, 10)

const modelDate = (n: number): cfonbText.ModelDate => {
  const d = new Date(HISTORY_START + n * DAY_MS)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

const BANK = '30004'
const BRANCH = '00828'

/** The French account number of account `a`. */
const accountNumber = (a: number): string => String(a).padStart(11, '0')

/** Account `a`'s RIB and IBAN. */
export const ribOf = (a: number) => {
  const account = accountNumber(a)
  const key = computeRibKey(BANK, BRANCH, account)
  const bban = `${BANK}${BRANCH}${account}${key}`
  return {
    bankCode: BANK,
    branchCode: BRANCH,
    accountNumber: account,
    key,
    iban: `FR${computeIbanCheckDigits('FR', bban)}${bban}`,
  }
}

/** The code of dossier `d`. */
export const dossierCode = (d: number): string => `D${String(d).padStart(6, '0')}`

/** The bank account id of account `a` within its dossier. */
export const bankAccountId = (a: number): string => `ba${a % ACCOUNTS_PER_DOSSIER}`

/** Account `a`'s dossier and bank account. */
export const accountKey = (a: number) => ({
  dossierCode: dossierCode(Math.floor(a / ACCOUNTS_PER_DOSSIER)),
  bankAccountId: bankAccountId(a),
})

/** Footer for the first account of a dossier, line by line for the second. */
export const modeOf = (a: number): 'footer' | 'perLine' => (a % 2 === 0 ? 'footer' : 'perLine')

/** Dossier `d`, holding accounts `first` … `first + ACCOUNTS_PER_DOSSIER - 1`. */
export const dossierOf = (d: number, first: number): Dossier => {
  const accounts = Array.from({ length: ACCOUNTS_PER_DOSSIER }, (_, i) => first + i)
  const decoded = decodeDossier({
    version: 1,
    code: dossierCode(d),
    name: `Client ${d}`,
    siren: '123456782',
    collaborative: false,
    fiscalYears: [2024, 2025, 2026, 2027].map((y) => ({
      start: `${y}-01-01`,
      end: `${y}-12-31`,
      closed: false,
    })),
    contacts: [
      {
        id: 'c1',
        firstName: 'Paul',
        lastName: 'Durand',
        email: 'paul.durand@example.fr',
        mobile: null,
        role: "Chef d'entreprise",
        subscriberType: 'client',
        consultationAccess: true,
      },
    ],
    bankAccounts: accounts.map((a) => {
      const rib = ribOf(a)
      return {
        id: bankAccountId(a),
        name: `Banque ${a}`,
        holder: `Client ${d} SAS`,
        holderComplement: null,
        rib: {
          bankCode: rib.bankCode,
          branchCode: rib.branchCode,
          accountNumber: rib.accountNumber,
          key: rib.key,
        },
        iban: rib.iban,
        bic: 'BNPAFRPP',
        currency: 'EUR',
        attachedContactId: 'c1',
        main: a % ACCOUNTS_PER_DOSSIER === 0,
        feed: {
          protocol: 'cfonb',
          startDate: dayText(0),
          startDateLocked: true,
          frequency: 'daily',
          autoGenerateEntries: true,
        },
      }
    }),
    glAccounts: [
      ...accounts.map((a) => ({
        number: `5121${String(a % ACCOUNTS_PER_DOSSIER).padStart(2, '0')}`,
        label: `Banque ${a}`,
        bankAccountId: bankAccountId(a),
      })),
      { number: '471000', label: "Compte d'attente", bankAccountId: null },
    ],
    journals: accounts.map((a) => ({
      code: `BQ${(a % ACCOUNTS_PER_DOSSIER) + 1}`,
      label: `Banque ${a}`,
      type: 'bank',
      counterpartAccount: `5121${String(a % ACCOUNTS_PER_DOSSIER).padStart(2, '0')}`,
      counterpartMode: modeOf(a),
    })),
    waitingAccount: '471000',
  })
  if (decoded._tag === 'Left') throw new Error(`dossier ${d} does not decode`)
  return decoded.right
}

/** A dozen counterpart rules, the same for every dossier (the sync compiles them per dossier). */
export const RULES: ReadonlyArray<CounterpartRule> = [
  { id: 'fees', when: { labelContains: ['frais'] }, account: '627800' },
  { id: 'agios', when: { labelContains: ['agios'] }, account: '661600' },
  { id: 'urssaf', when: { labelPattern: 'URSSAF' }, account: '431000' },
  { id: 'dgfip', when: { labelPattern: '^PRLV SEPA DGFIP' }, account: '445510' },
  { id: 'edf', when: { counterpartyContains: 'EDF' }, account: '606100', auxiliary: 'EDF' },
  { id: 'orange', when: { counterpartyContains: 'ORANGE' }, account: '626000', auxiliary: 'ORANGE' },
  { id: 'rent', when: { labelContains: ['loyer'] }, account: '613200' },
  { id: 'salaries', when: { labelContains: ['salaire'], direction: 'out' }, account: '421000' },
  { id: 'cards', when: { interbankCodes: ['A1'], maxAmount: '200' }, account: '625700' },
  { id: 'cheques', when: { interbankCodes: ['01'] }, account: '401000', auxiliary: 'DIVERS' },
  {
    id: 'customers',
    when: { labelContains: ['facture'], direction: 'in' },
    account: '411000',
    auxiliary: 'CLIENTS',
  },
  { id: 'supplies', when: { labelPattern: 'FOURNITURES|BUREAU', minAmount: '10' }, account: '606400' },
]

/** A deterministic pseudo-random integer in [0, n) for (a, b, c). */
const hash = (a: number, b: number, c: number, n: number): number => {
  let h = (a * 73_856_093) ^ (b * 19_349_663) ^ (c * 83_492_791)
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b)
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b)
  return ((h ^ (h >>> 16)) >>> 0) % n
}

const COUNTERPARTIES = [
  'EDF CLIENTS PARTICULIERS',
  'ORANGE SA',
  'URSSAF ILE DE FRANCE',
  'DGFIP',
  'SCI DES LILAS',
  'BOULANGERIE DU CENTRE',
  'DUPONT ET FILS',
  'LYRECO FRANCE',
  'TOTALENERGIES',
  'SNCF VOYAGEURS',
]

/** Movement `k` of day `day` of account `a`: a label, a counterparty, details, an interbank code. */
const movementOf = (a: number, day: number, k: number): cfonbText.ModelMovement => {
  const kind = hash(a, day, k, 10)
  const who = COUNTERPARTIES[kind] ?? 'DIVERS'
  const ref = String(hash(a, day, k + 1000, 1_000_000_000)).padStart(9, '0')
  const cents = BigInt(100 + hash(a, day, k + 7, 250_000))
  const date = modelDate(day)
  const dd = `${String(date.day).padStart(2, '0')}/${String(date.month).padStart(2, '0')}`
  const base = {
    internalCode: '',
    rejectCode: '',
    bookingDate: date,
    valueDate: modelDate(day + 1),
    entryNumber: '',
    flags: '  ',
  }
  switch (kind) {
    case 0:
    case 1:
      return {
        ...base,
        interbankCode: 'B1',
        label: `PRLV SEPA ${who}`.slice(0, 31),
        units: -cents,
        reference: ref,
        details: [
          { qualifier: 'NBE', text: who },
          { qualifier: 'LIB', text: `ECHEANCE ${dd} CONTRAT ${ref}` },
          { qualifier: 'RUM', text: `RUM${ref}` },
        ],
      }
    case 2:
      return {
        ...base,
        interbankCode: 'B1',
        label: `PRLV SEPA URSSAF ${ref}`,
        units: -cents * 3n,
        reference: ref,
        details: [{ qualifier: 'NBE', text: who }],
      }
    case 3:
      return {
        ...base,
        interbankCode: '05',
        label: `VIR SEPA ${who}`.slice(0, 31),
        units: cents * 4n,
        reference: ref,
        details: [
          { qualifier: 'NPY', text: who },
          { qualifier: 'LIB', text: `FACTURE ${ref} DU ${dd}` },
        ],
      }
    case 4:
      return {
        ...base,
        interbankCode: '01',
        label: `CHQ ${ref.slice(0, 7)}`,
        units: -cents,
        reference: ref.slice(0, 7),
        details: [],
      }
    case 5:
      return {
        ...base,
        interbankCode: 'A1',
        label: `CB ${who} ${dd}`.slice(0, 31),
        units: -(cents % 20_000n),
        reference: '',
        details: [{ qualifier: 'LIB', text: `CARTE 4974XXXXXXXX${ref.slice(0, 4)}` }],
      }
    case 6:
      return {
        ...base,
        interbankCode: '02',
        label: 'FRAIS TENUE DE COMPTE',
        units: -(cents % 3_000n),
        reference: '',
        details: [],
      }
    case 7:
      return {
        ...base,
        interbankCode: '06',
        label: `VIR SALAIRE ${dd}`,
        units: -cents * 8n,
        reference: ref,
        details: [
          { qualifier: 'NBE', text: `SALARIE ${k}` },
          { qualifier: 'LIB', text: `SALAIRE ${dd}` },
        ],
      }
    case 8:
      return {
        ...base,
        interbankCode: 'B1',
        label: 'PRLV SEPA LOYER SCI DES LILAS',
        units: -cents * 6n,
        reference: ref,
        details: [{ qualifier: 'NBE', text: 'SCI DES LILAS' }],
      }
    default:
      return {
        ...base,
        interbankCode: 'A1',
        label: `CB LYRECO FOURNITURES ${dd}`.slice(0, 31),
        units: -cents,
        reference: ref,
        details: [{ qualifier: 'NBE', text: who }],
      }
  }
}

/** Where an account's statements stand: the day after its last statement, and its balance then. */
export interface Chain {
  readonly nextDay: number
  readonly units: bigint
}

/** The opening balance of every account's first statement. */
export const START_UNITS = 5_000_000n

/**
 * The daily statements of account `a` from `chain.nextDay` for `days` days, `perDay` movements each,
 * and the chain after them.
 */
export const statementsOf = (
  a: number,
  chain: Chain,
  days: number,
  perDay: number,
): { readonly statements: ReadonlyArray<cfonbText.ModelStatement>; readonly chain: Chain } => {
  const rib = ribOf(a)
  const account: cfonbText.ModelAccount = {
    bank: rib.bankCode,
    branch: rib.branchCode,
    account: rib.accountNumber,
    currency: 'EUR',
    decimals: 2,
  }
  const statements: cfonbText.ModelStatement[] = []
  let units = chain.units
  for (let day = chain.nextDay; day < chain.nextDay + days; day++) {
    const movements = Array.from({ length: perDay }, (_, k) => movementOf(a, day, k))
    statements.push({
      account,
      openingDate: modelDate(day - 1),
      openingUnits: units,
      closingDate: modelDate(day),
      movements,
    })
    units = movements.reduce((s, m) => s + m.units, units)
  }
  return { statements, chain: { nextDay: chain.nextDay + days, units } }
}

/** A CFONB 120 file of these statements, parsed and mapped as the inbox connector would. */
export const itemsOfFile = (
  statements: ReadonlyArray<cfonbText.ModelStatement>,
): { readonly items: ReadonlyArray<FeedItem>; readonly bytes: number } => {
  const text = `${cfonbText.writeRecords(statements).join('\r\n')}\r\n`
  const parsed = parseCfonb120(text)
  if (!parsed.ok) throw new Error('the benchmark file does not parse')
  const items: FeedItem[] = []
  for (const s of parsed.statements) {
    const mapped = toDomainStatement(s)
    if (mapped._tag === 'Left') throw new Error(mapped.left.message)
    items.push({ _tag: 'Statement', account: mapped.right.account, statement: mapped.right.statement })
  }
  return { items, bytes: text.length }
}

/** A connector handing over one prepared batch per pull (the file is read before the clock runs). */
export const preparedConnector = (next: () => ReadonlyArray<FeedItem>): BankConnector => ({
  protocol: 'cfonb',
  capabilities: {
    statements: true,
    balances: false,
    pending: false,
    stableIds: false,
    deletions: false,
    historyDays: null,
    push: false,
  },
  pull: () => TE.right({ items: next(), cursor: { value: `file-${Date.now()}` } }),
})

/** Ports that do nothing: the benchmark measures the store and core. */
export const quietLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
}
export const noEvents: EventPublisher = { publish: () => TE.right(undefined) }
export const clockAt = (day: number): Clock => ({ now: () => `${dayText(day)}T06:00:00.000Z` })

/** The sync of a connection feeding `accounts` (whole dossiers). */
export const syncRequestOf = (connectionId: string, accounts: ReadonlyArray<number>): SyncRequest => {
  const dossiers = new Map<number, Dossier>()
  for (const a of accounts) {
    const d = Math.floor(a / ACCOUNTS_PER_DOSSIER)
    if (!dossiers.has(d)) dossiers.set(d, dossierOf(d, d * ACCOUNTS_PER_DOSSIER))
  }
  return {
    connection: { id: connectionId, protocol: 'cfonb' },
    dossiers: [...dossiers.values()],
    accounts: accounts.map(accountKey),
    rules: () => RULES,
    maxAttempts: 1,
  }
}
