import fc from 'fast-check'
import type { AccountRef } from '@bankfeed/core'
import { frenchIbanArb } from './bank-identifiers.js'

/**
 * A French bank account as a protocol names it: IBAN, bank + branch + account number, currency, and
 * optionally a provider account id and a name.
 */
export const accountRefArb = (options: { readonly currency?: string } = {}): fc.Arbitrary<AccountRef> =>
  fc
    .record({
      identity: frenchIbanArb(),
      providerAccountId: fc.option(fc.stringMatching(/^acc-[0-9a-f]{8}$/), { nil: null }),
      name: fc.option(fc.constantFrom('Compte courant', 'Compte pro', 'Livret'), { nil: null }),
    })
    .map(({ identity, providerAccountId, name }) => ({
      iban: identity.iban,
      bankCode: identity.rib.bankCode,
      branchCode: identity.rib.branchCode,
      accountNumber: identity.rib.accountNumber,
      currency: options.currency ?? 'EUR',
      providerAccountId,
      name,
    }))
