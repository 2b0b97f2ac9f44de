/** Structured fields of a log line; adapters redact secrets they are configured to know. */
export type LogFields = Readonly<Record<string, unknown>>

/** The logging port: core never writes to the console or a file itself. */
export interface Logger {
  readonly debug: (message: string, fields?: LogFields) => void
  readonly info: (message: string, fields?: LogFields) => void
  readonly warn: (message: string, fields?: LogFields) => void
  readonly error: (message: string, fields?: LogFields) => void
}
