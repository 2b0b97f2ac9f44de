/**
 * A bank account as a protocol names it: by IBAN, by French bank + branch + account number, or by a
 * provider's own id, with whatever of these the protocol knows. Routing it to a dossier's bank account
 * is a core decision, so files mixing many dossiers route the same way as APIs.
 */
export interface AccountRef {
  readonly iban: string | null
  readonly bankCode: string | null
  readonly branchCode: string | null
  readonly accountNumber: string | null
  /** ISO 4217 code, when the protocol gives one. */
  readonly currency: string | null
  /** The provider's id of the account (Bridge account id, PSD2 resourceId). */
  readonly providerAccountId: string | null
  /** The account's name at the provider, shown to people choosing between same-named accounts. */
  readonly name: string | null
}
