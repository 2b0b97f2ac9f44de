import { isCurrencyCode } from '@bankfeed/core'
import type { Dossier, LedgerRecords, StoreError } from '@bankfeed/core'
import type { SqlStore } from '@bankfeed/store-postgres'

/**
 * Reads the whole ledger of every bank account of a dossier (for exports and reports, which need
 * all of it); an account with no valid currency has no ledger and is left out.
 */
export const readDossierLedgers = async (
  store: SqlStore,
  dossier: Dossier,
): Promise<
  | { readonly _tag: 'Right'; readonly right: ReadonlyArray<LedgerRecords> }
  | { readonly _tag: 'Left'; readonly left: StoreError }
> => {
  const ledgers: LedgerRecords[] = []
  for (const account of dossier.bankAccounts) {
    if (!isCurrencyCode(account.currency)) continue
    const read = await store.ledgers.readLedger(
      { dossierCode: dossier.code, bankAccountId: account.id },
      account.currency,
    )()
    if (read._tag === 'Left') return read
    ledgers.push(read.right)
  }
  return { _tag: 'Right', right: ledgers }
}
