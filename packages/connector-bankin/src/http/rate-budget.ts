/** A request budget: at most `limit` requests in any window of `windowMs`. */
export interface RateWindow {
  readonly limit: number
  readonly windowMs: number
}

/** Bridge's documented budgets (rate-limits page): per application, per user, and authentications per user. */
export interface BridgeRateLimits {
  /** 2000 requests per application per 5 minutes. */
  readonly app: RateWindow
  /** 60 requests per user per minute. */
  readonly user: RateWindow
  /** 10 `/authenticate` calls per user per minute. */
  readonly authenticate: RateWindow
}

/** The limits Bridge documents. */
export const BRIDGE_RATE_LIMITS: BridgeRateLimits = {
  app: { limit: 2000, windowMs: 5 * 60_000 },
  user: { limit: 60, windowMs: 60_000 },
  authenticate: { limit: 10, windowMs: 60_000 },
}

/** One budget a request spends from: a key (`app`, `user:<id>`, `auth:<id>`) and its window. */
export interface BudgetKey {
  readonly key: string
  readonly window: RateWindow
}

/** Sliding-window counters, kept in memory by one client, so it stays inside Bridge's limits. */
export interface RateBudget {
  /** Milliseconds to wait before a request spending from `keys` fits every budget (0: go now). */
  readonly waitMs: (keys: ReadonlyArray<BudgetKey>, nowMs: number) => number
  /** Records a request sent at `nowMs`. */
  readonly spend: (keys: ReadonlyArray<BudgetKey>, nowMs: number) => void
}

/** Makes an empty {@link RateBudget}. */
export const makeRateBudget = (): RateBudget => {
  const sent = new Map<string, number[]>()
  const recent = (k: BudgetKey, nowMs: number): number[] => {
    const kept = (sent.get(k.key) ?? []).filter((at) => at > nowMs - k.window.windowMs)
    sent.set(k.key, kept)
    return kept
  }
  return {
    waitMs: (keys, nowMs) =>
      keys.reduce((wait, k) => {
        const times = recent(k, nowMs)
        if (times.length < k.window.limit) return wait
        // The request fits once enough of the oldest ones have left the window.
        const freeAt = (times[times.length - k.window.limit] ?? nowMs) + k.window.windowMs
        return Math.max(wait, freeAt - nowMs)
      }, 0),
    spend: (keys, nowMs) => {
      for (const k of keys) recent(k, nowMs).push(nowMs)
    },
  }
}
