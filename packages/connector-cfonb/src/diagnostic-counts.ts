import type { CfonbDiagnostic, CfonbDiagnosticCode, CfonbSeverity } from './diagnostics.js'

// Lenient parses of garbage report a diagnostic or two per line: 100 MB of it is millions of them.
// So results keep only the first ones and count every one, by code and severity, which is what a
// report needs once there are too many to read anyway.

/** How many diagnostics a parse reported, whether or not they were kept (see `maxDiagnostics`). */
export interface CfonbDiagnosticCounts {
  /** Every diagnostic reported. */
  readonly total: number
  readonly bySeverity: Readonly<Record<CfonbSeverity, number>>
  /** Per code; a code never reported is absent. */
  readonly byCode: Readonly<Partial<Record<CfonbDiagnosticCode, number>>>
}

/** Counts diagnostics as they come. */
export interface DiagnosticCounter {
  count(d: CfonbDiagnostic): void
  /** The counts so far, as an independent value. */
  counts(): CfonbDiagnosticCounts
}

/** Creates a counter at zero. */
export const createDiagnosticCounter = (): DiagnosticCounter => {
  let total = 0
  const bySeverity: Record<CfonbSeverity, number> = { error: 0, warning: 0, info: 0 }
  const byCode: Partial<Record<CfonbDiagnosticCode, number>> = {}
  return {
    count(d) {
      total++
      bySeverity[d.severity]++
      byCode[d.code] = (byCode[d.code] ?? 0) + 1
    },
    counts: () => ({ total, bySeverity: { ...bySeverity }, byCode: { ...byCode } }),
  }
}

/** Keeps the first `max` diagnostics given to it, in order, and drops the rest (they are counted elsewhere). */
export interface DiagnosticCollector {
  add(d: CfonbDiagnostic): void
  readonly kept: readonly CfonbDiagnostic[]
}

/** Creates a collector keeping at most `max` diagnostics. */
export const createDiagnosticCollector = (max: number): DiagnosticCollector => {
  const kept: CfonbDiagnostic[] = []
  return {
    add: (d) => {
      if (kept.length < max) kept.push(d)
    },
    kept,
  }
}
