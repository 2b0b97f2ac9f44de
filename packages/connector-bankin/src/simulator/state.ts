/**
 * The simulator's data: users, items, accounts and transactions in Bridge 2021-06-01 wire form, with
 * a logical clock that stamps every change (`updated_at`) one second after the previous one.
 */

/** A simulated user. */
export interface SimUser {
  readonly uuid: string
  readonly externalUserId: string
}

/** A simulated item (bank connection). */
export interface SimItem {
  readonly id: number
  readonly userUuid: string
  status: number
  statusCodeInfo: string | null
  statusCodeDescription: string | null
  readonly bankId: number
  authenticationExpiresAt: string | null
}

/** A simulated account; the balance is decimal text, sent as a JSON number. */
export interface SimAccount {
  readonly id: number
  readonly itemId: number
  name: string
  balance: string
  currency: string
  iban: string | null
  type: string
  isPro: boolean
  updatedAt: string
}

/** A simulated transaction; the amount is decimal text, sent as a JSON number. */
export interface SimTransaction {
  readonly id: number
  readonly accountId: number
  amount: string
  currency: string
  date: string
  bookingDate: string | null
  transactionDate: string | null
  valueDate: string | null
  bankDescription: string
  cleanDescription: string | null
  updatedAt: string
  deleted: boolean
  future: boolean
  showClientSide: boolean
  categoryId: number | null
  /** Raw wire fields sent instead of the computed ones (a broken entry); none when absent. */
  wireOverrides?: Readonly<Record<string, unknown>>
}

/** Everything the simulator holds. */
export interface SimState {
  readonly users: Map<string, SimUser>
  readonly items: Map<number, SimItem>
  readonly accounts: Map<number, SimAccount>
  readonly transactions: Map<number, SimTransaction>
  /** Access token → user uuid and expiry (ms since epoch). */
  readonly tokens: Map<string, { readonly userUuid: string; readonly expiresAtMs: number }>
  /** The next instant a change is stamped with. */
  readonly tick: () => string
  /** The next id of a resource. */
  readonly nextId: () => number
}

/** Makes an empty state whose change stamps start at `startAt`. */
export const makeSimState = (startAt: string): SimState => {
  let clock = Date.parse(startAt)
  let id = 1000
  return {
    users: new Map(),
    items: new Map(),
    accounts: new Map(),
    transactions: new Map(),
    tokens: new Map(),
    tick: () => {
      clock += 1000
      return new Date(clock).toISOString().replace('.000Z', 'Z')
    },
    nextId: () => ++id,
  }
}

/** The user that owns an account, through its item. */
export const ownerOfAccount = (state: SimState, accountId: number): string | undefined => {
  const account = state.accounts.get(accountId)
  return account === undefined ? undefined : state.items.get(account.itemId)?.userUuid
}

/** The wire JSON of an item. */
export const itemJson = (i: SimItem): Record<string, unknown> => ({
  id: i.id,
  status: i.status,
  status_code_info: i.statusCodeInfo,
  status_code_description: i.statusCodeDescription,
  bank_id: i.bankId,
  authentication_expires_at: i.authenticationExpiresAt,
})

/**
 * A decimal text as the JSON number Bridge sends. Bridge's wire format really is a JSON number, so the
 * simulator must emit one; it refuses (a programmer error in the seed) any text whose number would not
 * print back as the same decimal, so the simulator never sends a rounded amount.
 */
const jsonNumberOf = (text: string): number => {
  const n = Number(text)
  const canonical = (d: string): string =>
    d
      .replace(/^(-?)0*(\d)/, '$1$2')
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '')
  if (!Number.isFinite(n) || canonical(String(n)) !== canonical(text.trim()))
    throw new Error(`simulator: ${text} is not exactly representable as a JSON number`)
  return n
}

/** The wire JSON of an account: the balance becomes a JSON number, as Bridge sends it. */
export const accountJson = (a: SimAccount): Record<string, unknown> => ({
  id: a.id,
  name: a.name,
  balance: jsonNumberOf(a.balance),
  status: 0,
  status_code_info: null,
  status_code_description: null,
  updated_at: a.updatedAt,
  type: a.type,
  currency_code: a.currency,
  item_id: a.itemId,
  bank_id: 574,
  loan_details: null,
  savings_details: null,
  is_pro: a.isPro,
  iban: a.iban,
})

/**
 * The wire JSON of a transaction: the amount becomes a JSON number, as Bridge sends it; overridden
 * fields are sent as set.
 */
export const transactionJson = (x: SimTransaction): Record<string, unknown> => ({
  ...wellFormedTransactionJson(x),
  ...x.wireOverrides,
})

const wellFormedTransactionJson = (x: SimTransaction): Record<string, unknown> => ({
  id: x.id,
  clean_description: x.cleanDescription,
  bank_description: x.bankDescription,
  amount: jsonNumberOf(x.amount),
  date: x.date,
  booking_date: x.bookingDate,
  transaction_date: x.transactionDate,
  value_date: x.valueDate,
  updated_at: x.updatedAt,
  currency_code: x.currency,
  is_deleted: x.deleted,
  category_id: x.categoryId,
  account_id: x.accountId,
  is_future: x.future,
  show_client_side: x.showClientSide,
})
