import { execFileSync } from 'node:child_process'
import {
  appendFile,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rename,
  rm,
  symlink,
  unlink,
  utimes,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isInboxCandidate } from './file-source.js'
import type { FileEntry, FileSource } from './file-source.js'
import { makeNodeFileSource } from './node-file-source.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bankfeed-source-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const collect = async <T>(chunks: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = []
  for await (const c of chunks) out.push(c)
  return out
}

describe('isInboxCandidate', () => {
  it.each([
    ['releve.cfonb', true],
    ['RELEVE_20260302.TXT', true],
    ['.DS_Store', false],
    ['.releve.cfonb.Xy12', false],
    ['releve.cfonb.part', false],
    ['releve.cfonb.TMP', false],
    ['releve.crdownload', false],
    ['releve.filepart', false],
    ['processed', false],
    ['rejected', false],
  ])('%s → %s', (name, expected) => {
    expect(isInboxCandidate(name)).toBe(expected)
  })
})

describe('makeNodeFileSource', () => {
  it('lists complete regular files at the top level only', async () => {
    await writeFile(join(dir, 'a.cfonb'), 'abc')
    await writeFile(join(dir, '.hidden'), 'x')
    await writeFile(join(dir, 'b.cfonb.part'), 'x')
    await mkdir(join(dir, 'processed'))
    await writeFile(join(dir, 'processed', 'old.cfonb'), 'x')
    await mkdir(join(dir, 'sub'))
    await symlink(join(dir, 'a.cfonb'), join(dir, 'link.cfonb'))
    await utimes(join(dir, 'a.cfonb'), new Date('2026-03-01T10:00:00Z'), new Date('2026-03-01T10:00:00Z'))
    const listed = await makeNodeFileSource(dir).list()
    expect(listed).toEqual({
      _tag: 'Right',
      right: [
        {
          name: 'a.cfonb',
          size: 3,
          modifiedAt: '2026-03-01T10:00:00.000Z',
          id: expect.stringMatching(/^\d+:\d+$/) as string,
        },
      ],
    })
  })

  it('reads a file in chunks of fresh buffers', async () => {
    await writeFile(join(dir, 'a.cfonb'), 'abcdefghij')
    const chunks = await collect(makeNodeFileSource(dir, { chunkSize: 4 }).read('a.cfonb'))
    const texts = chunks.map((c) => {
      if (c._tag !== 'Right') throw new Error('read failed')
      return new TextDecoder().decode(c.right)
    })
    expect(texts).toEqual(['abcd', 'efgh', 'ij'])
  })

  it('answers read, move and list failures as values, without paths', async () => {
    const source = makeNodeFileSource(dir)
    const missing = await collect(source.read('missing.cfonb'))
    expect(missing).toEqual([
      {
        _tag: 'Left',
        left: {
          _tag: 'FileSourceError',
          operation: 'read',
          name: 'missing.cfonb',
          code: 'ENOENT',
          message: 'read missing.cfonb failed (ENOENT)',
        },
      },
    ])
    expect(await source.move('missing.cfonb', 'processed', 'x')).toMatchObject({
      _tag: 'Left',
      left: { operation: 'move', code: 'ENOENT' },
    })
    const gone = await makeNodeFileSource(join(dir, 'nope')).list()
    expect(gone).toMatchObject({ _tag: 'Left', left: { operation: 'list', code: 'ENOENT' } })
    if (gone._tag === 'Left') expect(gone.left.message).not.toContain(dir)
  })

  it('refuses names that would leave the inbox', async () => {
    await writeFile(join(dir, 'a.cfonb'), 'abc')
    const source = makeNodeFileSource(dir)
    expect(await source.move('a.cfonb', 'processed', '../escaped')).toMatchObject({
      _tag: 'Left',
      left: { code: 'EINVAL' },
    })
    expect(await collect(source.read('../a.cfonb'))).toMatchObject([{ _tag: 'Left' }])
    expect(await source.writeSidecar('rejected', 'x/../../y', '{}')).toMatchObject({ _tag: 'Left' })
    expect(await readFile(join(dir, 'a.cfonb'), 'utf8')).toBe('abc')
  })

  it('moves into folders it creates, never over an existing file', async () => {
    const source = makeNodeFileSource(dir)
    await writeFile(join(dir, 'a.cfonb'), 'one')
    expect(await source.move('a.cfonb', 'processed', 'T-a.cfonb')).toEqual({
      _tag: 'Right',
      right: 'T-a.cfonb',
    })
    await writeFile(join(dir, 'a.cfonb'), 'two')
    expect(await source.move('a.cfonb', 'processed', 'T-a.cfonb')).toEqual({
      _tag: 'Right',
      right: 'T-a-2.cfonb',
    })
    expect(await readFile(join(dir, 'processed', 'T-a.cfonb'), 'utf8')).toBe('one')
    expect(await readFile(join(dir, 'processed', 'T-a-2.cfonb'), 'utf8')).toBe('two')
  })

  it('writes and replaces sidecars', async () => {
    const source = makeNodeFileSource(dir)
    await source.writeSidecar('rejected', 'a.error.json', '{"n":1}')
    expect(await source.writeSidecar('rejected', 'a.error.json', '{"n":2}')).toEqual({
      _tag: 'Right',
      right: 'a.error.json',
    })
    expect(await readFile(join(dir, 'rejected', 'a.error.json'), 'utf8')).toBe('{"n":2}')
    // No temporary file left behind.
    expect(await readdir(join(dir, 'rejected'))).toEqual(['a.error.json'])
  })
})

describe('makeNodeFileSource: the file read is the file listed', () => {
  let outside: string
  beforeEach(async () => {
    outside = await mkdtemp(join(tmpdir(), 'bankfeed-outside-'))
    await writeFile(join(outside, 'secret.cfonb'), 'SECRET CONTENT OUTSIDE THE INBOX')
  })
  afterEach(async () => {
    await rm(outside, { recursive: true, force: true })
  })

  /** Lists the inbox and answers the entry of `name`. */
  const listed = async (source: FileSource, name: string): Promise<FileEntry> => {
    const l = await source.list()
    const entry = l._tag === 'Right' ? l.right.find((e) => e.name === name) : undefined
    if (entry === undefined) throw new Error(`${name} not listed`)
    return entry
  }

  /** Everything a read yields, bytes decoded, so a test can see whether any byte came through. */
  const readAll = async (source: FileSource, name: string, expected?: FileEntry) =>
    (await collect(source.read(name, expected))).map((c) =>
      c._tag === 'Right'
        ? new TextDecoder().decode(c.right)
        : { mismatch: c.left.mismatch, code: c.left.code },
    )

  it('ignores a symbolic link when listing, even to a regular file', async () => {
    await symlink(join(outside, 'secret.cfonb'), join(dir, 'link.cfonb'))
    expect(await makeNodeFileSource(dir).list()).toEqual({ _tag: 'Right', right: [] })
  })

  it('never follows a symbolic link swapped in after the listing', async () => {
    await writeFile(join(dir, 'a.cfonb'), 'abc')
    const source = makeNodeFileSource(dir)
    const entry = await listed(source, 'a.cfonb')
    // The swap an attacker (or a careless script) would do: a link renamed over the listed name.
    await symlink(join(outside, 'secret.cfonb'), join(dir, 'swap'))
    await rename(join(dir, 'swap'), join(dir, 'a.cfonb'))
    expect(await readAll(source, 'a.cfonb', entry)).toEqual([{ mismatch: 'symlink', code: null }])
    // Without a listed entry too: the open itself refuses the link.
    expect(await readAll(source, 'a.cfonb')).toEqual([{ mismatch: 'symlink', code: null }])
  })

  it('refuses another regular file renamed over the listed one', async () => {
    await writeFile(join(dir, 'a.cfonb'), 'abc')
    const source = makeNodeFileSource(dir)
    const entry = await listed(source, 'a.cfonb')
    await writeFile(join(dir, 'other'), 'abc')
    await utimes(join(dir, 'other'), new Date(entry.modifiedAt), new Date(entry.modifiedAt))
    await rename(join(dir, 'other'), join(dir, 'a.cfonb'))
    // Same size and time: only the identity tells them apart.
    expect(await readAll(source, 'a.cfonb', entry)).toEqual([{ mismatch: 'replaced', code: null }])
  })

  it('refuses a folder put in the listed file’s place', async () => {
    await writeFile(join(dir, 'a.cfonb'), 'abc')
    const source = makeNodeFileSource(dir)
    const entry = await listed(source, 'a.cfonb')
    await unlink(join(dir, 'a.cfonb'))
    await mkdir(join(dir, 'a.cfonb'))
    expect(await readAll(source, 'a.cfonb', entry)).toEqual([{ mismatch: 'not-regular', code: null }])
  })

  it.skipIf(process.platform === 'win32')(
    'refuses a FIFO put in its place without blocking on it',
    async () => {
      await writeFile(join(dir, 'a.cfonb'), 'abc')
      const source = makeNodeFileSource(dir)
      const entry = await listed(source, 'a.cfonb')
      await unlink(join(dir, 'a.cfonb'))
      execFileSync('mkfifo', [join(dir, 'a.cfonb')])
      // Without O_NONBLOCK this open would wait for a writer forever.
      expect(await readAll(source, 'a.cfonb', entry)).toEqual([{ mismatch: 'not-regular', code: null }])
    },
  )

  it('refuses a file that grew since it was listed', async () => {
    await writeFile(join(dir, 'a.cfonb'), 'abc')
    const source = makeNodeFileSource(dir)
    const entry = await listed(source, 'a.cfonb')
    await appendFile(join(dir, 'a.cfonb'), 'def')
    expect(await readAll(source, 'a.cfonb', entry)).toEqual([{ mismatch: 'changed', code: null }])
  })

  it('fails at the end of a read when the file grew while it was read', async () => {
    await writeFile(join(dir, 'a.cfonb'), 'abcdefgh')
    const source = makeNodeFileSource(dir, { chunkSize: 4 })
    const entry = await listed(source, 'a.cfonb')
    const out: unknown[] = []
    for await (const c of source.read('a.cfonb', entry)) {
      if (out.length === 0) await appendFile(join(dir, 'a.cfonb'), 'ijkl')
      out.push(c._tag === 'Right' ? new TextDecoder().decode(c.right) : c.left.mismatch)
    }
    // The writer's bytes may be read, but the read ends in a mismatch, not as a whole file.
    expect(out.at(-1)).toBe('changed')
    expect(out[0]).toBe('abcd')
  })

  it('reads the listed file when nothing changed', async () => {
    await writeFile(join(dir, 'a.cfonb'), 'abcdefgh')
    const source = makeNodeFileSource(dir, { chunkSize: 4 })
    const entry = await listed(source, 'a.cfonb')
    expect(await readAll(source, 'a.cfonb', entry)).toEqual(['abcd', 'efgh'])
  })
})
