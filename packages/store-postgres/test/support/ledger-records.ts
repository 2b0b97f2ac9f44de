import { EUR, makeMoney } from '@bankfeed/core'
import type { LedgerMovement } from '@bankfeed/core'
import { day } from '@bankfeed/testkit'

// Ledger records for the store's own tests: one account, one CFONB connection, movements by number.

/** An amount, or a thrown test error. */
export const money = (a: string, c = EUR) => {
  const m = makeMoney(a, c)
  if (m._tag === 'Left') throw new Error(a)
  return m.right
}
/** The source of every record here. */
export const source = { protocol: 'cfonb', connectionId: 'c1' }
/** The one ledger these records belong to. */
export const key = { dossierCode: 'D1', bankAccountId: 'ba1' }
/** A booked movement `n` (its id, seq, amount and label follow from `n`), on `bookingDate`. */
export const movement = (
  n: number,
  label = `LABEL ${n}`,
  bookingDate = day(`2024-01-${String(10 + n).padStart(2, '0')}`),
): LedgerMovement => ({
  providerId: `t${n}`,
  status: 'booked',
  bookingDate,
  valueDate: null,
  amount: money(`${n}.50`),
  label,
  reference: null,
  counterpartyName: null,
  interbankCode: null,
  details: [],
  id: `p:c1:t${n}`,
  seq: n,
  source,
  statementId: null,
  state: 'active',
  entryId: `e${n}`,
  replacedPendingId: null,
  aliases: [],
  pendingClaims: [],
})
