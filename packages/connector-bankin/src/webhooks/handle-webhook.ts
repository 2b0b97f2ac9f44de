import * as E from 'fp-ts/lib/Either.js'
import type { Either } from 'fp-ts/lib/Either.js'
import type { Logger } from '@bankfeed/core'
import { syncTriggersOf } from './sync-trigger.js'
import type { SyncTrigger } from './sync-trigger.js'
import { verifyBridgeSignature } from './verify-signature.js'
import { parseBridgeWebhook } from './webhook-event.js'
import type { WebhookRejection } from './webhook-rejection.js'

/** What {@link handleBridgeWebhook} needs. */
export interface BridgeWebhookInput {
  /** The body exactly as received: the signature is computed over these bytes. */
  readonly rawBody: Uint8Array | string
  /** The `BridgeApi-Signature` header, if any. */
  readonly signatureHeader: string | undefined
  /** The webhook's current secrets (two while one is rotated). */
  readonly secrets: ReadonlyArray<string>
  /**
   * Where rejections and accepted events are logged: the program's `context.logger` (a webhook needs
   * no clock, so the whole context may be spread in as well: `{ ...context, secrets, … }`).
   */
  readonly logger: Logger
}

const byteLength = (body: Uint8Array | string): number =>
  typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength

/**
 * Receives one Bridge webhook: verifies the signature first (nothing unsigned is parsed), then
 * decodes the body and answers the sync triggers it asks for (none for an ignored event type). A
 * rejection is logged as a warning with its reason and the body's length only, never the body nor
 * the signature. Nothing else happens: the caller schedules the syncs. Never throws.
 */
export const handleBridgeWebhook = (
  input: BridgeWebhookInput,
): Either<WebhookRejection, ReadonlyArray<SyncTrigger>> => {
  const bodyLength = byteLength(input.rawBody)
  const verified = verifyBridgeSignature(input.rawBody, input.signatureHeader, input.secrets)
  const event = E.isLeft(verified) ? verified : parseBridgeWebhook(input.rawBody)
  if (E.isLeft(event)) {
    const r = event.left
    input.logger.warn('bridge webhook rejected', {
      reason: r._tag,
      detail: r.message,
      ...(r._tag === 'MalformedBody' && r.issues.length > 0 ? { issues: r.issues.slice(0, 10) } : {}),
      bodyLength,
    })
    return event
  }
  const triggers = syncTriggersOf(event.right)
  if (event.right._tag === 'Ignored')
    input.logger.info('bridge webhook ignored', { type: event.right.type, bodyLength })
  else
    input.logger.info('bridge webhook accepted', {
      type: event.right.type,
      itemId: event.right.itemId,
      triggers: triggers.length,
    })
  return E.right(triggers)
}
