import type { BankAccount } from '../domain/bank-account.js'
import { defaultFeedStartDate } from '../domain/dossier.js'
import type { Dossier } from '../domain/dossier.js'
import type { FeedSettings, Frequency, Protocol } from '../domain/feed-settings.js'
import type { LocalDate } from '../domain/local-date.js'
import { E } from '../fp.js'
import type { Either } from '../fp.js'
import type { NoCurrentFiscalYear } from './errors.js'
import { startDateWarnings } from './start-date.js'
import type { StartDateWarning } from './start-date.js'

/** Options of {@link enableProtocol}. */
export interface EnableProtocolOptions {
  /** The day the protocol is enabled: it picks the current fiscal year. */
  readonly today: LocalDate
  /** Frequency of the feeds created now (existing feeds keep theirs); `daily` by default. */
  readonly frequency?: Frequency
}

/** A bank account that was not on the protocol before. */
export interface NewlyEnabled {
  readonly bankAccountId: string
  /** Its protocol before, or `null` when it had none; a previous connection is the caller's to close. */
  readonly previous: Protocol | null
}

/** The dossier with the protocol enabled, and what the firm must do next. */
export interface ProtocolEnabled {
  readonly dossier: Dossier
  /**
   * Every bank account of the dossier, in order: with Bankin' all of them must be interfaced. Which
   * ones are already attached lives in their `ConnectionStatus`, not in the dossier: filter there.
   */
  readonly accountsToInterface: ReadonlyArray<string>
  readonly newlyEnabled: ReadonlyArray<NewlyEnabled>
  /** Start dates older than banks keep, or in the future, per account (unlocked ones only). */
  readonly warnings: ReadonlyArray<{ readonly bankAccountId: string; readonly warning: StartDateWarning }>
}

/**
 * Enables a protocol on a dossier (Configuration > Trésorerie, [Bankin'] checked): "lorsque cette case
 * est cochée, tous les comptes bancaires doivent être interfacés", so every bank account gets it.
 * A new feed collects daily, with entries generated automatically (checked by default in the seed).
 * An unlocked account with no start date gets the start of the current fiscal year (the seed's
 * default), written down so the person sees and can validate it; a locked start date is never
 * touched. Existing choices (frequency, automatic entries, dates) are kept, so enabling twice
 * changes nothing.
 */
export const enableProtocol = (
  dossier: Dossier,
  protocol: Protocol,
  options: EnableProtocolOptions,
): Either<NoCurrentFiscalYear, ProtocolEnabled> => {
  const needDefault = dossier.bankAccounts.filter(
    (a) => a.feed === null || (a.feed.startDate === null && !a.feed.startDateLocked),
  )
  const defaultStart = defaultFeedStartDate(dossier, options.today)
  if (needDefault.length > 0 && defaultStart === null)
    return E.left({
      _tag: 'NoCurrentFiscalYear',
      today: options.today,
      bankAccountIds: needDefault.map((a) => a.id),
    })

  const enableOn = (feed: FeedSettings | null): FeedSettings => {
    if (feed === null)
      return {
        protocol,
        startDate: defaultStart,
        startDateLocked: false,
        frequency: options.frequency ?? 'daily',
        autoGenerateEntries: true,
      }
    const startDate = feed.startDate === null && !feed.startDateLocked ? defaultStart : feed.startDate
    return feed.protocol === protocol && startDate === feed.startDate
      ? feed
      : { ...feed, protocol, startDate }
  }

  const bankAccounts: ReadonlyArray<BankAccount> = dossier.bankAccounts.map((a) => {
    const feed = enableOn(a.feed)
    return feed === a.feed ? a : { ...a, feed }
  })
  return E.right({
    dossier: { ...dossier, bankAccounts },
    accountsToInterface: bankAccounts.map((a) => a.id),
    newlyEnabled: dossier.bankAccounts
      .filter((a) => a.feed?.protocol !== protocol)
      .map((a) => ({ bankAccountId: a.id, previous: a.feed?.protocol ?? null })),
    warnings: bankAccounts.flatMap((a) =>
      a.feed === null || a.feed.startDate === null || a.feed.startDateLocked
        ? []
        : startDateWarnings(a.feed.startDate, options.today).map((warning) => ({
            bankAccountId: a.id,
            warning,
          })),
    ),
  })
}
