/**
 * @bankfeed/connector-cfonb — a dependency-free, streaming, exact CFONB 120 parser, and the mapping
 * of its statements to core's. The file-inbox connector is `@bankfeed/connector-cfonb/inbox`.
 *
 * @module @bankfeed/connector-cfonb
 */

export type {
  CanonicalBalance,
  CanonicalDetail,
  CanonicalDiagnostic,
  CanonicalDocument,
  CanonicalMovement,
  CanonicalStatement,
} from './canonical-json.js'
export { toCanonicalJson } from './canonical-json.js'
export type { CfonbDiagnosticCounts } from './diagnostic-counts.js'
export type { CfonbDiagnostic, CfonbDiagnosticCode, CfonbSeverity } from './diagnostics.js'
export { CFONB_DIAGNOSTIC_SEVERITY } from './diagnostics.js'
export { mergeConsecutiveStatements } from './merge.js'
export { parseCfonb120 } from './parse.js'
export type { CfonbByteSource, CfonbReadableStreamLike } from './stream.js'
export { parseCfonb120Stream, streamCfonb120 } from './stream.js'
export type {
  CfonbAccountDetail,
  CfonbAmount,
  CfonbBalance,
  CfonbDecodedAs,
  CfonbDetail,
  CfonbDetailBase,
  CfonbEncoding,
  CfonbEndToEndDetail,
  CfonbEvent,
  CfonbMandateDetail,
  CfonbMovement,
  CfonbOriginalAmountDetail,
  CfonbParseOptions,
  CfonbParseResult,
  CfonbParseResultBase,
  CfonbPartyIdDetail,
  CfonbRawDetail,
  CfonbReferenceDetail,
  CfonbReservedZone,
  CfonbStatement,
  CfonbStructuredRemittanceDetail,
  CfonbSummary,
  CfonbTextDetail,
} from './types.js'
export type { CfonbDomainStatement, CfonbMappingError, CfonbMappingResult } from './to-domain.js'
export { accountRefOfCfonb, toDomainStatement } from './to-domain.js'
