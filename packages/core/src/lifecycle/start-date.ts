import type { FindingParamsByCode } from '../checklist/finding.js'
import { BANK_RETENTION_DAYS } from '../domain/feed-settings.js'
import type { FeedSettings } from '../domain/feed-settings.js'
import { addDays } from '../domain/local-date.js'
import type { LocalDate } from '../domain/local-date.js'
import { E } from '../fp.js'
import type { Either } from '../fp.js'
import type { StartDateLocked, StartDateMissing } from './errors.js'

/**
 * Something to tell the person choosing a start date, which does not stop him. The codes and params
 * are the prerequisite checklist's, so one fact has one text: render with `findingMessage`.
 */
export type StartDateWarning =
  | {
      readonly code: 'FEED_START_DATE_BEYOND_RETENTION'
      readonly params: FindingParamsByCode['FEED_START_DATE_BEYOND_RETENTION']
    }
  | {
      readonly code: 'FEED_START_DATE_IN_FUTURE'
      readonly params: FindingParamsByCode['FEED_START_DATE_IN_FUTURE']
    }

/**
 * The warnings a start date deserves on `today`: older than banks keep movements (the seed: "la
 * plupart des banques ne conservent les relevés que sur une période de 6 mois"), or in the future.
 * Exactly {@link BANK_RETENTION_DAYS} days back is still reachable, as in the checklist.
 */
export const startDateWarnings = (
  startDate: LocalDate,
  today: LocalDate,
): ReadonlyArray<StartDateWarning> => {
  const oldestReachable = addDays(today, -BANK_RETENTION_DAYS)
  const out: StartDateWarning[] = []
  if (startDate < oldestReachable)
    out.push({
      code: 'FEED_START_DATE_BEYOND_RETENTION',
      params: { startDate, retentionDays: BANK_RETENTION_DAYS, oldestReachable },
    })
  if (startDate > today) out.push({ code: 'FEED_START_DATE_IN_FUTURE', params: { startDate, today } })
  return out
}

/** A start date accepted, with what to tell the person about it. */
export interface StartDateChange {
  readonly feed: FeedSettings
  readonly warnings: ReadonlyArray<StartDateWarning>
}

/**
 * Sets the first day collected ("date de début d'appel"). Refused once the date was validated;
 * giving the locked date again is not a change and is accepted, so a form that re-submits every
 * field does not fail. The choice is free (the seed), hence warnings rather than errors.
 */
export const changeStartDate = (
  feed: FeedSettings,
  newDate: LocalDate,
  options: { readonly today: LocalDate },
): Either<StartDateLocked, StartDateChange> => {
  if (feed.startDateLocked && feed.startDate !== newDate)
    return E.left({ _tag: 'StartDateLocked', startDate: feed.startDate, requested: newDate })
  return E.right({
    feed: feed.startDate === newDate ? feed : { ...feed, startDate: newDate },
    warnings: startDateWarnings(newDate, options.today),
  })
}

/**
 * Validates the start date: from now on it cannot change (the first pull asks the bank from that day,
 * and moving it afterwards would leave holes or duplicates in what was collected). A `null` date is
 * refused: it means "start of the current fiscal year", which moves every year, so it cannot be frozen.
 * Validating twice is harmless.
 */
export const validateStartDate = (feed: FeedSettings): Either<StartDateMissing, FeedSettings> => {
  if (feed.startDate === null) return E.left({ _tag: 'StartDateMissing' })
  return E.right(feed.startDateLocked ? feed : { ...feed, startDateLocked: true })
}
