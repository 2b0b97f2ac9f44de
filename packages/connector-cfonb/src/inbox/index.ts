/**
 * @bankfeed/connector-cfonb/inbox — the file-inbox connector (Node only: it reads a folder). Kept out
 * of the main entry so the parser stays free of Node built-ins.
 *
 * @module @bankfeed/connector-cfonb/inbox
 */
export type {
  FileEntry,
  FileMismatch,
  FileSource,
  FileSourceError,
  FileSourceResult,
  InboxFolder,
} from './file-source.js'
export { PARTIAL_FILE_SUFFIXES, isInboxCandidate } from './file-source.js'
export type { NodeFileSourceOptions } from './node-file-source.js'
export { makeNodeFileSource } from './node-file-source.js'
export type { InboxCursor, InboxCursorEntry } from './inbox-cursor.js'
export { EMPTY_INBOX_CURSOR, decodeInboxCursor, encodeInboxCursor } from './inbox-cursor.js'
export type {
  CfonbInboxConnector,
  CfonbInboxOptions,
  InboxRejection,
  RejectedFileReport,
} from './inbox-connector.js'
export {
  CFONB_INBOX_CAPABILITIES,
  DEFAULT_SETTLE_SECONDS,
  REJECTION_SIDECAR_SUFFIX,
  makeCfonbInboxConnector,
} from './inbox-connector.js'
export { timestampPrefix } from './timestamp-prefix.js'
export type { CfonbEncoding } from '../types.js'
