import type { LedgerCommit, LedgerStore, StoreError } from '@bankfeed/core'
import { err } from '@bankfeed/core'

/** Fault injection added to a ledger store. */
export interface CommitFaults {
  /** The next commit is refused with this error (default: `StoreUnavailable`); queue several by calling again. */
  readonly failNextCommit: (error?: StoreError) => void
  /** Every commit attempted, refused ones included, oldest first. */
  readonly attemptedCommits: () => ReadonlyArray<LedgerCommit>
}

/** Options of {@link withCommitFailures}. */
export interface CommitFailureOptions {
  /** Decides for each attempted commit (1-based attempt number) whether it fails, and how. */
  readonly failWhen?: (commit: LedgerCommit, attempt: number) => StoreError | null
}

/**
 * Wraps a ledger store (typically `makeInMemoryLedgerStore()`) so commits can be made to fail. A
 * refused commit never reaches the inner store, so nothing of it is applied: the atomicity a real
 * database transaction gives. The inner store's other members (inspection helpers) stay available.
 */
export const withCommitFailures = <S extends LedgerStore>(
  inner: S,
  options: CommitFailureOptions = {},
): S & CommitFaults => {
  const queued: StoreError[] = []
  const attempts: LedgerCommit[] = []
  return {
    ...inner,
    loadSlices: (requests) => inner.loadSlices(requests),
    readLedger: (key, currency) => inner.readLedger(key, currency),
    loadCursor: (id) => inner.loadCursor(id),
    commit: (commit) => () => {
      attempts.push(commit)
      const failure = queued.shift() ?? options.failWhen?.(commit, attempts.length) ?? null
      return failure === null ? inner.commit(commit)() : Promise.resolve(err(failure))
    },
    failNextCommit: (
      error = {
        _tag: 'StoreUnavailable',
        reason: 'unreachable',
        message: 'ledger store unavailable (injected)',
      },
    ) => {
      queued.push(error)
    },
    attemptedCommits: () => [...attempts],
  }
}
