// The concurrency proof: two syncs of the same connection at once, round after round. On a server,
// two child processes (`serve` mode) on one schema, each told `go` at the same moment, each pausing
// before its commit so that both have read their slices when the first commits; on PGlite (one
// process per data directory) one child running both syncs at once (`go2`). After every round the
// store must hold exactly what the oracle says of the consumed deliveries; at the end, all of them,
// as if the syncs had run one after the other.
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { ChildConfig } from './child-sync.js'
import type { Scenario } from './fixtures.js'
import type { StoreLocation } from './open-store.js'
import { compareWithOracle, expectedOf, consumedDeliveries } from './oracle-check.js'
import { runChild, startChild } from './run-child.js'
import type { Snapshot } from './run-child.js'
import { makeApiScript, makeCfonbDeliveries, makeRng } from './scenarios.js'
import type { ApiScript, CfonbFile } from './scenarios.js'

/** What a race is asked to do. */
export interface RaceOptions {
  readonly scenario: Scenario
  /** `processes`: two child processes (a server); `in-process`: one child, two syncs (PGlite). */
  readonly mode: 'processes' | 'in-process'
  readonly rounds: number
  readonly seed: number
  readonly workDir: string
  readonly location: StoreLocation
}

/** What a race found. */
export interface RaceFigures {
  readonly scenario: Scenario
  readonly mode: 'processes' | 'in-process'
  readonly rounds: number
  readonly syncs: number
  /** `ConcurrentUpdate`s the syncs met and retried from a fresh read (syncConnection's log). */
  readonly retries: number
  readonly roundsWithRetry: number
  readonly lost: number
  readonly doubled: number
  readonly problems: ReadonlyArray<string>
  readonly ms: number
}

interface Reply {
  readonly conflicts: ReadonlyArray<number>
  /** What the store held once the child's sync was done. */
  readonly snapshot: Snapshot
}

/** A `serve` child, answering one `R` line per command. */
const serve = (config: ChildConfig) => {
  const child: ChildProcess = startChild(config)
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const waiting: Array<(line: string | null) => void> = []
  const queued: string[] = []
  let ended = false
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    if (!line.startsWith('S ') && !line.startsWith('R ')) return
    const w = waiting.shift()
    if (w === undefined) queued.push(line)
    else w(line)
  })
  child.on('close', () => {
    ended = true
    for (const w of waiting.splice(0)) w(null)
  })
  const next = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const ready = queued.shift()
      if (ready !== undefined) return resolve(ready)
      if (ended) return reject(new Error(`a serving child ended:\n${stderr}`))
      waiting.push((line) =>
        line === null ? reject(new Error(`a serving child ended:\n${stderr}`)) : resolve(line),
      )
    })
  return {
    ready: async (): Promise<void> => {
      await next()
    },
    send: async (command: string): Promise<Reply> => {
      child.stdin?.write(`${command}\n`)
      return JSON.parse((await next()).slice(2)) as Reply
    },
    quit: (): Promise<void> =>
      new Promise((resolve) => {
        if (ended) return resolve()
        child.once('close', () => resolve())
        child.stdin?.end('quit\n')
      }),
    kill: (): void => {
      if (!ended) child.kill('SIGKILL')
    },
  }
}

type Data =
  | { readonly scenario: 'api'; readonly script: ApiScript }
  | { readonly scenario: 'cfonb'; readonly files: ReadonlyArray<CfonbFile> }

/** Runs a race; throws when a child fails. */
export const runRace = async (o: RaceOptions): Promise<RaceFigures> => {
  const started = Date.now()
  const rng = makeRng(o.seed)
  const dir = o.workDir
  mkdirSync(dir, { recursive: true })
  const problems: string[] = []
  let data: Data
  let config: ChildConfig
  const deliveriesDir = join(dir, 'deliveries')
  const inboxDir = join(dir, 'inbox')
  if (o.scenario === 'api') {
    // Each round's two syncs consume a delivery each.
    const scriptPath = join(dir, 'script.json')
    data = { scenario: 'api', script: makeApiScript(o.seed, 2 * o.rounds, scriptPath) }
    config = { location: o.location, scenario: 'api', mode: 'serve', scriptPath }
  } else {
    mkdirSync(deliveriesDir, { recursive: true })
    mkdirSync(inboxDir, { recursive: true })
    data = { scenario: 'cfonb', files: makeCfonbDeliveries(o.seed, o.rounds, deliveriesDir) }
    config = { location: o.location, scenario: 'cfonb', mode: 'serve', deliveriesDir, inboxDir }
  }
  // Created (restored, migrated) before the race, as for an application's first start.
  const prepared = await runChild({ ...config, mode: 'check' }, { at: 'never' })
  if (prepared.snapshot === null) throw new Error(`the store could not be prepared:\n${prepared.stderr}`)
  const location: StoreLocation =
    o.location.engine === 'pglite' ? { engine: 'pglite', dataDir: o.location.dataDir } : o.location
  config = { ...config, location }

  const children = o.mode === 'processes' ? [serve(config), serve(config)] : [serve(config)]
  let retries = 0
  let roundsWithRetry = 0
  let syncs = 0
  let lost = 0
  let doubled = 0
  try {
    for (const c of children) await c.ready()
    const files = data.scenario === 'cfonb' ? readdirSync(deliveriesDir).sort() : []
    const rounds = data.scenario === 'cfonb' ? files.length : o.rounds
    for (let round = 0; round < rounds; round++) {
      const file = files[round]
      if (file !== undefined) {
        copyFileSync(join(deliveriesDir, file), join(inboxDir, `${file}.part`))
        renameSync(join(inboxDir, `${file}.part`), join(inboxDir, file))
      }
      // Mostly overlapping (both have read before the first commits), now and then one after the other.
      const pause = rng.int(60, 160)
      const replies =
        o.mode === 'processes'
          ? await Promise.all(children.map((c) => c.send(`go ${rng.int(0, 40)} ${pause}`)))
          : [await (children[0] as ReturnType<typeof serve>).send(`go2 ${pause}`)]
      const conflicts = replies.flatMap((r) => r.conflicts)
      syncs += conflicts.length
      const n = conflicts.reduce((s, x) => s + x, 0)
      retries += n
      if (n > 0) roundsWithRetry++
      // Read once both syncs are done (a read during the other's commit could mix two states).
      const { snapshot: now } = await (children[0] as ReturnType<typeof serve>).send('look')
      const check = compareWithOracle(now, expectedOf(data, now))
      lost += check.lost
      doubled += check.doubled
      for (const p of check.problems) problems.push(`round ${round}: ${p}`)
      if (data.scenario === 'api') {
        const consumed = consumedDeliveries(now)
        if (consumed !== 2 * (round + 1))
          problems.push(`round ${round}: ${consumed} deliveries consumed, not ${2 * (round + 1)}`)
      }
    }
  } finally {
    await Promise.all(children.map((c) => c.quit()))
    for (const c of children) c.kill()
  }
  const final = await runChild({ ...config, mode: 'check' }, { at: 'never' })
  const snapshot: Snapshot | null = final.snapshot
  if (snapshot === null) throw new Error(`the final check printed nothing:\n${final.stderr}`)
  const r = compareWithOracle(snapshot, expectedOf(data, snapshot))
  lost += r.lost
  doubled += r.doubled
  problems.push(...r.problems)
  if (data.scenario === 'api' && consumedDeliveries(snapshot) !== data.script.script.length)
    problems.push(
      `${consumedDeliveries(snapshot)} deliveries consumed in all, not ${data.script.script.length}`,
    )
  if (data.scenario === 'cfonb') {
    const missing = data.files.filter((f) => !snapshot.processed.includes(f.name))
    if (missing.length > 0) problems.push(`files never processed: ${missing.map((f) => f.name).join(', ')}`)
  }
  rmSync(dir, { recursive: true, force: true })
  return {
    scenario: o.scenario,
    mode: o.mode,
    rounds: data.scenario === 'cfonb' ? data.files.length : o.rounds,
    syncs,
    retries,
    roundsWithRetry,
    lost,
    doubled,
    problems,
    ms: Date.now() - started,
  }
}
