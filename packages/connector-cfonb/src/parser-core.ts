import { createDiagnosticCounter } from './diagnostic-counts.js'
import type { CfonbDiagnostic } from './diagnostics.js'
import { createLineSplitter } from './line-splitter.js'
import type { ResolvedOptions } from './options.js'
import { createAssembler } from './statement-assembler.js'
import type { DecodedPiece } from './text-decoder.js'
import { createByteDecoder } from './text-decoder.js'
import type { CfonbDecodedAs, CfonbEvent, CfonbStatement } from './types.js'

// The whole pipeline as a push parser: bytes (or text) in, statements and diagnostics out through
// callbacks, synchronously. Both the one-shot and the streaming APIs are thin drivers around it,
// so they cannot disagree.

/** Receives the parser's output as it is produced. */
export interface CoreSink {
  statement(statement: CfonbStatement): void
  diagnostic(d: CfonbDiagnostic): void
}

/** The push parser. */
export interface ParserCore {
  pushBytes(bytes: Uint8Array): void
  pushText(text: string): void
  /** Flushes the input and returns the final event. */
  end(): Extract<CfonbEvent, { kind: 'end' }>
  /** True when nothing more will be read (strict error or fatal error). */
  stopped(): boolean
}

/** Creates a push parser, for byte input (`bytes`: decoded per the options) or text input. */
export const createParserCore = (options: ResolvedOptions, sink: CoreSink, bytes: boolean): ParserCore => {
  let statements = 0
  let movements = 0
  let details = 0
  let error: CfonbDiagnostic | null = null
  // Set when the text actually parsed reached the Windows-1252 part (not merely decoded ahead).
  let fellBack = false
  let firstText = true
  // Every diagnostic is counted here, so that results bounding what they keep still say how many.
  const counter = createDiagnosticCounter()

  const assembler = createAssembler(options.strict, {
    statement(statement, m, d) {
      statements++
      movements += m
      details += d
      sink.statement(statement)
    },
    diagnostic(d) {
      if (error === null && d.severity === 'error') error = d
      if (d.code === 'ENCODING_FALLBACK') fellBack = true
      counter.count(d)
      sink.diagnostic(d)
    },
  })
  const splitter = createLineSplitter({
    record: assembler.record,
    report: assembler.report,
    stopped: assembler.stopped,
  })
  const decoder = createByteDecoder(options.encoding)
  const pushDecoded = ({ text, switchAt }: DecodedPiece): void => {
    if (switchAt < 0) return splitter.push(text)
    splitter.push(text.slice(0, switchAt))
    splitter.markEncodingSwitch()
    splitter.push(text.slice(switchAt))
  }

  return {
    pushBytes(chunk) {
      if (assembler.stopped()) return
      pushDecoded(decoder.decode(chunk))
    },
    pushText(text) {
      if (assembler.stopped() || text === '') return
      // A string may still start with the byte-order mark its producer decoded.
      if (firstText && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      firstText = false
      splitter.push(text)
    },
    end() {
      if (bytes && !assembler.stopped()) {
        pushDecoded(decoder.end())
      }
      splitter.end()
      assembler.finish()
      const decodedAs: CfonbDecodedAs = !bytes
        ? null
        : options.encoding === 'auto'
          ? fellBack
            ? 'windows-1252'
            : 'utf-8'
          : options.encoding
      return {
        kind: 'end',
        ok: error === null,
        error,
        summary: {
          statements,
          movements,
          details,
          records: splitter.records(),
          diagnostics: counter.counts(),
        },
        decodedAs,
      }
    },
    stopped: assembler.stopped,
  }
}
