import type { FeedItem, Movement } from '@bankfeed/core'
import { canonical, describeItem } from './canonical.js'

/** The movements an item carries (itself, or a statement's lines), with where each is inside it. */
export const movementsIn = (
  item: FeedItem,
): ReadonlyArray<{ readonly movement: Movement; readonly at: string }> => {
  if (item?._tag === 'Movement') return [{ movement: item.movement, at: '.movement' }]
  if (item?._tag === 'Statement' && Array.isArray(item.statement?.movements))
    return item.statement.movements.map((movement, i) => ({ movement, at: `.statement.movements[${i}]` }))
  return []
}

const stripId = (m: unknown): unknown => {
  if (typeof m !== 'object' || m === null) return m
  const { providerId: _, ...rest } = m as Record<string, unknown>
  return rest
}

/**
 * An item with its movements' provider ids left out: what it says, whoever numbered it. Two
 * instances of a connector without stable ids may number the same movement apart.
 */
export const withoutIds = (item: FeedItem): unknown => {
  if (item?._tag === 'Movement') return { ...item, movement: stripId(item.movement) }
  if (item?._tag === 'Statement' && Array.isArray(item.statement?.movements))
    return { ...item, statement: { ...item.statement, movements: item.statement.movements.map(stripId) } }
  return item
}

/** A movement without its provider id, for comparing ids given to the same content. */
export const movementWithoutId = (m: Movement): unknown => stripId(m)

/** The account an item is on, as one text: IBAN, else bank/branch/number, else provider id. */
export const accountKey = (account: unknown): string => {
  const a = (typeof account === 'object' && account !== null ? account : {}) as Record<string, unknown>
  const text = (k: string): string | null =>
    typeof a[k] === 'string' && (a[k] as string).trim() !== ''
      ? (a[k] as string).replace(/\s+/g, '').toUpperCase()
      : null
  const rib = [text('bankCode'), text('branchCode'), text('accountNumber')]
  return (
    text('iban') ??
    (rib.every((x) => x !== null) ? rib.join('/') : null) ??
    text('providerAccountId') ??
    canonical(account)
  )
}

/** A movement described for messages, like {@link describeItem}. */
export const describeMovement = (m: Movement): string =>
  describeItem({ _tag: 'Movement', movement: m } as FeedItem)
