/**
 * Why a webhook was refused. Messages never quote the body nor the signature: they name the
 * problem, and for a body that does not decode, the failing paths and the expected types only.
 */
export type WebhookRejection =
  /** No `BridgeApi-Signature` header. */
  | { readonly _tag: 'MissingSignature'; readonly message: string }
  /** The header is not a comma-separated list of `v1=<64 hex digits>` values. */
  | { readonly _tag: 'MalformedSignature'; readonly message: string }
  /** No `v1` value is the HMAC-SHA256 of the body with any current secret. */
  | { readonly _tag: 'BadSignature'; readonly message: string }
  /** No webhook secret is configured: every webhook is refused. */
  | { readonly _tag: 'NoSecretConfigured'; readonly message: string }
  /** Correctly signed, but not UTF-8 JSON, or a known event whose content does not decode. */
  | { readonly _tag: 'MalformedBody'; readonly message: string; readonly issues: ReadonlyArray<string> }
  /** The body is longer than the receiver accepts. */
  | { readonly _tag: 'BodyTooLarge'; readonly message: string; readonly limitBytes: number }

/** The HTTP status a receiver answers for a rejection: 400, 401, 413, or 500 for a configuration fault. */
export const webhookRejectionStatus = (rejection: WebhookRejection): 400 | 401 | 413 | 500 => {
  switch (rejection._tag) {
    case 'MissingSignature':
    case 'MalformedSignature':
    case 'BadSignature':
      return 401
    case 'MalformedBody':
      return 400
    case 'BodyTooLarge':
      return 413
    case 'NoSecretConfigured':
      return 500
  }
}
