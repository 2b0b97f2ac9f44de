import { E } from './fp.js'
import type { Either, Left, Right, TaskEither } from './fp.js'

// Every fallible function of bankfeed answers a `Result` (or, when it does I/O, an `AsyncResult`):
// the failure is a tagged value, never a throw. They are fp-ts's `Either` and `TaskEither`, so code
// written with fp-ts composes with them as is; these helpers let a connector or an application work
// with them in plain async/await code, without fp-ts of its own.

/** A success (`{ _tag: 'Right', right }`) or a failure (`{ _tag: 'Left', left }`): fp-ts's `Either`. */
export type Result<E, A> = Either<E, A>

/**
 * A result that takes I/O to get: a function that starts the work when called and never rejects
 * (fp-ts's `TaskEither`). Nothing happens until it is called.
 */
export type AsyncResult<E, A> = TaskEither<E, A>

/**
 * A success.
 * @example
 * ```ts
 * const r = ok(42) // Result<never, number>
 * ```
 */
export const ok = <A>(value: A): Result<never, A> => E.right(value)

/**
 * A failure.
 * @example
 * ```ts
 * const r = err(ConnectorError.notFound({ what: 'account 12', message: 'no such account' }))
 * ```
 */
export const err = <E>(error: E): Result<E, never> => E.left(error)

/** True when `result` is a success (then `result.right` is its value). */
export const isOk = <E, A>(result: Result<E, A>): result is Right<A> => result._tag === 'Right'

/** True when `result` is a failure (then `result.left` is its error). */
export const isErr = <E, A>(result: Result<E, A>): result is Left<E> => result._tag === 'Left'

/** An `AsyncResult` that succeeds with `value`. */
export const okAsync =
  <A>(value: A): AsyncResult<never, A> =>
  () =>
    Promise.resolve(ok(value))

/** An `AsyncResult` that fails with `error`. */
export const errAsync =
  <E>(error: E): AsyncResult<E, never> =>
  () =>
    Promise.resolve(err(error))

/**
 * An `AsyncResult` of an async function that answers a `Result`: the way to write a port method
 * with `await`. Should the function throw or reject anyway (a bug, a library that throws), `onThrow`
 * turns the cause into the failure, so the answer never rejects. The failure type is the union of
 * both (an `InvalidData` the function answers, an `Unavailable` for a throw).
 * @example
 * ```ts
 * const pull = (request: PullRequest): AsyncResult<ConnectorError, FeedBatch> =>
 *   asyncResult(async () => {
 *     const page = await readPage(request)
 *     if (isErr(page)) return page
 *     return ok({ items: page.right, cursor: null, notices: [] })
 *   }, (cause) => ConnectorError.unavailable({ message: `unexpected failure: ${String(cause)}` }))
 * ```
 */
export const asyncResult =
  <E, A, F = E>(run: () => Promise<Result<E, A>>, onThrow: (cause: unknown) => F): AsyncResult<E | F, A> =>
  async () => {
    try {
      return await run()
    } catch (cause) {
      return err(onThrow(cause))
    }
  }

/**
 * An `AsyncResult` of a promise-returning function (`fetch`, a file read): its value is the
 * success, a rejection (or a throw) becomes `onReject(cause)`.
 * @example
 * ```ts
 * const text = fromPromise(() => readFile(path, 'utf8'), (cause) =>
 *   ConnectorError.unavailable({ message: `cannot read ${path}: ${String(cause)}` }))
 * ```
 */
export const fromPromise = <E, A>(
  run: () => Promise<A>,
  onReject: (cause: unknown) => E,
): AsyncResult<E, A> => asyncResult(async () => ok(await run()), onReject)

/**
 * The value of a success; throws an `Error` carrying the failure (as `cause`) otherwise. For
 * scripts, tests and start-up code where a failure is the end of the program; elsewhere, look at
 * the result. The message names the failure's `_tag` and `message` (bankfeed's errors hold no secrets).
 */
export const getOrThrow = <E, A>(result: Result<E, A>, what = 'result'): A => {
  if (result._tag === 'Right') return result.right
  const e: unknown = result.left
  const field = (name: string): string | null => {
    const v: unknown = typeof e === 'object' && e !== null ? Reflect.get(e, name) : undefined
    return typeof v === 'string' ? v : null
  }
  const said = [field('_tag'), field('message')].filter((x) => x !== null).join(': ')
  throw new Error(`${what} failed${said === '' ? '' : `: ${said}`}`, { cause: e })
}
