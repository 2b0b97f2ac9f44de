/**
 * @bankfeed/logger-pino — the `Logger` port of `@bankfeed/core` over pino, with secrets redacted by
 * field name (pino `redact`) and by value (registered secrets, IBANs), in messages and fields.
 *
 * @module @bankfeed/logger-pino
 */
export { makePinoLogger } from './pino-logger.js'
export type { PinoAdapterLogger, PinoAdapterOptions } from './pino-logger.js'
export { DEFAULT_REDACT_PATHS, REDACT_DEPTH, SECRET_KEYS, URL_KEYS, pathsOfKey } from './redact-paths.js'
export { REDACTED, censor, isSecretUrl } from './censor.js'
export { MIN_SECRET_LENGTH, maskIbans } from './scrub.js'
