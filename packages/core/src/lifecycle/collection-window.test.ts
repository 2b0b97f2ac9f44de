import { describe, expect, it } from 'vitest'
import { day } from '../../test/builders.js'
import type { Frequency } from '../domain/feed-settings.js'
import { E } from '../fp.js'
import { collectionPeriod, isDue } from './collection-window.js'
import type { CollectionWindow, DueDecision } from './collection-window.js'

const due = (
  frequency: Frequency,
  lastCollectedOn: string | null,
  now: string,
  window?: CollectionWindow,
): DueDecision => {
  const r = isDue({
    frequency,
    lastCollectedOn: lastCollectedOn === null ? null : day(lastCollectedOn),
    now,
    ...(window === undefined ? {} : { window }),
  })
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  return r.right
}

describe('isDue, daily, in winter (Paris = UTC+1)', () => {
  it('is due inside 03:00–04:00 when not collected today', () => {
    expect(due('daily', '2026-03-15', '2026-03-16T02:30:00Z')).toEqual({
      due: true,
      reason: 'PeriodNotCollected',
      today: '2026-03-16',
      nextWindowStart: '2026-03-17T03:00:00.000+01:00',
    })
  })

  it('is due the first time', () => {
    expect(due('daily', null, '2026-03-16T02:00:00Z').reason).toBe('NeverCollected')
  })

  it('is not due twice the same day', () => {
    expect(due('daily', '2026-03-16', '2026-03-16T02:45:00Z')).toEqual({
      due: false,
      reason: 'AlreadyCollected',
      today: '2026-03-16',
      nextWindowStart: '2026-03-17T03:00:00.000+01:00',
    })
  })

  it('is never due outside the window: the end is excluded', () => {
    expect(due('daily', '2026-03-15', '2026-03-16T01:59:59Z')).toEqual({
      due: false,
      reason: 'OutsideWindow',
      today: '2026-03-16',
      nextWindowStart: '2026-03-16T03:00:00.000+01:00',
    })
    expect(due('daily', '2026-03-15', '2026-03-16T02:59:59Z').due).toBe(true)
    expect(due('daily', '2026-03-15', '2026-03-16T03:00:00Z')).toMatchObject({
      due: false,
      reason: 'OutsideWindow',
      nextWindowStart: '2026-03-17T03:00:00.000+01:00',
    })
  })

  it('reads the instant in Paris whatever its offset', () => {
    expect(due('daily', '2026-03-15', '2026-03-16T03:30:00+01:00').due).toBe(true)
    expect(due('daily', '2026-03-15', '2026-03-15T21:30:00-05:00').due).toBe(true)
  })
})

describe('isDue across the daylight-saving changes', () => {
  it('spring (29 March 2026): 02:00–03:00 does not exist, 03:00 does (01:00 UTC)', () => {
    expect(due('daily', '2026-03-28', '2026-03-28T02:30:00Z').nextWindowStart).toBe(
      '2026-03-29T03:00:00.000+02:00',
    )
    expect(due('daily', '2026-03-28', '2026-03-29T00:59:00Z')).toMatchObject({
      due: false,
      reason: 'OutsideWindow',
      nextWindowStart: '2026-03-29T03:00:00.000+02:00',
    })
    expect(due('daily', '2026-03-28', '2026-03-29T01:00:00Z').due).toBe(true)
    expect(due('daily', '2026-03-28', '2026-03-29T01:59:00Z').due).toBe(true)
    expect(due('daily', '2026-03-28', '2026-03-29T02:00:00Z').due).toBe(false)
  })

  it('autumn (25 October 2026): 02:00–03:00 happens twice, 03:00–04:00 once (02:00 UTC)', () => {
    expect(due('daily', '2026-10-24', '2026-10-24T01:30:00Z').nextWindowStart).toBe(
      '2026-10-25T03:00:00.000+01:00',
    )
    // 02:30 summer time, then 02:30 winter time: both before the window.
    expect(due('daily', '2026-10-24', '2026-10-25T00:30:00Z').due).toBe(false)
    expect(due('daily', '2026-10-24', '2026-10-25T01:30:00Z').due).toBe(false)
    expect(due('daily', '2026-10-24', '2026-10-25T02:00:00Z').due).toBe(true)
    expect(due('daily', '2026-10-24', '2026-10-25T02:59:00Z').due).toBe(true)
    expect(due('daily', '2026-10-24', '2026-10-25T03:00:00Z').due).toBe(false)
  })

  it('a window inside the spring gap has no minute that day, and is skipped', () => {
    const w: CollectionWindow = { start: '02:00', end: '03:00', zone: 'Europe/Paris' }
    expect(due('daily', '2026-03-27', '2026-03-28T01:30:00Z', w)).toMatchObject({
      due: true,
      nextWindowStart: '2026-03-30T02:00:00.000+02:00',
    })
    expect(due('daily', '2026-03-28', '2026-03-29T01:00:00Z', w).reason).toBe('OutsideWindow')
  })

  it('a window in the repeated autumn hour starts at its first occurrence, and runs once', () => {
    const w: CollectionWindow = { start: '02:00', end: '03:00', zone: 'Europe/Paris' }
    expect(due('daily', '2026-10-24', '2026-10-24T00:30:00Z', w).nextWindowStart).toBe(
      '2026-10-25T02:00:00.000+02:00',
    )
    expect(due('daily', '2026-10-24', '2026-10-25T00:30:00Z', w).due).toBe(true)
    expect(due('daily', '2026-10-25', '2026-10-25T01:30:00Z', w).reason).toBe('AlreadyCollected')
  })
})

describe('isDue, weekly: once per ISO week, Monday first', () => {
  it('is due on Monday when last week was collected', () => {
    // 16 March 2026 is a Monday.
    expect(due('weekly', '2026-03-09', '2026-03-16T02:30:00Z')).toEqual({
      due: true,
      reason: 'PeriodNotCollected',
      today: '2026-03-16',
      nextWindowStart: '2026-03-23T03:00:00.000+01:00',
    })
  })

  it('waits for next Monday once collected', () => {
    expect(due('weekly', '2026-03-16', '2026-03-18T02:30:00Z')).toMatchObject({
      due: false,
      reason: 'AlreadyCollected',
      nextWindowStart: '2026-03-23T03:00:00.000+01:00',
    })
  })

  it('catches up a missed Monday the next night', () => {
    expect(due('weekly', '2026-03-09', '2026-03-17T02:30:00Z').due).toBe(true)
    expect(due('weekly', '2026-03-09', '2026-03-17T05:30:00Z').nextWindowStart).toBe(
      '2026-03-18T03:00:00.000+01:00',
    )
  })

  it('follows ISO weeks across the new year', () => {
    // Monday 29 December 2025 opens ISO week 2026-W01, which runs to Sunday 4 January 2026.
    expect(due('weekly', '2025-12-29', '2026-01-02T02:30:00Z').reason).toBe('AlreadyCollected')
    expect(due('weekly', '2025-12-29', '2026-01-05T02:30:00Z').due).toBe(true)
  })
})

describe('isDue, monthly: once per calendar month, the 1st first', () => {
  it('is due on the 1st, and next on the 1st of next month (after the spring change)', () => {
    expect(due('monthly', '2026-02-01', '2026-03-01T02:30:00Z')).toEqual({
      due: true,
      reason: 'PeriodNotCollected',
      today: '2026-03-01',
      nextWindowStart: '2026-04-01T03:00:00.000+02:00',
    })
  })

  it('is not due again in the month, and catches up a missed 1st', () => {
    expect(due('monthly', '2026-03-01', '2026-03-20T02:30:00Z').reason).toBe('AlreadyCollected')
    expect(due('monthly', '2026-02-01', '2026-03-05T02:30:00Z').due).toBe(true)
  })
})

describe('isDue refusals', () => {
  const input = { frequency: 'daily' as const, lastCollectedOn: null }

  it('refuses an instant without offset, which would depend on the machine', () => {
    expect(isDue({ ...input, now: '2026-03-16T03:30:00' })).toEqual(
      E.left({ _tag: 'InvalidInstant', value: '2026-03-16T03:30:00' }),
    )
    expect(isDue({ ...input, now: 'now' })).toEqual(E.left({ _tag: 'InvalidInstant', value: 'now' }))
  })

  it('refuses a window that is empty, malformed, crosses midnight or has an unknown zone', () => {
    for (const window of [
      { start: '03:00', end: '03:00', zone: 'Europe/Paris' },
      { start: '3:00', end: '04:00', zone: 'Europe/Paris' },
      { start: '23:00', end: '01:00', zone: 'Europe/Paris' },
      { start: '03:00', end: '04:00', zone: 'Europe/Atlantis' },
    ])
      expect(isDue({ ...input, now: '2026-03-16T02:30:00Z', window })).toEqual(
        E.left({ _tag: 'InvalidCollectionWindow', ...window }),
      )
  })
})

describe('collectionPeriod', () => {
  it('names the day, the ISO week or the month', () => {
    expect(collectionPeriod('daily', day('2026-03-16'))).toBe('2026-03-16')
    expect(collectionPeriod('weekly', day('2026-03-16'))).toBe('2026-W12')
    expect(collectionPeriod('weekly', day('2025-12-29'))).toBe('2026-W01')
    expect(collectionPeriod('monthly', day('2026-03-16'))).toBe('2026-03')
  })
})
