// Lenient parses of garbage find a diagnostic or two per line: 100 MB of it is millions of them,
// enough to exhaust the heap if the CLI kept them all. So it keeps the first ones, as the parser's
// own results do, and reports the rest as counts from the parser's summary.

/** How many diagnostics `bankfeed cfonb parse` keeps by default: the parser's own default, 1,000. */
export const DEFAULT_MAX_DIAGNOSTICS = 1000

/**
 * The bound a `--max-diagnostics` value means: a whole number (decimal digits, 0 keeps none), or
 * `undefined` for anything else — including numbers too large to count exactly.
 */
export const maxDiagnosticsOfOption = (value: string): number | undefined => {
  if (!/^\d+$/.test(value)) return undefined
  const n = Number(value)
  return Number.isSafeInteger(n) ? n : undefined
}
