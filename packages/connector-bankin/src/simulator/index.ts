/**
 * @bankfeed/connector-bankin/simulator — a loopback Bridge API (2021-06-01) server for integration
 * tests: real HTTP on 127.0.0.1, seeded data, and controls that provoke what production does
 * (expired passwords, SCA, rate limits, 5xx bursts, pending lines booked under new ids, deletions).
 *
 * @module @bankfeed/connector-bankin/simulator
 */
export { startBridgeSimulator } from './bridge-simulator.js'
export type {
  BridgeSimulator,
  BridgeSimulatorOptions,
  SeedAccount,
  SeedTransaction,
  SimFailureOptions,
  SimRecordedRequest,
} from './bridge-simulator.js'
export { bridgeSignature, deliverWebhook } from './webhook-delivery.js'
export type { SimWebhook } from './webhook-delivery.js'
