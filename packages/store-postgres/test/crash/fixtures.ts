// What the crash and concurrency tests sync into: one dossier with two bank accounts (one booked with
// a footer 512 line, one line by line), the connections that feed them, and a fixed clock. Shared by
// the parent tests and the child script, so it imports nothing heavy.
import { decodeDossier } from '@bankfeed/core'
import type { AccountRef, Dossier, SyncRequest } from '@bankfeed/core'

/** The instant every sync of these tests runs at: the data never depends on the wall clock. */
export const NOW = '2026-03-31T06:00:00.000Z'

/** The dossier's code. */
export const DOSSIER = 'CRASH01'

/** The two bank accounts, as the protocols name them (IBAN and French RIB). */
export const ACCOUNTS = {
  ba1: {
    iban: 'FR7630004008280001051234543',
    bankCode: '30004',
    branchCode: '00828',
    accountNumber: '00010512345',
    currency: 'EUR',
    providerAccountId: null,
    name: null,
  },
  ba2: {
    iban: 'FR7630006000011234567890189',
    bankCode: '30006',
    branchCode: '00001',
    accountNumber: '12345678901',
    currency: 'EUR',
    providerAccountId: null,
    name: null,
  },
} as const satisfies Record<string, AccountRef>

/** The 512 account of each bank account. */
export const BANK_GL = { ba1: '512100', ba2: '512200' } as const

/** A bank account id of the dossier. */
export type AccountId = keyof typeof ACCOUNTS

const feed = (protocol: string) => ({
  protocol,
  startDate: '2025-09-01',
  startDateLocked: true,
  frequency: 'daily',
  autoGenerateEntries: true,
})

const bankAccount = (id: AccountId, name: string, key: string, protocol: string) => {
  const a = ACCOUNTS[id]
  return {
    id,
    name,
    holder: 'Menuiserie Durand SAS',
    holderComplement: null,
    rib: { bankCode: a.bankCode, branchCode: a.branchCode, accountNumber: a.accountNumber, key },
    iban: a.iban,
    bic: id === 'ba1' ? 'BNPAFRPP' : 'AGRIFRPP',
    currency: 'EUR',
    attachedContactId: 'c1',
    main: id === 'ba1',
    feed: feed(protocol),
  }
}

/** The dossier both scenarios sync into; `protocol` is the feed protocol of its two accounts. */
export const crashDossier = (protocol: string): Dossier => {
  const decoded = decodeDossier({
    version: 1,
    code: DOSSIER,
    name: 'Menuiserie Durand',
    siren: '123456782',
    collaborative: false,
    fiscalYears: [
      { start: '2025-01-01', end: '2025-12-31', closed: false },
      { start: '2026-01-01', end: '2026-12-31', closed: false },
    ],
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
    bankAccounts: [
      bankAccount('ba1', 'BNP Paribas Centre', '43', protocol),
      bankAccount('ba2', 'Société Générale Gare', '89', protocol),
    ],
    glAccounts: [
      { number: BANK_GL.ba1, label: 'BNP Paribas', bankAccountId: 'ba1' },
      { number: BANK_GL.ba2, label: 'Société Générale', bankAccountId: 'ba2' },
      { number: '471000', label: "Compte d'attente", bankAccountId: null },
    ],
    journals: [
      {
        code: 'BQ1',
        label: 'BNP Paribas',
        type: 'bank',
        counterpartAccount: BANK_GL.ba1,
        counterpartMode: 'footer',
      },
      {
        code: 'BQ2',
        label: 'Société Générale',
        type: 'bank',
        counterpartAccount: BANK_GL.ba2,
        counterpartMode: 'perLine',
      },
    ],
    waitingAccount: '471000',
  })
  if (decoded._tag === 'Left') throw new Error('the crash test dossier does not decode')
  return decoded.right
}

/** The two scenarios: CFONB files through the inbox connector, or a scripted API connection. */
export type Scenario = 'cfonb' | 'api'

/** The connection of a scenario. */
export const connectionOf = (scenario: Scenario): SyncRequest['connection'] =>
  scenario === 'cfonb' ? { id: 'inbox-crash', protocol: 'cfonb' } : { id: 'api-crash', protocol: 'bankin' }

/** What a sync of a scenario asks for. */
export const syncRequestOf = (scenario: Scenario, maxAttempts?: number): SyncRequest => ({
  connection: connectionOf(scenario),
  dossiers: [crashDossier(scenario === 'cfonb' ? 'cfonb' : 'bankin')],
  accounts: [
    { dossierCode: DOSSIER, bankAccountId: 'ba1' },
    { dossierCode: DOSSIER, bankAccountId: 'ba2' },
  ],
  ...(maxAttempts === undefined ? {} : { maxAttempts }),
})
