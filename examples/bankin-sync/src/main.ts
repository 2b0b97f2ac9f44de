/**
 * bankfeed — Bankin' walkthrough: the seed "Liaison Loop - Bankin'" played step by step against the
 * loopback Bridge simulator (real HTTP), printed in French.
 *
 *   node dist/main.js [dossier.json]
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runWalkthrough } from './walkthrough.js'

const file = process.argv[2] ?? fileURLToPath(new URL('../dossier.json', import.meta.url))

try {
  await runWalkthrough({ dossierJson: readFileSync(file, 'utf8'), print: (line) => console.log(line) })
} catch (e) {
  console.error(`La démonstration s’est arrêtée : ${(e as Error).message}`)
  process.exit(1)
}
