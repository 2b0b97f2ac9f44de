import { t } from '../fp.js'
import { isLocalDate } from '../domain/local-date.js'
import type { LocalDate } from '../domain/local-date.js'

/** A `YYYY-MM-DD` calendar date. */
export const LocalDateCodec = new t.Type<LocalDate, string, unknown>(
  'LocalDate (YYYY-MM-DD)',
  isLocalDate,
  (u, c) => (isLocalDate(u) ? t.success(u) : t.failure(u, c)),
  (d) => d,
)

/**
 * A value that may be absent or `null`, both decoded to `null`. Named `X | null` so error messages
 * read as the JSON a person writes.
 */
export class NullableType<C extends t.Mixed> extends t.Type<
  t.TypeOf<C> | null,
  t.OutputOf<C> | null,
  unknown
> {
  constructor(readonly inner: C) {
    super(
      `${inner.name} | null`,
      (u): u is t.TypeOf<C> | null => u === null || inner.is(u),
      (u, c) => (u === null || u === undefined ? t.success(null) : inner.validate(u, c)),
      (a) => (a === null ? null : (inner.encode(a) as t.OutputOf<C>)),
    )
  }
}

/** Decodes `undefined` and `null` to `null`, anything else with `codec`. */
export const nullable = <C extends t.Mixed>(codec: C): NullableType<C> => new NullableType(codec)

/** One of a fixed list of strings, named `"a" | "b"` in errors. */
export const oneOf = <L extends string>(values: ReadonlyArray<L>): t.Type<L, L, unknown> =>
  t.keyof(
    Object.fromEntries(values.map((v) => [v, null])) as { [K in L]: null },
    values.map((v) => JSON.stringify(v)).join(' | '),
  ) as unknown as t.Type<L, L, unknown>
