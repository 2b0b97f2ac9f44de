import { createDiagnosticCollector } from './diagnostic-counts.js'
import type { CfonbDiagnostic } from './diagnostics.js'
import { resolveOptions } from './options.js'
import { createParserCore } from './parser-core.js'
import type { CfonbEvent, CfonbParseOptions, CfonbParseResult, CfonbStatement } from './types.js'

/** Builds the result object from what a parse produced. */
export const toParseResult = (
  statements: readonly CfonbStatement[],
  diagnostics: readonly CfonbDiagnostic[],
  end: Extract<CfonbEvent, { kind: 'end' }>,
): CfonbParseResult => {
  const base = { statements, diagnostics, summary: end.summary, decodedAs: end.decodedAs }
  return end.error === null ? { ...base, ok: true } : { ...base, ok: false, error: end.error }
}

/**
 * Parses a whole CFONB 120 file held in memory. Bytes are decoded per `options.encoding`; a string
 * is taken as already decoded. Keeps the first `maxDiagnostics` diagnostics and counts them all.
 * Never throws on any input (only on invalid options).
 */
export const parseCfonb120 = (input: string | Uint8Array, options?: CfonbParseOptions): CfonbParseResult => {
  const resolved = resolveOptions(options)
  const statements: CfonbStatement[] = []
  const diagnostics = createDiagnosticCollector(resolved.maxDiagnostics)
  const core = createParserCore(
    resolved,
    {
      statement: (s) => statements.push(s),
      diagnostic: diagnostics.add,
    },
    typeof input !== 'string',
  )
  if (typeof input === 'string') core.pushText(input)
  else core.pushBytes(input)
  return toParseResult(statements, diagnostics.kept, core.end())
}
