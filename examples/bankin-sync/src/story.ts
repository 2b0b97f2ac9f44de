/**
 * The data of the seed's story: the firm, the collaborator, what the bank holds, and the links the
 * firm's application sends. Amounts are decimal text.
 */
import { randomUUID } from 'node:crypto'
import { Dec } from '@bankfeed/core'
import type { Recipient } from '@bankfeed/core'

/** The firm's code, which the dossier's Bridge user is named after (`cab1-CCH001`). */
export const FIRM = 'cab1'

/** The collaborator in charge of the dossier: in copy of the attach e-mail. */
export const PAUL: Recipient = { name: 'Paul Martin', email: 'paul.martin@cabinet.example' }

/** Midnight on 17 March in Paris: the first night's bank data ends just before. */
export const PARIS_MIDNIGHT_17_MARCH = '2026-03-16T23:00:00Z'

/** What the bank holds on 16 March (the first night). */
export const HISTORY: ReadonlyArray<{ date: string; amount: string; label: string; pending?: true }> = [
  { date: '2026-01-05', amount: '-1480.37', label: 'PRLV SEPA URSSAF ILE DE FRANCE' },
  { date: '2026-01-12', amount: '2350.00', label: 'REMISE CB 11/01 BOULANGERIE DUPONT' },
  { date: '2026-01-20', amount: '-642.18', label: 'PRLV SEPA EDF PRO' },
  { date: '2026-01-30', amount: '-1200.00', label: 'VIR SEPA LOYER JANVIER SCI DES LILAS' },
  { date: '2026-02-03', amount: '2810.40', label: 'REMISE CB 02/02 BOULANGERIE DUPONT' },
  { date: '2026-02-13', amount: '-389.90', label: 'CB METRO CASH 12/02' },
  { date: '2026-02-27', amount: '-1200.00', label: 'VIR SEPA LOYER FEVRIER SCI DES LILAS' },
  { date: '2026-03-02', amount: '3105.25', label: 'REMISE CB 01/03 BOULANGERIE DUPONT' },
  { date: '2026-03-05', amount: '-1480.37', label: 'PRLV SEPA URSSAF ILE DE FRANCE' },
  { date: '2026-03-10', amount: '-54.90', label: 'FRAIS TENUE DE COMPTE' },
  // A card payment of Sunday the 15th the bank has not booked yet: Bridge sends it `is_future`.
  { date: '2026-03-15', amount: '-87.60', label: 'CB MOULIN DE LA VALLEE 15/03', pending: true },
]

/** The balance before the history above (31 December 2025). */
export const OPENING = '4218.73'

/** What the bank books on 17 March, while the link is broken. */
export const MEANWHILE: ReadonlyArray<{ date: string; amount: string; label: string }> = [
  { date: '2026-03-17', amount: '2964.80', label: 'REMISE CB 16/03 BOULANGERIE DUPONT' },
  { date: '2026-03-17', amount: '-318.45', label: 'PRLV SEPA ORANGE PRO' },
  { date: '2026-03-17', amount: '-26.00', label: 'CB PRESSING DU CENTRE 16/03' },
]

/** The exact sum of decimal amounts. */
export const sum = (amounts: ReadonlyArray<string>): Dec => amounts.reduce((t, a) => t.plus(a), new Dec(0))

/** The booked balance of the history: the opening balance and every booked line. */
export const bookedBalance = (...more: ReadonlyArray<string>): string =>
  sum([OPENING, ...HISTORY.filter((x) => x.pending !== true).map((x) => x.amount), ...more]).toFixed(2)

/** The link of the attach e-mail; a secret (whoever has it can attach the account). */
export const attachLinkOf = (dossierCode: string, bankAccountId: string): string =>
  `https://loop.cabinet.example/${dossierCode}/tresorerie/${bankAccountId}/bankin?jeton=${randomUUID()}`

/** The link of a re-authentication e-mail; a secret too. */
export const reauthenticationLinkOf = (dossierCode: string, bankAccountId: string): string =>
  `https://loop.cabinet.example/${dossierCode}/tresorerie/${bankAccountId}/bankin/identifiants?jeton=${randomUUID()}`
