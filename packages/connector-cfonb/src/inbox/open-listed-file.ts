// The package tsconfig loads no ambient types; these files are the Node-only part of the package.
/// <reference types="node" />
import { constants } from 'node:fs'
import type { BigIntStats } from 'node:fs'
import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import type { FileEntry, FileMismatch } from './file-source.js'

/** The identity of a file object: its device and inode, as decimal text (inodes may pass 2^53). */
export const fileIdOf = (stats: Pick<BigIntStats, 'dev' | 'ino'>): string => `${stats.dev}:${stats.ino}`

/** What a listing records of a file, from its (l)stat: size, modification time, identity. */
export const fileEntryOf = (name: string, stats: BigIntStats): FileEntry => ({
  name,
  size: Number(stats.size),
  modifiedAt: stats.mtime.toISOString(),
  id: fileIdOf(stats),
})

/** The outcome of {@link openListedFile}. */
export type OpenedFile =
  | { readonly _tag: 'Opened'; readonly handle: FileHandle; readonly stats: BigIntStats }
  | { readonly _tag: 'Mismatch'; readonly mismatch: FileMismatch }
  /** The system refused the open (`ENOENT`, `EACCES`…): the raw error, for its code. */
  | { readonly _tag: 'Failed'; readonly error: unknown }

// O_NOFOLLOW: a symbolic link at the last path component fails the open (ELOOP) instead of being
// followed out of the inbox. O_NONBLOCK: a FIFO swapped in answers at once instead of blocking the
// pull until some writer comes; it changes nothing for regular files. Both are 0 where the
// platform lacks them (Windows), where the fstat check below still refuses a foreign file.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

/** How an opened file's fstat differs from what was listed, or `null` when it is that very file. */
export const mismatchOf = (stats: BigIntStats, expected: FileEntry | undefined): FileMismatch | null => {
  if (stats.isSymbolicLink()) return 'symlink'
  if (!stats.isFile()) return 'not-regular'
  if (expected === undefined) return null
  if (expected.id !== undefined && expected.id !== fileIdOf(stats)) return 'replaced'
  if (Number(stats.size) !== expected.size || stats.mtime.toISOString() !== expected.modifiedAt)
    return 'changed'
  return null
}

/**
 * Opens `path` for reading without following a symbolic link, then checks through the opened handle
 * (so nothing can be swapped in between the check and the read) that it is a regular file and, when
 * `expected` is given, the one listed: same identity, size and modification time. On any mismatch
 * the handle is closed before answering: not one byte of another file is read.
 */
export const openListedFile = async (path: string, expected?: FileEntry): Promise<OpenedFile> => {
  let handle: FileHandle
  try {
    handle = await open(path, OPEN_FLAGS)
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code
    // ELOOP is what O_NOFOLLOW answers for a link (EMLINK on FreeBSD).
    return code === 'ELOOP' || code === 'EMLINK'
      ? { _tag: 'Mismatch', mismatch: 'symlink' }
      : { _tag: 'Failed', error: e }
  }
  try {
    const stats = await handle.stat({ bigint: true })
    const mismatch = mismatchOf(stats, expected)
    if (mismatch === null) return { _tag: 'Opened', handle, stats }
    await handle.close().catch(() => undefined)
    return { _tag: 'Mismatch', mismatch }
  } catch (e) {
    await handle.close().catch(() => undefined)
    return { _tag: 'Failed', error: e }
  }
}

/**
 * Whether a file read to its end is still what it was when opened: it was not written to meanwhile
 * (same size and modification time through the same handle) and exactly its size was read.
 */
export const unchangedWhileRead = async (
  handle: FileHandle,
  opened: BigIntStats,
  bytesRead: number,
): Promise<boolean> => {
  const now = await handle.stat({ bigint: true })
  return (
    now.size === opened.size &&
    now.mtimeNs === opened.mtimeNs &&
    now.ctimeNs === opened.ctimeNs &&
    Number(now.size) === bytesRead
  )
}
