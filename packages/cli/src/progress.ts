import type { CliIo } from './io.js'

/** Files at least this large show progress on a terminal's standard error (5 MiB). */
export const PROGRESS_THRESHOLD_BYTES = 5 * 1024 * 1024

/** At most one progress update per this many milliseconds. */
export const PROGRESS_INTERVAL_MS = 200

/** Reports bytes read; both methods do nothing when progress is off. */
export interface Progress {
  advance(bytes: number): void
  /** Clears the progress line, if one was drawn. */
  finish(): void
}

const MIB = 1024 * 1024
const mib = (bytes: number): string => (bytes / MIB).toFixed(1)

/**
 * Progress on standard error for a long read: only when stderr is a terminal and the file is at
 * least {@link PROGRESS_THRESHOLD_BYTES}, redrawn in place (`\r`) at most every
 * {@link PROGRESS_INTERVAL_MS}, and erased at the end so it never mixes with the output.
 */
export const createProgress = (io: CliIo, label: string, totalBytes: number): Progress => {
  if (!io.stderrIsTTY || totalBytes < PROGRESS_THRESHOLD_BYTES) return { advance: () => {}, finish: () => {} }
  let read = 0
  let lastDrawn = Number.NEGATIVE_INFINITY
  let drawn = false
  return {
    advance: (bytes) => {
      read += bytes
      const now = io.now()
      if (now - lastDrawn < PROGRESS_INTERVAL_MS) return
      lastDrawn = now
      drawn = true
      const percent = Math.min(100, Math.floor((read / totalBytes) * 100))
      io.stderr(`\r${label}: ${mib(read)} / ${mib(totalBytes)} MiB (${percent}%)`)
    },
    finish: () => {
      if (drawn) io.stderr('\r\u001b[2K')
      drawn = false
    },
  }
}

/** Passes chunks through, reporting each chunk's size to `onChunk` as it is read. */
export async function* countingBytes(
  source: AsyncIterable<Uint8Array>,
  onChunk: (bytes: number) => void,
): AsyncGenerator<Uint8Array, void, undefined> {
  for await (const chunk of source) {
    onChunk(chunk.length)
    yield chunk
  }
}
