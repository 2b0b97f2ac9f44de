/// <reference types="node" />
import { createReadStream, existsSync, statSync } from 'node:fs'
import { open, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import process from 'node:process'
import type { CliIo, OpenFileResult, WriteFileResult } from './io.js'
import { toFileError, toWriteError } from './io.js'

/** Read chunk size: large enough for throughput, small enough for steady progress. */
const CHUNK_BYTES = 256 * 1024

/**
 * Opens a file on disk: checks it exists and is not a directory, and streams it with
 * `fs.createReadStream` when read (the whole file is never held in memory by this function).
 */
export const openNodeFile = async (path: string, cwd?: string): Promise<OpenFileResult> => {
  // Read from `cwd` when given; errors name the path as the user gave it.
  const where = cwd === undefined ? path : resolve(cwd, path)
  try {
    const stats = await stat(where)
    if (stats.isDirectory()) return { ok: false, error: toFileError(path, { code: 'EISDIR' }) }
    return {
      ok: true,
      file: { path, size: stats.size, read: () => createReadStream(where, { highWaterMark: CHUNK_BYTES }) },
    }
  } catch (cause) {
    return { ok: false, error: toFileError(path, cause) }
  }
}

/**
 * Writes a file whole or not at all: into a temporary file beside it, flushed to disk, then renamed
 * over it, so that a crash or a full disk never leaves half a FEC under the final name.
 */
export const writeNodeFile = async (path: string, content: string): Promise<WriteFileResult> => {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
  try {
    const handle = await open(temporary, 'w')
    try {
      await handle.writeFile(content, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, path)
    return { ok: true }
  } catch (cause) {
    await unlink(temporary).catch(() => undefined)
    return { ok: false, error: toWriteError(path, cause) }
  }
}

/** The parts of Node's `process` the CLI uses. */
export interface NodeProcessLike {
  readonly stdout: { write(text: string): unknown }
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean }
  /** The environment; `process.env` when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** The current folder; `process.cwd()` when absent. */
  readonly cwd?: () => string
}

/** The real {@link CliIo}: the process's standard streams, the file system and the system clock. */
export const createNodeIo = (proc: NodeProcessLike): CliIo => {
  const cwd = proc.cwd?.() ?? process.cwd()
  return {
    stdout: (text) => {
      proc.stdout.write(text)
    },
    stderr: (text) => {
      proc.stderr.write(text)
    },
    stderrIsTTY: proc.stderr.isTTY === true,
    openFile: (path) => openNodeFile(path, cwd),
    now: () => Date.now(),
    cwd,
    env: (name) => (proc.env ?? process.env)[name],
    exists: (path) => existsSync(path),
    isDirectory: (path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true,
    writeFile: writeNodeFile,
  }
}
