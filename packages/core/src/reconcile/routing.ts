import type { AccountRef } from '../domain/account-ref.js'
import type { BankAccount } from '../domain/bank-account.js'
import type { Dossier } from '../domain/dossier.js'
import { electronicIban, ribFieldsOfIban } from '../domain/iban.js'
import type { FeedItem } from '../domain/feed.js'

/** A dossier's bank account an incoming account was routed to. */
export interface RoutedAccount {
  readonly dossier: Dossier
  readonly bankAccount: BankAccount
}

/** Ties a provider's account id (Bridge account, PSD2 resource) to a bank account, chosen at attach time. */
export interface ProviderBinding {
  readonly providerAccountId: string
  readonly dossierCode: string
  readonly bankAccountId: string
}

import type { UnmatchedReason } from '../domain/unmatched.js'

export type { UnmatchedReason }

/** An incoming account routed nowhere, with how many items it carried: reported, never dropped. */
export interface UnmatchedAccount {
  readonly account: AccountRef
  readonly reason: UnmatchedReason
  /** The dossier codes it could belong to, for `AMBIGUOUS_ACCOUNT`. */
  readonly candidates: ReadonlyArray<string>
  readonly items: ReadonlyArray<FeedItem>
}

/** Indexes of a firm's bank accounts by every way protocols name them. */
export interface AccountDirectory {
  readonly byIban: ReadonlyMap<string, ReadonlyArray<RoutedAccount>>
  readonly byRib: ReadonlyMap<string, ReadonlyArray<RoutedAccount>>
  readonly byProviderId: ReadonlyMap<string, ReadonlyArray<RoutedAccount>>
}

const ribKey = (bankCode: string, branchCode: string, accountNumber: string): string =>
  `${bankCode.trim()}|${branchCode.trim()}|${accountNumber.trim().toUpperCase()}`

const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else if (!list.includes(value)) list.push(value)
}

/**
 * Indexes every bank account of a firm's dossiers by IBAN, by bank + branch + account number (from
 * the RIB and from a French IBAN, key left out: files name accounts without it) and by provider id.
 */
export const buildAccountDirectory = (
  dossiers: ReadonlyArray<Dossier>,
  bindings: ReadonlyArray<ProviderBinding> = [],
): AccountDirectory => {
  const byIban = new Map<string, RoutedAccount[]>()
  const byRib = new Map<string, RoutedAccount[]>()
  const byProviderId = new Map<string, RoutedAccount[]>()
  const byCode = new Map<string, RoutedAccount>()
  for (const dossier of dossiers)
    for (const bankAccount of dossier.bankAccounts) {
      const routed: RoutedAccount = { dossier, bankAccount }
      byCode.set(`${dossier.code}|${bankAccount.id}`, routed)
      if (bankAccount.iban !== null && bankAccount.iban.trim() !== '') {
        const iban = electronicIban(bankAccount.iban)
        push(byIban, iban, routed)
        const rib = ribFieldsOfIban(iban)
        if (rib !== null) push(byRib, ribKey(rib.bankCode, rib.branchCode, rib.accountNumber), routed)
      }
      if (bankAccount.rib !== null)
        push(
          byRib,
          ribKey(bankAccount.rib.bankCode, bankAccount.rib.branchCode, bankAccount.rib.accountNumber),
          routed,
        )
    }
  for (const b of bindings) {
    const routed = byCode.get(`${b.dossierCode}|${b.bankAccountId}`)
    if (routed !== undefined) push(byProviderId, b.providerAccountId, routed)
  }
  return { byIban, byRib, byProviderId }
}

/**
 * The bank account an incoming account names: by provider binding first (chosen by a person), then
 * IBAN, then bank + branch + account number. Several matches are ambiguous, never guessed.
 */
export const routeAccount = (
  directory: AccountDirectory,
  ref: AccountRef,
):
  | { readonly _tag: 'Routed'; readonly to: RoutedAccount }
  | {
      readonly _tag: 'Unmatched'
      readonly reason: UnmatchedReason
      readonly candidates: ReadonlyArray<string>
    } => {
  const lookups: Array<ReadonlyArray<RoutedAccount> | undefined> = [
    ref.providerAccountId === null ? undefined : directory.byProviderId.get(ref.providerAccountId),
    ref.iban === null ? undefined : directory.byIban.get(electronicIban(ref.iban)),
    ref.bankCode === null || ref.branchCode === null || ref.accountNumber === null
      ? undefined
      : directory.byRib.get(ribKey(ref.bankCode, ref.branchCode, ref.accountNumber)),
  ]
  for (const found of lookups) {
    if (found === undefined || found.length === 0) continue
    if (found.length === 1) return { _tag: 'Routed', to: found[0] as RoutedAccount }
    return {
      _tag: 'Unmatched',
      reason: 'AMBIGUOUS_ACCOUNT',
      candidates: found.map((r) => `${r.dossier.code}/${r.bankAccount.id}`),
    }
  }
  return { _tag: 'Unmatched', reason: 'UNKNOWN_ACCOUNT', candidates: [] }
}

/** Items grouped by the bank account they belong to, in arrival order, and those routed nowhere. */
export interface RoutedItems {
  readonly routed: ReadonlyArray<{ readonly to: RoutedAccount; readonly items: ReadonlyArray<FeedItem> }>
  readonly unmatched: ReadonlyArray<UnmatchedAccount>
}

/** Routes every item of a batch; a firm-wide file mixing many dossiers routes like an API batch. */
export const routeItems = (directory: AccountDirectory, items: ReadonlyArray<FeedItem>): RoutedItems => {
  const routed = new Map<string, { to: RoutedAccount; items: FeedItem[] }>()
  const unmatched = new Map<
    string,
    { account: AccountRef; reason: UnmatchedReason; candidates: ReadonlyArray<string>; items: FeedItem[] }
  >()
  for (const item of items) {
    const r = routeAccount(directory, item.account)
    if (r._tag === 'Routed') {
      const key = `${r.to.dossier.code}|${r.to.bankAccount.id}`
      const group = routed.get(key)
      if (group === undefined) routed.set(key, { to: r.to, items: [item] })
      else group.items.push(item)
    } else {
      const key = JSON.stringify(item.account)
      const group = unmatched.get(key)
      if (group === undefined)
        unmatched.set(key, {
          account: item.account,
          reason: r.reason,
          candidates: r.candidates,
          items: [item],
        })
      else group.items.push(item)
    }
  }
  return { routed: [...routed.values()], unmatched: [...unmatched.values()] }
}

/** How a dossier's bank account is named to a connector. */
export const accountRefOf = (
  bankAccount: BankAccount,
  providerAccountId: string | null = null,
): AccountRef => {
  const iban =
    bankAccount.iban === null || bankAccount.iban.trim() === '' ? null : electronicIban(bankAccount.iban)
  const rib = bankAccount.rib ?? (iban === null ? null : ribFieldsOfIban(iban))
  return {
    iban,
    bankCode: rib?.bankCode ?? null,
    branchCode: rib?.branchCode ?? null,
    accountNumber: rib?.accountNumber ?? null,
    currency: bankAccount.currency,
    providerAccountId,
    name: bankAccount.name,
  }
}
