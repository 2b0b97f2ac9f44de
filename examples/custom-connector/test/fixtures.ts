import { localDate } from '@bankfeed/core'
import type { PullRequest } from '@bankfeed/core'
import type { CsvFile, CsvInbox } from '../src/index.js'

/** Three monthly statements of one account, and a file that is not one. */
export const FILES: ReadonlyArray<CsvFile> = [
  {
    name: '2026-01-31-releve.csv',
    text: [
      '#IBAN;FR76 3000 4008 2800 0105 1234 543',
      '#DEVISE;EUR',
      '#SOLDE_INITIAL;31/12/2025;1 000,00',
      '#SOLDE_FINAL;31/01/2026;2 461,00',
      'Date;Libellé;Débit;Crédit',
      '02/01/2026;PRLV SEPA EDF;30,00;',
      '03/01/2026;VIR SEPA CLIENT MARTIN;;1 500,00',
      // Two coffees the same day: identical twins, both real.
      '05/01/2026;CB BOULANGERIE;4,50;',
      '05/01/2026;CB BOULANGERIE;4,50;',
    ].join('\r\n'),
  },
  { name: '2026-02-15-notes.csv', text: 'rappel: appeler la banque' },
  {
    name: '2026-02-28-releve.csv',
    text: [
      '#IBAN;FR7630004008280001051234543',
      '#DEVISE;EUR',
      '#SOLDE_INITIAL;31/01/2026;2 461,00',
      '#SOLDE_FINAL;28/02/2026;2 699,75',
      'Date;Libellé;Débit;Crédit',
      '02/02/2026;FRAIS TENUE DE COMPTE;12,00;',
      '10/02/2026;REM CHQ 0004512;;250,75',
    ].join('\n'),
  },
  {
    name: '2026-03-31-releve.csv',
    text: [
      '#IBAN;FR7630004008280001051234543',
      '#DEVISE;EUR',
      '#SOLDE_INITIAL;28/02/2026;2 699,75',
      '#SOLDE_FINAL;31/03/2026;1 465,19',
      'Date;Libellé;Débit;Crédit',
      '03/03/2026;PRLV SEPA URSSAF;1 234,56;',
    ].join('\n'),
  },
]

/** Every movement of {@link FILES}, signed from the client's side. */
export const AMOUNTS = ['-30.00', '1500.00', '-4.50', '-4.50', '-12.00', '250.75', '-1234.56']

/** The SFTP password of the inbox: it must never show. */
export const PASSWORD = 'hunter2-sftp'

/** An inbox over fixed files. */
export const memoryInbox = (files: ReadonlyArray<CsvFile>): CsvInbox => ({
  list: () => Promise.resolve(files),
})

/** An inbox whose server is down, failing the way SFTP clients do: with the URL in the message. */
export const downInbox: CsvInbox = {
  list: () => Promise.reject(new Error(`connect ECONNREFUSED sftp://acme:${PASSWORD}@sftp.acme.example`)),
}

/** The first pull of the inbox's connection. */
export const REQUEST: PullRequest = {
  connection: { id: 'acme-inbox', protocol: 'acme-csv' },
  accounts: [],
  since: localDate('2026-01-01'),
  cursor: null,
}
