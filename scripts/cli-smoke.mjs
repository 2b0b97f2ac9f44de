#!/usr/bin/env node
// Runs the BUILT `bankfeed` binary the way a user does and compares its output with the hand-written
// canonical JSON of a golden file; also checks the strict-error contract (JSON on stdout, exit 1).
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const bin = join(root, 'packages', 'cli', 'dist', 'bin.js')
const golden = join(root, 'packages', 'connector-cfonb', 'test', 'golden')
const run = (...args) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' })

const ok = run('cfonb', 'parse', '--json', join(golden, 'basic-crlf.cfonb'))
const expected = JSON.parse(readFileSync(join(golden, 'basic-crlf.json'), 'utf8'))
if (ok.status !== 0 || JSON.stringify(JSON.parse(ok.stdout)) !== JSON.stringify(expected)) {
  console.error(`canonical JSON differs (exit ${ok.status}):\n${ok.stdout}${ok.stderr}`)
  process.exit(1)
}
const bad = run('cfonb', 'parse', '--json', join(golden, 'cfonb240-refused.cfonb'))
const error = JSON.parse(bad.stdout).error
if (bad.status !== 1 || error?.code !== 'CFONB240_UNSUPPORTED' || typeof error.line !== 'number') {
  console.error(`strict error contract broken (exit ${bad.status}):\n${bad.stdout}${bad.stderr}`)
  process.exit(1)
}
console.log('bankfeed cfonb parse: canonical JSON and strict error as specified')
