import * as E from 'fp-ts/lib/Either.js'
import { localDateOfInstant, makeMoney } from '@bankfeed/core'
import type { ConnectorError, FeedItem, LocalDate, Money, Movement, MovementDetail } from '@bankfeed/core'
import type { BoundAccount } from './account-binding.js'
import type { BridgeTransaction } from './wire/records.js'

const invalid = (where: string, message: string): ConnectorError => ({
  _tag: 'InvalidData',
  message,
  retryable: false,
  where,
})

/** Exact money from decimal text, or `InvalidData` naming where (other currency, too many decimals). */
export const moneyOf = (text: string, currency: string, where: string): E.Either<ConnectorError, Money> => {
  const money = makeMoney(text, currency)
  if (E.isRight(money)) return money
  const why = money.left
  return E.left(
    invalid(
      where,
      why._tag === 'TooManyDecimals'
        ? `${where}: ${why.value} has more than ${why.max} decimals for ${why.currency}`
        : why._tag === 'UnknownCurrency'
          ? `${where}: unknown currency ${why.currency}`
          : `${where}: not a decimal amount ${why.value}`,
    ),
  )
}

/**
 * The feed item of one transaction of a bound account, or `null` when it is not wanted (a movement
 * booked before the feed's start date). A deletion, and a deferred-card line hidden client side
 * (`show_client_side: false`, already counted on the checking account), are `Deleted`; a line that
 * will be debited later (`is_future`) or dated after `today` is `pending`. The booking date is the
 * bank's calendar day (`booking_date`, else `date`), never taken from a timestamp.
 */
export const transactionItem = (
  x: BridgeTransaction,
  account: BoundAccount,
  since: LocalDate,
  today: LocalDate,
): E.Either<ConnectorError, FeedItem | null> => {
  const where = `transaction ${x.id}`
  if (x.deleted || !x.showClientSide)
    return E.right({ _tag: 'Deleted', account: account.ref, providerId: x.id })
  if (x.currency !== account.bridge.currency)
    return E.left(
      invalid(
        `${where}.currency_code`,
        `${where} is in ${x.currency}, its account ${account.bridge.id} in ${account.bridge.currency}`,
      ),
    )
  const amount = moneyOf(x.amount, x.currency, `${where}.amount`)
  if (E.isLeft(amount)) return amount
  const bookingDate = x.bookingDate ?? x.date
  if (bookingDate < since) return E.right(null)
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
 * Bridge gives no refresh instant).
 */
export const balanceItem = (account: BoundAccount, today: LocalDate): E.Either<ConnectorError, FeedItem> => {
  const b = account.bridge
  const amount = moneyOf(b.balance, b.currency, `account ${b.id}.balance`)
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
