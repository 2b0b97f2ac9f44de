// The testkit's connector contract, run against the real inbox connector over real temp folders.
import { readFileSync } from 'node:fs'
import { afterAll, describe, test } from 'vitest'
import type { PullRequest } from '@bankfeed/core'
import { runConnectorContract } from '@bankfeed/testkit'
import { makeCfonbInboxConnector, makeNodeFileSource } from '../src/inbox/index.js'
import type { FileSource } from '../src/inbox/index.js'
import { drop, golden, makeTempInbox, noWait, removeInbox } from './inbox-helpers.js'

const FILES = ['basic-lf.cfonb', 'multi-account-days.cfonb', 'all-qualifiers.cfonb']

// What the fixture must yield, read from the hand-written canonical JSON of the golden files.
const expectedStatements = FILES.map(
  (f) =>
    JSON.parse(readFileSync(golden(f.replace('.cfonb', '.json')), 'utf8')) as {
      statements: Array<{ movements: Array<{ amount: string }> }>
    },
).flatMap((d) => d.statements)

const inboxes: string[] = []
afterAll(async () => {
  await Promise.all(inboxes.map(removeInbox))
})

const request: PullRequest = {
  connection: { id: 'inbox', protocol: 'cfonb' },
  accounts: [],
  since: '2000-01-01' as PullRequest['since'],
  cursor: null,
}

/** A source whose folder cannot be listed (a share gone away), for the "unavailable" group. */
const unreachable: FileSource = {
  list: async () => ({
    _tag: 'Left',
    left: { _tag: 'FileSourceError', operation: 'list', name: null, code: 'EIO', message: 'i/o error' },
  }),
  read: async function* () {
    yield {
      _tag: 'Left',
      left: { _tag: 'FileSourceError', operation: 'read', name: null, code: 'EIO', message: 'i/o error' },
    }
  },
  move: async () => ({
    _tag: 'Left',
    left: { _tag: 'FileSourceError', operation: 'move', name: null, code: 'EIO', message: 'i/o error' },
  }),
  writeSidecar: async () => ({
    _tag: 'Left',
    left: { _tag: 'FileSourceError', operation: 'write', name: null, code: 'EIO', message: 'i/o error' },
  }),
}

runConnectorContract({
  name: 'CFONB file inbox',
  describe,
  test,
  make: async () => {
    const inbox = await makeTempInbox()
    inboxes.push(inbox)
    for (const [i, f] of FILES.entries()) await drop(inbox, f, `${i + 1}-${f}`)
    // The default two looks at each file, without sleeping between them: the files are whole.
    return makeCfonbInboxConnector({ source: makeNodeFileSource(inbox), wait: noWait })
  },
  request,
  expectedItems: expectedStatements.length,
  expectedAmounts: expectedStatements.flatMap((s) => s.movements.map((m) => m.amount)),
  failures: { unavailable: () => makeCfonbInboxConnector({ source: unreachable, wait: noWait }) },
})
