import { createHmac } from 'node:crypto'

/** A webhook the simulator delivers, as Bridge does: `{ content, timestamp, type }`. */
export interface SimWebhook {
  /** Where to POST it. */
  readonly url: string
  /** The webhook's secret: the body is signed with it. */
  readonly secret: string
  /** `item.refreshed`, `item.account.updated`, … */
  readonly type: string
  readonly content: Readonly<Record<string, unknown>>
  /** Epoch milliseconds; defaults to now. */
  readonly timestamp?: number
  /** Sign with this secret instead (a bad signature), or send no signature with `null`. */
  readonly signWith?: string | null
}

/**
 * The `BridgeApi-Signature` value of a raw body: `v1=` and the upper-case hex HMAC-SHA256 of the
 * body with the webhook secret.
 */
export const bridgeSignature = (rawBody: string, secret: string): string =>
  `v1=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex').toUpperCase()}`

/** POSTs a signed webhook and gives back the receiver's HTTP status. */
export const deliverWebhook = async (webhook: SimWebhook): Promise<{ readonly status: number }> => {
  const body = JSON.stringify({
    content: webhook.content,
    timestamp: webhook.timestamp ?? Date.now(),
    type: webhook.type,
  })
  const key = webhook.signWith === undefined ? webhook.secret : webhook.signWith
  const res = await fetch(webhook.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(key === null ? {} : { 'BridgeApi-Signature': bridgeSignature(body, key) }),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  })
  await res.arrayBuffer()
  return { status: res.status }
}
