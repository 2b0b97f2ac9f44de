import { afterAll, describe, test } from 'vitest'
import type { ConnectorEnv } from '@bankfeed/testkit'
import { runConnectorContract } from '@bankfeed/testkit'
import { compareBridgeCursors } from '@bankfeed/connector-bankin'
import type { BridgeSimulator } from '@bankfeed/connector-bankin/simulator'
import {
  CLIENT_SECRET,
  REQUEST,
  STANDARD_AMOUNTS,
  TOKEN_PREFIX,
  clientOf,
  connectorOf,
  seedStandard,
  startSim,
} from './fixtures.js'

// Every check gets a fresh simulator (over real HTTP) seeded with the standard fixture.
const started: BridgeSimulator[] = []
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()))
})

const makeWith =
  (
    provoke: (sim: BridgeSimulator, ids: ReturnType<typeof seedStandard>) => void = () => undefined,
    pageSize = 2,
  ) =>
  async ({ logger, clock }: ConnectorEnv) => {
    const sim = await startSim(clock, { pageSize })
    started.push(sim)
    provoke(sim, seedStandard(sim))
    return connectorOf(clientOf(sim, logger, clock, { retry: { maxAttempts: 3 } }))
  }

runConnectorContract({
  name: "Bankin' (Bridge API 2021-06-01)",
  describe,
  test,
  make: makeWith(),
  request: REQUEST,
  // Six movements, the deferred-card line hidden client side (a deletion), two balances.
  expectedItems: 9,
  expectedAmounts: STANDARD_AMOUNTS,
  secrets: [CLIENT_SECRET, `${TOKEN_PREFIX}1`, `${TOKEN_PREFIX}2`, `${TOKEN_PREFIX}3`],
  failures: {
    authExpired: makeWith((sim, ids) => sim.setItemStatus(ids.itemId, 402, 'invalid_creds')),
    rateLimited: makeWith((sim) => sim.failNext(10, 429, { retryAfterSeconds: 2 })),
    unavailable: makeWith((sim) => sim.failNext(10, 503)),
  },
  compareCursors: compareBridgeCursors,
})
