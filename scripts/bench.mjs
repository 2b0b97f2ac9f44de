#!/usr/bin/env node
// `pnpm bench`: builds the packages, then runs every package's `bench` script in turn. Benchmarks
// measure speed and memory; tests never do.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const pnpm =
  process.env.npm_execpath && /pnpm/.test(process.env.npm_execpath)
    ? [process.execPath, process.env.npm_execpath]
    : ['npx', '-y', 'pnpm@10.34.9']
const run = (cmd, args, cwd) => {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
run(pnpm[0], [...pnpm.slice(1), '-r', '--filter', './packages/**', 'build'], root)
for (const dir of readdirSync(join(root, 'packages'))) {
  const manifest = join(root, 'packages', dir, 'package.json')
  if (!existsSync(manifest) || JSON.parse(readFileSync(manifest, 'utf8')).scripts?.bench === undefined)
    continue
  console.log(`\n▶ bench ${dir}`)
  run(pnpm[0], [...pnpm.slice(1), 'run', 'bench', ...process.argv.slice(2)], join(root, 'packages', dir))
}
