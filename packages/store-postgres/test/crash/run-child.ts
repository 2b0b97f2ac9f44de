// The parent's side: starts child-sync.ts in its own Node process (TypeScript through tsx's loader,
// resolving @bankfeed/* to the sources with the repository's tsconfig paths, as vitest does), reads
// its lines, and kills it with SIGKILL where a kill plan says.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
import type { ChildConfig, FreezePoint } from './child-sync.js'
import type { StoreFacts } from './facts.js'

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url))
const CHILD = fileURLToPath(new URL('./child-sync.ts', import.meta.url))
const TSCONFIG = fileURLToPath(new URL('../../../../tsconfig.json', import.meta.url))

/** A child that neither finishes nor is killed within this time is killed and reported. */
const CHILD_TIMEOUT_MS = 180_000

/** What the child printed first: the store's facts, and the inbox's processed files. */
export type Snapshot = StoreFacts & { readonly processed: ReadonlyArray<string> }

/** What amcheck found in a PGlite data directory (printed by the child before it opens the store). */
export interface AmcheckReport {
  readonly indexes: number
  readonly tables: number
  readonly problems: ReadonlyArray<string>
}

/** Where to kill a child. */
export type KillPlan =
  /** Some milliseconds after the start: while it starts or opens the store (WAL recovery). */
  | { readonly at: 'open'; readonly afterMs: number }
  /** Some milliseconds into the n-th commit (mid-statement, as often as not). */
  | { readonly at: 'in-commit'; readonly n: number; readonly afterMs: number }
  /** Anywhere: some milliseconds after the snapshot. */
  | { readonly at: 'anywhere'; readonly afterMs: number }
  /** Exactly at a marker: the child freezes there and is killed frozen. */
  | { readonly at: 'freeze'; readonly point: FreezePoint }
  | { readonly at: 'never' }

/** How a child run ended. */
export interface ChildOutcome {
  readonly snapshot: Snapshot | null
  readonly amcheck: AmcheckReport | null
  readonly killed: boolean
  /**
   * Where the kill landed: the marker it froze at (`F Q 3`: before statement 3 of a commit), or for
   * a timed kill the last marker seen when it was sent (`-` before the snapshot: opening).
   */
  readonly landing: string
  /** Cursors of the commits the child saw succeed, in order. */
  readonly committedCursors: ReadonlyArray<string | null>
  readonly done: boolean
  readonly timedOut: boolean
  readonly exitCode: number | null
  readonly stderr: string
  readonly ms: number
  /** From the start to the snapshot (start-up and opening the store), `null` if never printed. */
  readonly msToSnapshot: number | null
  /** Mean time of one sync (from one `M P` to the next `M N`), `null` if none completed. */
  readonly msPerSync: number | null
}

/** Starts a child. */
export const startChild = (config: ChildConfig): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(config)], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG },
    stdio: ['pipe', 'pipe', 'pipe'],
  })

/** Runs a child to its end or to its kill. */
export const runChild = (config: ChildConfig, plan: KillPlan): Promise<ChildOutcome> =>
  new Promise((resolve) => {
    const started = Date.now()
    const child = startChild(plan.at === 'freeze' ? { ...config, freeze: plan.point } : config)
    let snapshot: Snapshot | null = null
    let amcheck: AmcheckReport | null = null
    let killed = false
    let timedOut = false
    let lastMarker = '-'
    let landing = ''
    let done = false
    let stderr = ''
    const committedCursors: Array<string | null> = []
    let commitsBegun = 0
    let msToSnapshot: number | null = null
    let syncStarted = 0
    let syncsDone = 0
    let syncMs = 0
    const kill = (where: string): void => {
      if (killed || child.exitCode !== null || child.signalCode !== null) return
      killed = true
      landing = where
      child.kill('SIGKILL')
    }
    const timers: NodeJS.Timeout[] = []
    const later = (ms: number, fn: () => void): void => {
      timers.push(setTimeout(fn, ms))
    }
    if (plan.at === 'open') later(plan.afterMs, () => kill(lastMarker))
    later(CHILD_TIMEOUT_MS, () => {
      timedOut = true
      kill(`timeout after ${lastMarker}`)
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.stdin?.on('error', () => undefined)
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    lines.on('line', (line) => {
      if (killed) return
      if (line.startsWith('A ')) {
        amcheck = JSON.parse(line.slice(2)) as AmcheckReport
        return
      }
      if (line.startsWith('S ')) {
        snapshot = JSON.parse(line.slice(2)) as Snapshot
        msToSnapshot = Date.now() - started
        lastMarker = 'S'
        if (plan.at === 'anywhere') later(plan.afterMs, () => kill(lastMarker))
        return
      }
      if (line.startsWith('F ')) {
        kill(line)
        return
      }
      if (line === 'DONE') {
        done = true
        return
      }
      if (!line.startsWith('M ')) return
      const [, marker = '', outcome, cursor] = line.split(' ')
      lastMarker = marker === 'Q' ? `Q ${outcome ?? ''}` : marker
      if (marker === 'P') syncStarted = Date.now()
      if (marker === 'N' && syncStarted > 0) {
        syncsDone++
        syncMs += Date.now() - syncStarted
      }
      if (marker === 'B') {
        commitsBegun++
        if (plan.at === 'in-commit' && commitsBegun === plan.n) later(plan.afterMs, () => kill(lastMarker))
      }
      if (marker === 'E' && outcome === 'ok')
        committedCursors.push(JSON.parse(cursor ?? 'null') as string | null)
    })
    // `close`, not `exit`: every line the child printed has been read by then.
    child.on('close', (code) => {
      for (const t of timers) clearTimeout(t)
      resolve({
        snapshot,
        amcheck,
        killed,
        landing,
        committedCursors,
        done,
        timedOut,
        exitCode: code,
        stderr,
        ms: Date.now() - started,
        msToSnapshot,
        msPerSync: syncsDone === 0 ? null : syncMs / syncsDone,
      })
    })
  })
