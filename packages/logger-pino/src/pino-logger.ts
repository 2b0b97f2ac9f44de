import { pino } from 'pino'
import type { DestinationStream, Logger as PinoLogger, LoggerOptions } from 'pino'
import type { LogFields, Logger } from '@bankfeed/core'
import { censor } from './censor.js'
import { DEFAULT_REDACT_PATHS } from './redact-paths.js'
import { makeSecretScrubber, scrubValue } from './scrub.js'
import type { SecretScrubber } from './scrub.js'

/** Options of {@link makePinoLogger}. */
export interface PinoAdapterOptions {
  /** More pino `redact.paths` (`'dossier.contact.mobile'`, `'*.pin'`), added to {@link DEFAULT_REDACT_PATHS}. */
  readonly redact?: ReadonlyArray<string>
  /** Masks IBAN-shaped text in messages and fields, keeping country and last four (`FR****0189`). */
  readonly redactIbans?: boolean
  /** Secret values known at construction (client secret, webhook secrets…); see `registerSecret`. */
  readonly secrets?: ReadonlyArray<string>
  /** Where the lines go when pino options (not an instance) are given; pino's default is stdout. */
  readonly destination?: DestinationStream
}

/** The core `Logger` over pino, plus what only an adapter can do. */
export interface PinoAdapterLogger extends Logger {
  /**
   * Adds a secret value to hide from every later line, in messages and fields alike (a user token
   * once issued, a connect URL once created). `false` when refused: shorter than 6 characters.
   */
  readonly registerSecret: (value: string) => boolean
  /** A logger adding `bindings` to every line, sharing the redaction and the registered secrets. */
  readonly child: (bindings: LogFields) => PinoAdapterLogger
  /** The underlying pino logger (already configured with the redaction). */
  readonly pino: PinoLogger
}

const isPinoInstance = (source: PinoLogger | LoggerOptions): source is PinoLogger =>
  typeof (source as Partial<PinoLogger>).child === 'function' &&
  typeof (source as Partial<PinoLogger>).info === 'function'

const redactPathsOf = (source: LoggerOptions, extra: ReadonlyArray<string>): string[] => {
  const own =
    source.redact === undefined ? [] : Array.isArray(source.redact) ? source.redact : source.redact.paths
  return [...new Set([...DEFAULT_REDACT_PATHS, ...own, ...extra])]
}

const wrap = (base: PinoLogger, scrubber: SecretScrubber): PinoAdapterLogger => {
  const fieldsOf = (fields: LogFields | undefined): Record<string, unknown> =>
    fields === undefined ? {} : (scrubValue(fields, scrubber.text) as Record<string, unknown>)
  return {
    debug: (message, fields) => base.debug(fieldsOf(fields), scrubber.text(message)),
    info: (message, fields) => base.info(fieldsOf(fields), scrubber.text(message)),
    warn: (message, fields) => base.warn(fieldsOf(fields), scrubber.text(message)),
    error: (message, fields) => base.error(fieldsOf(fields), scrubber.text(message)),
    registerSecret: scrubber.add,
    child: (bindings) => wrap(base.child(fieldsOf(bindings)), scrubber),
    pino: base,
  }
}

/**
 * Makes the core `Logger` over pino. From pino options, it creates the pino logger with `redact`
 * covering the known secret fields ({@link DEFAULT_REDACT_PATHS}, the options' own paths and
 * `redact`); from a pino instance, it logs through a child carrying that redaction (pino replaces a
 * parent's redaction in a child, so give extra paths through `redact`). Every message and field
 * string is also cleared of the secret values registered, and of IBANs with `redactIbans`.
 */
export const makePinoLogger = (
  source: PinoLogger | LoggerOptions = {},
  options: PinoAdapterOptions = {},
): PinoAdapterLogger => {
  const scrubber = makeSecretScrubber(options.redactIbans === true)
  for (const s of options.secrets ?? []) scrubber.add(s)
  const extra = options.redact ?? []
  const base = isPinoInstance(source)
    ? source.child({}, { redact: { paths: redactPathsOf({}, extra), censor } })
    : pino(
        { ...source, redact: { paths: redactPathsOf(source, extra), censor } },
        ...(options.destination === undefined ? [] : [options.destination]),
      )
  return wrap(base, scrubber)
}
