#!/usr/bin/env node
// The whole test command: type-check, lint, format, unit and property tests, build, publint and attw
// on every package, the public-surface reports, a plain-node smoke test of every built entry (ESM
// and CJS), and the examples. Steps that do not depend on each other run at the same time (at most
// `--jobs`, 3 by default: the tests' workers wait on databases and child processes, so a third job
// fills the gaps of a 2-core machine); each step's output is printed whole when it ends, so logs stay
// readable. Prints a closing `N passed, N failed` line so any CI can read the test count.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { Buffer } from 'node:buffer'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const pnpm =
  process.env.npm_execpath && /pnpm/.test(process.env.npm_execpath)
    ? [process.execPath, process.env.npm_execpath]
    : ['npx', '-y', 'pnpm@10.34.9']
const jobsArg = process.argv.indexOf('--jobs')
const jobs = Math.max(
  1,
  Number(jobsArg >= 0 ? process.argv[jobsArg + 1] : (process.env.BANKFEED_CHECK_JOBS ?? 3)),
)

const bin = (name) => join(root, 'node_modules', '.bin', name)
const report = join(root, '.vitest-report.json')
const packages = readdirSync(join(root, 'packages'))
  .filter((d) => existsSync(join(root, 'packages', d, 'package.json')))
  .map((d) => join(root, 'packages', d))
const nameOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name
const pnpmRun = (...args) => [pnpm[0], [...pnpm.slice(1), ...args]]

// A step: a title, a command, and the titles of the steps it waits for (`after`). Longest first:
// the tests, then the build that most steps wait for.
const steps = [
  {
    title: 'unit and property tests',
    cmd: [bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${report}`]],
    // Its output is long and is what people read on a failure: streamed, not held back.
    stream: true,
  },
  { title: 'build', cmd: pnpmRun('-r', '--filter', './packages/**', 'build') },
  { title: 'type-check', cmd: [bin('tsc'), ['-p', 'tsconfig.json']] },
  { title: 'lint', cmd: [bin('eslint'), ['.', '--max-warnings=0']] },
  { title: 'format', cmd: [bin('prettier'), ['--check', '.', '--log-level', 'warn']] },
  {
    title: 'docs: every TypeScript block of the READMEs type-checks',
    cmd: [process.execPath, [join(root, 'scripts', 'readme-snippets.mjs')]],
  },
  ...packages.flatMap((dir) => [
    {
      title: `publint ${nameOf(dir)}`,
      cmd: [bin('publint'), ['run', dir, '--strict', '--pack', 'npm']],
      after: ['build'],
    },
    // node10 resolution (no `exports`) is not a target: Node ≥ 20.19 and bundlers read the exports map.
    {
      title: `attw ${nameOf(dir)}`,
      cmd: [bin('attw'), ['--pack', dir, '--format', 'table-flipped', '--profile', 'node16']],
      after: ['build'],
    },
  ]),
  {
    title: 'public surface: the API reports of every entry are up to date',
    cmd: [process.execPath, [join(root, 'scripts', 'api-report.mjs'), '--check']],
    after: ['build'],
  },
  {
    title: 'smoke: every built entry with plain node (ESM and CJS)',
    cmd: [process.execPath, [join(root, 'scripts', 'smoke-entries.mjs')]],
    after: ['build'],
  },
  {
    title: 'cli: bankfeed cfonb parse --json on a golden file gives its canonical JSON',
    cmd: [process.execPath, [join(root, 'scripts', 'cli-smoke.mjs')]],
    after: ['build'],
  },
  // The two quickstart runs share the example's output folder: one after the other.
  {
    title: 'example: quickstart (the demo)',
    cmd: pnpmRun('--filter', '@bankfeed/example-quickstart', 'start'),
    after: ['build'],
  },
  {
    title: 'example: quickstart (library)',
    cmd: pnpmRun('--filter', '@bankfeed/example-quickstart', 'library'),
    after: ['example: quickstart (the demo)'],
  },
  {
    title: 'example: bankin-sync',
    cmd: pnpmRun('--filter', '@bankfeed/example-bankin-sync', 'start'),
    after: ['build'],
  },
]

const summary = () => {
  if (!existsSync(report)) return
  const r = JSON.parse(readFileSync(report, 'utf8'))
  process.stdout.write(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed\n`)
}

const started = Date.now()
const done = new Set()
const running = new Map()
let failed = null

const runStep = (step) =>
  new Promise((resolve) => {
    const t0 = Date.now()
    const [cmd, args] = step.cmd
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: step.stream ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    })
    const chunks = []
    child.stdout?.on('data', (c) => chunks.push(c))
    child.stderr?.on('data', (c) => chunks.push(c))
    if (step.stream) process.stdout.write(`\n▶ ${step.title}\n`)
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - t0) / 1000).toFixed(1)
      if (!step.stream) process.stdout.write(`\n▶ ${step.title}\n${Buffer.concat(chunks).toString()}`)
      if (code === 0) process.stdout.write(`✔ ${step.title} (${seconds}s)\n`)
      else process.stdout.write(`✖ ${step.title} failed (exit ${code ?? signal}) after ${seconds}s\n`)
      resolve(code === 0)
    })
  })

rmSync(report, { force: true })
process.stdout.write(`check: ${steps.length} steps, up to ${jobs} at a time\n`)
await new Promise((finish) => {
  const next = () => {
    if (failed !== null) {
      if (running.size === 0) finish()
      return
    }
    const ready = steps.filter(
      (s) => !done.has(s.title) && !running.has(s.title) && (s.after ?? []).every((a) => done.has(a)),
    )
    for (const step of ready) {
      if (running.size >= jobs) break
      running.set(
        step.title,
        runStep(step).then((ok) => {
          running.delete(step.title)
          if (ok) done.add(step.title)
          else failed = step.title
          next()
        }),
      )
    }
    if (running.size === 0) finish()
  }
  next()
})

const seconds = ((Date.now() - started) / 1000).toFixed(0)
summary()
if (failed !== null || done.size !== steps.length) {
  process.stdout.write(
    `\ncheck failed at "${failed ?? 'a step that never became ready'}" after ${seconds}s\n`,
  )
  process.exit(1)
}
process.stdout.write(`\ncheck: ${steps.length} steps passed in ${seconds}s\n`)
