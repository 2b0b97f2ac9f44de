import { describe, expect, it } from 'vitest'
import { day } from '../../test/builders.js'
import { seedDossier } from '../../test/seed.js'
import type { BankAccount } from '../domain/bank-account.js'
import type { Dossier } from '../domain/dossier.js'
import { E } from '../fp.js'
import type { Either } from '../fp.js'
import { enableProtocol } from './enable-protocol.js'

const right = <A>(e: Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected Right, got ${JSON.stringify(e.left)}`)
  return e.right
}

const seedAccount = seedDossier().bankAccounts[0] as BankAccount

/** Three accounts: one without feed, one on CFONB files, one already on Bankin' with a validated date. */
const dossier = (): Dossier => ({
  ...seedDossier(),
  bankAccounts: [
    { ...seedAccount, id: 'ba1', feed: null },
    {
      ...seedAccount,
      id: 'ba2',
      feed: {
        protocol: 'cfonb',
        startDate: null,
        startDateLocked: false,
        frequency: 'weekly',
        autoGenerateEntries: false,
      },
    },
    {
      ...seedAccount,
      id: 'ba3',
      feed: {
        protocol: 'bankin',
        startDate: day('2025-06-01'),
        startDateLocked: true,
        frequency: 'monthly',
        autoGenerateEntries: true,
      },
    },
  ],
})

const feedOf = (d: Dossier, id: string) => d.bankAccounts.find((a) => a.id === id)?.feed

describe('enableProtocol', () => {
  const today = day('2026-03-15')
  const input = dossier()
  const result = right(enableProtocol(input, 'bankin', { today }))

  it('creates a daily feed with automatic entries, starting at the current fiscal year', () => {
    expect(feedOf(result.dossier, 'ba1')).toEqual({
      protocol: 'bankin',
      startDate: '2026-01-01',
      startDateLocked: false,
      frequency: 'daily',
      autoGenerateEntries: true,
    })
  })

  it('switches another protocol, keeping frequency and the entries choice, defaulting the date', () => {
    expect(feedOf(result.dossier, 'ba2')).toEqual({
      protocol: 'bankin',
      startDate: '2026-01-01',
      startDateLocked: false,
      frequency: 'weekly',
      autoGenerateEntries: false,
    })
  })

  it('leaves an account already on the protocol with a validated date untouched', () => {
    expect(result.dossier.bankAccounts[2]).toBe(input.bankAccounts[2])
  })

  it('lists every account to interface, and those newly on the protocol', () => {
    expect(result.accountsToInterface).toEqual(['ba1', 'ba2', 'ba3'])
    expect(result.newlyEnabled).toEqual([
      { bankAccountId: 'ba1', previous: null },
      { bankAccountId: 'ba2', previous: 'cfonb' },
    ])
  })

  it('does not warn when the default is within the retention, nor about locked dates', () => {
    // ba3 starts on 2025-06-01, more than 180 days back, but it is locked: nothing to decide any more.
    expect(result.warnings).toEqual([])
  })

  it('warns when the start of the fiscal year is beyond the retention', () => {
    const late = right(enableProtocol(dossier(), 'bankin', { today: day('2026-08-01') }))
    expect(late.warnings).toEqual([
      {
        bankAccountId: 'ba1',
        warning: {
          code: 'FEED_START_DATE_BEYOND_RETENTION',
          params: { startDate: '2026-01-01', retentionDays: 180, oldestReachable: '2026-02-02' },
        },
      },
      {
        bankAccountId: 'ba2',
        warning: {
          code: 'FEED_START_DATE_BEYOND_RETENTION',
          params: { startDate: '2026-01-01', retentionDays: 180, oldestReachable: '2026-02-02' },
        },
      },
    ])
  })

  it('changes nothing when enabled twice', () => {
    expect(right(enableProtocol(result.dossier, 'bankin', { today })).dossier).toEqual(result.dossier)
    expect(right(enableProtocol(result.dossier, 'bankin', { today })).newlyEnabled).toEqual([])
  })

  it('uses the frequency asked for new feeds only', () => {
    const monthly = right(enableProtocol(dossier(), 'bankin', { today, frequency: 'monthly' }))
    expect(feedOf(monthly.dossier, 'ba1')?.frequency).toBe('monthly')
    expect(feedOf(monthly.dossier, 'ba2')?.frequency).toBe('weekly')
  })

  it('fails when a date must be defaulted but no fiscal year contains today', () => {
    expect(enableProtocol(dossier(), 'bankin', { today: day('2027-02-01') })).toEqual(
      E.left({ _tag: 'NoCurrentFiscalYear', today: '2027-02-01', bankAccountIds: ['ba1', 'ba2'] }),
    )
  })

  it('needs no fiscal year when every account already has its date', () => {
    const dated = { ...dossier(), bankAccounts: [dossier().bankAccounts[2] as BankAccount] }
    expect(E.isRight(enableProtocol(dated, 'bankin', { today: day('2027-02-01') }))).toBe(true)
  })
})
