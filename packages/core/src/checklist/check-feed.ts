import { defaultFeedStartDate } from '../domain/dossier.js'
import { BANK_RETENTION_DAYS } from '../domain/feed-settings.js'
import { fiscalYearOf } from '../domain/fiscal-year.js'
import { addDays } from '../domain/local-date.js'
import { accountPath, raw } from './context.js'
import type { Check, RawFinding } from './context.js'

/**
 * The collection settings: a protocol is chosen, and the first day collected (given, or the start of
 * the current fiscal year by default) lies in an open fiscal year, not in the future, and not so far
 * back that banks no longer have the movements.
 */
export const checkFeed: Check = (ctx) => {
  const feed = ctx.account.feed
  const path = `${accountPath(ctx)}.feed`
  if (feed === null) return [raw('FEED_PROTOCOL_MISSING', path, {})]
  const out: RawFinding[] = []
  if (feed.protocol === null) out.push(raw('FEED_PROTOCOL_MISSING', `${path}.protocol`, {}))
  const startDate = feed.startDate ?? defaultFeedStartDate(ctx.dossier, ctx.today)
  if (startDate === null) return out
  const datePath = `${path}.startDate`
  const year = fiscalYearOf(ctx.dossier.fiscalYears, startDate)
  if (year === undefined) out.push(raw('FEED_START_DATE_OUTSIDE_FISCAL_YEARS', datePath, { startDate }))
  else if (year.closed)
    out.push(
      raw('FEED_START_DATE_IN_CLOSED_YEAR', datePath, {
        startDate,
        yearStart: year.start,
        yearEnd: year.end,
      }),
    )
  const oldestReachable = addDays(ctx.today, -BANK_RETENTION_DAYS)
  if (startDate < oldestReachable)
    out.push(
      raw('FEED_START_DATE_BEYOND_RETENTION', datePath, {
        startDate,
        retentionDays: BANK_RETENTION_DAYS,
        oldestReachable,
      }),
    )
  if (startDate > ctx.today)
    out.push(raw('FEED_START_DATE_IN_FUTURE', datePath, { startDate, today: ctx.today }))
  return out
}
