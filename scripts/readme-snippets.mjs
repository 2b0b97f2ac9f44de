#!/usr/bin/env node
// Type-checks every ```ts block of the READMEs (root, packages, examples) against the sources, the
// way a user's editor would see it: each block becomes a module of its own under .snippets/ and the
// root tsconfig checks them all. A block may be preceded by
//   <!-- snippet-context: declare const text: string -->   (what the prose around it provides), or
//   <!-- snippet: skip — why -->                           (a fragment that cannot stand alone).
// Errors name the README and the line of the block.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const out = join(root, '.snippets')
const readmes = [
  join(root, 'README.md'),
  ...['packages', 'examples'].flatMap((dir) =>
    readdirSync(join(root, dir))
      .map((d) => join(root, dir, d, 'README.md'))
      .filter((p) => existsSync(p)),
  ),
]

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
const blocks = []
let skipped = 0
for (const readme of readmes) {
  const lines = readFileSync(readme, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```ts') continue
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```')
    if (end < 0) throw new Error(`${relative(root, readme)}:${i + 1}: a \`\`\`ts block is never closed`)
    // The nearest non-blank line before the block may carry a directive.
    let k = i - 1
    while (k >= 0 && lines[k].trim() === '') k--
    const directive = /^<!--\s*snippet(-context)?:\s*(.*?)\s*-->$/.exec(lines[k]?.trim() ?? '')
    if (directive !== null && directive[1] === undefined && directive[2].startsWith('skip')) {
      skipped++
      i = end
      continue
    }
    const context = directive?.[1] !== undefined ? directive[2] : ''
    const name = `${relative(root, readme).replaceAll('/', '_').replace(/\.md$/, '')}_L${i + 2}.ts`
    const body = lines.slice(i + 1, end).join('\n')
    // A block without imports or exports would be a script sharing one global scope with the others.
    writeFileSync(join(out, name), `${context}\n${body}\nexport {}\n`)
    blocks.push({ name, where: `${relative(root, readme)}:${i + 2}` })
    i = end
  }
}
writeFileSync(
  join(out, 'tsconfig.json'),
  JSON.stringify({
    extends: '../tsconfig.json',
    compilerOptions: { noEmit: true, noUnusedLocals: false, noUnusedParameters: false },
    include: ['*.ts'],
  }),
)
const r = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(out, 'tsconfig.json')], {
  cwd: root,
  encoding: 'utf8',
})
const text = `${r.stdout}${r.stderr}`
for (const b of blocks) {
  // tsc names a snippet's file and line; the README line is the block's first line plus that line − 2
  // (the context line comes first).
  const mine = text.split('\n').filter((l) => l.includes(b.name))
  for (const l of mine) {
    const m = /\((\d+),(\d+)\)/.exec(l)
    const line = m === null ? '?' : Number(b.where.split(':')[1]) + Number(m[1]) - 2
    console.log(`${b.where.split(':')[0]}:${line}: ${l.slice(l.indexOf('error'))}`)
  }
}
console.log(`${blocks.length} README snippets type-checked, ${skipped} skipped`)
if (r.status !== 0) {
  if (!blocks.some((b) => text.includes(b.name))) console.log(text)
  process.exit(1)
}
rmSync(out, { recursive: true, force: true })
