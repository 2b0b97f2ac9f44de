import { createDiagnosticCollector } from './diagnostic-counts.js'
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

// Events of one chunk wait in a buffer until the chunk is parsed: a source that hands over a whole
// file as one chunk is fed in slices of this size, so that buffer stays small even for garbage
// (every line a diagnostic). The usual file chunk (64 KiB) is a single slice.
const SLICE = 64 * 1024

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
 * it is found (every one: `maxDiagnostics` bounds only the collected results), then one `end`
 * event with the summary, whose `diagnostics` counts them. Memory is bounded by the largest
 * statement, not the file. A strict parse stops reading at the first error (the source is then released).
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
  reading: for await (const chunk of chunks) {
    for (let from = 0; from < chunk.length; from += SLICE) {
      core.pushBytes(from === 0 && chunk.length <= SLICE ? chunk : chunk.subarray(from, from + SLICE))
      if (pending.length > 0) {
        const batch = pending
        pending = []
        for (const event of batch) yield event
      }
      if (core.stopped()) break reading
    }
  }
  const end = core.end()
  for (const event of pending) yield event
  yield end
}

/**
 * Streams a source to completion and collects the result, like {@link parseCfonb120} for streams
 * (the first `maxDiagnostics` diagnostics kept, all of them counted).
 */
export const parseCfonb120Stream = async (
  source: CfonbByteSource,
  options?: CfonbParseOptions,
): Promise<CfonbParseResult> => {
  const statements: CfonbStatement[] = []
  const diagnostics = createDiagnosticCollector(resolveOptions(options).maxDiagnostics)
  for await (const event of streamCfonb120(source, options)) {
    if (event.kind === 'statement') statements.push(event.statement)
    else if (event.kind === 'diagnostic') diagnostics.add(event.diagnostic)
    else return toParseResult(statements, diagnostics.kept, event)
  }
  // Unreachable: the stream always ends with an `end` event.
  throw new Error('CFONB parser: stream ended without an end event')
}
