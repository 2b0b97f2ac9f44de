/**
 * The little of a test runner the exported suites need, typed structurally so that vitest's
 * `describe` and `test` (or `it`) fit without the testkit importing vitest at run time.
 */

/** An `expect` that can compare deeply: the test context's `expect` in vitest. */
export interface ExpectLike {
  (actual: unknown): { toEqual: (expected: unknown) => void }
}

/** Registers a group of tests: vitest's `describe`. */
export type DescribeLike = (name: string, body: () => void) => unknown

/** Registers one test whose body receives a context with `expect`: vitest's `test` or `it`. */
export type TestLike = (
  name: string,
  body: (context: { readonly expect: ExpectLike }) => Promise<void> | void,
) => unknown
