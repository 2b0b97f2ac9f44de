import type { Dossier, DossierStore, StoreError } from '@bankfeed/core'
import { left, right } from '../either.js'
import type { Result, Task } from '../either.js'

/** An in-memory {@link DossierStore} the test fills and can make fail. */
export interface InMemoryDossierStore extends DossierStore {
  /** Adds or replaces a dossier (by code). */
  readonly put: (dossier: Dossier) => void
  /** Removes a dossier; `get` then answers `NotFound`. */
  readonly remove: (dossierCode: string) => void
  /** The next operation fails with this error (default: the store is unavailable). */
  readonly failNext: (error?: StoreError) => void
}

/** Makes a dossier store holding `dossiers`, listed in the order they were first put or saved. */
export const makeInMemoryDossierStore = (dossiers: ReadonlyArray<Dossier> = []): InMemoryDossierStore => {
  const byCode = new Map<string, Dossier>(dossiers.map((d) => [d.code, d]))
  const failures: StoreError[] = []
  const answer =
    <A>(value: () => Result<StoreError, A>): Task<StoreError, A> =>
    () => {
      const failure = failures.shift()
      return Promise.resolve(failure === undefined ? value() : left(failure))
    }
  return {
    get: (code) =>
      answer<Dossier>(() => {
        const d = byCode.get(code)
        return d === undefined ? left({ _tag: 'NotFound', message: `no dossier ${code}` }) : right(d)
      }),
    list: () => answer<ReadonlyArray<Dossier>>(() => right([...byCode.values()])),
    // A replaced dossier keeps its place in the list: a Map keeps a key where it was first set.
    save: (d) =>
      answer<void>(() => {
        byCode.set(d.code, d)
        return right(undefined)
      }),
    put: (d) => {
      byCode.set(d.code, d)
    },
    remove: (code) => {
      byCode.delete(code)
    },
    failNext: (
      error = {
        _tag: 'StoreUnavailable',
        reason: 'unreachable',
        message: 'dossier store unavailable (injected)',
      },
    ) => {
      failures.push(error)
    },
  }
}
