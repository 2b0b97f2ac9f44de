// End to end with core: the inbox connector under `syncConnection`, an in-memory store and a real
// temporary inbox.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { activeMovements } from '@bankfeed/core/reconcile'
import { decodeDossier, makeContext, syncConnection } from '@bankfeed/core'
import { formatMoneyAmount } from '@bankfeed/core/domain'
import { makeInMemoryLedgerStore } from '@bankfeed/core/memory'
import type { Dossier, SyncDeps, SyncReport, SyncRequest } from '@bankfeed/core'
import { makeCfonbInboxConnector, makeNodeFileSource } from '../src/inbox/index.js'
import { drop, dropText, makeTempInbox, namesIn, noWait, removeInbox } from './inbox-helpers.js'

const NOW = '2026-03-15T08:00:00.000Z'

// The quickstart's dossier: ba1 is the BNP account 30004 00828 00010512345 (key 43) fed by CFONB.
const dossierJson = {
  version: 1,
  code: 'CCH001',
  name: 'Boulangerie Dupont',
  siren: '123456782',
  collaborative: false,
  fiscalYears: [
    { start: '2025-01-01', end: '2025-12-31', closed: true },
    { start: '2026-01-01', end: '2026-12-31', closed: false },
  ],
  contacts: [
    {
      id: 'c1',
      firstName: 'Lucile',
      lastName: 'B',
      email: 'lucile@example.fr',
      mobile: null,
      role: "Chef d'entreprise",
      subscriberType: 'client',
      consultationAccess: true,
    },
  ],
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
      attachedContactId: 'c1',
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

let inbox: string
beforeEach(async () => {
  inbox = await makeTempInbox()
})
afterEach(async () => {
  await removeInbox(inbox)
})

describe('CFONB inbox under syncConnection', () => {
  it('books the known account, reports the unknown ones and rejected files, moves files, and is idempotent', async () => {
    await drop(inbox, 'multi-account-days.cfonb', '20260303-multi.cfonb')
    await dropText(inbox, '20260304-notes.txt', 'not a statement\n')
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
      accounts: [{ dossierCode: 'CCH001', bankAccountId: 'ba1' }],
    }
    const sync = async (): Promise<SyncReport> => {
      const r = await syncConnection(deps, request)()
      if (r._tag === 'Left') throw new Error(`sync failed: ${r.left._tag}`)
      return r.right
    }

    const first = await sync()
    const key = { dossierCode: 'CCH001', bankAccountId: 'ba1' }
    const booked = activeMovements(store.ledger(key) ?? expect.fail('no ledger'))
    expect(booked.map((m) => [m.bookingDate, formatMoneyAmount(m.amount), m.label])).toEqual([
      ['2026-03-02', '-1480.37', 'PRLV SEPA EDF'],
      ['2026-03-03', '-15.00', 'FRAIS'],
    ])
    expect(first.accounts[0]?.decisions.filter((d) => d._tag === 'New')).toHaveLength(2)
    // The XPF and TND accounts of the file belong to no dossier: reported with their statements.
    expect(
      first.unmatched.map((u) => [u.account.bankCode, u.account.accountNumber, u.reason, u.items.length]),
    ).toEqual([
      ['10278', '00020427603', 'UNKNOWN_ACCOUNT', 1],
      ['30002', '0000888899H', 'UNKNOWN_ACCOUNT', 1],
    ])
    expect(first.notices).toMatchObject([{ _tag: 'UnreadableFile', file: '20260304-notes.txt', line: 1 }])
    // Committed, then acknowledged: the good file is processed, the bad one rejected.
    expect(await namesIn(inbox)).toEqual(['processed', 'rejected'])
    expect(await namesIn(join(inbox, 'processed'))).toEqual(['20260315T080000Z-20260303-multi.cfonb'])
    expect(await namesIn(join(inbox, 'rejected'))).toEqual([
      '20260304-notes.txt',
      '20260304-notes.txt.error.json',
    ])
    expect(warnings).toEqual([])
    const stored = store.cursor('inbox-1').cursor
    expect(stored === null ? null : JSON.parse(stored.value)).toMatchObject({
      v: 1,
      files: [{ name: '20260303-multi.cfonb' }],
    })

    const ledgerAfterFirst = store.ledger(key)
    const second = await sync()
    expect(second.accounts[0]?.decisions).toEqual([])
    expect(second.unmatched).toEqual([])
    expect(second.notices).toEqual([])
    expect(activeMovements(store.ledger(key) ?? expect.fail('no ledger'))).toHaveLength(2)
    expect(store.ledger(key)?.movements).toEqual(ledgerAfterFirst?.movements)
    // The acknowledged file was dropped from the cursor.
    expect(JSON.parse(store.cursor('inbox-1').cursor?.value ?? 'null')).toEqual({ v: 1, files: [] })
  })

  it('after a crash between commit and acknowledge, the next sync adds nothing and tidies up', async () => {
    await drop(inbox, 'multi-account-days.cfonb', 'multi.cfonb')
    const store = makeInMemoryLedgerStore()
    const inner = makeCfonbInboxConnector({
      source: makeNodeFileSource(inbox),
      context: makeContext({ clock: { now: () => NOW } }),
      wait: noWait,
    })
    const base = {
      store,
      clock: { now: () => NOW },
      events: { publish: () => () => Promise.resolve({ _tag: 'Right' as const, right: undefined }) },
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    }
    const request: SyncRequest = {
      connection: { id: 'inbox-1', protocol: 'cfonb' },
      dossiers: [dossier()],
      accounts: [{ dossierCode: 'CCH001', bankAccountId: 'ba1' }],
    }
    // First run: the process "dies" right after the commit, so the acknowledgement never happens.
    const { acknowledge: _dropped, ...withoutAck } = inner
    const crashed = await syncConnection({ ...base, connector: withoutAck }, request)()
    expect(crashed._tag).toBe('Right')
    expect(await namesIn(inbox)).toEqual(['multi.cfonb'])
    const key = { dossierCode: 'CCH001', bankAccountId: 'ba1' }
    const version = store.ledger(key)?.version

    const rerun = await syncConnection({ ...base, connector: inner }, request)()
    if (rerun._tag === 'Left') throw new Error('sync failed')
    expect(rerun.right.accounts[0]?.decisions).toEqual([])
    expect(rerun.right.unmatched).toEqual([])
    expect(activeMovements(store.ledger(key) ?? expect.fail('no ledger'))).toHaveLength(2)
    expect(store.ledger(key)?.version).toBe(version)
    expect(await namesIn(join(inbox, 'processed'))).toEqual(['20260315T080000Z-multi.cfonb'])
  })
})
