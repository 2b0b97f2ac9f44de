#!/usr/bin/env node
// The CLI's start-up time on an existing database, against its floors in the same run: a bare
// `node` process, and `bankfeed --help` (the command without a database). Each figure is the best
// of several runs (the machine is shared and noisy), with the median and the worst beside it.
//   node bench/startup.bench.mjs [--runs N]
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const runsArg = process.argv.indexOf('--runs')
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
const quickstart = new URL('../../../examples/quickstart/', import.meta.url)
const dir = mkdtempSync(join(tmpdir(), 'bankfeed-startup-'))
for (const name of ['dossier.json', 'releve.cfonb', 'regles.json'])
  copyFileSync(new URL(name, quickstart), join(dir, name))

const run = (args) => {
  const started = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (r.status !== 0 && !(args.includes('report') && r.status === 1))
    throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return ms
}

const bankfeed = (...args) => [bin, ...args]
// The database exists before anything is timed: created (initdb) and filled once.
const created = run(bankfeed('dossier', 'import', 'dossier.json'))
run(bankfeed('cfonb', 'import', 'releve.cfonb', '--rules', 'regles.json', '--today', '2026-03-31'))

const cases = [
  ['node -e 0 (floor)', ['-e', '0']],
  ['bankfeed --help (no database)', bankfeed('--help')],
  ['bankfeed report (existing PGlite database)', bankfeed('report', '--today', '2026-03-31')],
  ['bankfeed dossier import, unchanged (existing database)', bankfeed('dossier', 'import', 'dossier.json')],
]
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return { best: s[0], median: s[Math.floor(s.length / 2)], worst: s[s.length - 1] }
}
console.log(
  `CLI start-up, ${runs} runs each (ms; best / median / worst); database created in ${created.toFixed(0)} ms`,
)
const results = []
// Interleaved, so that a noisy moment hits every case alike.
const times = cases.map(() => [])
for (let i = 0; i < runs; i++) for (const [c, [, args]] of cases.entries()) times[c].push(run(args))
for (const [c, [label]] of cases.entries()) {
  const s = stats(times[c])
  results.push({ label, ...s })
  console.log(
    `  ${label.padEnd(56)} ${s.best.toFixed(0).padStart(6)} ${s.median.toFixed(0).padStart(6)} ${s.worst.toFixed(0).padStart(6)}`,
  )
}
const floor = results[0].best
console.log(`  report over the floor: ${(results[2].best - floor).toFixed(0)} ms (best against best)`)
rmSync(dir, { recursive: true, force: true })
