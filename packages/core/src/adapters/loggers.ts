import type { LogFields } from '../domain/log-fields.js'
import type { Logger } from '../ports/logger.js'

/** Severity levels of a {@link Logger}, from the most talkative. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

const RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 }

/** A logger that drops everything: for a program that reports through its own output. */
export const noopLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
}

const fieldsText = (fields: LogFields | undefined): string => {
  if (fields === undefined || Object.keys(fields).length === 0) return ''
  try {
    return ` ${JSON.stringify(fields)}`
  } catch {
    // A cycle or a BigInt: the message still goes out.
    return ' {unprintable fields}'
  }
}

/**
 * A logger writing one line per record at `level` and above (`warn` by default) — `warn: message
 * {"field":…}` — to `write`: standard error, a file, a test's array. Core never puts a secret in a
 * message or a field, so nothing is filtered here.
 *
 * @example
 * const logger = lineLogger((line) => process.stderr.write(`${line}\n`), { level: 'info' })
 */
export const lineLogger = (
  write: (line: string) => void,
  options: { readonly level?: LogLevel } = {},
): Logger => {
  const min = RANK[options.level ?? 'warn']
  const at =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      if (RANK[level] >= min) write(`${level}: ${message}${fieldsText(fields)}`)
    }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

// Core is built without DOM or Node types; every JavaScript runtime has a console.
declare const console: { readonly error: (line: string) => void }

/** {@link lineLogger} on `console.error` (standard error in Node): for scripts and small programs. */
export const consoleLogger = (options: { readonly level?: LogLevel } = {}): Logger =>
  lineLogger((line) => console.error(line), options)
