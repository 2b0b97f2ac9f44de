import { E, TE } from '../fp.js'
import type { CurrencyCode } from '../domain/currency.js'
import { applyLedgerChanges, emptyLedger } from '../reconcile/ledger.js'
import type { AccountLedger } from '../reconcile/ledger.js'
import type { CursorState, LedgerCommit, LedgerKey, LedgerStore } from '../ports/stores.js'

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
}

const keyOf = (k: LedgerKey): string => `${k.dossierCode}|${k.bankAccountId}`

/**
 * Makes an in-memory ledger store. Commits are atomic: every version is checked before anything is
 * applied, and a stale one refuses the whole commit (`ConcurrentUpdate`), like a database transaction.
 */
export const makeInMemoryLedgerStore = (): InMemoryLedgerStore => {
  const ledgers = new Map<string, AccountLedger>()
  const cursors = new Map<string, CursorState>()
  let commits = 0
  const cursorOf = (id: string): CursorState => cursors.get(id) ?? { cursor: null, version: 0 }
  const load = (key: LedgerKey, currency: CurrencyCode): AccountLedger =>
    ledgers.get(keyOf(key)) ?? emptyLedger(key.dossierCode, key.bankAccountId, currency)

  const commit = (c: LedgerCommit) => {
    if (c.connectionId !== null && cursorOf(c.connectionId).version !== c.expectedCursorVersion)
      return E.left({
        _tag: 'ConcurrentUpdate' as const,
        message: `cursor of ${c.connectionId} moved since it was read`,
      })
    for (const l of c.ledgers)
      if (load(l.key, l.currency).version !== l.expectedVersion)
        return E.left({
          _tag: 'ConcurrentUpdate' as const,
          message: `ledger ${keyOf(l.key)} moved since it was read`,
        })
    for (const l of c.ledgers) {
      const next = applyLedgerChanges(load(l.key, l.currency), l.changes)
      ledgers.set(keyOf(l.key), next)
    }
    if (c.connectionId !== null && c.cursor !== null)
      cursors.set(c.connectionId, { cursor: c.cursor, version: cursorOf(c.connectionId).version + 1 })
    commits++
    return E.right(undefined)
  }

  return {
    loadLedger: (key, currency) => TE.right(load(key, currency)),
    loadCursor: (id) => TE.right(cursorOf(id)),
    commit: (c) => TE.fromEither(commit(c)),
    ledger: (key) => ledgers.get(keyOf(key)),
    ledgers: () => [...ledgers.values()],
    cursor: cursorOf,
    commits: () => commits,
  }
}
