import type { Dossier, DossierStore, StoreError } from '@bankfeed/core'
import { err, ok } from '@bankfeed/core'
import { storeNotFound } from '@bankfeed/core/store'
import type { AsyncResult, Result } from '@bankfeed/core'

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
    <A>(value: () => Result<StoreError, A>): AsyncResult<StoreError, A> =>
    () => {
      const failure = failures.shift()
      return Promise.resolve(failure === undefined ? value() : err(failure))
    }
  return {
    get: (code) =>
      answer<Dossier>(() => {
        const d = byCode.get(code)
        return d === undefined ? err(storeNotFound(`no dossier ${code}`)) : ok(d)
      }),
    list: () => answer<ReadonlyArray<Dossier>>(() => ok([...byCode.values()])),
    // A replaced dossier keeps its place in the list: a Map keeps a key where it was first set.
    save: (d) =>
      answer<void>(() => {
        byCode.set(d.code, d)
        return ok(undefined)
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
