#!/usr/bin/env node
// Reconciliation benchmark: ingest NEW movements per account into ledgers already holding EXISTING,
// across ACCOUNTS accounts, then generate their entries (footer mode, two counterpart rules).
// Reports movements/s for ingest + generate and peak RSS. Uses the built package (run `pnpm build`).
//
//   node --max-old-space-size=16000 --max-semi-space-size=256 --min-semi-space-size=64 bench/reconcile.bench.mjs [--accounts 10000] [--existing 1000] [--new 100]
import { performance } from 'node:perf_hooks'
import {
  Dec,
  applyLedgerChanges,
  compileCounterpartRules,
  defaultIngestionSettings,
  emptyLedger,
  generateEntries,
  ingest,
} from '../dist/index.js'

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const ACCOUNTS = arg('accounts', 10_000)
const EXISTING = arg('existing', 1_000)
const NEW = arg('new', 100)

let peak = 0
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss))
const sampler = setInterval(sample, 50)

const EUR = 'EUR'
const labels = [
  'CB BOULANGERIE',
  'PRLV SEPA EDF',
  'VIR CLIENT',
  'FRAIS TENUE COMPTE',
  'CHQ',
  'PRLV URSSAF',
  'VIR SALAIRE',
]
const source = { protocol: 'dsp2', connectionId: 'bench' }
const dossier = {
  version: 1,
  code: 'BENCH',
  name: 'Bench',
  siren: '123456782',
  collaborative: false,
  fiscalYears: [{ start: '2020-01-01', end: '2030-12-31', closed: false }],
  contacts: [],
  bankAccounts: [],
  glAccounts: [],
  journals: [],
  waitingAccount: '471000',
}
const rules = compileCounterpartRules(
  [
    { id: 'fees', when: { labelContains: ['frais'] }, account: '627800' },
    { id: 'urssaf', when: { labelPattern: 'URSSAF' }, account: '431000' },
  ],
  '471000',
)
if (rules._tag === 'Left') throw new Error('rules')

const dateOf = (n) => {
  const d = new Date(Date.UTC(2024, 0, 1) + (n % 1500) * 86_400_000)
  return d.toISOString().slice(0, 10)
}
const movement = (account, n, status = 'booked') => ({
  providerId: `a${account}-t${n}`,
  status,
  bookingDate: dateOf(n),
  valueDate: null,
  amount: { amount: new Dec(((n * 7919) % 200_000) - 100_000).dividedBy(100), currency: EUR },
  label: labels[n % labels.length],
  reference: null,
  counterpartyName: null,
  interbankCode: null,
  details: [],
})

// Existing ledgers are built directly (already booked, with entries): the bench measures the new work.
const t0 = performance.now()
const ledgers = []
for (let a = 0; a < ACCOUNTS; a++) {
  const added = []
  for (let n = 0; n < EXISTING; n++) {
    const m = movement(a, n)
    const id = `p:bench:${m.providerId}`
    added.push({
      ...m,
      id,
      source,
      statementId: null,
      state: 'active',
      entryId: 'e',
      replacedPendingId: null,
      aliases: [],
    })
  }
  ledgers.push(
    applyLedgerChanges(emptyLedger('BENCH', `ba${a}`, EUR), {
      added,
      updated: [],
      removed: [],
      statements: [],
      balances: [],
      entries: [],
    }),
  )
}
sample()
const setup = (performance.now() - t0) / 1000

const glOf = (a) => ({
  glAccounts: [{ number: '512100', label: 'Banque', bankAccountId: `ba${a}` }],
  journals: [
    { code: 'BQ1', label: 'Banque', type: 'bank', counterpartAccount: '512100', counterpartMode: 'footer' },
  ],
})

const t1 = performance.now()
let ingested = 0
let entries = 0
const settings = defaultIngestionSettings('2020-01-01')
for (let a = 0; a < ACCOUNTS; a++) {
  const items = []
  for (let n = EXISTING; n < EXISTING + NEW; n++)
    items.push({ _tag: 'Movement', account: null, movement: movement(a, n) })
  const r = ingest(ledgers[a], source, items, settings)
  const next = applyLedgerChanges(ledgers[a], r.changes)
  const g = generateEntries({ ...dossier, ...glOf(a) }, next, { rules: rules.right })
  if (g._tag === 'Left') throw new Error(g.left._tag)
  ledgers[a] = applyLedgerChanges(next, g.right.changes)
  ingested += r.changes.added.length
  entries += g.right.entries.length
}
const seconds = (performance.now() - t1) / 1000
sample()
clearInterval(sampler)

const existing = ACCOUNTS * EXISTING
console.log(
  JSON.stringify({
    accounts: ACCOUNTS,
    existingMovements: existing,
    newMovements: ingested,
    entriesGenerated: entries,
    setupSeconds: Number(setup.toFixed(1)),
    ingestAndGenerateSeconds: Number(seconds.toFixed(2)),
    movementsPerSecond: Math.round(ingested / seconds),
    peakRssMB: Math.round(peak / 1024 / 1024),
  }),
)
