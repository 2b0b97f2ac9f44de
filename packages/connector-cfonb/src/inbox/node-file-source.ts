// The package tsconfig loads no ambient types; these files are the Node-only part of the package.
/// <reference types="node" />
import { randomUUID } from 'node:crypto'
import { lstat, mkdir, readdir, rename, writeFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { err, ok } from '@bankfeed/core/connector'
import { isInboxCandidate, isPlainFileName } from './file-source.js'
import type {
  FileEntry,
  FileMismatch,
  FileSource,
  FileSourceError,
  FileSourceResult,
  InboxFolder,
} from './file-source.js'
import { fileEntryOf, openListedFile, unchangedWhileRead } from './open-listed-file.js'

/** Options of {@link makeNodeFileSource}. */
export interface NodeFileSourceOptions {
  /** Which top-level names are files to read; {@link isInboxCandidate} by default. */
  readonly isCandidate?: (name: string) => boolean
  /** Bytes per chunk read; 64 KiB by default. */
  readonly chunkSize?: number
}

const DEFAULT_CHUNK_SIZE = 64 * 1024

const codeOf = (e: unknown): string | null => {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : null
}

// The message names the operation, the file and the system code only: Node's own messages carry
// absolute paths, which have no place in an error report.
const failure = (
  operation: FileSourceError['operation'],
  name: string | null,
  e: unknown,
): FileSourceError => {
  const code = codeOf(e)
  return {
    _tag: 'FileSourceError',
    operation,
    name,
    code,
    message: `${operation} ${name ?? 'inbox'} failed${code === null ? '' : ` (${code})`}`,
  }
}

const badName = (operation: FileSourceError['operation'], name: string): FileSourceError => ({
  _tag: 'FileSourceError',
  operation,
  name,
  code: 'EINVAL',
  message: `${operation}: not a plain file name`,
})

const MISMATCH_TEXT: Record<FileMismatch, string> = {
  symlink: 'is a symbolic link',
  'not-regular': 'is not a regular file',
  replaced: 'is another file than the one listed',
  changed: 'changed since it was listed',
}

const mismatched = (name: string, mismatch: FileMismatch): FileSourceError => ({
  _tag: 'FileSourceError',
  operation: 'read',
  name,
  code: null,
  message: `read ${name}: ${MISMATCH_TEXT[mismatch]}, not read`,
  mismatch,
})

const exists = async (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    (e: unknown) => (codeOf(e) === 'ENOENT' ? false : Promise.reject(e)),
  )

/** `name`, else `stem-2.ext`, `stem-3.ext`… whichever is free in `dir`. */
const freeName = async (dir: string, name: string): Promise<string> => {
  if (!(await exists(join(dir, name)))) return name
  const ext = extname(name)
  const stem = name.slice(0, name.length - ext.length)
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}${ext}`
    if (!(await exists(join(dir, candidate)))) return candidate
  }
}

/**
 * A {@link FileSource} over a local folder (or a mounted share) with `node:fs`. `processed/` and
 * `rejected/` are created inside it on demand; files move there by `rename` (same file system, so
 * a move is atomic), to a free variant of the name when it is taken. One connector per inbox is
 * assumed: two processes moving files of the same inbox at once could race on a free name.
 * Symbolic links are never followed: only regular files are listed (with their device and inode as
 * `id`), and a read opens without following a link, then checks through the opened handle that it
 * holds the listed file, and at its end that the file did not change while read.
 */
export const makeNodeFileSource = (inboxDir: string, options: NodeFileSourceOptions = {}): FileSource => {
  const isCandidate = options.isCandidate ?? isInboxCandidate
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE
  if (!Number.isInteger(chunkSize) || chunkSize <= 0)
    throw new TypeError('makeNodeFileSource: chunkSize must be a positive integer')

  const list = async (): Promise<FileSourceResult<ReadonlyArray<FileEntry>>> => {
    try {
      const dirents = await readdir(inboxDir, { withFileTypes: true })
      const entries: FileEntry[] = []
      for (const d of dirents) {
        if (!d.isFile() || !isCandidate(d.name)) continue
        try {
          // lstat, not stat: a link that points at a regular file is still a link.
          const s = await lstat(join(inboxDir, d.name), { bigint: true })
          if (s.isFile()) entries.push(fileEntryOf(d.name, s))
        } catch (e) {
          // Gone between readdir and lstat (taken by someone else): simply not there any more.
          if (codeOf(e) !== 'ENOENT') return err(failure('list', d.name, e))
        }
      }
      return ok(entries)
    } catch (e) {
      return err(failure('list', null, e))
    }
  }

  async function* read(
    name: string,
    expected?: FileEntry,
  ): AsyncGenerator<FileSourceResult<Uint8Array>, void, undefined> {
    if (!isPlainFileName(name)) {
      yield err(badName('read', name))
      return
    }
    const opened = await openListedFile(join(inboxDir, name), expected)
    if (opened._tag === 'Failed') {
      yield err(failure('read', name, opened.error))
      return
    }
    if (opened._tag === 'Mismatch') {
      yield err(mismatched(name, opened.mismatch))
      return
    }
    const { handle } = opened
    let total = 0
    try {
      for (;;) {
        // A fresh buffer per chunk: consumers may keep a chunk after asking for the next one.
        const buffer = new Uint8Array(chunkSize)
        let bytesRead: number
        try {
          bytesRead = (await handle.read(buffer, 0, chunkSize, null)).bytesRead
        } catch (e) {
          yield err(failure('read', name, e))
          return
        }
        if (bytesRead === 0) {
          // A writer still at work (in place, without a partial name) shows here: the bytes read are
          // not a whole file, whatever they parse as.
          let same: boolean
          try {
            same = await unchangedWhileRead(handle, opened.stats, total)
          } catch (e) {
            yield err(failure('read', name, e))
            return
          }
          if (!same) yield err(mismatched(name, 'changed'))
          return
        }
        total += bytesRead
        yield ok(bytesRead === chunkSize ? buffer : buffer.subarray(0, bytesRead))
      }
    } finally {
      // Also runs when the consumer stops early (a strict parse stops at the first error).
      await handle.close().catch(() => undefined)
    }
  }

  const move = async (
    name: string,
    folder: InboxFolder,
    newName: string,
  ): Promise<FileSourceResult<string>> => {
    if (!isPlainFileName(name)) return err(badName('move', name))
    if (!isPlainFileName(newName)) return err(badName('move', newName))
    try {
      const dir = join(inboxDir, folder)
      await mkdir(dir, { recursive: true })
      const target = await freeName(dir, newName)
      await rename(join(inboxDir, name), join(dir, target))
      return ok(target)
    } catch (e) {
      return err(failure('move', name, e))
    }
  }

  const writeSidecar = async (
    folder: InboxFolder,
    name: string,
    text: string,
  ): Promise<FileSourceResult<string>> => {
    if (!isPlainFileName(name)) return err(badName('write', name))
    try {
      const dir = join(inboxDir, folder)
      await mkdir(dir, { recursive: true })
      // Written aside then renamed, so a reader never sees half a sidecar.
      const temp = join(dir, `.${name}.${randomUUID()}.tmp`)
      await writeFile(temp, text, 'utf8')
      await rename(temp, join(dir, name))
      return ok(name)
    } catch (e) {
      return err(failure('write', name, e))
    }
  }

  return { list, read, move, writeSidecar }
}
