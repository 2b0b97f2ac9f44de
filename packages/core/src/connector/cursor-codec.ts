import type { t } from '../fp.js'
import { ConnectorError } from '../domain/connector-error.js'
import type { ConnectorErrorOf } from '../domain/connector-error.js'
import type { Cursor } from '../domain/feed.js'
import { readableErrors } from '../codecs/readable-errors.js'
import { err, ok } from '../result.js'
import type { Result } from '../result.js'

/**
 * How a connector writes its position into core's opaque {@link Cursor} and reads it back. A
 * cursor comes back from the store, perhaps written by an older version or by another connector:
 * `decode` refuses anything that is not this connector's cursor with an `InvalidData` error naming
 * the field at fault (never the cursor's value).
 */
export interface CursorCodec<A> {
  readonly encode: (position: A) => Cursor
  readonly decode: (cursor: Cursor) => Result<ConnectorErrorOf<'InvalidData'>, A>
}

const refused = (name: string, why: string): ConnectorErrorOf<'InvalidData'> =>
  ConnectorError.invalidData({ message: `not a ${name} cursor: ${why}`, where: 'cursor' })

const issues = (errors: t.Errors): string =>
  readableErrors(errors)
    .slice(0, 3)
    .map((i) => `${i.path === '' ? '(root)' : i.path}: expected ${i.expected}`)
    .join('; ')

/**
 * A cursor kept as JSON, read back through an io-ts codec: the simplest way to make one.
 * @example
 * ```ts
 * import { jsonCursorCodec, t } from '@bankfeed/core/connector'
 *
 * const cursor = jsonCursorCodec('my-bank', t.type({ v: t.literal(1), lastId: t.string }))
 * cursor.encode({ v: 1, lastId: 'tx-42' }) // { value: '{"v":1,"lastId":"tx-42"}' }
 * ```
 */
export const jsonCursorCodec = <A, O>(name: string, codec: t.Type<A, O, unknown>): CursorCodec<A> => ({
  encode: (position) => ({ value: JSON.stringify(codec.encode(position)) }),
  decode: (cursor) => {
    let parsed: unknown
    try {
      parsed = JSON.parse(cursor.value)
    } catch {
      return err(refused(name, 'it is not JSON'))
    }
    const decoded = codec.decode(parsed)
    return decoded._tag === 'Right' ? ok(decoded.right) : err(refused(name, issues(decoded.left)))
  },
})

/**
 * A cursor kept in a text form of the connector's own (a compact `bridge:2021-06-01:…` string),
 * read and written by an io-ts codec from and to that text.
 */
export const textCursorCodec = <A>(name: string, codec: t.Type<A, string, string>): CursorCodec<A> => ({
  encode: (position) => ({ value: codec.encode(position) }),
  decode: (cursor) => {
    const decoded = codec.decode(cursor.value)
    return decoded._tag === 'Right' ? ok(decoded.right) : err(refused(name, issues(decoded.left)))
  },
})
