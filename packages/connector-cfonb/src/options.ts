import type { CfonbEncoding, CfonbParseOptions } from './types.js'

/** Options with defaults applied. */
export interface ResolvedOptions {
  readonly strict: boolean
  readonly encoding: CfonbEncoding
  readonly maxDiagnostics: number
}

/** How many diagnostics a result keeps by default (each one is counted whatever the bound). */
export const DEFAULT_MAX_DIAGNOSTICS = 1000

const ENCODINGS: readonly string[] = ['auto', 'utf-8', 'windows-1252']

/**
 * Applies defaults and rejects invalid options. Invalid options are a programming error, not an
 * input problem, hence the only place where this package throws.
 */
export const resolveOptions = (options: CfonbParseOptions = {}): ResolvedOptions => {
  const mode = options.mode ?? 'strict'
  if (mode !== 'strict' && mode !== 'lenient') {
    throw new TypeError(`CFONB parser: mode must be "strict" or "lenient", got ${JSON.stringify(mode)}`)
  }
  const encoding = options.encoding ?? 'auto'
  if (!ENCODINGS.includes(encoding)) {
    throw new TypeError(
      `CFONB parser: encoding must be one of ${ENCODINGS.join(', ')}, got ${JSON.stringify(encoding)}`,
    )
  }
  const maxDiagnostics = options.maxDiagnostics ?? DEFAULT_MAX_DIAGNOSTICS
  if (
    typeof maxDiagnostics !== 'number' ||
    !(Number.isSafeInteger(maxDiagnostics) || maxDiagnostics === Number.POSITIVE_INFINITY) ||
    maxDiagnostics < 0
  ) {
    throw new TypeError(
      `CFONB parser: maxDiagnostics must be a non-negative integer or Infinity, got ${String(maxDiagnostics)}`,
    )
  }
  return { strict: mode === 'strict', encoding, maxDiagnostics }
}
