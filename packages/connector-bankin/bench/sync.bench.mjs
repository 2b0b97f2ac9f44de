// Nightly-collection benchmark of the Bankin' connector (the BUILT packages: run `npx tsup` in
// packages/core and packages/connector-bankin first).
//
//   node bench/sync.bench.mjs                      # 1,000 dossiers × 2 accounts × 500 transactions,
//                                                  # within Bridge's documented budgets
//   node bench/sync.bench.mjs --budgets raised     # same data, budgets lifted: engine speed only
//   node bench/sync.bench.mjs --dossiers 450 --accounts 2 --transactions 500 --page-size 500 --concurrency 8
//
// A child process runs the loopback Bridge simulator and seeds it (one Bridge user and item per
// dossier, its accounts, their transactions), so the engine's peak RSS and CPU are measured apart
// from the simulator's. The parent syncs every dossier with `syncConnection` (one connection per
// dossier feeding all its accounts: connector pull over real HTTP, routing, ingestion, footer entries,
// one in-memory commit), `--concurrency` dossiers at a time, through ONE Bridge client, so the
// application budget (2000 requests / 5 min) is shared as in production. With `--budgets real` (the
// default) the client waits for its budget instead of answering RateLimited, so nothing fails and
// the wall time shows what the budget costs.
import { fork } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const argValue = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback
}
const intArg = (name, fallback) => {
  const n = Number(argValue(name, String(fallback)))
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: expected a positive integer, got ${n}`)
  return n
}

const config = {
  dossiers: intArg('--dossiers', 1000),
  accounts: intArg('--accounts', 2),
  transactions: intArg('--transactions', 500),
  // Bridge accepts `limit` from 1 to 500 (default 50): the largest page means the fewest requests.
  pageSize: intArg('--page-size', 500),
  concurrency: intArg('--concurrency', 8),
  budgets: argValue('--budgets', 'real'),
}
if (!['real', 'raised'].includes(config.budgets)) throw new Error('--budgets: real or raised')

/**
 * The clock of the whole run, the simulator's (child) and the engine's (parent) alike: the night of
 * 16 March 2026 from 03:15 in Paris, going at the real pace from `startedAtMs` (the parent's start,
 * handed to the child), so token lifetimes and rate budgets count real time while core and the
 * connector see that night.
 */
const nightClock = (startedAtMs) => ({
  now: () => new Date(Date.parse('2026-03-16T02:15:00.000Z') + (Date.now() - startedAtMs)).toISOString(),
})

// ---------------------------------------------------------------------------------------------

/** Deterministic xorshift PRNG, so every run seeds the same data. */
function prng(seed) {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 4294967296
  }
}

const code = (d) => `D${String(d + 1).padStart(5, '0')}`
const LABELS = [
  'REMISE CB',
  'PRLV SEPA URSSAF',
  'PRLV SEPA EDF PRO',
  'VIR SEPA FOURNISSEUR',
  'CB METRO',
  'FRAIS',
]

/** The IBAN of account `a` of dossier `d`: a valid French RIB (bank 30004, branch 00828). */
function ibanOf(core, d, a) {
  const accountNumber = String(d * 10 + a + 1).padStart(11, '0')
  const key = core.computeRibKey('30004', '00828', accountNumber)
  return core.ribToIban({ bankCode: '30004', branchCode: '00828', accountNumber, key })
}

async function simulatorChild(cfg) {
  const core = await import('@bankfeed/core')
  const { startBridgeSimulator } = await import(path.join(here, '../dist/simulator/index.js'))
  const sim = await startBridgeSimulator({
    pageSize: cfg.pageSize,
    clientSecret: 'bench-secret',
    now: nightClock(cfg.startedAtMs).now,
  })
  const t0 = performance.now()
  const random = prng(0x5eed)
  for (let d = 0; d < cfg.dossiers; d++) {
    const user = `cab1-${code(d)}`
    sim.seedUser(user)
    const item = sim.seedItem({ externalUserId: user })
    for (let a = 0; a < cfg.accounts; a++) {
      const account = sim.seedAccount({
        itemId: item,
        name: `Compte ${a + 1}`,
        balance: '0',
        iban: ibanOf(core, d, a),
      })
      let cents = 0
      for (let t = 0; t < cfg.transactions; t++) {
        // Spread over January to mid-March 2026, after the dossiers' start date (1 January).
        const day = 1 + Math.floor((t * 73) / cfg.transactions)
        const date = new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10)
        const amount = Math.round((random() - 0.45) * 300000)
        cents += amount
        sim.seedTransaction({
          accountId: account,
          amount: (amount / 100).toFixed(2),
          date,
          description: `${LABELS[t % LABELS.length]} ${t}`,
        })
      }
      // The account's balance is what its movements add up to, so balances stay coherent.
      sim.setBalance(account, (cents / 100).toFixed(2))
    }
  }
  const seedSeconds = (performance.now() - t0) / 1000
  process.send({ url: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, seedSeconds })
  process.on('message', async (m) => {
    if (m !== 'stop') return
    const requests = sim.requests()
    const byPath = {}
    for (const r of requests) byPath[r.path] = (byPath[r.path] ?? 0) + 1
    const failed = requests.filter((r) => r.status >= 400).length
    await sim.close()
    process.send({ requests: requests.length, byPath, failed, maxRssKb: process.resourceUsage().maxRSS })
    process.exit(0)
  })
}

function dossierJson(core, d, accounts) {
  const ids = Array.from({ length: accounts }, (_, a) => `ba${a + 1}`)
  return JSON.stringify({
    version: 1,
    code: code(d),
    name: `Dossier ${code(d)}`,
    siren: null,
    collaborative: false,
    fiscalYears: [{ start: '2026-01-01', end: '2026-12-31', closed: false }],
    contacts: [],
    bankAccounts: ids.map((id, a) => {
      const iban = ibanOf(core, d, a)
      return {
        id,
        name: `Compte ${a + 1}`,
        holder: `Dossier ${code(d)}`,
        holderComplement: null,
        rib: {
          bankCode: iban.slice(4, 9),
          branchCode: iban.slice(9, 14),
          accountNumber: iban.slice(14, 25),
          key: iban.slice(25, 27),
        },
        iban,
        bic: 'BNPAFRPP',
        currency: 'EUR',
        attachedContactId: null,
        main: a === 0,
        feed: {
          protocol: 'bankin',
          startDate: '2026-01-01',
          startDateLocked: true,
          frequency: 'daily',
          autoGenerateEntries: true,
        },
      }
    }),
    glAccounts: [
      ...ids.map((id, a) => ({ number: `5121${a}0`, label: `Banque ${a + 1}`, bankAccountId: id })),
      { number: '471000', label: "Compte d'attente", bankAccountId: null },
    ],
    journals: ids.map((_, a) => ({
      code: `BQ${a + 1}`,
      label: `Banque ${a + 1}`,
      type: 'bank',
      counterpartAccount: `5121${a}0`,
      counterpartMode: 'footer',
    })),
    waitingAccount: '471000',
  })
}

function startSimulator(cfg) {
  const child = fork(fileURLToPath(import.meta.url), ['--simulator', JSON.stringify(cfg)], {
    execArgv: ['--max-old-space-size=8000'],
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (c) => c !== 0 && reject(new Error(`simulator exited with ${c}`)))
    child.once('message', (ready) =>
      resolve({
        ...ready,
        stop: () =>
          new Promise((done) => {
            child.once('message', done)
            child.send('stop')
          }),
      }),
    )
  })
}

async function main() {
  const core = await import('@bankfeed/core')
  const bankin = await import(path.join(here, '../dist/index.js'))
  const accountsTotal = config.dossiers * config.accounts
  console.log(
    `Bankin' nightly collection: ${config.dossiers} dossiers × ${config.accounts} accounts × ${config.transactions} transactions, page ${config.pageSize}, ${config.concurrency} dossiers at a time, budgets ${config.budgets}`,
  )
  const startedAtMs = Date.now()
  const sim = await startSimulator({ ...config, startedAtMs })
  console.log(
    `seeded          ${(config.dossiers * config.accounts * config.transactions).toLocaleString('en')} transactions in the simulator (child process) in ${sim.seedSeconds.toFixed(1)} s`,
  )

  const L = bankin.BRIDGE_RATE_LIMITS
  const raised = { limit: 1e9, windowMs: 1000 }
  const logs = { warn: 0, error: 0 }
  const logger = {
    debug: () => {},
    info: () => {},
    warn: () => logs.warn++,
    error: () => logs.error++,
  }
  // One context for the client, the connector over it and the sync. One client for every dossier,
  // so the application budget is shared like in production.
  const context = core.makeContext({ clock: nightClock(startedAtMs), logger })
  const client = bankin.makeBridgeClient({
    baseUrl: sim.url,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    context,
    ...(config.budgets === 'raised'
      ? { rateLimits: { app: raised, user: raised, authenticate: raised } }
      : // Wait for the budget (up to one full window) rather than answering RateLimited.
        { maxBudgetWaitMs: L.app.windowMs + 1000 }),
  })
  const connector = bankin.makeBankinConnector({
    client,
    pageSize: config.pageSize,
    userFor: (connection) => connection.id.replace(/^bankin-/, 'cab1-'),
  })
  const store = core.makeInMemoryLedgerStore()
  const deps = { ...context, connector, store }

  const dossiers = Array.from({ length: config.dossiers }, (_, d) => {
    const parsed = core.parseDossierJson(dossierJson(core, d, config.accounts))
    if (parsed._tag === 'Left') throw new Error(`dossier ${d}: ${JSON.stringify(parsed.left)}`)
    return parsed.right
  })

  let next = 0
  let done = 0
  let movements = 0
  let entries = 0
  const failures = []
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const progress = setInterval(() => {
    const s = (performance.now() - t0) / 1000
    console.log(`  … ${done}/${config.dossiers} dossiers after ${s.toFixed(0)} s`)
  }, 30_000)
  const worker = async () => {
    while (next < dossiers.length) {
      const dossier = dossiers[next++]
      const result = await core.syncConnection(deps, {
        connection: { id: `bankin-${dossier.code}`, protocol: 'bankin' },
        dossiers: [dossier],
        accounts: dossier.bankAccounts.map((b) => ({ dossierCode: dossier.code, bankAccountId: b.id })),
      })()
      if (result._tag === 'Left') failures.push({ dossier: dossier.code, error: result.left })
      else
        for (const a of result.right.accounts) {
          movements += a.decisions.filter((x) => x._tag === 'New').length
          entries += a.entriesGenerated
        }
      done++
    }
  }
  await Promise.all(Array.from({ length: config.concurrency }, worker))
  clearInterval(progress)
  const seconds = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  const engineRssMb = process.resourceUsage().maxRSS / 1024
  const stats = await sim.stop()

  const perMinute = (n) => (n / seconds) * 60
  const requestsPerDossier = stats.requests / config.dossiers
  console.log(
    `\nMEASURED (this machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version})`,
  )
  console.log(
    `synced          ${done - failures.length}/${config.dossiers} dossiers, ${accountsTotal} accounts, ${movements.toLocaleString('en')} movements, ${entries.toLocaleString('en')} entries; ${failures.length} failed`,
  )
  if (failures.length > 0) console.log(`first failure   ${JSON.stringify(failures[0])}`)
  console.log(
    `requests        ${stats.requests.toLocaleString('en')} to Bridge (${requestsPerDossier.toFixed(2)} per dossier; ${Object.entries(
      stats.byPath,
    )
      .map(([p, n]) => `${p} ${n}`)
      .join(', ')}), ${stats.failed} refused`,
  )
  console.log(`wall time       ${seconds.toFixed(1)} s`)
  console.log(
    `throughput      ${perMinute(accountsTotal).toFixed(0)} accounts/min, ${perMinute(stats.requests).toFixed(0)} requests/min`,
  )
  console.log(
    `engine CPU      ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (user ${(cpu.user / 1e6).toFixed(1)} s, system ${(cpu.system / 1e6).toFixed(1)} s), ${((cpu.user + cpu.system) / 1e3 / accountsTotal).toFixed(2)} ms per account`,
  )
  console.log(
    `peak RSS        engine ${engineRssMb.toFixed(0)} MB (ledgers of all dossiers kept in memory), simulator ${(stats.maxRssKb / 1024).toFixed(0)} MB`,
  )
  console.log(`logs            ${logs.warn} warnings, ${logs.error} errors`)

  // The nightly window, 03:00–04:00: 60 minutes. In any 60 minutes the application budget allows
  // 12 windows of 5 min × 2000 = 24,000 requests; the per-user budgets (60/min, 10 auth/min) do not
  // bind when a dossier needs a handful of requests.
  const windowMin = 60
  const appPerHour = (L.app.limit * windowMin * 60_000) / L.app.windowMs
  const firstReq = requestsPerDossier
  const pagesFirst = Math.max(1, Math.ceil((config.accounts * config.transactions) / config.pageSize))
  // A later night brings one day of changes: one page of transactions.
  const nightlyReq = firstReq - pagesFirst + 1
  const default50 =
    firstReq - pagesFirst + Math.max(1, Math.ceil((config.accounts * config.transactions) / 50))
  const engineAccountsPerMin = config.budgets === 'raised' ? perMinute(accountsTotal) : null
  const row = (label, reqPerDossier) => {
    const budgetAccounts = (appPerHour / reqPerDossier) * config.accounts
    const engine = engineAccountsPerMin === null ? null : engineAccountsPerMin * windowMin
    const fit = engine === null ? budgetAccounts : Math.min(budgetAccounts, engine)
    const binding = engine === null || budgetAccounts < engine ? 'app budget' : 'engine'
    // The window starts with a full budget: the first `limit` requests go at once, then `limit` more
    // every `windowMs`. So R requests cannot end before floor((R − 1) / limit) windows have passed.
    const requests = Math.ceil(reqPerDossier * config.dossiers)
    const floorMin = Math.floor((requests - 1) / L.app.limit) * (L.app.windowMs / 60_000)
    console.log(
      `  ${label.padEnd(38)} ${reqPerDossier.toFixed(1).padStart(5)} req/dossier → ${Math.floor(fit).toLocaleString('en').padStart(7)} accounts/night (${binding}); these ${accountsTotal} accounts: ≥ ${floorMin} min + the last burst`,
    )
  }
  console.log(
    `\nCOMPUTED for the 03:00–04:00 window (60 min; app budget ${L.app.limit} req / ${L.app.windowMs / 60_000} min = ${appPerHour.toLocaleString('en')} req/hour${engineAccountsPerMin === null ? '' : `; engine ${Math.round(engineAccountsPerMin * windowMin).toLocaleString('en')} accounts/hour as measured`})`,
  )
  row(`first sync, page ${config.pageSize} (measured req)`, firstReq)
  row('first sync, Bridge default page 50', default50)
  row('later nights, one page of changes', nightlyReq)
}

// Last, so that every declaration above is initialised before either side runs.
if (args[0] === '--simulator') await simulatorChild(JSON.parse(args[1]))
else await main()
