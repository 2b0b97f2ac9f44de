/**
 * What every step shares: one context (a clock the walkthrough moves from night to night, and a
 * logger from core), made once and given to the Bridge client — whose connector takes it from the
 * client — and spread into the use cases; the loopback Bridge simulator on the same clock; the
 * stores, the notifier and the event publisher of the firm's application.
 */
import { lineLogger, localDateOfInstant, makeContext, okAsync } from '@bankfeed/core'
import { makeInMemoryLedgerStore } from '@bankfeed/core/memory'
import type { Clock, Context, DomainEvent, EventPublisher, LocalDate } from '@bankfeed/core'
import type { InMemoryLedgerStore } from '@bankfeed/core/memory'
import { makeBridgeClient } from '@bankfeed/connector-bankin'
import type { BridgeClient } from '@bankfeed/connector-bankin'
import { startBridgeSimulator } from '@bankfeed/connector-bankin/simulator'
import type { BridgeSimulator } from '@bankfeed/connector-bankin/simulator'
import { recordingNotifier } from './notifier.js'
import type { RecordingNotifier } from './notifier.js'
import { HISTORY, PARIS_MIDNIGHT_17_MARCH } from './story.js'

/** A clock the walkthrough moves from night to night. */
export interface SettableClock extends Clock {
  readonly set: (instant: string) => void
}

const settableClock = (at: string): SettableClock => {
  let now = at
  return { now: () => now, set: (instant) => (now = instant) }
}

/**
 * An event publisher that keeps what it is given: the walkthrough counts the events a downstream
 * application (the firm's portal, the client's mobile app) would have received.
 */
export interface RecordingEvents extends EventPublisher {
  readonly published: ReadonlyArray<DomainEvent>
}

const recordingEvents = (): RecordingEvents => {
  const published: DomainEvent[] = []
  return {
    published,
    publish: (events) => {
      published.push(...events)
      return okAsync(undefined)
    },
  }
}

/** Everything the steps share. */
export interface World {
  /** Prints one line of the story (and keeps it in {@link World.lines}). */
  readonly print: (line: string) => void
  /** Prints the heading of step `n`. */
  readonly step: (n: number, title: string) => void
  /** The program's one context: the Bridge client's, so its connector's, and the use cases'. */
  readonly context: Context
  /** The context's clock, to move it to the next night. */
  readonly clock: SettableClock
  /** Today in Paris, on the context's clock. */
  readonly today: () => LocalDate
  readonly sim: BridgeSimulator
  readonly client: BridgeClient
  readonly store: InMemoryLedgerStore
  readonly notifier: RecordingNotifier
  readonly events: RecordingEvents
  /** Values that must never be printed nor logged; a step adds the links and URLs it makes. */
  readonly secrets: string[]
  /** The lines printed so far. */
  readonly lines: ReadonlyArray<string>
  /** The log lines of the client, the connector and the use cases (core's `lineLogger`, debug level). */
  readonly logs: ReadonlyArray<string>
  /** Stops the simulator. */
  readonly close: () => Promise<void>
}

/**
 * Sets the world up on Sunday 15 March 2026, 10:00 in Paris, when the collaborator opens the dossier.
 * `print` receives each line as it is printed.
 */
export const openWorld = async (print?: (line: string) => void): Promise<World> => {
  const lines: string[] = []
  const logs: string[] = []
  const say = (line: string): void => {
    lines.push(line)
    print?.(line)
  }
  const clock = settableClock('2026-03-15T09:00:00Z')
  // Kept rather than printed: the walkthrough prints its own story, and its test reads the logs
  // for secrets.
  const context = makeContext({ clock, logger: lineLogger((line) => logs.push(line), { level: 'debug' }) })

  // The simulator stamps each change one second after the previous one. Starting it so that the
  // bank's data of the first night ends at 23:59:59 on 16 March puts every later change, and the
  // balance Bridge refreshes with them, on 17 March: the catch-up then has two dated balances to prove.
  const initialStamps = 1 + HISTORY.length // the account, then each transaction
  const sim = await startBridgeSimulator({
    now: clock.now,
    startAt: new Date(Date.parse(PARIS_MIDNIGHT_17_MARCH) - (initialStamps + 1) * 1000).toISOString(),
  })
  let client: BridgeClient
  try {
    client = makeBridgeClient({
      baseUrl: sim.url,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      context,
    })
  } catch (e) {
    await sim.close()
    throw e
  }
  return {
    print: say,
    step: (n, title) => say(`\n${n}. ${title}`),
    context,
    clock,
    today: () => localDateOfInstant(clock.now()),
    sim,
    client,
    store: makeInMemoryLedgerStore(),
    notifier: recordingNotifier(say),
    events: recordingEvents(),
    secrets: [sim.clientSecret],
    lines,
    logs,
    close: () => sim.close(),
  }
}
