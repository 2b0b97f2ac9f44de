/** How the client retries a request that failed with HTTP 429, a 5xx or a network error. */
export interface RetryPolicy {
  /** Attempts in all, the first included (1 = never retry). */
  readonly maxAttempts: number
  /** Delay before the first retry; each further retry doubles it. */
  readonly baseDelayMs: number
  /** Ceiling of one backoff delay. */
  readonly maxDelayMs: number
  /**
   * The longest `Retry-After` the client waits for inside one call; a longer one ends the call with
   * `RateLimited` at once, so a sync can schedule itself instead of holding a worker.
   */
  readonly maxRetryAfterSeconds: number
}

/** Four attempts, 0.5 s then 1 s then 2 s (with jitter), `Retry-After` honoured up to a minute. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterSeconds: 60,
}

/**
 * The delay before retry number `retry` (1 for the first): exponential, capped, with "equal jitter"
 * (between half and all of the step) so many clients failing together do not retry together.
 */
export const backoffDelayMs = (policy: RetryPolicy, retry: number, random: () => number): number => {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1))
  return Math.round(step / 2 + (step / 2) * Math.min(1, Math.max(0, random())))
}

/**
 * Seconds from a `Retry-After` header (delta-seconds or an HTTP date, relative to `nowMs`), or `null`
 * when absent or unreadable.
 */
export const parseRetryAfter = (header: string | null, nowMs: number): number | null => {
  if (header === null) return null
  const text = header.trim()
  if (/^\d+$/.test(text)) return Number(text)
  const at = Date.parse(text)
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000))
}
