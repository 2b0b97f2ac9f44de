import { describe, expect, it } from 'vitest'
import { day } from '../../test/builders.js'
import { findingMessage } from '../checklist/catalog.js'
import type { FeedSettings } from '../domain/feed-settings.js'
import { E } from '../fp.js'
import { changeStartDate, startDateWarnings, validateStartDate } from './start-date.js'

const today = day('2026-03-15')
const feed: FeedSettings = {
  protocol: 'bankin',
  startDate: day('2026-01-01'),
  startDateLocked: false,
  frequency: 'daily',
  autoGenerateEntries: true,
}

describe('changeStartDate', () => {
  it('moves an unlocked date, with no warning inside the retention', () => {
    expect(changeStartDate(feed, day('2025-12-01'), { today })).toEqual(
      E.right({ feed: { ...feed, startDate: '2025-12-01' }, warnings: [] }),
    )
  })

  it('warns when the date is older than 180 days, and names the oldest day banks still have', () => {
    // 2026-03-15 minus 180 days is 2025-09-16.
    expect(changeStartDate(feed, day('2025-09-15'), { today })).toEqual(
      E.right({
        feed: { ...feed, startDate: '2025-09-15' },
        warnings: [
          {
            code: 'FEED_START_DATE_BEYOND_RETENTION',
            params: { startDate: '2025-09-15', retentionDays: 180, oldestReachable: '2025-09-16' },
          },
        ],
      }),
    )
  })

  it('does not warn on the oldest reachable day itself', () => {
    expect(startDateWarnings(day('2025-09-16'), today)).toEqual([])
  })

  it('warns when the date is in the future', () => {
    expect(startDateWarnings(day('2026-03-16'), today)).toEqual([
      { code: 'FEED_START_DATE_IN_FUTURE', params: { startDate: '2026-03-16', today: '2026-03-15' } },
    ])
    expect(startDateWarnings(today, today)).toEqual([])
  })

  it('renders its warnings with the checklist texts', () => {
    const [w] = startDateWarnings(day('2025-09-15'), today)
    expect(w?.code).toBe('FEED_START_DATE_BEYOND_RETENTION')
    if (w?.code !== 'FEED_START_DATE_BEYOND_RETENTION') return
    expect(findingMessage(w.code, w.params, 'fr')).toContain('avant le 16/09/2025')
  })

  it('refuses to move a validated date', () => {
    const locked = { ...feed, startDateLocked: true }
    expect(changeStartDate(locked, day('2025-12-01'), { today })).toEqual(
      E.left({ _tag: 'StartDateLocked', startDate: '2026-01-01', requested: '2025-12-01' }),
    )
  })

  it('accepts the locked date given again, unchanged', () => {
    const locked = { ...feed, startDateLocked: true }
    const result = changeStartDate(locked, day('2026-01-01'), { today })
    expect(E.isRight(result) && result.right.feed).toBe(locked)
  })
})

describe('validateStartDate', () => {
  it('locks the date', () => {
    expect(validateStartDate(feed)).toEqual(E.right({ ...feed, startDateLocked: true }))
  })

  it('is harmless twice', () => {
    const locked = { ...feed, startDateLocked: true }
    const again = validateStartDate(locked)
    expect(E.isRight(again) && again.right).toBe(locked)
  })

  it('refuses a missing date: "start of the current year" moves every year', () => {
    expect(validateStartDate({ ...feed, startDate: null })).toEqual(E.left({ _tag: 'StartDateMissing' }))
  })
})
