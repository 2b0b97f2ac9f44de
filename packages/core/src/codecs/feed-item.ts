import { E, pipe, t } from '../fp.js'
import type { Either } from '../fp.js'
import { isCurrencyCode } from '../domain/currency.js'
import type { CurrencyCode } from '../domain/currency.js'
import type { FeedItem } from '../domain/feed.js'
import { makeMoney } from '../domain/money.js'
import type { Money } from '../domain/money.js'
import type { BankStatement, Movement } from '../domain/statement.js'
import { LocalDateCodec, nullable, oneOf } from './primitives.js'
import { readableErrors } from './readable-errors.js'
import type { DecodeIssue } from './readable-errors.js'

/**
 * Feed items as JSON: what a store keeps of an item it could not route yet (the unmatched queue),
 * and what tools print. Amounts are decimal text (`"-1480.37"`) with their currency, never JS
 * numbers; dates are `YYYY-MM-DD`. `decodeFeedItem(encodeFeedItem(x))` gives `x` back exactly.
 */

const CurrencyCodec = new t.Type<CurrencyCode, string, unknown>(
  'CurrencyCode',
  (u): u is CurrencyCode => typeof u === 'string' && isCurrencyCode(u),
  (u, c) => (typeof u === 'string' && isCurrencyCode(u) ? t.success(u) : t.failure(u, c)),
  (x) => x,
)

/** Money as `{ amount: "decimal text", currency }`, exact. */
export const MoneyJsonCodec = new t.Type<Money, { amount: string; currency: string }, unknown>(
  'Money { amount: decimal text, currency }',
  (u): u is Money => typeof u === 'object' && u !== null && 'amount' in u && 'currency' in u,
  (u, c) =>
    pipe(
      t.type({ amount: t.string, currency: CurrencyCodec }).validate(u, c),
      E.chain((m) => {
        const money = makeMoney(m.amount, m.currency)
        return money._tag === 'Right' ? t.success(money.right) : t.failure(u, c, money.left._tag)
      }),
    ),
  (m) => ({ amount: m.amount.toFixed(), currency: m.currency }),
)

const AccountRefCodec = t.type(
  {
    iban: nullable(t.string),
    bankCode: nullable(t.string),
    branchCode: nullable(t.string),
    accountNumber: nullable(t.string),
    currency: nullable(t.string),
    providerAccountId: nullable(t.string),
    name: nullable(t.string),
  },
  'AccountRef',
)

const MovementCodec: t.Type<Movement, unknown, unknown> = t.type(
  {
    providerId: nullable(t.string),
    status: oneOf(['booked', 'pending'] as const),
    bookingDate: LocalDateCodec,
    valueDate: nullable(LocalDateCodec),
    amount: MoneyJsonCodec,
    label: t.string,
    reference: nullable(t.string),
    counterpartyName: nullable(t.string),
    interbankCode: nullable(t.string),
    details: t.readonlyArray(t.type({ qualifier: t.string, text: t.string })),
  },
  'Movement',
)

const DatedBalanceCodec = t.type({ date: LocalDateCodec, amount: MoneyJsonCodec }, 'DatedBalance')

/** A bank statement as JSON (amounts as decimal text with their currency). */
export const BankStatementCodec: t.Type<BankStatement, unknown, unknown> = t.type(
  {
    currency: CurrencyCodec,
    openingBalance: DatedBalanceCodec,
    closingBalance: DatedBalanceCodec,
    movements: t.readonlyArray(MovementCodec),
  },
  'BankStatement',
)

/** A feed item as JSON. */
export const FeedItemCodec: t.Type<FeedItem, unknown, unknown> = t.union(
  [
    t.type({ _tag: t.literal('Statement'), account: AccountRefCodec, statement: BankStatementCodec }),
    t.type({ _tag: t.literal('Movement'), account: AccountRefCodec, movement: MovementCodec }),
    t.type({ _tag: t.literal('Deleted'), account: AccountRefCodec, providerId: t.string }),
    t.type({
      _tag: t.literal('Balance'),
      account: AccountRefCodec,
      balance: t.type({
        kind: oneOf(['booked', 'current', 'available'] as const),
        date: LocalDateCodec,
        amount: MoneyJsonCodec,
      }),
    }),
  ],
  'FeedItem',
) as unknown as t.Type<FeedItem, unknown, unknown>

/** A feed item as a JSON value (amounts as decimal text). */
export const encodeFeedItem = (item: FeedItem): unknown => FeedItemCodec.encode(item)

/** A feed item from a JSON value, or what is wrong with it (path and expected type). */
export const decodeFeedItem = (json: unknown): Either<ReadonlyArray<DecodeIssue>, FeedItem> =>
  pipe(FeedItemCodec.decode(json), E.mapLeft(readableErrors))
