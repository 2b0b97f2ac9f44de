// The package has no fp-ts dependency; core's ports expect fp-ts values, which are plain objects, so
// they are built here by hand with the same shape.

/** A value or the reason there is none, shaped like an fp-ts `Either` so core accepts it as is. */
export type Either<E, A> =
  { readonly _tag: 'Left'; readonly left: E } | { readonly _tag: 'Right'; readonly right: A }

/** A failure. */
export const left = <E, A = never>(value: E): Either<E, A> => ({ _tag: 'Left', left: value })

/** A success. */
export const right = <A, E = never>(value: A): Either<E, A> => ({ _tag: 'Right', right: value })
