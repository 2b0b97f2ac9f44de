#!/usr/bin/env node
// `pnpm docs`: the API reference of every published entry (TypeDoc, HTML in docs/api/). The entries
// are the packages' exports maps, read from the sources the root tsconfig maps each specifier to, so
// a new subpath export shows up here without touching this file.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { publishedEntries } from './entries.mjs'

const root = new URL('..', import.meta.url).pathname
const paths = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).compilerOptions.paths
const entries = []
// The command line is documented by its own README and `--help`, not as an API.
for (const { specifier } of publishedEntries().filter((e) => e.manifest.name !== '@bankfeed/cli')) {
  // An exact mapping, else a wildcard one (`@bankfeed/core/*` → `./packages/core/src/api/*.ts`).
  const wildcard = Object.keys(paths).find(
    (k) => k.endsWith('/*') && specifier.startsWith(k.slice(0, -1)) && !(specifier in paths),
  )
  const source =
    paths[specifier]?.[0] ?? paths[wildcard]?.[0].replace('*', specifier.slice(wildcard.length - 1))
  if (source === undefined) {
    console.error(`${specifier}: no source in tsconfig.json "paths"; add it there`)
    process.exit(1)
  }
  entries.push(source)
}
const typedoc = join(root, 'node_modules', '.bin', 'typedoc')
const r = spawnSync(typedoc, ['--options', join(root, 'typedoc.json'), ...entries], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(r.status ?? 1)
