/**
 * Core's `Either` and `TaskEither` built and read structurally: the testkit does not depend on fp-ts,
 * and core's values are plain `{ _tag, left | right }` objects behind a thunk.
 */

/** A failure or a success, shaped like fp-ts's `Either`. */
export type Result<E, A> =
  { readonly _tag: 'Left'; readonly left: E } | { readonly _tag: 'Right'; readonly right: A }

/** A lazy asynchronous result, shaped like fp-ts's `TaskEither`. */
export type Task<E, A> = () => Promise<Result<E, A>>

/** A failure. */
export const left = <E>(e: E): Result<E, never> => ({ _tag: 'Left', left: e })

/** A success. */
export const right = <A>(a: A): Result<never, A> => ({ _tag: 'Right', right: a })

/** A task that fails with `e`. */
export const taskLeft =
  <E>(e: E): Task<E, never> =>
  () =>
    Promise.resolve(left(e))

/** A task that succeeds with `a`. */
export const taskRight =
  <A>(a: A): Task<never, A> =>
  () =>
    Promise.resolve(right(a))
