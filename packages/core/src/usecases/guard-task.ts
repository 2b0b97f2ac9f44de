import { E } from '../fp.js'
import type { Either, TaskEither } from '../fp.js'

/**
 * What became of an adapter call that did not answer with an `Either`: `threw TypeError` (a
 * synchronous throw or a rejected promise) or `answered something that is not an Either`. Only the
 * error's name is kept, never its message: an HTTP or database library's message may carry a token,
 * a password or a connect URL.
 */
export type Misbehaviour = string

const isEither = (value: unknown): value is Either<unknown, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  (((value as { _tag?: unknown })._tag === 'Left' && 'left' in value) ||
    ((value as { _tag?: unknown })._tag === 'Right' && 'right' in value))

/** The name of a thrown value (`TypeError`, `AbortError`), or its type when it is not an `Error`. */
export const thrownName = (thrown: unknown): string =>
  thrown instanceof Error ? thrown.name : thrown === null ? 'null' : typeof thrown

/**
 * Runs an adapter's task (a connector's or a store's, written by someone else) so that nothing it
 * does escapes as an exception: `run` is called inside the task, and a throw, a rejected promise or
 * an answer that is not an `Either` becomes `Left(onMisbehaviour(what))`. Ports return `TaskEither`s,
 * but an adapter built on promises can still reject, and a plain-JavaScript one can return anything.
 */
export const guardTask =
  <L, R>(run: () => TaskEither<L, R>, onMisbehaviour: (what: Misbehaviour) => L): TaskEither<L, R> =>
  async () => {
    try {
      const answer: unknown = await run()()
      return isEither(answer)
        ? (answer as Either<L, R>)
        : E.left(onMisbehaviour('answered something that is not an Either'))
    } catch (thrown) {
      return E.left(onMisbehaviour(`threw ${thrownName(thrown)}`))
    }
  }
