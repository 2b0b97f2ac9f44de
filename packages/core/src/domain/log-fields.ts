/** Structured fields of a log line; adapters redact secrets they are configured to know. */
export type LogFields = Readonly<Record<string, unknown>>
