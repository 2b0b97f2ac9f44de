import { randomUUID } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { Either } from 'fp-ts/lib/Either.js'
import { storeLocked } from '@bankfeed/core/store'
import type { StoreError } from '@bankfeed/core'
import { toStoreError } from './store-errors.js'

// PGlite takes no lock on its data directory, and two processes writing one directory corrupt its
// indexes (seen on this project's machines). This lock file is the guard: one process per directory.

/** The lock file's name inside the data directory. */
export const LOCK_FILE = '.bankfeed.lock'

/** What the lock file holds. */
export interface LockHolder {
  readonly pid: number
  readonly host: string
  /** When the holder took the lock (ISO-8601): a process started after it cannot be the holder. */
  readonly lockedAt: string
  /** Tells this holder's lock from a later one's, so that a release never removes another's lock. */
  readonly token: string
}

/** A data directory held by this process. */
export interface DataDirLock {
  readonly dataDir: string
  readonly path: string
  /** Lets the directory go (removes the lock file if it is still this one's). Idempotent. */
  readonly release: () => void
  /**
   * Writes the lock file again: a restored backup brings the lock file of the process that made it,
   * over this one's.
   */
  readonly reassert: () => void
}

const held = new Map<string, string>() // lock path → token, for every lock this process holds

const releaseFile = (path: string, token: string): void => {
  try {
    if (readHolder(path)?.token === token) unlinkSync(path)
  } catch {
    // Gone already, or unreadable: either way no longer this process's to remove.
  }
}

let exitHookInstalled = false
const installExitHook = (): void => {
  if (exitHookInstalled) return
  exitHookInstalled = true
  // A normal exit or process.exit() removes the locks; a kill leaves them, and the next opener finds
  // their process gone.
  process.once('exit', () => {
    for (const [path, token] of held) releaseFile(path, token)
  })
}

const readHolder = (path: string): LockHolder | null => {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>
  return typeof parsed.pid === 'number' &&
    typeof parsed.host === 'string' &&
    typeof parsed.lockedAt === 'string' &&
    typeof parsed.token === 'string'
    ? (parsed as LockHolder)
    : null
}

const errnoOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null ? ((e as { code?: unknown }).code as string | undefined) : undefined

/** When a process started, in epoch milliseconds, from Linux's /proc; `null` elsewhere. */
const processStartMs = (pid: number): number | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 22 (starttime, in clock ticks since boot); the command name (field 2) may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[19])
    const boot = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))
    if (boot === null || !Number.isFinite(ticks)) return null
    return Number(boot[1]) * 1000 + ticks * 10 // USER_HZ is 100 on every Linux Node runs on
  } catch {
    return null
  }
}

/** Whether the lock's holder may still be running (when this cannot be told: yes). */
export const holderAlive = (path: string, holder: LockHolder): boolean => {
  if (holder.host !== hostname()) return true
  // Same pid as ours: this process (then it holds it) or an earlier one that had our pid (a
  // container restarted: the application is pid 1 again).
  if (holder.pid === process.pid) return held.get(path) === holder.token
  try {
    process.kill(holder.pid, 0)
  } catch (e) {
    if (errnoOf(e) === 'ESRCH') return false
  }
  // Alive, or not ours to signal (EPERM): unless the pid was reused by a process started later.
  const started = processStartMs(holder.pid)
  return started === null || started <= Date.parse(holder.lockedAt) + 2000
}

// Writes the whole lock to a private file, then links it into place: the link either fails
// (EEXIST) or makes a complete lock appear at once, so no opener ever reads a half-written one.
const createLockFile = (path: string, holder: LockHolder): void => {
  const text = JSON.stringify(holder)
  const temporary = `${path}.${process.pid}.${holder.token}`
  writeFileSync(temporary, text, { flag: 'wx' })
  try {
    linkSync(temporary, path)
  } catch (e) {
    const code = errnoOf(e)
    // A file system without hard links: an exclusive create, a little less atomic.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EOPNOTSUPP')
      writeFileSync(path, text, { flag: 'wx' })
    else throw e
  } finally {
    unlinkSync(temporary)
  }
}

const STALE_TAKEOVER_MS = 10_000

// Racing openers remove each other's files between a look and the next step: a file gone meanwhile
// is a race lost, to retry, not an error of the store.
const ageMs = (file: string): number | null => {
  try {
    return Date.now() - statSync(file).mtimeMs
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return null
    throw e
  }
}
const unlinkIfPresent = (file: string): void => {
  try {
    unlinkSync(file)
  } catch (e) {
    if (errnoOf(e) !== 'ENOENT') throw e
  }
}

/**
 * Replaces a dead holder's lock with ours. A second file, created exclusively, makes sure only one
 * opener replaces it, and the lock is read again under it: another opener may have replaced it first.
 */
const takeOver = (path: string, stale: LockHolder | null, holder: LockHolder): boolean => {
  const guard = `${path}.takeover`
  try {
    writeFileSync(guard, String(process.pid), { flag: 'wx' })
  } catch (e) {
    if (errnoOf(e) !== 'EEXIST') throw e
    // A takeover left behind by a process killed in its middle (one that just ended is gone).
    const age = ageMs(guard)
    if (age !== null && age > STALE_TAKEOVER_MS) unlinkIfPresent(guard)
    return false
  }
  try {
    let now: LockHolder | null
    try {
      now = readHolder(path)
    } catch {
      now = null
    }
    if ((now?.token ?? null) !== (stale?.token ?? null)) return false
    unlinkSync(path)
    createLockFile(path, holder)
    return true
  } finally {
    unlinkSync(guard)
  }
}

/**
 * Takes the data directory for this process: creates it if needed, then `<dataDir>/.bankfeed.lock`
 * holding this process's pid, host and the time. A lock whose process is gone (killed, crashed) is
 * stale and taken over; a live one answers `StoreLocked` with the directory and the holder's pid.
 * Released by `release()`, and by the process's normal exit.
 */
export const acquireDataDirLock = (dataDir: string): Either<StoreError, DataDirLock> => {
  const path = join(dataDir, LOCK_FILE)
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    lockedAt: new Date().toISOString(),
    token: randomUUID(),
  }
  try {
    mkdirSync(dataDir, { recursive: true })
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        createLockFile(path, holder)
      } catch (e) {
        if (errnoOf(e) !== 'EEXIST') throw e
        let current: LockHolder | null
        try {
          current = readHolder(path)
        } catch (readError) {
          if (errnoOf(readError) === 'ENOENT') continue // released meanwhile: try again
          current = null
        }
        // Unreadable: a lock written without a link by a process killed before it wrote it, or a
        // file that is not ours. Taken for held, unless it is old enough to be left over.
        if (current === null) {
          const age = ageMs(path)
          if (age === null) continue // replaced or released meanwhile: try again
          if (age < STALE_TAKEOVER_MS) return E.left(storeLocked(dataDir, null))
        } else if (holderAlive(path, current)) return E.left(storeLocked(dataDir, current.pid))
        if (!takeOver(path, current, holder)) continue
      }
      held.set(path, holder.token)
      installExitHook()
      return E.right({
        dataDir,
        path,
        release: () => {
          if (held.get(path) !== holder.token) return
          held.delete(path)
          releaseFile(path, holder.token)
        },
        reassert: () => {
          if (held.get(path) === holder.token) writeFileSync(path, JSON.stringify(holder))
        },
      })
    }
    return E.left(storeLocked(dataDir, null))
  } catch (error) {
    return E.left(toStoreError(`lock the embedded database ${dataDir}`)(error))
  }
}
