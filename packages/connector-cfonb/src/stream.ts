import type { CfonbDiagnostic } from './diagnostics.js'
import { resolveOptions } from './options.js'
import { toParseResult } from './parse.js'
import { createParserCore } from './parser-core.js'
import type { CfonbEvent, CfonbParseOptions, CfonbParseResult, CfonbStatement } from './types.js'

/**
 * The part of a WHATWG `ReadableStream<Uint8Array>` the parser uses, spelled out so the package
 * needs neither DOM nor Node typings.
 */
export interface CfonbReadableStreamLike {
  getReader(): {
    read(): Promise<{ readonly done: boolean; readonly value?: Uint8Array | undefined }>
    releaseLock(): void
    cancel(reason?: unknown): Promise<void>
  }
}

/** Anything the streaming parser reads: a Node `Readable` (an async iterable of Buffers), a web stream, … */
export type CfonbByteSource = AsyncIterable<Uint8Array> | CfonbReadableStreamLike

const isAsyncIterable = (source: unknown): source is AsyncIterable<Uint8Array> =>
  typeof (source as Partial<AsyncIterable<Uint8Array>>)[Symbol.asyncIterator] === 'function'

/** Reads a web stream through its reader, for runtimes whose streams are not async iterable. */
async function* readerChunks(stream: CfonbReadableStreamLike): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = stream.getReader()
  let done = false
  try {
    for (;;) {
      const r = await reader.read()
      if (r.done) {
        done = true
        return
      }
      if (r.value !== undefined) yield r.value
    }
  } finally {
    // Stopped early (strict error, or the consumer broke out): release the source.
    if (!done) await reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
}

/**
 * Streams a CFONB 120 file: yields each statement as soon as its `07` is read, each diagnostic as
 * it is found, then one `end` event with the summary. Memory is bounded by the largest statement,
 * not the file. A strict parse stops reading at the first error (the source is then released).
 * Input problems never throw; errors raised by the source itself (I/O) propagate unchanged.
 */
export async function* streamCfonb120(
  source: CfonbByteSource,
  options?: CfonbParseOptions,
): AsyncGenerator<CfonbEvent, void, undefined> {
  const resolved = resolveOptions(options)
  let pending: CfonbEvent[] = []
  const core = createParserCore(
    resolved,
    {
      statement: (statement) => pending.push({ kind: 'statement', statement }),
      diagnostic: (diagnostic) => pending.push({ kind: 'diagnostic', diagnostic }),
    },
    true,
  )
  const chunks = isAsyncIterable(source) ? source : readerChunks(source)
  for await (const chunk of chunks) {
    core.pushBytes(chunk)
    if (pending.length > 0) {
      const batch = pending
      pending = []
      for (const event of batch) yield event
    }
    if (core.stopped()) break
  }
  const end = core.end()
  for (const event of pending) yield event
  yield end
}

/** Streams a source to completion and collects the result, like {@link parseCfonb120} for streams. */
export const parseCfonb120Stream = async (
  source: CfonbByteSource,
  options?: CfonbParseOptions,
): Promise<CfonbParseResult> => {
  const statements: CfonbStatement[] = []
  const diagnostics: CfonbDiagnostic[] = []
  for await (const event of streamCfonb120(source, options)) {
    if (event.kind === 'statement') statements.push(event.statement)
    else if (event.kind === 'diagnostic') diagnostics.push(event.diagnostic)
    else return toParseResult(statements, diagnostics, event)
  }
  // Unreachable: the stream always ends with an `end` event.
  throw new Error('CFONB parser: stream ended without an end event')
}
