import { Dec, isCurrencyCode, isLocalDate, makeIban, makeMoney } from '@bankfeed/core'
import type { AccountRef } from '@bankfeed/core'
import type { ContractGroup, ContractViolation, ContractViolationCode } from './violation.js'
import { violation } from './violation.js'

/** What to hold items to beyond their shape. */
export interface InspectOptions {
  /** Opening + Σ lines must equal closing for every statement (the fixture's statements balance). */
  readonly statementsBalance: boolean
  /** The request's `since`: a movement booked before it is a violation. */
  readonly since?: string
  /**
   * The accounts the request named: an item on one of them is in that account's currency (as well as
   * in the currency of the account the item names).
   */
  readonly accounts?: ReadonlyArray<AccountRef>
}

/** The currency an amount must be in, and how to say where it comes from. */
interface Expected {
  readonly currency: string
  readonly code: ContractViolationCode
  /** `in a EUR statement`, `on a EUR account`. */
  readonly context: string
}

type Found = ContractViolation[]
type Rec = Record<string, unknown>

const isObject = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v)
const show = (v: unknown): string =>
  typeof v === 'string' ? JSON.stringify(v) : v instanceof Date ? `Date(${v.toISOString()})` : String(v)

const add = (
  found: Found,
  group: ContractGroup,
  code: ContractViolationCode,
  where: string,
  message: string,
) => found.push(violation(group, code, where, message))

const nullableString = (found: Found, o: Rec, key: string, where: string): void => {
  const v = o[key]
  if (v !== null && typeof v !== 'string')
    add(found, 'items', 'FIELD_MALFORMED', `${where}.${key}`, `expected a string or null, got ${show(v)}`)
}

const requiredString = (found: Found, o: Rec, key: string, where: string): void => {
  if (typeof o[key] !== 'string')
    add(found, 'items', 'FIELD_MALFORMED', `${where}.${key}`, `expected a string, got ${show(o[key])}`)
}

/** A `YYYY-MM-DD` calendar day that exists; never a `Date`, a timestamp or an instant. */
const calendarDate = (found: Found, v: unknown, where: string, nullable: boolean): void => {
  if (nullable && v === null) return
  if (!isLocalDate(v))
    add(
      found,
      'dates',
      'DATE_INVALID',
      where,
      `expected a calendar date YYYY-MM-DD${nullable ? ' or null' : ''}, got ${show(v)}`,
    )
}

/**
 * Money as core makes it: a decimal.js amount (any clone of it, recognised by `Dec.isDecimal`), finite,
 * with no more decimals than the currency has, and a known ISO 4217 currency. A JS number is a float
 * amount, whatever its value.
 */
const money = (found: Found, v: unknown, where: string): { amount: Dec; currency: string } | null => {
  if (!isObject(v)) {
    add(found, 'amounts', 'MONEY_MALFORMED', where, `expected Money { amount, currency }, got ${show(v)}`)
    return null
  }
  const { amount, currency } = v
  if (typeof currency !== 'string' || !isCurrencyCode(currency)) {
    add(
      found,
      'amounts',
      'CURRENCY_INVALID',
      `${where}.currency`,
      `expected an ISO 4217 code, got ${show(currency)}`,
    )
    return null
  }
  if (!Dec.isDecimal(amount)) {
    add(
      found,
      'amounts',
      'AMOUNT_NOT_DECIMAL',
      `${where}.amount`,
      typeof amount === 'number'
        ? `a JS number (${amount}) is a float: amounts must be exact decimals (makeMoney('${amount}', '${currency}'))`
        : `expected a decimal (makeMoney), got ${show(amount)}`,
    )
    return null
  }
  if (!amount.isFinite()) {
    add(
      found,
      'amounts',
      'AMOUNT_NOT_FINITE',
      `${where}.amount`,
      `expected a finite amount, got ${amount.toString()}`,
    )
    return null
  }
  const reparsed = makeMoney(amount.toFixed(), currency)
  if (reparsed._tag === 'Left') {
    add(
      found,
      'amounts',
      'AMOUNT_TOO_PRECISE',
      `${where}.amount`,
      `${amount.toFixed()} has more decimals than ${currency} allows: an amount computed in floating point, or not rounded by the bank's rules`,
    )
    return null
  }
  return { amount: new Dec(amount.toFixed()), currency }
}

/** Reports every way `v` is not a routable {@link AccountRef}; for items and notices. */
export const inspectAccount = (found: ContractViolation[], v: unknown, where: string): void => {
  if (!isObject(v)) {
    add(found, 'items', 'ACCOUNT_MALFORMED', where, `expected an AccountRef, got ${show(v)}`)
    return
  }
  for (const key of [
    'iban',
    'bankCode',
    'branchCode',
    'accountNumber',
    'currency',
    'providerAccountId',
    'name',
  ])
    if (v[key] !== null && typeof v[key] !== 'string')
      add(
        found,
        'items',
        'ACCOUNT_MALFORMED',
        `${where}.${key}`,
        `expected a string or null, got ${show(v[key])}`,
      )
  const filled = (k: string): boolean => typeof v[k] === 'string' && (v[k] as string).trim() !== ''
  if (
    !filled('iban') &&
    !(filled('bankCode') && filled('branchCode') && filled('accountNumber')) &&
    !filled('providerAccountId')
  )
    add(
      found,
      'items',
      'ACCOUNT_UNIDENTIFIED',
      where,
      'an account needs an IBAN, a bank + branch + account number, or a provider account id to be routed',
    )
  if (typeof v['iban'] === 'string' && makeIban(v['iban'])._tag === 'Left')
    add(found, 'items', 'ACCOUNT_IBAN_INVALID', `${where}.iban`, `${show(v['iban'])} is not a valid IBAN`)
  if (typeof v['currency'] === 'string' && !isCurrencyCode(v['currency']))
    add(
      found,
      'items',
      'ACCOUNT_CURRENCY_INVALID',
      `${where}.currency`,
      `${show(v['currency'])} is not an ISO 4217 code`,
    )
}

/** An amount, reported when it is not in the currency expected of it (its statement's, its account's). */
const moneyIn = (found: Found, v: unknown, where: string, expected: Expected | null) => {
  const amount = money(found, v, where)
  if (amount !== null && expected !== null && amount.currency !== expected.currency)
    add(found, 'amounts', expected.code, `${where}.currency`, `${amount.currency} ${expected.context}`)
  return amount
}

const inStatement = (currency: string | null): Expected | null =>
  currency === null ? null : { currency, code: 'CURRENCY_MISMATCH', context: `in a ${currency} statement` }

const onAccount = (currency: string | null): Expected | null =>
  currency === null ? null : { currency, code: 'WRONG_ACCOUNT_CURRENCY', context: `on a ${currency} account` }

const filledText = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.replace(/\s+/g, '').toUpperCase() : null

/** The same account by IBAN, provider id, or bank + branch + account number (whichever both give). */
const sameAccount = (a: Rec, b: AccountRef): boolean => {
  const same = (k: keyof AccountRef): boolean => {
    const x = filledText(a[k])
    return x !== null && x === filledText(b[k])
  }
  return (
    same('iban') ||
    same('providerAccountId') ||
    (same('bankCode') && same('branchCode') && same('accountNumber'))
  )
}

/**
 * The currency an item's amounts must be in: the requested account's when the request names it with
 * one (the dossier says so), else the one the item's account gives; `null` when neither says. An item
 * naming its account in another currency than the request is reported.
 */
const accountCurrency = (found: Found, v: unknown, where: string, options: InspectOptions): string | null => {
  if (!isObject(v)) return null
  const own = typeof v['currency'] === 'string' && isCurrencyCode(v['currency']) ? v['currency'] : null
  const requested = (options.accounts ?? []).find((a) => sameAccount(v, a))?.currency ?? null
  const asked = requested !== null && isCurrencyCode(requested) ? requested : null
  if (own !== null && asked !== null && own !== asked)
    add(
      found,
      'amounts',
      'WRONG_ACCOUNT_CURRENCY',
      `${where}.currency`,
      `the account comes as ${own}, but the request names it as a ${asked} account`,
    )
  return asked ?? own
}

const inspectMovement = (
  found: Found,
  v: unknown,
  where: string,
  expected: Expected | null,
  since: string | undefined,
): Dec | null => {
  if (!isObject(v)) {
    add(found, 'items', 'ITEM_MALFORMED', where, `expected a Movement, got ${show(v)}`)
    return null
  }
  nullableString(found, v, 'providerId', where)
  if (typeof v['providerId'] === 'string' && v['providerId'].trim() === '')
    add(
      found,
      'items',
      'PROVIDER_ID_BLANK',
      `${where}.providerId`,
      'a blank provider id: give null when there is none',
    )
  if (v['status'] !== 'booked' && v['status'] !== 'pending')
    add(
      found,
      'items',
      'FIELD_MALFORMED',
      `${where}.status`,
      `expected "booked" or "pending", got ${show(v['status'])}`,
    )
  calendarDate(found, v['bookingDate'], `${where}.bookingDate`, false)
  calendarDate(found, v['valueDate'], `${where}.valueDate`, true)
  if (since !== undefined && isLocalDate(v['bookingDate']) && v['bookingDate'] < since)
    add(
      found,
      'dates',
      'BOOKED_BEFORE_SINCE',
      `${where}.bookingDate`,
      `booked on ${v['bookingDate']}, before the request's since ${since}: nothing booked before the feed's start date may come, whatever the provider holds`,
    )
  const amount = moneyIn(found, v['amount'], `${where}.amount`, expected)
  requiredString(found, v, 'label', where)
  for (const key of ['reference', 'counterpartyName', 'interbankCode']) nullableString(found, v, key, where)
  const details = v['details']
  if (!Array.isArray(details))
    add(found, 'items', 'FIELD_MALFORMED', `${where}.details`, `expected an array, got ${show(details)}`)
  else
    details.forEach((d: unknown, i) => {
      if (!isObject(d) || typeof d['qualifier'] !== 'string' || typeof d['text'] !== 'string')
        add(
          found,
          'items',
          'FIELD_MALFORMED',
          `${where}.details[${i}]`,
          'expected { qualifier: string, text: string }',
        )
    })
  return amount?.amount ?? null
}

const inspectDatedBalance = (found: Found, v: unknown, where: string, expected: Expected | null) => {
  if (!isObject(v)) {
    add(found, 'items', 'ITEM_MALFORMED', where, `expected { date, amount }, got ${show(v)}`)
    return null
  }
  calendarDate(found, v['date'], `${where}.date`, false)
  return moneyIn(found, v['amount'], `${where}.amount`, expected)
}

const inspectStatement = (
  found: Found,
  v: unknown,
  where: string,
  options: InspectOptions,
  account: string | null,
): void => {
  if (!isObject(v)) {
    add(found, 'items', 'ITEM_MALFORMED', where, `expected a BankStatement, got ${show(v)}`)
    return
  }
  const currency = typeof v['currency'] === 'string' && isCurrencyCode(v['currency']) ? v['currency'] : null
  if (currency === null)
    add(
      found,
      'amounts',
      'CURRENCY_INVALID',
      `${where}.currency`,
      `expected an ISO 4217 code, got ${show(v['currency'])}`,
    )
  else if (account !== null && currency !== account)
    add(
      found,
      'amounts',
      'WRONG_ACCOUNT_CURRENCY',
      `${where}.currency`,
      `a ${currency} statement of a ${account} account`,
    )
  const opening = inspectDatedBalance(
    found,
    v['openingBalance'],
    `${where}.openingBalance`,
    inStatement(currency),
  )
  const closing = inspectDatedBalance(
    found,
    v['closingBalance'],
    `${where}.closingBalance`,
    inStatement(currency),
  )
  const openingDate = isObject(v['openingBalance']) ? v['openingBalance']['date'] : null
  const closingDate = isObject(v['closingBalance']) ? v['closingBalance']['date'] : null
  if (isLocalDate(openingDate) && isLocalDate(closingDate) && openingDate > closingDate)
    add(
      found,
      'dates',
      'STATEMENT_DATES_REVERSED',
      where,
      `opens on ${openingDate}, after it closes on ${closingDate}`,
    )
  const movements = v['movements']
  if (!Array.isArray(movements)) {
    add(found, 'items', 'ITEM_MALFORMED', `${where}.movements`, `expected an array, got ${show(movements)}`)
    return
  }
  const amounts = movements.map((m: unknown, i) =>
    inspectMovement(found, m, `${where}.movements[${i}]`, inStatement(currency), options.since),
  )
  if (!options.statementsBalance || opening === null || closing === null || amounts.some((a) => a === null))
    return
  const computed = amounts.reduce<Dec>((acc, a) => acc.plus(a as Dec), opening.amount)
  if (!computed.equals(closing.amount))
    add(
      found,
      'amounts',
      'STATEMENT_UNBALANCED',
      where,
      `opening ${opening.amount.toFixed()} + lines = ${computed.toFixed()}, but the closing balance is ${closing.amount.toFixed()}: a line lost or mis-signed`,
    )
}

/**
 * Every way one delivered item breaks the domain's rules, each tagged with its contract group
 * (`items`, `amounts` or `dates`): its shape, exact money in its account's currency, calendar dates,
 * nothing booked before `options.since`. Works on `unknown`: a broken connector delivers anything.
 */
export const inspectItem = (
  item: unknown,
  where: string,
  options: InspectOptions,
): ReadonlyArray<ContractViolation> => {
  const found: Found = []
  if (!isObject(item)) {
    add(found, 'items', 'ITEM_MALFORMED', where, `expected a FeedItem, got ${show(item)}`)
    return found
  }
  inspectAccount(found, item['account'], `${where}.account`)
  const currency = accountCurrency(found, item['account'], `${where}.account`, options)
  switch (item['_tag']) {
    case 'Movement':
      inspectMovement(found, item['movement'], `${where}.movement`, onAccount(currency), options.since)
      break
    case 'Statement':
      inspectStatement(found, item['statement'], `${where}.statement`, options, currency)
      break
    case 'Deleted':
      if (typeof item['providerId'] !== 'string' || item['providerId'].trim() === '')
        add(
          found,
          'items',
          'FIELD_MALFORMED',
          `${where}.providerId`,
          'a deletion names the provider id it deletes',
        )
      break
    case 'Balance': {
      const b = item['balance']
      if (!isObject(b)) {
        add(
          found,
          'items',
          'ITEM_MALFORMED',
          `${where}.balance`,
          `expected a BalanceSnapshot, got ${show(b)}`,
        )
        break
      }
      if (b['kind'] !== 'booked' && b['kind'] !== 'current' && b['kind'] !== 'available')
        add(
          found,
          'items',
          'FIELD_MALFORMED',
          `${where}.balance.kind`,
          `expected booked, current or available, got ${show(b['kind'])}`,
        )
      calendarDate(found, b['date'], `${where}.balance.date`, false)
      moneyIn(found, b['amount'], `${where}.balance.amount`, onAccount(currency))
      break
    }
    default:
      add(
        found,
        'items',
        'ITEM_MALFORMED',
        `${where}._tag`,
        `expected Movement, Statement, Deleted or Balance, got ${show(item['_tag'])}`,
      )
  }
  return found
}
