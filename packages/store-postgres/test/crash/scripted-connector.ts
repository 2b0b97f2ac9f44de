// A connector that replays a script of deliveries, one per pull: what an API connection (Bridge, a
// PSD2 bank) delivers night after night — booked movements with provider ids, pending copies,
// deletions, re-deliveries. Its cursor says how many deliveries were consumed, so after a crash the
// stored cursor tells exactly which part of the script the ledger must hold.
import { readFileSync } from 'node:fs'
import { decodeFeedItem, encodeFeedItem } from '@bankfeed/core/store'
import type { BankConnector, Cursor, FeedBatch, FeedItem } from '@bankfeed/core'

/** The deliveries of a script, in order; each is one pull's items. */
export type Script = ReadonlyArray<ReadonlyArray<FeedItem>>

/** The script as JSON (core's FeedItem codec: exact amounts). */
export const encodeScript = (script: Script): string =>
  JSON.stringify(script.map((d) => d.map((item) => encodeFeedItem(item))))

/** Reads a script written by {@link encodeScript}; a bad file is a mistake of the test: it throws. */
export const readScript = (path: string): Script =>
  (JSON.parse(readFileSync(path, 'utf8')) as unknown[][]).map((d) =>
    d.map((json) => {
      const item = decodeFeedItem(json)
      if (item._tag === 'Left') throw new Error(`bad script item: ${JSON.stringify(item.left)}`)
      return item.right
    }),
  )

/** The cursor after `consumed` deliveries. */
export const scriptCursor = (consumed: number): Cursor => ({
  value: JSON.stringify({ v: 1, next: consumed }),
})

/** How many deliveries a stored cursor says were consumed (0 for none). */
export const consumedOf = (cursor: Cursor | null): number => {
  if (cursor === null) return 0
  const parsed = JSON.parse(cursor.value) as { v: number; next: number }
  if (parsed.v !== 1 || !Number.isInteger(parsed.next)) throw new Error(`bad script cursor ${cursor.value}`)
  return parsed.next
}

/** A connector delivering `script[k]` to a pull whose cursor says `k` were consumed. */
export const makeScriptedConnector = (script: Script): BankConnector => ({
  protocol: 'bankin',
  capabilities: {
    statements: false,
    balances: false,
    pending: true,
    stableIds: true,
    deletions: true,
    historyDays: null,
    push: false,
  },
  pull: (request) => async () => {
    const k = consumedOf(request.cursor)
    const items = script[k] ?? []
    const batch: FeedBatch = { items, cursor: scriptCursor(Math.min(k + 1, Math.max(k, script.length))) }
    return { _tag: 'Right', right: batch }
  },
})
