import { createHmac, timingSafeEqual } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import type { Either } from 'fp-ts/lib/Either.js'
import type { WebhookRejection } from './webhook-rejection.js'

/** The header Bridge signs its webhooks with. */
export const BRIDGE_SIGNATURE_HEADER = 'BridgeApi-Signature'

/** More `v1` values than this is no rotation (Bridge keeps at most two secrets active). */
export const MAX_SIGNATURE_VALUES = 8

const MAX_HEADER_LENGTH = 2048
const HEX_SHA256 = /^[0-9A-Fa-f]{64}$/

const malformed = (message: string): Either<WebhookRejection, never> =>
  E.left({ _tag: 'MalformedSignature', message })

/**
 * The `v1` digests of a `BridgeApi-Signature` header, as bytes. Values of other schemes are skipped
 * (a future `v2` must not break receivers); any malformed `v1` value refuses the whole header.
 */
const signatureDigests = (header: string | undefined): Either<WebhookRejection, ReadonlyArray<Buffer>> => {
  if (header === undefined || header.trim() === '')
    return E.left({ _tag: 'MissingSignature', message: `no ${BRIDGE_SIGNATURE_HEADER} header` })
  if (header.length > MAX_HEADER_LENGTH) return malformed(`the ${BRIDGE_SIGNATURE_HEADER} header is too long`)
  const digests: Buffer[] = []
  for (const part of header.split(',')) {
    const text = part.trim()
    if (text === '') continue
    const eq = text.indexOf('=')
    if (eq <= 0) return malformed(`a ${BRIDGE_SIGNATURE_HEADER} value is not <scheme>=<signature>`)
    if (text.slice(0, eq).trim().toLowerCase() !== 'v1') continue
    const hex = text.slice(eq + 1).trim()
    if (!HEX_SHA256.test(hex)) return malformed(`a v1 signature is not 64 hexadecimal digits`)
    digests.push(Buffer.from(hex, 'hex'))
  }
  if (digests.length === 0) return malformed(`the ${BRIDGE_SIGNATURE_HEADER} header has no v1 value`)
  if (digests.length > MAX_SIGNATURE_VALUES)
    return malformed(`the ${BRIDGE_SIGNATURE_HEADER} header has more than ${MAX_SIGNATURE_VALUES} v1 values`)
  return E.right(digests)
}

/**
 * Checks a Bridge webhook's `BridgeApi-Signature`: it holds one or more comma-separated `v1=<hex>`
 * values (several while a secret is rotated), and the webhook is genuine when any of them is the
 * HMAC-SHA256 of the raw body, byte for byte as received, with any current secret. Bridge writes the
 * hex in upper case; lower case is accepted too, since digests are compared as bytes (with
 * `timingSafeEqual`, every value against every secret, so the time taken says nothing about which
 * value came close). Never throws.
 */
export const verifyBridgeSignature = (
  rawBody: Uint8Array | string,
  header: string | undefined,
  secrets: ReadonlyArray<string>,
): Either<WebhookRejection, void> => {
  const keys = secrets.filter((s) => typeof s === 'string' && s !== '')
  if (keys.length === 0)
    return E.left({ _tag: 'NoSecretConfigured', message: 'no webhook secret is configured' })
  const digests = signatureDigests(header)
  if (E.isLeft(digests)) return digests
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody
  let matched = false
  for (const key of keys) {
    const expected = createHmac('sha256', key).update(body).digest()
    for (const given of digests.right) if (timingSafeEqual(expected, given)) matched = true
  }
  return matched
    ? E.right(undefined)
    : E.left({ _tag: 'BadSignature', message: 'no v1 signature matches the body with a current secret' })
}
