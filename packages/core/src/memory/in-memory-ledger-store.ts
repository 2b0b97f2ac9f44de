import { E, TE } from '../fp.js'
import type { CurrencyCode } from '../domain/currency.js'
import type { DomainEvent } from '../domain/domain-event.js'
import type { FeedNotice } from '../domain/feed.js'
import type { QueuedItem } from '../domain/unmatched.js'
import type { LedgerChanges, LedgerMovement } from '../domain/ledger-records.js'
import { identityFamily } from '../domain/ledger-slice.js'
import type { LedgerRecords, LedgerSlice, LedgerSliceRequest } from '../domain/ledger-slice.js'
import { addDays } from '../domain/local-date.js'
import { concurrentUpdate } from '../domain/store-error.js'
import type { CursorState, LedgerCommit, LedgerKey } from '../domain/store-records.js'
import { applyLedgerChanges, emptyLedger } from '../reconcile/ledger.js'
import type { AccountLedger } from '../reconcile/ledger.js'
import { recordsOfLedger, sliceSelection } from '../reconcile/ledger-slice.js'
import type { LedgerStore } from '../ports/stores.js'

/** An in-memory {@link LedgerStore} with inspection helpers, for tests, demos and single-process tools. */
export interface InMemoryLedgerStore extends LedgerStore {
  /** The stored ledger of an account, if any. */
  readonly ledger: (key: LedgerKey) => AccountLedger | undefined
  /** Every stored ledger. */
  readonly ledgers: () => ReadonlyArray<AccountLedger>
  /** The stored cursor of a connection. */
  readonly cursor: (connectionId: string) => CursorState
  /** How many commits were applied. */
  readonly commits: () => number
  /** The events committed so far, oldest first (the outbox a durable store keeps). */
  readonly outbox: () => ReadonlyArray<DomainEvent>
  /** The connectors' notices committed so far, oldest first. */
  readonly notices: () => ReadonlyArray<FeedNotice>
}

const keyOf = (k: LedgerKey): string => `${k.dossierCode}|${k.bankAccountId}`

/** A stored ledger and the family index its slices are answered from. */
interface Held {
  readonly ledger: AccountLedger
  /** Identity family → ids of the movements with a key (id or alias) in it. */
  readonly families: Map<string, Set<string>>
}

const keysOf = (m: LedgerMovement): ReadonlyArray<string> =>
  m.aliases.length === 0 ? [m.id] : [m.id, ...m.aliases]

/** Keeps the family index in step with changes about to be applied to `before`. */
const indexFamilies = (
  families: Map<string, Set<string>>,
  before: AccountLedger,
  changes: LedgerChanges,
): void => {
  const drop = (m: LedgerMovement | undefined): void => {
    if (m === undefined) return
    for (const k of keysOf(m)) families.get(identityFamily(k))?.delete(m.id)
  }
  const add = (m: LedgerMovement): void => {
    for (const k of keysOf(m)) {
      const f = identityFamily(k)
      let ids = families.get(f)
      if (ids === undefined) families.set(f, (ids = new Set()))
      ids.add(m.id)
    }
  }
  for (const id of changes.removed) drop(before.movements.get(id))
  for (const m of changes.updated) {
    drop(before.movements.get(m.id))
    add(m)
  }
  for (const m of changes.added) add(m)
}

/** A slice answered from the ledger's indexes: the cost follows the request, not the history. */
const sliceOf = (held: Held, request: LedgerSliceRequest): LedgerSlice => {
  const { ledger } = held
  const ids = new Set<string>()
  for (const id of ledger.index.pending) ids.add(id)
  for (const id of ledger.index.deletedWithEntry) ids.add(id)
  for (const id of ledger.index.awaitingEntry) ids.add(id)
  for (const r of request.days)
    for (let d = r.from; d <= r.to; d = addDays(d, 1))
      for (const id of ledger.index.byDate.get(d) ?? []) ids.add(id)
  for (const f of request.families) for (const id of held.families.get(f) ?? []) ids.add(id)
  const movements: LedgerMovement[] = []
  for (const id of ids) {
    const m = ledger.movements.get(id)
    if (m !== undefined) movements.push(m)
  }
  movements.sort((a, b) => a.seq - b.seq)
  const select = sliceSelection(request)
  return {
    key: request.key,
    currency: ledger.currency,
    version: ledger.version,
    nextSeq: ledger.nextSeq,
    connections: [...ledger.index.connections],
    movements,
    statements: ledger.statements.filter(select.statement),
    balances: ledger.balances.filter(select.balance),
  }
}

/**
 * Makes an in-memory ledger store. Commits are atomic: every version is checked before anything is
 * applied, and a stale one refuses the whole commit (`ConcurrentUpdate`), like a database transaction.
 */
export const makeInMemoryLedgerStore = (): InMemoryLedgerStore => {
  const held = new Map<string, Held>()
  const cursors = new Map<string, CursorState>()
  const outbox: DomainEvent[] = []
  const notices: FeedNotice[] = []
  const queue = new Map<string, QueuedItem>()
  let commits = 0
  const cursorOf = (id: string): CursorState => cursors.get(id) ?? { cursor: null, version: 0 }
  const heldOf = (key: LedgerKey, currency: CurrencyCode): Held =>
    held.get(keyOf(key)) ?? {
      ledger: emptyLedger(key.dossierCode, key.bankAccountId, currency),
      families: new Map(),
    }

  const commit = (c: LedgerCommit) => {
    if (c.connectionId !== null && cursorOf(c.connectionId).version !== c.expectedCursorVersion)
      return E.left(concurrentUpdate(`cursor of ${c.connectionId} moved since it was read`))
    for (const l of c.ledgers)
      if (heldOf(l.key, l.currency).ledger.version !== l.expectedVersion)
        return E.left(concurrentUpdate(`ledger ${keyOf(l.key)} moved since it was read`))
    for (const l of c.ledgers) {
      const h = heldOf(l.key, l.currency)
      indexFamilies(h.families, h.ledger, l.changes)
      held.set(keyOf(l.key), { ledger: applyLedgerChanges(h.ledger, l.changes), families: h.families })
    }
    if (c.connectionId !== null && c.cursor !== null)
      cursors.set(c.connectionId, { cursor: c.cursor, version: cursorOf(c.connectionId).version + 1 })
    for (const id of c.unmatched?.released ?? []) queue.delete(id)
    for (const q of c.unmatched?.queued ?? []) if (!queue.has(q.id)) queue.set(q.id, q)
    outbox.push(...(c.events ?? []))
    notices.push(...(c.notices ?? []))
    commits++
    return E.right(undefined)
  }

  return {
    loadSlices: (requests) => TE.right(requests.map((r) => sliceOf(heldOf(r.key, r.currency), r))),
    readLedger: (key, currency): ReturnType<LedgerStore['readLedger']> =>
      TE.right<never, LedgerRecords>(recordsOfLedger(heldOf(key, currency).ledger)),
    loadCursor: (id) => TE.right(cursorOf(id)),
    loadUnmatched: (connectionId) =>
      TE.right([...queue.values()].filter((q) => connectionId === null || q.connectionId === connectionId)),
    commit: (c) => TE.fromEither(commit(c)),
    ledger: (key) => held.get(keyOf(key))?.ledger,
    ledgers: () => [...held.values()].map((h) => h.ledger),
    cursor: cursorOf,
    commits: () => commits,
    outbox: () => [...outbox],
    notices: () => [...notices],
  }
}
