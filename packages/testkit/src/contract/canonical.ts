import { Dec } from '@bankfeed/core'
import type { FeedItem } from '@bankfeed/core'

/**
 * A deterministic text of any value, equal for equal items: object keys sorted, decimals by value
 * (`1.5` and `1.50` alike), numbers marked apart from strings so a float amount never passes for a
 * decimal one.
 */
export const canonical = (value: unknown): string => {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  if (typeof value === 'number') return `#${String(value)}`
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'bigint') return `${value.toString()}n`
  if (typeof value !== 'object') return String(value)
  if (Dec.isDecimal(value)) return `dec(${value.toFixed()})`
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  const record = value as Record<string, unknown>
  return `{${Object.keys(record)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
    .join(',')}}`
}

const amountText = (amount: unknown): string =>
  Dec.isDecimal(amount)
    ? amount.toFixed()
    : typeof amount === 'number'
      ? `${amount} (number)`
      : String(amount)

/** A short description of an item for messages: `Movement 2026-01-02 -30.00 "PRLV EDF" id m1`. */
export const describeItem = (item: FeedItem): string => {
  switch (item._tag) {
    case 'Movement': {
      const m = item.movement
      return `Movement ${m.bookingDate} ${amountText(m.amount?.amount)} "${m.label}"${m.providerId === null ? '' : ` id ${m.providerId}`}`
    }
    case 'Statement': {
      const s = item.statement
      return `Statement ${s.openingBalance?.date}..${s.closingBalance?.date} (${s.movements?.length} lines)`
    }
    case 'Deleted':
      return `Deleted ${item.providerId}`
    case 'Balance':
      return `Balance ${item.balance?.kind} ${item.balance?.date} ${amountText(item.balance?.amount?.amount)}`
    default:
      return canonical(item).slice(0, 120)
  }
}
