#!/usr/bin/env node
// The whole test command: type-check, lint, format, unit and property tests, build, publint and attw
// on every package, a plain-node smoke test of every built entry (ESM and CJS), and the examples.
// Prints a closing `N passed, N failed` line so any CI can read the test count.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const pnpm =
  process.env.npm_execpath && /pnpm/.test(process.env.npm_execpath)
    ? [process.execPath, process.env.npm_execpath]
    : ['npx', '-y', 'pnpm@10.34.9']

const run = (title, cmd, args, options = {}) => {
  const started = Date.now()
  process.stdout.write(`\n▶ ${title}\n`)
  const r = spawnSync(cmd, args, {
    cwd: options.cwd ?? root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0' },
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (r.status !== 0) {
    process.stdout.write(`✖ ${title} failed (exit ${r.status ?? r.signal}) after ${seconds}s\n`)
    summary()
    process.exit(1)
  }
  process.stdout.write(`✔ ${title} (${seconds}s)\n`)
}

const report = join(root, '.vitest-report.json')
const summary = () => {
  if (!existsSync(report)) return
  const r = JSON.parse(readFileSync(report, 'utf8'))
  process.stdout.write(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed\n`)
}

const bin = (name) => join(root, 'node_modules', '.bin', name)
const packages = readdirSync(join(root, 'packages'))
  .filter((d) => existsSync(join(root, 'packages', d, 'package.json')))
  .map((d) => join(root, 'packages', d))

rmSync(report, { force: true })
run('type-check', bin('tsc'), ['-p', 'tsconfig.json'])
run('lint', bin('eslint'), ['.', '--max-warnings=0'])
run('format', bin('prettier'), ['--check', '.', '--log-level', 'warn'])
run('unit and property tests', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${report}`,
])
run('build', pnpm[0], [...pnpm.slice(1), '-r', '--filter', './packages/**', 'build'])
for (const dir of packages) {
  const name = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name
  run(`publint ${name}`, bin('publint'), ['run', dir, '--strict', '--pack', 'npm'])
  // node10 resolution (no `exports`) is not a target: Node ≥ 20.19 and bundlers read the exports map.
  run(`attw ${name}`, bin('attw'), ['--pack', dir, '--format', 'table-flipped', '--profile', 'node16'])
}
run('smoke: every built entry with plain node (ESM and CJS)', process.execPath, [
  join(root, 'scripts', 'smoke-entries.mjs'),
])
run('cli: bankfeed cfonb parse --json on a golden file gives its canonical JSON', process.execPath, [
  join(root, 'scripts', 'cli-smoke.mjs'),
])
run('example: quickstart (the demo)', pnpm[0], [
  ...pnpm.slice(1),
  '--filter',
  '@bankfeed/example-quickstart',
  'start',
])
run('example: quickstart (library)', pnpm[0], [
  ...pnpm.slice(1),
  '--filter',
  '@bankfeed/example-quickstart',
  'library',
])
run('example: bankin-sync', pnpm[0], [...pnpm.slice(1), '--filter', '@bankfeed/example-bankin-sync', 'start'])
summary()
