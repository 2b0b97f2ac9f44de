import * as E from 'fp-ts/lib/Either.js'
import { electronicIban, ribFieldsOfIban } from '@bankfeed/core/domain'
import { makeIban } from '@bankfeed/core'
import { ConnectorError } from '@bankfeed/core/connector'
import type { AccountRef, FeedNotice } from '@bankfeed/core/connector'
import type { BridgeAccount } from './wire/records.js'

/**
 * A person's explicit choice, made once at attach time: the dossier's bank account with this IBAN is
 * the Bridge account `bridgeAccountId` (for Bridge accounts without an IBAN, or same-named ones).
 */
export interface BridgeAccountChoice {
  readonly iban: string
  readonly bridgeAccountId: string
}

/** A requested account tied to its Bridge account, with the ref its items carry. */
export interface BoundAccount {
  readonly bridge: BridgeAccount
  /** Routes to the dossier: Bridge's IBAN (or the dossier's, when chosen explicitly) and the provider id. */
  readonly ref: AccountRef
}

/** The bound accounts, and a notice for each requested account left without a Bridge account. */
export interface Binding {
  readonly bound: ReadonlyArray<BoundAccount>
  readonly notices: ReadonlyArray<FeedNotice>
}

const validIban = (text: string | null): string | null => {
  if (text === null || text.trim() === '') return null
  const iban = makeIban(text)
  return E.isRight(iban) ? electronicIban(iban.right) : null
}

const refOf = (bridge: BridgeAccount, fallback: AccountRef | null, chosen = false): AccountRef => {
  // An explicit choice names the dossier's account: its IBAN wins over whatever Bridge shows.
  const iban = chosen
    ? (validIban(fallback?.iban ?? null) ?? validIban(bridge.iban))
    : (validIban(bridge.iban) ?? validIban(fallback?.iban ?? null))
  const rib = iban === null ? null : ribFieldsOfIban(iban)
  return {
    iban,
    bankCode: rib?.bankCode ?? fallback?.bankCode ?? null,
    branchCode: rib?.branchCode ?? fallback?.branchCode ?? null,
    accountNumber: rib?.accountNumber ?? fallback?.accountNumber ?? null,
    currency: bridge.currency,
    providerAccountId: bridge.id,
    name: bridge.name,
  }
}

/** How a person tells accounts apart: name, balance and IBAN, as the attach screen shows them. */
export const describeBridgeAccount = (a: BridgeAccount): string =>
  `${a.name} (${a.balance} ${a.currency}${a.iban === null ? '' : `, ${a.iban}`}, id ${a.id})`

/**
 * Ties each requested account to a Bridge account: by an explicit choice, by the request's provider
 * id, or by IBAN. No requested account means every Bridge account. An account matched nowhere (or
 * ambiguously) becomes a `SkippedAccount` notice naming the candidates; a currency that differs from
 * the dossier's is `InvalidData`, since its amounts could not be booked.
 */
export const bindAccounts = (
  requested: ReadonlyArray<AccountRef>,
  accounts: ReadonlyArray<BridgeAccount>,
  choices: ReadonlyArray<BridgeAccountChoice>,
): E.Either<ConnectorError, Binding> => {
  if (requested.length === 0)
    return E.right({ bound: accounts.map((a) => ({ bridge: a, ref: refOf(a, null) })), notices: [] })
  const bound: BoundAccount[] = []
  const notices: FeedNotice[] = []
  const candidates = accounts.map(describeBridgeAccount).join('; ') || 'none'
  for (const ref of requested) {
    const iban = validIban(ref.iban)
    const chosen = iban === null ? undefined : choices.find((c) => validIban(c.iban) === iban)
    let matches: ReadonlyArray<BridgeAccount>
    if (chosen !== undefined) matches = accounts.filter((a) => a.id === chosen.bridgeAccountId)
    else if (ref.providerAccountId !== null) matches = accounts.filter((a) => a.id === ref.providerAccountId)
    else matches = iban === null ? [] : accounts.filter((a) => validIban(a.iban) === iban)
    const [match, ...others] = matches
    if (match === undefined || others.length > 0) {
      notices.push({
        _tag: 'SkippedAccount',
        account: ref,
        reason:
          match === undefined
            ? `no Bridge account ${chosen === undefined ? 'has this IBAN' : `with the chosen id ${chosen.bridgeAccountId}`}; choose among: ${candidates}`
            : `several Bridge accounts have this IBAN; choose among: ${matches.map(describeBridgeAccount).join('; ')}`,
      })
      continue
    }
    if (ref.currency !== null && ref.currency !== match.currency)
      return E.left(
        ConnectorError.invalidData({
          message: `Bridge account ${match.id} is in ${match.currency}, the bank account in ${ref.currency}`,
          where: `account ${match.id}.currency_code`,
        }),
      )
    bound.push({ bridge: match, ref: refOf(match, ref, chosen !== undefined) })
  }
  return E.right({ bound, notices })
}
