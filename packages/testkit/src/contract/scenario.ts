import type { BankConnector, Clock, Cursor, Logger, PullRequest } from '@bankfeed/core'

/** What the contract hands a connector factory: a recording logger and a clock standing still. */
export interface ConnectorEnv {
  readonly logger: Logger
  readonly clock: Clock
}

/** Makes a fresh connector over a fresh fixture (new inbox, new fake server…). */
export type ConnectorFactory = (env: ConnectorEnv) => BankConnector | Promise<BankConnector>

/**
 * Connectors set up to fail in one way each, for the typed-error groups. All optional: a file
 * connector without authentication leaves them out and those groups are not registered.
 */
export interface FailureScenarios {
  /** Its pull must fail with `AuthExpired` (expired password or token). */
  readonly authExpired?: ConnectorFactory
  /** Its pull must fail with `ConsentExpired` (the 180-day DSP2 consent). */
  readonly consentExpired?: ConnectorFactory
  /** Its pull must fail with `RateLimited`. */
  readonly rateLimited?: ConnectorFactory
  /** Its pull must fail with `Unavailable` (provider down, maintenance). */
  readonly unavailable?: ConnectorFactory
}

/** The kinds of {@link FailureScenarios}. */
export type FailureKind = keyof FailureScenarios

/** What a connector under test should deliver, and how to provoke it. */
export interface ConnectorScenario {
  /**
   * A fresh connector over a fresh fixture, the same fixture every time (same files, same server
   * data): called several times per check, once per pull where the contract needs a new instance
   * going on from a stored cursor, as a new process would.
   */
  readonly make: ConnectorFactory
  /** The pull to make; its cursor (normally `null`) is where every walk starts. */
  readonly request: PullRequest
  /**
   * How many items the fixture yields in all, pulling with each returned cursor until a pull brings
   * nothing new (a statement is one item, however many lines it has).
   */
  readonly expectedItems: number
  /**
   * The signed amount of every movement of the fixture (inside statements or not), as decimal
   * strings, money in positive: `['-30.00', '1500.00']`. Checks amounts are exact and correctly
   * signed. Order does not matter.
   */
  readonly expectedAmounts?: ReadonlyArray<string>
  /** The fixture's statements balance (opening + Σ lines = closing), so a sign error shows. Default true. */
  readonly statementsBalance?: boolean
  /** Strings that must never appear in errors, log lines, cursors or notices (tokens, passwords, URLs). */
  readonly secrets?: ReadonlyArray<string>
  readonly failures?: FailureScenarios
  /**
   * Orders two cursors of this connector (negative when `a` is before `b`). Without it, cursors whose
   * values are both integers, or both ISO dates/instants, are compared as such; others are only
   * checked never to return to an earlier position.
   */
  readonly compareCursors?: (a: Cursor, b: Cursor) => number
  /** A walk that has not settled after this many pulls fails (default 50). */
  readonly maxPulls?: number
  /** The instant the clock given to `make` stands at (default 2026-03-15T08:00:00.000Z). */
  readonly now?: string
}
