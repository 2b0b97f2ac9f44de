/// <reference types="node" />
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { CliIo, OpenFileResult } from './io.js'
import { toFileError } from './io.js'

/** Read chunk size: large enough for throughput, small enough for steady progress. */
const CHUNK_BYTES = 256 * 1024

/**
 * Opens a file on disk: checks it exists and is not a directory, and streams it with
 * `fs.createReadStream` when read (the whole file is never held in memory by this function).
 */
export const openNodeFile = async (path: string): Promise<OpenFileResult> => {
  try {
    const stats = await stat(path)
    if (stats.isDirectory()) return { ok: false, error: toFileError(path, { code: 'EISDIR' }) }
    return {
      ok: true,
      file: { path, size: stats.size, read: () => createReadStream(path, { highWaterMark: CHUNK_BYTES }) },
    }
  } catch (cause) {
    return { ok: false, error: toFileError(path, cause) }
  }
}

/** The parts of Node's `process` the CLI uses. */
export interface NodeProcessLike {
  readonly stdout: { write(text: string): unknown }
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean }
}

/** The real {@link CliIo}: the process's standard streams, the file system and the system clock. */
export const createNodeIo = (proc: NodeProcessLike): CliIo => ({
  stdout: (text) => {
    proc.stdout.write(text)
  },
  stderr: (text) => {
    proc.stderr.write(text)
  },
  stderrIsTTY: proc.stderr.isTTY === true,
  openFile: openNodeFile,
  now: () => Date.now(),
})
