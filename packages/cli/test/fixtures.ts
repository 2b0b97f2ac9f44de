import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The CFONB parser's golden files: `*.cfonb` inputs and their hand-written canonical `*.json`. */
export const GOLDEN_DIR = fileURLToPath(new URL('../../connector-cfonb/test/golden/', import.meta.url))

/** One golden case. */
export interface GoldenCase {
  readonly name: string
  readonly input: Uint8Array
  /** The expected canonical JSON text, as stored. */
  readonly expectedText: string
  readonly expected: GoldenDocument
  readonly lenient: boolean
}

/** The parts of a canonical document the tests read. */
export interface GoldenDocument {
  readonly statements: ReadonlyArray<{
    readonly movements: ReadonlyArray<{ readonly details: readonly unknown[] }>
  }>
  readonly diagnostics: ReadonlyArray<{
    readonly line: number
    readonly severity: string
    readonly code: string
  }>
}

/** Every golden case, sorted by name. */
export const goldenCases = (): GoldenCase[] =>
  readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith('.cfonb'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.cfonb'.length)
      const expectedText = readFileSync(`${GOLDEN_DIR}${name}.json`, 'utf8')
      return {
        name,
        input: readFileSync(`${GOLDEN_DIR}${f}`),
        expectedText,
        expected: JSON.parse(expectedText) as GoldenDocument,
        lenient: name.endsWith('.lenient'),
      }
    })

/** Reads a golden input by name. */
export const golden = (name: string): Uint8Array => readFileSync(`${GOLDEN_DIR}${name}.cfonb`)

/** The quickstart example's statement and dossier, and the core seed dossier. */
export const QUICKSTART_RELEVE = readFileSync(
  fileURLToPath(new URL('../../../examples/quickstart/releve.cfonb', import.meta.url)),
)
export const QUICKSTART_DOSSIER = readFileSync(
  fileURLToPath(new URL('../../../examples/quickstart/dossier.json', import.meta.url)),
  'utf8',
)
export const SEED_DOSSIER = readFileSync(
  fileURLToPath(new URL('../../core/test/fixtures/seed-dossier.json', import.meta.url)),
  'utf8',
)
