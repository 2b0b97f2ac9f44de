/**
 * @bankfeed/connector-cfonb/testing — fast-check arbitraries of CFONB 120 files for property tests:
 * a model of valid statements (`modelFileArb`), a writer of every physical variant a bank produces
 * (LF, CRLF, CR, no line breaks, right-trimmed, Windows-1252: `physicalVariantArb`, `renderFile`),
 * and the canonical JSON the model must parse to (`expectedCanonicalStatements`). The writer does not
 * use the parser's code, so a round trip checks the parser against an independent reading of the
 * format. Needs `fast-check` (a peer dependency, only for this entry).
 *
 * @example
 * ```ts
 * import fc from 'fast-check'
 * import { modelFileArb, physicalVariantArb, renderFile } from '@bankfeed/connector-cfonb/testing'
 *
 * const [file] = fc.sample(fc.tuple(modelFileArb, physicalVariantArb).map(([m, v]) => renderFile(m, v)), 1)
 * ```
 * @module @bankfeed/connector-cfonb/testing
 */
export {
  encodeWindows1252,
  expectedCanonicalStatements,
  formatMinor,
  modelAccountArb,
  modelDateArb,
  modelDetailArb,
  modelFileArb,
  modelMovementArb,
  modelStatementArb,
  physicalVariantArb,
  renderFile,
  writeAmount,
  writeDate,
  writeRecords,
} from './cfonb-text.js'
export type {
  ModelAccount,
  ModelDate,
  ModelDetail,
  ModelMovement,
  ModelStatement,
  PhysicalVariant,
  RenderedFile,
} from './cfonb-text.js'
