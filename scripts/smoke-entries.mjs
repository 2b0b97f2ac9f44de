#!/usr/bin/env node
// Loads every export of every built workspace package by its published name, with Node's own ESM
// loader (`import`) and CommonJS loader (`require`) — what users get, which vitest does not exercise.
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { publishedEntries } from './entries.mjs'

const root = new URL('..', import.meta.url).pathname
const require = createRequire(join(root, 'package.json'))
let failures = 0
let loaded = 0

for (const { specifier } of publishedEntries()) {
  for (const [mode, load] of [
    ['import', (s) => import(s)],
    ['require', async (s) => require(s)],
  ]) {
    try {
      const mod = await load(specifier)
      const names = Object.keys(mod).filter((k) => k !== 'default' && k !== '__esModule')
      if (names.length === 0) throw new Error('no named exports')
      loaded++
      console.log(`ok   ${mode.padEnd(7)} ${specifier} (${names.length} exports)`)
    } catch (e) {
      failures++
      console.log(`FAIL ${mode.padEnd(7)} ${specifier}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
}
console.log(`${loaded} entries loaded, ${failures} failed`)
process.exit(failures === 0 && loaded > 0 ? 0 : 1)
