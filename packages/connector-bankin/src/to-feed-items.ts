import * as E from 'fp-ts/lib/Either.js'
import { localDateOfInstant, makeMoney } from '@bankfeed/core'
import type { FeedItem, LocalDate, Money, Movement, MovementDetail } from '@bankfeed/core'
import type { BoundAccount } from './account-binding.js'
import type { BridgeTransaction } from './wire/records.js'

/**
 * Why one item cannot be used: the field at fault (`amount`, `currency_code`) and a sentence for
 * people that names it. Never the amount itself, nor any text of the line: the reason goes to the
 * error report and the logs.
 */
export interface Unusable {
  readonly field: string
  readonly reason: string
}

/** A currency code as Bridge wrote it, when it looks like one; anything else is not repeated. */
const codeText = (code: string): string => (/^[A-Z]{3}$/.test(code) ? code : 'an unknown code')

/** Exact money from decimal text, or why not (another currency, too many decimals), naming `what`. */
export const moneyOf = (
  text: string,
  currency: string,
  what: string,
  field: string,
): E.Either<Unusable, Money> => {
  const money = makeMoney(text, currency)
  if (E.isRight(money)) return money
  const why = money.left
  return E.left({
    field: why._tag === 'UnknownCurrency' ? 'currency_code' : field,
    reason:
      why._tag === 'TooManyDecimals'
        ? `${what}: ${field} has more than ${why.max} decimals for ${why.currency}`
        : why._tag === 'UnknownCurrency'
          ? `${what}: currency_code ${codeText(currency)} is not a known currency`
          : `${what}: ${field} is not a decimal amount`,
  })
}

/**
 * The feed item of one transaction of a bound account, or `null` when it is not wanted (a movement
 * booked before the feed's start date), or why it cannot be used (`Left`: another currency than its
 * account, an amount that does not fit the currency). A deletion, and a deferred-card line hidden
 * client side (`show_client_side: false`, already counted on the checking account), are `Deleted`; a
 * line that will be debited later (`is_future`) or dated after `today` is `pending`. The booking date
 * is the bank's calendar day (`booking_date`, else `date`), never taken from a timestamp.
 */
export const transactionItem = (
  x: BridgeTransaction,
  account: BoundAccount,
  since: LocalDate,
  today: LocalDate,
): E.Either<Unusable, FeedItem | null> => {
  const what = `Bridge transaction ${x.id}`
  if (x.deleted || !x.showClientSide)
    return E.right({ _tag: 'Deleted', account: account.ref, providerId: x.id })
  const bookingDate = x.bookingDate ?? x.date
  // Before the feed start it is not wanted at all, usable or not.
  if (bookingDate < since) return E.right(null)
  if (x.currency !== account.bridge.currency)
    return E.left({
      field: 'currency_code',
      reason: `${what}: currency_code ${codeText(x.currency)} differs from its account's ${codeText(account.bridge.currency)} (Bridge account ${account.bridge.id})`,
    })
  const amount = moneyOf(x.amount, x.currency, what, 'amount')
  if (E.isLeft(amount)) return amount
  const details: MovementDetail[] = []
  if (x.cleanDescription !== null && x.cleanDescription !== x.bankDescription)
    details.push({ qualifier: 'clean_description', text: x.cleanDescription })
  if (x.transactionDate !== null) details.push({ qualifier: 'transaction_date', text: x.transactionDate })
  const movement: Movement = {
    providerId: x.id,
    status: x.future || bookingDate > today ? 'pending' : 'booked',
    bookingDate,
    valueDate: x.valueDate,
    amount: amount.right,
    label: x.bankDescription.trim() === '' ? (x.cleanDescription ?? '') : x.bankDescription,
    reference: null,
    counterpartyName: null,
    interbankCode: null,
    details,
  }
  return E.right({ _tag: 'Movement', account: account.ref, movement })
}

/**
 * The current balance of a bound account, dated the Paris day of its last refresh (or `today` when
 * Bridge gives no refresh instant), or why it cannot be used.
 */
export const balanceItem = (account: BoundAccount, today: LocalDate): E.Either<Unusable, FeedItem> => {
  const b = account.bridge
  const amount = moneyOf(b.balance, b.currency, `balance of Bridge account ${b.id}`, 'balance')
  if (E.isLeft(amount)) return amount
  return E.right({
    _tag: 'Balance',
    account: account.ref,
    balance: {
      kind: 'current',
      date: b.updatedAt === null ? today : localDateOfInstant(b.updatedAt),
      amount: amount.right,
    },
  })
}
