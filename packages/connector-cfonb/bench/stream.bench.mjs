// Streaming benchmark of the CFONB 120 parser (the BUILT package: run `npx tsup` first).
//
//   node bench/stream.bench.mjs               # 100 MB file
//   node bench/stream.bench.mjs --size 500    # 500 MB file (or BENCH_SIZE_MB=500)
//
// Generates a multi-account, multi-day file of the given size in the OS temp dir (kept between
// runs), then streams it through `streamCfonb120` with `fs.createReadStream` in a child process, so
// the peak RSS reported is that of parsing alone. Reports MB/s, records/s and peak RSS.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

const MB = 1024 * 1024
const args = process.argv.slice(2)
const argValue = (name) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

if (args[0] === '--parse') await parseChild(args[1])
else main()

function main() {
  const sizeMb = Number(argValue('--size') ?? process.env.BENCH_SIZE_MB ?? 100)
  if (!Number.isFinite(sizeMb) || sizeMb <= 0) throw new Error(`bad --size ${sizeMb}`)
  const file = path.join(os.tmpdir(), `bankfeed-cfonb-bench-${sizeMb}mb.cfonb`)
  if (!fs.existsSync(file) || fs.statSync(file).size < sizeMb * MB) {
    const t0 = performance.now()
    generate(file, sizeMb * MB)
    console.log(`generated ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  }
  const self = fileURLToPath(import.meta.url)
  const child = spawnSync(process.execPath, [self, '--parse', file], { encoding: 'utf8' })
  if (child.status !== 0) {
    process.stderr.write(child.stderr)
    process.exit(child.status ?? 1)
  }
  const r = JSON.parse(child.stdout)
  const mb = r.bytes / MB
  console.log(`file            ${mb.toFixed(1)} MB, ${r.summary.records.toLocaleString('en')} records`)
  console.log(
    `parsed          ${r.summary.statements.toLocaleString('en')} statements, ${r.summary.movements.toLocaleString('en')} movements, ${r.summary.details.toLocaleString('en')} details, ok=${r.ok}, ${r.diagnostics} diagnostics`,
  )
  console.log(`time            ${r.seconds.toFixed(2)} s`)
  console.log(
    `throughput      ${(mb / r.seconds).toFixed(1)} MB/s, ${Math.round(r.summary.records / r.seconds).toLocaleString('en')} records/s`,
  )
  console.log(
    `peak RSS        ${(r.maxRssKb / 1024).toFixed(1)} MB (process.resourceUsage().maxRSS of the parsing process)`,
  )
  console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`)
}

async function parseChild(file) {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const { streamCfonb120 } = await import(path.join(here, '../dist/index.js'))
  const bytes = fs.statSync(file).size
  const t0 = performance.now()
  let end
  let diagnostics = 0
  for await (const event of streamCfonb120(fs.createReadStream(file))) {
    if (event.kind === 'diagnostic') diagnostics++
    else if (event.kind === 'end') end = event
  }
  const seconds = (performance.now() - t0) / 1000
  const maxRssKb = process.resourceUsage().maxRSS
  process.stdout.write(
    JSON.stringify({ bytes, seconds, maxRssKb, summary: end.summary, ok: end.ok, diagnostics }),
  )
}

// ---------------------------------------------------------------------------------------------
// File generator: balanced daily statements for 40 accounts, 1–25 movements a day, 0–8 details
// per movement, SG-style records (`E` in position 21). Deterministic (xorshift PRNG).

function generate(file, targetBytes) {
  let seed = 0x2545f491
  const rand = (n) => {
    seed ^= seed << 13
    seed ^= seed >>> 17
    seed ^= seed << 5
    return (seed >>> 0) % n
  }
  const pad = (s, n) => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length))
  const num = (v, n) => String(v).padStart(n, '0')
  const amount = (units) => {
    const neg = units < 0
    const s = num(Math.abs(units), 14)
    const last = Number(s[13])
    return s.slice(0, 13) + (neg ? '}JKLMNOPQR' : '{ABCDEFGHI')[last]
  }
  const ddmmyy = (day) => {
    const d = new Date(Date.UTC(2024, 0, 1) + day * 86400000)
    return num(d.getUTCDate(), 2) + num(d.getUTCMonth() + 1, 2) + num(d.getUTCFullYear() % 100, 2)
  }
  const labels = [
    'PRLV SEPA EDF',
    'VIR SEPA CLIENT DUPONT',
    'CB CARREFOUR 12/03',
    'VIR INST MA BOUTIQUE',
    'FRAIS TENUE COMPTE',
    'PRLV SEPA FREE MOBILE',
  ]
  const codes = ['B1', '05', '06', '62', '18', 'A3']
  const details = [
    (i) => `LIBFACTURE F${num(i, 6)} REGLEMENT`,
    (i) => `NPYSOCIETE CLIENTE ${num(i % 997, 3)}`,
    () => 'NBEAKRETION FRANCE',
    (i) => pad(`IBEFR07ZZZ${num(i % 999999, 6)}`, 38) + 'IDENTIFIANT CREANCIER SEPA',
    (i) => pad(`RUMFM-${num(i, 9)}-1`, 38) + 'RCUR',
    (i) => pad(`RCNE2E-${num(i, 10)}`, 38) + 'SUPP',
    (i) => `LCCFIBENT - FR - Facture: ${num(i, 8)} - Compte Fact: 30008765`,
    (i) => `REF${pad(`BATCH-${num(i % 1000, 4)}`, 35)}INSTR-${num(i, 8)}`,
  ]
  const accounts = Array.from({ length: 40 }, (_, i) => ({
    bank: '30003',
    branch: num(100 + i * 7, 5),
    account: num(20000000000 + i * 1234567, 11),
    balance: 100000 + i * 3333,
    day: 0,
  }))
  const fd = fs.openSync(file, 'w')
  let written = 0
  let buf = []
  let bufLen = 0
  const line = (rec) => {
    buf.push(rec)
    bufLen += 121
    if (bufLen > MB) flush()
  }
  const flush = () => {
    const s = buf.join('\n') + '\n'
    fs.writeSync(fd, s)
    written += s.length
    buf = []
    bufLen = 0
  }
  let serial = 1
  while (written + bufLen < targetBytes) {
    const acc = accounts[rand(accounts.length)]
    const date = ddmmyy(acc.day++)
    const head = (code, internal) => `${code}${acc.bank}${internal}${acc.branch}EUR2`
    line(pad(`${head('01', '    ')} ${acc.account}  ${date}`, 90) + amount(acc.balance) + pad('', 16))
    const n = 1 + rand(25)
    for (let m = 0; m < n; m++) {
      const units = (rand(2) ? -1 : 1) * (1 + rand(500000))
      acc.balance += units
      const k = rand(6)
      const internal = num(rand(9999), 4)
      const base = `${head('04', internal)}E${acc.account}${codes[k]}${date}`
      line(
        base +
          '  ' +
          date +
          pad(labels[k], 31) +
          '  ' +
          num(serial % 10000000, 7) +
          '00' +
          amount(units) +
          pad(`REF${serial}`, 16),
      )
      const dn = rand(9)
      for (let j = 0; j < dn; j++) {
        line(
          pad(
            `${head('05', internal)}E${acc.account}${codes[k]}${date}     ${details[(j + k) % details.length](serial + j)}`,
            120,
          ),
        )
      }
      serial++
    }
    line(pad(`${head('07', '    ')} ${acc.account}  ${date}`, 90) + amount(acc.balance) + pad('', 16))
  }
  flush()
  fs.closeSync(fd)
}
