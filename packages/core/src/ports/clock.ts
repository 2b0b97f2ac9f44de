/** The time source; use cases never read the system clock themselves. */
export interface Clock {
  /** The current instant as an ISO-8601 UTC string. */
  readonly now: () => string
}
