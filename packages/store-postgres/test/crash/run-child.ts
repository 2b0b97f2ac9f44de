// The parent's side: starts child-sync.ts in its own Node process (TypeScript through tsx's loader,
// resolving @bankfeed/* to the sources with the repository's tsconfig paths, as vitest does), reads
// its lines, and kills it with SIGKILL where a kill plan says.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
import type { ChildConfig } from './child-sync.js'
import type { StoreFacts } from './facts.js'

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url))
const CHILD = fileURLToPath(new URL('./child-sync.ts', import.meta.url))
const TSCONFIG = fileURLToPath(new URL('../../../../tsconfig.json', import.meta.url))

/** What the child printed first: the store's facts, and the inbox's processed files. */
export type Snapshot = StoreFacts & { readonly processed: ReadonlyArray<string> }

/** Where to kill a child. */
export type KillPlan =
  /** Before it printed its snapshot: while it opens the store (WAL recovery after the last kill). */
  | { readonly at: 'open'; readonly afterMs: number }
  /** Right when the n-th commit finished its writes, before COMMIT returns. */
  | { readonly at: 'writes-done'; readonly n: number }
  /** Some milliseconds into the n-th commit. */
  | { readonly at: 'in-commit'; readonly n: number; readonly afterMs: number }
  /** Right after the n-th commit returned (before the inbox's acknowledgement). */
  | { readonly at: 'committed'; readonly n: number }
  /** Anywhere: some milliseconds after the snapshot. */
  | { readonly at: 'anywhere'; readonly afterMs: number }
  | { readonly at: 'never' }

/** How a child run ended. */
export interface ChildOutcome {
  readonly snapshot: Snapshot | null
  readonly killed: boolean
  /** The marker seen last before the kill (`B`, `W`, `E`, `N`, or `S`/`-` before any commit). */
  readonly lastMarker: string
  /** Cursors of the commits the child saw succeed, in order. */
  readonly committedCursors: ReadonlyArray<string | null>
  readonly done: boolean
  readonly exitCode: number | null
  readonly stderr: string
  readonly ms: number
}

/** Starts a child; `onLine` sees every stdout line. */
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
    const child = startChild(config)
    let snapshot: Snapshot | null = null
    let killed = false
    let lastMarker = '-'
    let done = false
    let stderr = ''
    const committedCursors: Array<string | null> = []
    const counts = { B: 0, W: 0, E: 0 }
    const kill = (): void => {
      if (killed || child.exitCode !== null) return
      killed = true
      child.kill('SIGKILL')
    }
    if (plan.at === 'open') setTimeout(kill, plan.afterMs)
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    lines.on('line', (line) => {
      if (killed) return
      if (line.startsWith('S ')) {
        snapshot = JSON.parse(line.slice(2)) as Snapshot
        lastMarker = 'S'
        if (plan.at === 'anywhere') setTimeout(kill, plan.afterMs)
        return
      }
      if (line === 'DONE') {
        done = true
        return
      }
      if (!line.startsWith('M ')) return
      const [, marker = '', outcome, cursor] = line.split(' ')
      lastMarker = marker
      if (marker === 'B' || marker === 'W' || marker === 'E') counts[marker]++
      if (marker === 'E' && outcome === 'ok')
        committedCursors.push(JSON.parse(cursor ?? 'null') as string | null)
      if (plan.at === 'writes-done' && marker === 'W' && counts.W === plan.n) kill()
      if (plan.at === 'in-commit' && marker === 'B' && counts.B === plan.n) setTimeout(kill, plan.afterMs)
      if (plan.at === 'committed' && marker === 'E' && counts.E === plan.n) kill()
    })
    child.on('exit', (code) => {
      resolve({
        snapshot,
        killed,
        lastMarker,
        committedCursors,
        done,
        exitCode: code,
        stderr,
        ms: Date.now() - started,
      })
    })
  })

/** Draws a kill plan: mostly aimed at commits, some anywhere, a few while the store opens. */
export const drawPlan = (r: () => number): KillPlan => {
  const x = r()
  const n = 1 + Math.floor(r() * 3)
  if (x < 0.08) return { at: 'open', afterMs: 150 + Math.floor(r() * 1500) }
  if (x < 0.35) return { at: 'writes-done', n }
  if (x < 0.6) return { at: 'in-commit', n, afterMs: Math.floor(r() * 12) }
  if (x < 0.78) return { at: 'committed', n }
  return { at: 'anywhere', afterMs: Math.floor(r() * 400) }
}
