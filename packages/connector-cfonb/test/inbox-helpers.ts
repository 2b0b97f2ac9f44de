// Shared set-up of the inbox tests: real temporary folders filled with the golden files.
import { createHash } from 'node:crypto'
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AsyncResult, ConnectorError, Cursor, FeedBatch, PullRequest } from '@bankfeed/core/connector'

/** The golden CFONB files of the parser tests. */
export const golden = (name: string): string => fileURLToPath(new URL(`./golden/${name}`, import.meta.url))

/**
 * The `wait` of the tests: the pull still takes its two looks at each new file (files here are
 * written whole before pulling), without sleeping between them.
 */
export const noWait = (): Promise<void> => Promise.resolve()

/** A fresh, empty inbox folder in the system temp dir. */
export const makeTempInbox = (): Promise<string> => mkdtemp(join(tmpdir(), 'bankfeed-inbox-'))

/** Removes a temp inbox. */
export const removeInbox = (dir: string): Promise<void> => rm(dir, { recursive: true, force: true })

/** Copies a golden file into the inbox under `as`. */
export const drop = async (inbox: string, goldenName: string, as: string): Promise<void> =>
  copyFile(golden(goldenName), join(inbox, as))

/** Writes arbitrary bytes into the inbox. */
export const dropText = (inbox: string, as: string, text: string | Uint8Array): Promise<void> =>
  writeFile(join(inbox, as), text)

/** Sorted names in a folder (empty when it does not exist). */
export const namesIn = async (dir: string): Promise<string[]> =>
  readdir(dir).then(
    (names) => names.sort(),
    () => [],
  )

/** SHA-256 (hex) of a file. */
export const sha256Of = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')

/** A pull request as core would send it. */
export const pullRequest = (cursor: Cursor | null): PullRequest => ({
  connection: { id: 'inbox-1', protocol: 'cfonb' },
  accounts: [],
  since: '2026-01-01' as PullRequest['since'],
  cursor,
})

/** Runs a pull and expects it to succeed. */
export const pullOk = async (task: AsyncResult<ConnectorError, FeedBatch>): Promise<FeedBatch> => {
  const r = await task()
  if (r._tag === 'Left') throw new Error(`pull failed: ${r.left._tag} ${r.left.message}`)
  return r.right
}

/** Runs a task and expects it to fail. */
export const runLeft = async <E, A>(task: AsyncResult<E, A>): Promise<E> => {
  const r = await task()
  if (r._tag === 'Right') throw new Error('expected a failure')
  return r.left
}
