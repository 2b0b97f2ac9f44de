import type {
  CfonbDiagnostic,
  CfonbDiagnosticCode,
  CfonbDiagnosticCounts,
  CfonbSeverity,
} from '@bankfeed/connector-cfonb'

/** `2459000` → `2,459,000`: counts of diagnostics run into the millions. */
export const groupDigits = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** A code and how many of its diagnostics were left out. */
export type CodeCount = readonly [code: CfonbDiagnosticCode, count: number]

/**
 * Per code, the diagnostics counted by the parser but not kept (its counts minus the kept ones),
 * most frequent first, then by code; codes with nothing left out are absent.
 */
export const leftOutByCode = (
  kept: readonly CfonbDiagnostic[],
  counts: CfonbDiagnosticCounts,
): CodeCount[] => {
  const keptByCode = new Map<CfonbDiagnosticCode, number>()
  for (const d of kept) keptByCode.set(d.code, (keptByCode.get(d.code) ?? 0) + 1)
  const left: CodeCount[] = []
  for (const [code, count] of Object.entries(counts.byCode) as [CfonbDiagnosticCode, number][]) {
    const n = count - (keptByCode.get(code) ?? 0)
    if (n > 0) left.push([code, n])
  }
  return left.sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * The line under a diagnostics table cut at the bound, or `undefined` when every diagnostic was kept:
 * `… and 2,459,000 more: RECORD_SKIPPED 2,400,000, UNKNOWN_RECORD 59,000 (only the first 1,000 are kept; see --max-diagnostics)`.
 */
export const leftOutText = (
  kept: readonly CfonbDiagnostic[],
  counts: CfonbDiagnosticCounts,
): string | undefined => {
  const leftOut = counts.total - kept.length
  if (leftOut <= 0) return undefined
  const codes = leftOutByCode(kept, counts)
    .map(([code, n]) => `${code} ${groupDigits(n)}`)
    .join(', ')
  return kept.length === 0
    ? `… ${groupDigits(leftOut)} not shown: ${codes} (none kept; see --max-diagnostics)`
    : `… and ${groupDigits(leftOut)} more: ${codes} (only the first ${groupDigits(kept.length)} are kept; see --max-diagnostics)`
}

/**
 * `diagnosticCounts` of the JSON output: every diagnostic the parser counted (kept or not), how many
 * the `diagnostics` array holds, by severity, and by code (sorted by code, for stable output).
 */
export interface DiagnosticCountsJson {
  readonly total: number
  readonly kept: number
  readonly bySeverity: Readonly<Record<CfonbSeverity, number>>
  readonly byCode: Readonly<Partial<Record<CfonbDiagnosticCode, number>>>
}

/**
 * The `diagnosticCounts` member for the JSON output, or `undefined` when every diagnostic was kept —
 * so the output of a file within the bound stays the canonical document, byte for byte.
 */
export const diagnosticCountsJson = (
  kept: readonly CfonbDiagnostic[],
  counts: CfonbDiagnosticCounts,
): DiagnosticCountsJson | undefined => {
  if (counts.total <= kept.length) return undefined
  const { error, warning, info } = counts.bySeverity
  const byCode = Object.fromEntries(
    (Object.entries(counts.byCode) as [CfonbDiagnosticCode, number][]).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    ),
  ) as Partial<Record<CfonbDiagnosticCode, number>>
  return { total: counts.total, kept: kept.length, bySeverity: { error, warning, info }, byCode }
}
