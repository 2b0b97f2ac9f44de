import { concurrentUpdate, storeUnavailable } from '@bankfeed/core/store'
import type { StoreError, StoreUnavailableReason } from '@bankfeed/core'

// Driver errors are classified by their SQLSTATE (`code` on PGlite's and pg's DatabaseError) or their
// Node error code, never by message text: messages change with versions and with the server's
// language (lc_messages).

/** What the error is, for a person: `concurrentUpdate` or one of core's unavailability reasons. */
export type SqlErrorKind = StoreUnavailableReason | 'concurrentUpdate'

const UNREACHABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
])
const LOST_NODE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])
const FULL_NODE_CODES = new Set(['ENOSPC', 'EDQUOT'])

/** The kind of a SQLSTATE, or `null` when the code says nothing an operator acts on. */
const kindOfSqlState = (code: string): SqlErrorKind | null => {
  switch (code) {
    case '28000': // invalid_authorization_specification
    case '28P01': // invalid_password
    case '3D000': // invalid_catalog_name: no such database
    case '57P03': // cannot_connect_now: starting up, shutting down, in recovery
    case '53300': // too_many_connections: the server turns connections away
      return 'unreachable'
    case '57P01': // admin_shutdown (pg_terminate_backend, a fast shutdown)
    case '57P02': // crash_shutdown
    case '57P05': // idle_session_timeout
      return 'connectionLost'
    case '25006': // read_only_sql_transaction
      return 'readOnly'
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return 'concurrentUpdate'
  }
  if (code.startsWith('08')) return 'connectionLost' // connection_exception class
  if (code.startsWith('53')) return 'full' // insufficient_resources: disk_full, out_of_memory, …
  return null
}

const codeOf = (e: unknown): string | undefined => {
  if (typeof e !== 'object' || e === null) return undefined
  const code = (e as { code?: unknown }).code
  if (typeof code === 'string') return code
  // Node's happy-eyeballs connect (`localhost` → ::1 and 127.0.0.1) fails with an AggregateError.
  const errors = (e as { errors?: unknown }).errors
  return Array.isArray(errors) ? codeOf(errors[0]) : undefined
}

const tagOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { _tag?: unknown })._tag === 'string'
    ? (e as { _tag: string })._tag
    : undefined

/**
 * What kind of failure a driver error is: by SQLSTATE (`08…`, `57P01` lost; `28…`, `3D000`, `57P03`
 * unreachable; `25006` read-only; `53…` full; `40001`, `40P01` a concurrent update), by Node code
 * (`ECONNREFUSED`, `ENOTFOUND`, `ETIMEDOUT`… unreachable; `ECONNRESET`, `EPIPE` lost; `ENOSPC` full;
 * `EROFS` read-only), or by the driver's own marks (any failure to connect is `unreachable`, a lost
 * connection `connectionLost`). Anything else is `failed`.
 */
export const classifySqlError = (error: unknown): SqlErrorKind => {
  const tag = tagOf(error)
  if (tag === 'SqlConnectFailed') {
    const inner = classifySqlError((error as { cause: unknown }).cause)
    return inner === 'full' || inner === 'readOnly' ? inner : 'unreachable'
  }
  if (tag === 'SqlConnectionLost') return 'connectionLost'
  const code = codeOf(error)
  if (code === undefined) return 'failed'
  if (/^[0-9A-Z]{5}$/.test(code)) {
    const kind = kindOfSqlState(code)
    if (kind !== null) return kind
  }
  if (UNREACHABLE_NODE_CODES.has(code)) return 'unreachable'
  if (LOST_NODE_CODES.has(code)) return 'connectionLost'
  if (FULL_NODE_CODES.has(code)) return 'full'
  if (code === 'EROFS') return 'readOnly'
  return 'failed'
}

const DESCRIPTIONS: Readonly<Record<SqlErrorKind, string>> = {
  unreachable: 'the database cannot be reached',
  connectionLost: 'the connection to the database was lost; nothing of this operation was kept',
  readOnly: 'the database accepts no writes',
  full: 'the database is out of disk space or another resource',
  failed: 'the database refused the operation',
  concurrentUpdate: 'another process changed the same data at the same time',
}

// `scheme://user:password@host` → `scheme://user:***@host`, wherever a driver put a URL.
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):[^@/?#\s]*@/gi

/** `text` with the password of every URL in it masked. */
export const redactUrlCredentials = (text: string): string => text.replace(URL_CREDENTIALS, '$1:***@')

/** `text` with the URLs' passwords and the given secrets masked. */
export const redactSecrets = (text: string, secrets: ReadonlyArray<string> = []): string =>
  secrets
    .filter((s) => s.length >= 4) // masking shorter ones would garble the message
    .reduce((t, s) => t.split(s).join('***'), redactUrlCredentials(text))

const causeOf = (error: unknown): unknown => {
  const tag = tagOf(error)
  return tag === 'SqlConnectFailed' || tag === 'SqlConnectionLost'
    ? (error as { cause: unknown }).cause
    : error
}

const detailOf = (error: unknown): string => {
  const cause = causeOf(error)
  const code = codeOf(cause)
  const message = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : 'unknown error'
  return code === undefined ? message : `${message} (${code})`
}

/**
 * The `StoreError` of a driver error, for `operation` (a phrase naming what was attempted: `"save
 * the state of connection c1"`). The message names the operation, the reason and the driver's
 * message with its code, with any URL password and the given `secrets` masked. The driver's query
 * text and parameters are never included.
 */
export const toStoreError =
  (operation: string, secrets: ReadonlyArray<string> = []) =>
  (error: unknown): StoreError => {
    const kind = classifySqlError(error)
    const message = redactSecrets(`${operation}: ${DESCRIPTIONS[kind]}: ${detailOf(error)}`, secrets)
    return kind === 'concurrentUpdate' ? concurrentUpdate(message) : storeUnavailable(kind, message)
  }
