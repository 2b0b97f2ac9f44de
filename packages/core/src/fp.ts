/**
 * The one place core imports fp-ts and io-ts from. fp-ts 2.16 and io-ts 2.2 ship no `exports` map, so
 * their folder subpaths (`fp-ts/Either`) break plain Node ESM; `lib/<Module>.js` works in ESM and CJS.
 * Keeping the subset here makes a later move (Effect, Standard Schema) a local change.
 */
export * as E from 'fp-ts/lib/Either.js'
export * as O from 'fp-ts/lib/Option.js'
export * as A from 'fp-ts/lib/ReadonlyArray.js'
export * as TE from 'fp-ts/lib/TaskEither.js'
export { pipe, flow } from 'fp-ts/lib/function.js'
export type { Either, Left, Right } from 'fp-ts/lib/Either.js'
export type { TaskEither } from 'fp-ts/lib/TaskEither.js'
export type { Option } from 'fp-ts/lib/Option.js'
export * as t from 'io-ts'
