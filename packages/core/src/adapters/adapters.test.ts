import { describe, expect, it } from 'vitest'
import { lineLogger, noopLogger } from './loggers.js'
import { noopEventPublisher } from './event-publishers.js'
import { systemClock } from './system-clock.js'

describe('core adapters', () => {
  it('lineLogger writes one line per record at its level and above', () => {
    const lines: string[] = []
    const logger = lineLogger((l) => lines.push(l), { level: 'info' })
    logger.debug('hidden')
    logger.info('synced', { connectionId: 'c1', movements: 3 })
    logger.error('failed')
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    logger.warn('odd', cyclic)
    expect(lines).toEqual([
      'info: synced {"connectionId":"c1","movements":3}',
      'error: failed',
      'warn: odd {unprintable fields}',
    ])
    expect(() => noopLogger.error('x')).not.toThrow()
  })

  it('noopEventPublisher succeeds, systemClock tells an ISO instant', async () => {
    expect(await noopEventPublisher.publish([])()).toEqual({ _tag: 'Right', right: undefined })
    expect(systemClock.now()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })
})
