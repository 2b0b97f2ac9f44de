import { readFileSync } from 'node:fs'
import { E } from '../src/fp.js'
import { decodeDossier } from '../src/codecs/dossier-v1.js'
import type { Dossier } from '../src/domain/dossier.js'

/** The dossier JSON of the issue, built on the seed `liaison-loop-bankin.txt` bank account. */
export const seedDossierJson = (): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL('./fixtures/seed-dossier.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >

/** The seed dossier, decoded. */
export const seedDossier = (): Dossier => {
  const decoded = decodeDossier(seedDossierJson())
  if (E.isLeft(decoded)) throw new Error(decoded.left.issues.map((i) => i.message).join('\n'))
  return decoded.right
}
