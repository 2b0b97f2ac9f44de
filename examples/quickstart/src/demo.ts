/**
 * bankfeed's main job from the command line, on the embedded database (PGlite, in
 * `out/bankfeed-data`): check the dossier, import it, import its CFONB statement (reconciled and
 * booked in one commit), export the FEC (checked), print the error report — then all of it a second
 * time, to show that it changes nothing: no movement twice, the same FEC bytes, the same report.
 *
 *   node dist/demo.js
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('..', import.meta.url))
const bin = join(
  dirname(createRequire(import.meta.url).resolve('@bankfeed/cli/package.json')),
  'dist',
  'bin.js',
)
const out = join(here, 'out')
mkdirSync(out, { recursive: true })
// One day for every run, so that two runs of the demo are comparable (the FEC's validation day).
const today = ['--today', '2026-03-31']
const database = ['--data-dir', join(out, 'bankfeed-data')]

/** Runs `bankfeed …` from the example's folder, shows the command and its output; answers stdout. */
const bankfeed = (args: ReadonlyArray<string>, expected: ReadonlyArray<number> = [0]): string => {
  const shown = args.map((a) => (a.startsWith(here) ? relative(here, a) || '.' : a)).join(' ')
  console.log(`\n$ bankfeed ${shown}`)
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: here, encoding: 'utf8' })
  process.stdout.write(run.stdout)
  process.stderr.write(run.stderr)
  if (!expected.includes(run.status ?? -1)) {
    console.error(`bankfeed exited with ${run.status ?? run.signal}: the demo stops here`)
    process.exit(1)
  }
  return run.stdout
}

const mainJob = (): { fec: string; report: string } => {
  bankfeed(['dossier', 'import', 'dossier.json', ...database])
  bankfeed(['cfonb', 'import', 'releve.cfonb', '--rules', 'regles.json', ...today, ...database])
  bankfeed([
    'fec',
    'export',
    '--dossier',
    'CCH001',
    '--from',
    '2026-01-01',
    '--to',
    '2026-12-31',
    '--rules',
    'regles.json',
    '--out',
    join(out, '/'),
    ...today,
    ...database,
  ])
  const report = bankfeed(['report', ...today, ...database])
  const fec = readFileSync(join(out, '123456782FEC20261231.txt'))
  return { fec: createHash('sha256').update(fec).digest('hex'), report }
}

// The checklist: the second bank account (the product documentation's example) blocks, exit 1.
bankfeed(['dossier', 'check', 'dossier.json', ...today], [0, 1])
const first = mainJob()
console.log('\n— Second run of the same commands: nothing may change —')
const second = mainJob()
if (first.fec !== second.fec || first.report !== second.report) {
  console.error('\nThe second run changed the FEC or the report: this is a bug in bankfeed.')
  process.exit(1)
}
console.log(`\nSame FEC (sha256 ${first.fec.slice(0, 16)}…) and same report after two runs.`)
