import type { LogFields, Logger } from '@bankfeed/core'

/** A log line as the recording logger keeps it. */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error'
  readonly message: string
  readonly fields: LogFields
}

/** A {@link Logger} that keeps every line for assertions. */
export interface RecordingLogger extends Logger {
  /** Every line so far, oldest first. */
  readonly lines: () => ReadonlyArray<LogLine>
  /** Every line as text (`level message {fields as JSON}`), to search for what must never be logged. */
  readonly text: () => string
  /** Forgets the lines recorded so far. */
  readonly clear: () => void
}

const fieldsText = (fields: LogFields): string => {
  try {
    return JSON.stringify(fields)
  } catch {
    // Cyclic or otherwise unserialisable fields still get searched, as their string forms.
    return Object.entries(fields)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ')
  }
}

/** Makes a logger that records instead of writing anywhere. */
export const makeRecordingLogger = (): RecordingLogger => {
  let lines: LogLine[] = []
  const at =
    (level: LogLine['level']) =>
    (message: string, fields: LogFields = {}): void => {
      lines.push({ level, message, fields })
    }
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    lines: () => [...lines],
    text: () => lines.map((l) => `${l.level} ${l.message} ${fieldsText(l.fields)}`).join('\n'),
    clear: () => {
      lines = []
    },
  }
}
