import { mkdir, mkdtemp, readFile, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isInboxCandidate } from './file-source.js'
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
      right: [{ name: 'a.cfonb', size: 3, modifiedAt: '2026-03-01T10:00:00.000Z' }],
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
