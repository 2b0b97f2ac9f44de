import { localDate, makeContext } from '@bankfeed/core'
import type { AccountRef, Clock, Logger, PullRequest } from '@bankfeed/core'
import { makeBankinConnector, makeBridgeClient } from '@bankfeed/connector-bankin'
import type { BankinConnectorOptions, BridgeClient, BridgeClientOptions } from '@bankfeed/connector-bankin'
import { startBridgeSimulator } from '@bankfeed/connector-bankin/simulator'
import type { BridgeSimulator, BridgeSimulatorOptions } from '@bankfeed/connector-bankin/simulator'

/** The dossier's Bridge user: firm `cab1`, dossier `CCH001`. */
export const USER = 'cab1-CCH001'
export const CLIENT_SECRET = 'sk-live-9f8e7d6c5b4a39281706'
export const TOKEN_PREFIX = 'tok-Zx81Qp-'
export const IBAN_A = 'FR7630006000011234567890189'
export const IBAN_B = 'FR7630004000310001234567865'
export const SINCE = localDate('2026-01-01')
export const NOW = '2026-03-15T08:00:00.000Z'

/** A dossier bank account as core's `accountRefOf` names it. */
export const refOf = (iban: string, name: string, currency = 'EUR'): AccountRef => ({
  iban,
  bankCode: iban.slice(4, 9),
  branchCode: iban.slice(9, 14),
  accountNumber: iban.slice(14, 25),
  currency,
  providerAccountId: null,
  name,
})

export const REQUEST: PullRequest = {
  connection: { id: 'conn-cch001', protocol: 'bankin' },
  accounts: [refOf(IBAN_A, 'Compte courant'), refOf(IBAN_B, 'Compte courant')],
  since: SINCE,
  cursor: null,
}

/** Ids of the standard fixture. */
export interface Seeded {
  readonly itemId: string
  readonly accountA: string
  readonly accountB: string
  readonly card: string
  readonly tx: Readonly<Record<string, string>>
}

/**
 * The standard fixture: one item, two same-named checking accounts told apart by IBAN and balance,
 * and a deferred-debit card account without IBAN.
 */
export const seedStandard = (sim: BridgeSimulator): Seeded => {
  sim.seedUser(USER)
  const itemId = sim.seedItem({ externalUserId: USER })
  const accountA = sim.seedAccount({ itemId, name: 'Compte courant', balance: '1234.56', iban: IBAN_A })
  const accountB = sim.seedAccount({ itemId, name: 'Compte courant', balance: '-50.1', iban: IBAN_B })
  const card = sim.seedAccount({ itemId, name: 'Carte différée', balance: '-120', type: 'card' })
  const tx = {
    monop: sim.seedTransaction({
      accountId: accountA,
      amount: '-9.39',
      date: '2026-02-22',
      description: 'Paiement Carte 029412 75 monop paris',
      cleanDescription: 'CB Monop Paris',
      valueDate: '2026-02-23',
    }),
    salary: sim.seedTransaction({
      accountId: accountA,
      amount: '1500',
      date: '2026-02-25',
      description: 'VIR SEPA SALAIRE FEVRIER',
    }),
    future: sim.seedTransaction({
      accountId: accountA,
      amount: '-30',
      date: '2026-03-20',
      description: 'PRLV SEPA EDF',
      future: true,
    }),
    cents: sim.seedTransaction({
      accountId: accountA,
      amount: '-0.05',
      date: '2026-03-01',
      description: 'FRAIS',
    }),
    big: sim.seedTransaction({
      accountId: accountA,
      amount: '-1234567.89',
      date: '2026-03-02',
      description: 'VIR ACHAT LOCAUX',
    }),
    deferred: sim.seedTransaction({
      accountId: accountA,
      amount: '-42.5',
      date: '2026-02-28',
      description: 'CARTE X1234 RELEVE DIFFERE',
      showClientSide: false,
    }),
    old: sim.seedTransaction({
      accountId: accountA,
      amount: '-12',
      date: '2025-12-15',
      description: 'ANCIEN',
    }),
    incoming: sim.seedTransaction({
      accountId: accountB,
      amount: '250.75',
      date: '2026-03-03',
      description: 'REMISE CHEQUE 1234567',
    }),
    cardLine: sim.seedTransaction({
      accountId: card,
      amount: '-18',
      date: '2026-03-04',
      description: 'CB FNAC',
    }),
  }
  return { itemId, accountA, accountB, card, tx }
}

/** Signed amounts of the standard fixture's movements on the two requested accounts, since {@link SINCE}. */
export const STANDARD_AMOUNTS = ['-9.39', '1500.00', '-30.00', '-0.05', '-1234567.89', '250.75']

/** A clock standing at {@link NOW} unless moved. */
export const fixedClock = (at = NOW): Clock & { set: (instant: string) => void } => {
  let now = at
  return { now: () => now, set: (instant) => (now = instant) }
}

/** Starts a simulator sharing `clock`, with known credentials and token names. */
export const startSim = (clock: Clock, options: BridgeSimulatorOptions = {}): Promise<BridgeSimulator> =>
  startBridgeSimulator({
    clientSecret: CLIENT_SECRET,
    tokenPrefix: TOKEN_PREFIX,
    now: clock.now,
    ...options,
  })

/**
 * A client of `sim` on a context of `clock` and `logger` (which the connector over it shares) that
 * never really sleeps; the delays it asked for are recorded.
 */
export const clientOf = (
  sim: BridgeSimulator,
  logger: Logger,
  clock: Clock,
  options: Partial<BridgeClientOptions> = {},
): BridgeClient & { readonly sleeps: number[] } => {
  const sleeps: number[] = []
  const client = makeBridgeClient({
    baseUrl: sim.url,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    context: makeContext({ clock, logger }),
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 0.5,
    ...options,
  })
  return Object.assign(client, { sleeps })
}

/** The connector over `client` for the fixture's user, on the client's context. */
export const connectorOf = (client: BridgeClient, options: Partial<BankinConnectorOptions> = {}) =>
  makeBankinConnector({ client, userFor: () => USER, ...options })
