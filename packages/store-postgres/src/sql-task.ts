import * as E from 'fp-ts/lib/Either.js'
import type { Either } from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import type { TaskEither } from 'fp-ts/lib/TaskEither.js'
import type { StoreError } from '@bankfeed/core'
import type { SqlClient } from './sql-client.js'
import { toStoreError } from './store-errors.js'

/**
 * Runs SQL work as a `TaskEither` that never rejects: a driver error becomes the `StoreError` of
 * `operation` ({@link toStoreError}).
 */
export const sqlTask = <A>(operation: string, run: () => Promise<A>): TaskEither<StoreError, A> =>
  TE.tryCatch(run, toStoreError(operation))

// Carries a Left out of a transaction callback, so that the transaction rolls back.
interface Refusal {
  readonly refusal: StoreError
}
const REFUSED = Symbol('bankfeed refused transaction')
const isRefusal = (e: unknown): e is Refusal & { readonly [REFUSED]: true } =>
  typeof e === 'object' && e !== null && REFUSED in e

/**
 * Runs `fn` in one transaction as a `TaskEither`: committed when `fn` answers `Right`, rolled back
 * when it answers `Left` (that error is the answer: a stale version found inside the transaction,
 * say) or rejects (the driver error becomes the `StoreError` of `operation`). Nothing is ever
 * half-written.
 */
export const sqlTransaction =
  <A>(
    client: SqlClient,
    operation: string,
    fn: (tx: SqlClient) => Promise<Either<StoreError, A>>,
  ): TaskEither<StoreError, A> =>
  async () => {
    try {
      const value = await client.transaction(async (tx) => {
        const answer = await fn(tx)
        if (E.isLeft(answer)) throw { [REFUSED]: true, refusal: answer.left }
        return answer.right
      })
      return E.right(value)
    } catch (error) {
      return E.left(isRefusal(error) ? error.refusal : toStoreError(operation)(error))
    }
  }
