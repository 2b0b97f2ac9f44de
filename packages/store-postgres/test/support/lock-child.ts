// A second process for the lock tests, run with tsx: `hold DIR` takes the lock and waits to be
// killed; `open DIR` tries to open the embedded store there and prints the outcome; `exit DIR` takes
// the lock and ends with process.exit(0).
import * as E from 'fp-ts/lib/Either.js'
import { acquireDataDirLock, openEmbeddedStore } from '../../src/index.js'

const [mode, dir] = process.argv.slice(2)
if (dir === undefined) throw new Error('usage: lock-child hold|open|exit DIR')

if (mode === 'hold' || mode === 'exit') {
  const lock = acquireDataDirLock(dir)
  process.stdout.write(`${JSON.stringify(E.isLeft(lock) ? lock.left : { locked: process.pid })}\n`)
  if (mode === 'exit') process.exit(0)
  setInterval(() => undefined, 1000)
} else {
  const opened = await openEmbeddedStore({ dataDir: dir })()
  if (E.isRight(opened)) await opened.right.close()
  process.stdout.write(`${JSON.stringify(E.isLeft(opened) ? opened.left : { opened: true })}\n`)
}
