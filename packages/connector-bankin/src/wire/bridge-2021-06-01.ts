import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { LocalDateCodec, nullable } from '@bankfeed/core/store'
import { readableErrors } from '@bankfeed/core/connector'
import { fingerprintOf } from '../fingerprint.js'
import { DecimalTextCodec } from './decimal-text.js'
import type {
  BridgeAccount,
  BridgeConnectSession,
  BridgeItem,
  BridgeTransaction,
  BridgeUser,
  BridgeUserToken,
  TransactionEntry,
} from './records.js'

/**
 * Bridge API version 2021-06-01 on the wire: `/v2` paths, the `Bridge-Version` header, and io-ts
 * codecs of every response the client reads, each with its mapping to the version-neutral records.
 * The 2025-01-15 version (`/v3/aggregation`) will be a sibling module with the same exports.
 */

/** The value of the `Bridge-Version` header. */
export const VERSION = '2021-06-01'

/** Paths of the endpoints the client calls. */
export const PATHS = {
  users: '/v2/users',
  authenticate: '/v2/authenticate',
  connectAdd: '/v2/connect/items/add',
  connectEdit: '/v2/connect/items/edit',
  connectSync: '/v2/connect/items/sync',
  items: '/v2/items',
  accounts: '/v2/accounts',
  updatedTransactions: '/v2/transactions/updated',
} as const

/** A Bridge id: a JSON integer (a long) within the safe range, or its digits, kept as text. */
export const IdCodec = new t.Type<string, number, unknown>(
  'id (integer)',
  (u): u is string => typeof u === 'string',
  (u, c) =>
    (typeof u === 'number' && Number.isSafeInteger(u) && u >= 0) ||
    (typeof u === 'string' && /^\d{1,15}$/.test(u))
      ? t.success(String(u))
      : t.failure(u, c),
  (s) => Number(s),
)

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/

/** An ISO-8601 instant with its zone, kept as the server wrote it. */
export const InstantCodec = new t.Type<string, string, unknown>(
  'instant (ISO-8601 with zone)',
  (u): u is string => typeof u === 'string',
  (u, c) =>
    typeof u === 'string' && INSTANT.test(u) && !Number.isNaN(Date.parse(u)) ? t.success(u) : t.failure(u, c),
  (s) => s,
)

const UserCodec = t.type({ uuid: t.string, external_user_id: nullable(t.string) }, 'User')

const toUser = (u: t.TypeOf<typeof UserCodec>): BridgeUser => ({
  uuid: u.uuid,
  externalUserId: u.external_user_id,
})

/** `POST /v2/users`. */
export const CreateUserResponse = UserCodec

/** Maps a created user. */
export const toCreatedUser = toUser

/** `POST /v2/authenticate`. */
export const AuthenticateResponse = t.type(
  { access_token: t.string, expires_at: InstantCodec, user: UserCodec },
  'Authentication',
)

/** Maps an authentication answer. */
export const toUserToken = (a: t.TypeOf<typeof AuthenticateResponse>): BridgeUserToken => ({
  accessToken: a.access_token,
  expiresAt: a.expires_at,
  user: toUser(a.user),
})

/** Every `/v2/connect/items/*` endpoint. */
export const ConnectResponse = t.type({ redirect_url: t.string }, 'ConnectSession')

/** Maps a connect session. */
export const toConnectSession = (c: t.TypeOf<typeof ConnectResponse>): BridgeConnectSession => ({
  redirectUrl: c.redirect_url,
})

/** The envelope of every list: one page of resources and the link to the next. */
export const page = <C extends t.Mixed>(resource: C) =>
  t.type(
    {
      resources: t.array(resource),
      pagination: nullable(t.type({ next_uri: nullable(t.string) })),
    },
    `Page<${resource.name}>`,
  )

/** An item resource. */
export const ItemCodec = t.type(
  {
    id: IdCodec,
    status: t.Int,
    status_code_info: nullable(t.string),
    status_code_description: nullable(t.string),
    bank_id: nullable(IdCodec),
    authentication_expires_at: nullable(InstantCodec),
  },
  'Item',
)

/** Maps an item. */
export const toItem = (i: t.TypeOf<typeof ItemCodec>): BridgeItem => ({
  id: i.id,
  status: i.status,
  statusCodeInfo: i.status_code_info,
  statusCodeDescription: i.status_code_description,
  bankId: i.bank_id,
  authenticationExpiresAt: i.authentication_expires_at,
})

/** An account resource. */
export const AccountCodec = t.type(
  {
    id: IdCodec,
    item_id: IdCodec,
    name: t.string,
    balance: DecimalTextCodec,
    currency_code: t.string,
    iban: nullable(t.string),
    type: nullable(t.string),
    status: nullable(t.Int),
    updated_at: nullable(InstantCodec),
    is_pro: nullable(t.boolean),
  },
  'Account',
)

/** Maps an account. */
export const toAccount = (a: t.TypeOf<typeof AccountCodec>): BridgeAccount => ({
  id: a.id,
  itemId: a.item_id,
  name: a.name,
  balance: a.balance,
  currency: a.currency_code,
  iban: a.iban === null || a.iban.trim() === '' ? null : a.iban,
  type: a.type,
  status: a.status ?? 0,
  updatedAt: a.updated_at,
  isPro: a.is_pro ?? false,
})

/** A transaction resource, as the "updated" list gives it (deletions included). */
export const TransactionCodec = t.type(
  {
    id: IdCodec,
    account_id: IdCodec,
    amount: DecimalTextCodec,
    currency_code: t.string,
    date: LocalDateCodec,
    booking_date: nullable(LocalDateCodec),
    transaction_date: nullable(LocalDateCodec),
    value_date: nullable(LocalDateCodec),
    bank_description: t.string,
    clean_description: nullable(t.string),
    updated_at: InstantCodec,
    is_deleted: nullable(t.boolean),
    is_future: nullable(t.boolean),
    show_client_side: nullable(t.boolean),
    category_id: nullable(IdCodec),
  },
  'Transaction',
)

/** Maps a transaction. */
export const toTransaction = (x: t.TypeOf<typeof TransactionCodec>): BridgeTransaction => ({
  id: x.id,
  accountId: x.account_id,
  amount: x.amount,
  currency: x.currency_code,
  date: x.date,
  bookingDate: x.booking_date,
  transactionDate: x.transaction_date,
  valueDate: x.value_date,
  bankDescription: x.bank_description,
  cleanDescription: x.clean_description,
  updatedAt: x.updated_at,
  deleted: x.is_deleted ?? false,
  future: x.is_future ?? false,
  showClientSide: x.show_client_side ?? true,
  categoryId: x.category_id,
})

/** What every entry of the updated list must have, or the page is broken: who it is and whose it is. */
const TransactionKeyCodec = t.type({ id: IdCodec, account_id: IdCodec }, 'TransactionKey')

/** The first of these fields that reads with `codec`, or `null`. */
const firstReadable = <A>(
  raw: Record<string, unknown>,
  keys: ReadonlyArray<string>,
  codec: t.Decoder<unknown, A>,
): A | null => {
  for (const key of keys) {
    const value = raw[key]
    if (value === null || value === undefined) continue
    const read = codec.decode(value)
    if (E.isRight(read)) return read.right
  }
  return null
}

/**
 * Reads one entry of the updated list on its own, so one bad entry does not fail its page: the
 * transaction when it decodes; else what reads of it (`Undecodable`, with the failing fields by path
 * and expected type, never values); `Left` with the issues only when not even its `id` and
 * `account_id` read (it cannot be told apart nor tied to an account).
 */
export const readTransaction = (raw: unknown): E.Either<ReadonlyArray<string>, TransactionEntry> => {
  const decoded = TransactionCodec.decode(raw)
  if (E.isRight(decoded)) return E.right({ _tag: 'Decoded', transaction: toTransaction(decoded.right) })
  const key = TransactionKeyCodec.decode(raw)
  const issues = (errors: t.Errors): ReadonlyArray<string> =>
    readableErrors(errors).map((i) => `${i.path === '' ? '(root)' : i.path}: expected ${i.expected}`)
  if (E.isLeft(key)) return E.left(issues(key.left))
  const fields = raw as Record<string, unknown>
  // Only the fields the codec reads: a field Bridge adds later must not make an entry look changed.
  const known = Object.fromEntries(Object.keys(TransactionCodec.props).map((k) => [k, fields[k]]))
  return E.right({
    _tag: 'Undecodable',
    id: key.right.id,
    accountId: key.right.account_id,
    deleted: fields['is_deleted'] === true,
    updatedAt: firstReadable(fields, ['updated_at'], InstantCodec),
    bookingDate: firstReadable(fields, ['booking_date', 'date'], LocalDateCodec),
    issues: issues(decoded.left),
    fingerprint: fingerprintOf(known),
  })
}

/** The error body Bridge sends with 4xx/5xx: `{ type, message, documentation_url }`. */
export const ErrorBody = t.partial({ type: t.string, message: t.string }, 'ErrorBody')
