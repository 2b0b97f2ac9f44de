import { describe, expect, test } from 'vitest'
import {
  classifySqlError,
  redactSecrets,
  redactUrlCredentials,
  sqlConnectFailed,
  sqlConnectionLost,
  toStoreError,
} from './index.js'

const withCode = (code: string, message = 'm'): Error => Object.assign(new Error(message), { code })

describe('driver errors to StoreError reasons', () => {
  test.each([
    ['ECONNREFUSED', 'unreachable'],
    ['ENOTFOUND', 'unreachable'],
    ['ETIMEDOUT', 'unreachable'],
    ['EAI_AGAIN', 'unreachable'],
    ['28P01', 'unreachable'],
    ['28000', 'unreachable'],
    ['3D000', 'unreachable'],
    ['57P03', 'unreachable'],
    ['53300', 'unreachable'],
    ['ECONNRESET', 'connectionLost'],
    ['EPIPE', 'connectionLost'],
    ['57P01', 'connectionLost'],
    ['57P02', 'connectionLost'],
    ['08006', 'connectionLost'],
    ['08003', 'connectionLost'],
    ['25006', 'readOnly'],
    ['EROFS', 'readOnly'],
    ['53100', 'full'],
    ['53200', 'full'],
    ['53000', 'full'],
    ['ENOSPC', 'full'],
    ['40001', 'concurrentUpdate'],
    ['40P01', 'concurrentUpdate'],
    ['23505', 'failed'],
    ['42P01', 'failed'],
    ['EACCES', 'failed'],
  ])('%s is %s', (code, kind) => {
    expect(classifySqlError(withCode(code))).toBe(kind)
  })

  test('by the driver’s marks, never by message text', () => {
    expect(classifySqlError(new Error('Connection terminated unexpectedly'))).toBe('failed')
    expect(classifySqlError(sqlConnectionLost(new Error('Connection terminated unexpectedly')))).toBe(
      'connectionLost',
    )
    // Any failure to get a connection is unreachable, unless it says the disk is full.
    expect(classifySqlError(sqlConnectFailed(new Error('timeout exceeded when trying to connect')))).toBe(
      'unreachable',
    )
    expect(classifySqlError(sqlConnectFailed(withCode('42501')))).toBe('unreachable')
    expect(classifySqlError(sqlConnectFailed(withCode('ENOSPC')))).toBe('full')
    // Node's happy eyeballs (localhost → ::1 and 127.0.0.1).
    expect(classifySqlError(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]))).toBe(
      'unreachable',
    )
    for (const odd of [null, undefined, 'text', 42, {}, { code: 7 }])
      expect(classifySqlError(odd)).toBe('failed')
  })

  test('the message names the operation, the reason and the driver’s message and code', () => {
    expect(
      toStoreError('save dossier ABC001')(
        withCode('25006', 'cannot execute INSERT in a read-only transaction'),
      ),
    ).toEqual({
      _tag: 'StoreUnavailable',
      reason: 'readOnly',
      message:
        'save dossier ABC001: the database accepts no writes: cannot execute INSERT in a read-only transaction (25006)',
    })
    expect(toStoreError('commit')(withCode('40001', 'could not serialize access'))).toEqual({
      _tag: 'ConcurrentUpdate',
      message:
        'commit: another process changed the same data at the same time: could not serialize access (40001)',
    })
  })

  test('no password in any message', () => {
    const e = sqlConnectFailed(
      new Error('connect to postgres://app:s3cr%40t@db.example:5432/x failed, pass hunter22'),
    )
    const message = toStoreError('open postgresql://app:s3cr%40t@db.example/x', ['hunter22'])(e).message
    expect(message).not.toContain('s3cr')
    expect(message).not.toContain('hunter22')
    expect(message).toContain('postgres://app:***@db.example:5432/x')
    expect(redactUrlCredentials('postgres://u@h/db and postgres://u:p@h/db')).toBe(
      'postgres://u@h/db and postgres://u:***@h/db',
    )
    expect(redactSecrets('a abc b', ['abc'])).toBe('a abc b') // too short to mask without garbling
  })
})
