// What the main-job tests share: a real folder with dossiers and CFONB files, and runCli on the real
// file system with its output captured.
/// <reference types="node" />
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as cfonbText from '@bankfeed/connector-cfonb/testing'
import { runCli } from '../../src/cli.js'
import { createNodeIo } from '../../src/node-io.js'

/** The quickstart's dossier, rules and statement. */
export const QUICKSTART = new URL('../../../../examples/quickstart/', import.meta.url)

/** `fec export` of a dossier's 2026 fiscal year, with more arguments after. */
export const fec2026 = (dossier: string, ...more: ReadonlyArray<string>): ReadonlyArray<string> => [
  'fec',
  'export',
  ...['--dossier', dossier, '--from', '2026-01-01', '--to', '2026-12-31'],
  ...more,
]

/** A command's outcome. */
export interface Ran {
  readonly code: number
  readonly out: string
  readonly err: string
}

/** Runs `bankfeed …` in `cwd`, with the real file system and the given environment. */
export const bankfeed = async (
  cwd: string,
  args: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<Ran> => {
  let out = ''
  let err = ''
  const io = createNodeIo({
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t), isTTY: false },
    env,
    cwd: () => cwd,
  })
  const code = await runCli(args, io)
  return { code, out, err }
}

/** A fresh folder holding copies of the quickstart's files; `remove` deletes it. */
export const workFolder = (): { readonly dir: string; readonly remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'bankfeed-cli-'))
  for (const name of ['dossier.json', 'releve.cfonb', 'regles.json'])
    writeFileSync(join(dir, name), readFileSync(new URL(name, QUICKSTART)))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A dossier of its own for the account 10278 02204 00020427603 (key 30), booked in BQ1 on 512300. */
export const secondDossier = (code: string, autoGenerateEntries = true): unknown => ({
  version: 1,
  code,
  name: 'Garage Martin',
  siren: '732829320',
  collaborative: false,
  fiscalYears: [{ start: '2026-01-01', end: '2026-12-31', closed: false }],
  contacts: [],
  bankAccounts: [
    {
      id: 'cic',
      name: 'CIC Lyon',
      holder: 'Garage Martin SAS',
      holderComplement: null,
      rib: { bankCode: '10278', branchCode: '02204', accountNumber: '00020427603', key: '30' },
      iban: 'FR7610278022040002042760330',
      bic: 'CMCIFRPP',
      currency: 'EUR',
      attachedContactId: null,
      main: true,
      feed: {
        protocol: 'cfonb',
        startDate: '2026-03-01',
        startDateLocked: true,
        frequency: 'daily',
        autoGenerateEntries,
      },
    },
  ],
  glAccounts: [{ number: '512300', label: 'CIC', bankAccountId: 'cic' }],
  journals: [
    { code: 'BQ1', label: 'CIC', type: 'bank', counterpartAccount: '512300', counterpartMode: 'footer' },
  ],
  waitingAccount: '471000',
})

const date = (iso: string): cfonbText.ModelDate => ({
  year: Number(iso.slice(0, 4)),
  month: Number(iso.slice(5, 7)),
  day: Number(iso.slice(8, 10)),
})

/**
 * A CFONB 120 file of one statement of the account 10278 02204 00020427603 on `day`, opening at
 * `openingUnits` cents, with one movement per amount (cents, signed), written by the testkit's
 * writer (independent of the parser).
 */
export const garageStatement = (day: string, openingUnits: bigint, amounts: ReadonlyArray<bigint>): string =>
  `${cfonbText
    .writeRecords([
      {
        account: { bank: '10278', branch: '02204', account: '00020427603', currency: 'EUR', decimals: 2 },
        openingDate: date(day),
        openingUnits,
        closingDate: date(day),
        movements: amounts.map((units, i) => ({
          internalCode: '0123',
          interbankCode: units < 0n ? 'B1' : '05',
          bookingDate: date(day),
          rejectCode: '',
          valueDate: date(day),
          label: units < 0n ? `PRLV FOURNISSEUR ${i}` : `VIR SEPA CLIENT ${i}`,
          entryNumber: String(1_000_000 + i),
          flags: '  ',
          units,
          reference: '',
          details: [],
        })),
      },
    ])
    .join('\r\n')}\r\n`
