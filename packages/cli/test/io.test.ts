import { describe, expect, it } from 'vitest'
import { toFileError } from '../src/io.js'

describe('toFileError', () => {
  it('names the usual file-system failures', () => {
    expect(toFileError('a', Object.assign(new Error('x'), { code: 'ENOENT' }))).toEqual({
      code: 'FILE_NOT_FOUND',
      path: 'a',
      message: 'a: no such file',
    })
    expect(toFileError('a', { code: 'EISDIR' }).code).toBe('FILE_IS_DIRECTORY')
    for (const errno of ['EACCES', 'EPERM'])
      expect(toFileError('a', { code: errno })).toEqual({
        code: 'FILE_UNREADABLE',
        path: 'a',
        message: 'a: permission denied',
      })
  })

  it('keeps the system message of anything else', () => {
    expect(
      toFileError('a', Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' })),
    ).toEqual({
      code: 'FILE_UNREADABLE',
      path: 'a',
      message: 'a: cannot be read (EMFILE: too many open files)',
    })
    expect(toFileError('a', 'weird').message).toBe('a: cannot be read (weird)')
  })
})
