#!/usr/bin/env node
// Reconciliation benchmark: ingest NEW movements per account into ledgers already holding EXISTING
// (booked, with their entries), across ACCOUNTS accounts, then generate the new movements' entries —
// the path of `syncConnection` with automatic entries: ingest → apply → generate → one set of changes
// applied to the stored ledger. Footer mode, two counterpart rules, PER_DAY movements per booking day.
// Reports movements/s for ingest + generate and peak RSS. Uses the built package (run `pnpm build`).
// The incoming movements are built before the clock starts: parsing them is the connectors' cost.
//
//   node --expose-gc --max-old-space-size=16000 --max-semi-space-size=1024 --min-semi-space-size=512 \
//     bench/reconcile.bench.mjs \
//     [--accounts 10000] [--existing 1000] [--new 100] [--active ACCOUNTS] [--per-day 10] [--mode footer|perLine]
//     [--cpu-profile out.cpuprofile]
import { Buffer } from 'node:buffer'
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { PerformanceObserver, constants, performance } from 'node:perf_hooks'
import {
  Dec,
  applyLedgerChanges,
  compileCounterpartRules,
  concatChanges,
  defaultIngestionSettings,
  emptyLedger,
  generateEntries,
  ingest,
} from '../dist/index.js'

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : fallback
}
const ACCOUNTS = Number(arg('accounts', 10_000))
// How many of the accounts receive NEW movements (spread evenly): all by default.
const ACTIVE = Number(arg('active', ACCOUNTS))
const STRIDE = ACCOUNTS / ACTIVE
const EXISTING = Number(arg('existing', 1_000))
const NEW = Number(arg('new', 100))
const PER_DAY = Number(arg('per-day', 10))
const PROFILE = arg('cpu-profile', null)
const MODE = arg('mode', 'footer')

let peak = 0
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss))
const sampler = setInterval(sample, 50)
const collect = () => globalThis.gc?.()

const EUR = 'EUR'
// Strings as connectors hand them over: flat, like those of JSON.parse or of a parsed file line. A
// template literal makes a rope instead, which V8 copies on the first character read.
const flat = (s) => Buffer.from(s, 'latin1').toString('latin1')

// Labels as banks write them: most carry a date, a reference or a number of their own.
const labelOf = (n, date) => {
  const ref = String((n * 7_919_071) % 1_000_000_000).padStart(9, '0')
  switch (n % 7) {
    case 0:
      return `CB BOULANGERIE DU CENTRE ${date.slice(8, 10)}/${date.slice(5, 7)}`
    case 1:
      return `PRLV SEPA EDF CLIENTS PARTICULIERS REF ${ref}`
    case 2:
      return `VIR SEPA CLIENT DUPONT FACTURE ${n}`
    case 3:
      return 'FRAIS TENUE DE COMPTE'
    case 4:
      return `CHQ ${ref.slice(0, 7)}`
    case 5:
      return `PRLV SEPA URSSAF ILE DE FRANCE ${ref}`
    default:
      return `VIR SALAIRE ${date.slice(5, 7)}/${date.slice(0, 4)}`
  }
}
const source = { protocol: 'dsp2', connectionId: 'bench' }
const dossierOf = (a) => ({
  version: 1,
  code: 'BENCH',
  name: 'Bench',
  siren: '123456782',
  collaborative: false,
  fiscalYears: [{ start: '2020-01-01', end: '2030-12-31', closed: false }],
  contacts: [],
  bankAccounts: [],
  glAccounts: [{ number: '512100', label: 'Banque', bankAccountId: `ba${a}` }],
  journals: [
    { code: 'BQ1', label: 'Banque', type: 'bank', counterpartAccount: '512100', counterpartMode: MODE },
  ],
  waitingAccount: '471000',
})
const rules = compileCounterpartRules(
  [
    { id: 'fees', when: { labelContains: ['frais'] }, account: '627800' },
    { id: 'urssaf', when: { labelPattern: 'URSSAF' }, account: '431000' },
  ],
  '471000',
)
if (rules._tag === 'Left') throw new Error('rules')
const options = { rules: rules.right }

// Dates as connectors give them: one string per movement, PER_DAY movements a day.
const dateOf = (n) =>
  new Date(Date.UTC(2021, 0, 1) + Math.floor(n / PER_DAY) * 86_400_000).toISOString().slice(0, 10)
const movement = (account, n) => ({
  providerId: `a${account}-t${n}`,
  status: 'booked',
  bookingDate: dateOf(n),
  valueDate: null,
  amount: { amount: new Dec(((n * 7919) % 200_000) - 100_000).dividedBy(100), currency: EUR },
  label: flat(labelOf(n, dateOf(n))),
  reference: null,
  counterpartyName: null,
  interbankCode: null,
  details: [],
})
const itemsOf = (a, from, count) => {
  const items = []
  for (let n = from; n < from + count; n++)
    items.push({ _tag: 'Movement', account: null, movement: movement(a, n) })
  return items
}
const settings = defaultIngestionSettings('2020-01-01')

/** What `syncConnection` does for one account with automatic entries; returns the stored ledger. */
const sync = (ledger, dossier, items) => {
  const ingested = ingest(ledger, source, items, settings)
  const generated = generateEntries(dossier, ledger, options, ingested.changes)
  if (generated._tag === 'Left') throw new Error(generated.left._tag)
  return {
    ledger: applyLedgerChanges(ledger, concatChanges(ingested.changes, generated.right.changes)),
    added: ingested.changes.added.length,
    entries: generated.right.entries.length,
  }
}

// Existing ledgers go through the same engine (untimed), so they hold what a real one holds.
const t0 = performance.now()
const ledgers = []
const dossiers = []
for (let a = 0; a < ACCOUNTS; a++) {
  dossiers.push(dossierOf(a))
  ledgers.push(sync(emptyLedger('BENCH', `ba${a}`, EUR), dossiers[a], itemsOf(a, 0, EXISTING)).ledger)
}
const incoming = []
for (let i = 0; i < ACTIVE; i++) {
  const a = Math.floor(i * STRIDE)
  incoming.push([a, itemsOf(a, EXISTING, NEW)])
}
collect()
sample()
const setup = (performance.now() - t0) / 1000

// Garbage-collection pauses during the timed part, by kind.
const gcPauses = { minor: 0, major: 0, incremental: 0, weak: 0 }
let timing = false
const gcKinds = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak',
}
const gcObserver = new PerformanceObserver((list) => {
  if (!timing) return
  for (const e of list.getEntries()) gcPauses[gcKinds[e.detail?.kind] ?? 'minor'] += e.duration
})
gcObserver.observe({ entryTypes: ['gc'] })

let session = null
if (PROFILE !== null) {
  session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
}
timing = true
const t1 = performance.now()
let ingested = 0
let entries = 0
for (let i = 0; i < incoming.length; i++) {
  const [a, items] = incoming[i]
  const r = sync(ledgers[a], dossiers[a], items)
  ledgers[a] = r.ledger
  incoming[i] = null
  ingested += r.added
  entries += r.entries
}
const seconds = (performance.now() - t1) / 1000
// GC entries are delivered asynchronously: let the observer see the last ones before reading them.
await sleep(100)
timing = false
gcObserver.disconnect()
if (session !== null) {
  const { profile } = await session.post('Profiler.stop')
  writeFileSync(PROFILE, JSON.stringify(profile))
}
sample()
clearInterval(sampler)

console.log(
  JSON.stringify({
    accounts: ACCOUNTS,
    accountsReceiving: ACTIVE,
    existingMovements: ACCOUNTS * EXISTING,
    newMovements: ingested,
    entriesGenerated: entries,
    movementsPerDay: PER_DAY,
    mode: MODE,
    setupSeconds: Number(setup.toFixed(1)),
    ingestAndGenerateSeconds: Number(seconds.toFixed(2)),
    movementsPerSecond: Math.round(ingested / seconds),
    peakRssMB: Math.round(peak / 1024 / 1024),
    gcPauseSeconds: Object.fromEntries(
      Object.entries(gcPauses).map(([k, v]) => [k, Number((v / 1000).toFixed(2))]),
    ),
  }),
)
