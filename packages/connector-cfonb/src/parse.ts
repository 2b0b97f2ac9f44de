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
 * is taken as already decoded. Never throws on any input (only on invalid options).
 */
export const parseCfonb120 = (input: string | Uint8Array, options?: CfonbParseOptions): CfonbParseResult => {
  const statements: CfonbStatement[] = []
  const diagnostics: CfonbDiagnostic[] = []
  const core = createParserCore(
    resolveOptions(options),
    {
      statement: (s) => statements.push(s),
      diagnostic: (d) => diagnostics.push(d),
    },
    typeof input !== 'string',
  )
  if (typeof input === 'string') core.pushText(input)
  else core.pushBytes(input)
  return toParseResult(statements, diagnostics, core.end())
}
