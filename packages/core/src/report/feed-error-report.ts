import type { ConnectionStatus } from '../domain/connection-status.js'
import type { Dossier } from '../domain/dossier.js'
import { daysBetween } from '../domain/local-date.js'
import type { LocalDate } from '../domain/local-date.js'
import { Dec } from '../domain/money.js'
import type { RefusedMovement } from '../entries/generate-entries.js'
import { proveBalances } from '../reconcile/balance-proofs.js'
import type { AccountLedger } from '../reconcile/ledger.js'
import { buildAccountDirectory, routeAccount } from '../reconcile/routing.js'
import type { ProviderBinding, UnmatchedAccount } from '../reconcile/routing.js'
import type { AccountRef } from '../domain/account-ref.js'
import type { FeedNotice } from '../domain/feed.js'
import type { AccountSyncReport } from '../usecases/sync-connection.js'
import type { CatalogItem, Locale } from '../messages/catalog.js'
import { FEED_REPORT_CATALOG } from './feed-report-catalog.js'
import type { FeedReportCode, FeedReportParamsByCode } from './feed-report-catalog.js'

/** One line of the error report ("relevés en erreur"). */
export type FeedReportItem = {
  readonly [C in FeedReportCode]: {
    readonly code: C
    readonly severity: 'error' | 'warning'
    /**
     * `firm` for the firm's own set-up (a refused application secret): shown to the firm, never
     * turned into a message to the client; `dossier` for everything else.
     */
    readonly scope: 'firm' | 'dossier'
    readonly dossierCode: string
    /** `null` for items that belong to no bank account (an unknown account in a file). */
    readonly bankAccountId: string | null
    readonly params: FeedReportParamsByCode[C]
    readonly message: string
  }
}[FeedReportCode]

/** The error report of a dossier. */
export interface FeedErrorReport {
  readonly dossierCode: string
  readonly today: LocalDate
  /** True when no item is an error. */
  readonly ok: boolean
  readonly items: ReadonlyArray<FeedReportItem>
}

/** What the report is made from, per bank account; every part is optional. */
export interface FeedReportAccountInput {
  readonly bankAccountId: string
  /** Its ledger: balance proofs. */
  readonly ledger?: AccountLedger
  /** Its connection: attachment, credentials, consent, rate limits. */
  readonly connection?: ConnectionStatus
  /** The last sync of it: ignored, refused or changed movements, entries refused. */
  readonly lastSync?: AccountSyncReport
}

/** Inputs of {@link feedErrorReport}. */
export interface FeedReportInput {
  readonly dossier: Dossier
  readonly today: LocalDate
  readonly locale?: Locale
  /** Warn this many days before a consent expires. Default 7. */
  readonly expiryWarningDays?: number
  readonly accounts: ReadonlyArray<FeedReportAccountInput>
  /** Accounts a sync could not route (from `SyncReport.unmatched`). */
  readonly unmatched?: ReadonlyArray<UnmatchedAccount>
  /**
   * What the syncs feeding this dossier could not use (`SyncReport.notices`): unreadable and empty
   * files, skipped accounts and items. A notice naming an account is reported on the dossier's bank
   * account it routes to (with `bindings`), or at the dossier level when it routes to none of them.
   */
  readonly notices?: ReadonlyArray<FeedNotice>
  /** Provider bindings, to route the accounts that notices name (as for the sync). */
  readonly bindings?: ReadonlyArray<ProviderBinding>
  /**
   * Files an inbox could not read: the older form of `UnreadableFile` notices, still taken; a file
   * given both ways is reported once.
   */
  readonly unreadableFiles?: ReadonlyArray<{
    readonly file: string
    readonly reason: string
    readonly line: number | null
  }>
}

/** An incoming account as people recognise it: its IBAN, else bank branch number, else the provider's id. */
const accountLabel = (ref: AccountRef): string =>
  ref.iban ??
  ([ref.bankCode, ref.branchCode, ref.accountNumber].every((x) => x !== null)
    ? `${ref.bankCode} ${ref.branchCode} ${ref.accountNumber}`
    : (ref.providerAccountId ?? '?'))

const refusedRange = (xs: ReadonlyArray<RefusedMovement>) => {
  const dates = xs.map((x) => x.date).sort()
  return { count: xs.length, firstDate: dates[0] as string, lastDate: dates[dates.length - 1] as string }
}

/**
 * The error report of a dossier's feeds, per bank account: balance differences and missing
 * statements, accounts not attached, expired passwords and consents (and those expiring soon), rate
 * limits, unreadable and empty files, skipped accounts and items, unknown accounts, movements before
 * the start date, refused currencies and entries, and the firm's own configuration errors (scope
 * `firm`) — each with a stable code, the account, dates and figures, and a French or English message.
 */
export const feedErrorReport = (input: FeedReportInput): FeedErrorReport => {
  const locale = input.locale ?? 'fr'
  const warnDays = input.expiryWarningDays ?? 7
  const items: FeedReportItem[] = []
  // The item carries its code with its parameters (a correlated union), so the report line built
  // from it is a FeedReportItem of that same code without a cast.
  const add = (bankAccountId: string | null, item: CatalogItem<FeedReportParamsByCode>): void => {
    const { severity, scope } = FEED_REPORT_CATALOG.entry(item.code)
    items.push({
      ...item,
      severity,
      scope,
      dossierCode: input.dossier.code,
      bankAccountId,
      message: FEED_REPORT_CATALOG.messageOf(item, locale),
    })
  }

  const configuration = new Map<string, FeedReportParamsByCode['FIRM_CONFIGURATION_ERROR']>()
  for (const a of input.accounts) {
    const id = a.bankAccountId
    const protocol = input.dossier.bankAccounts.find((b) => b.id === id)?.feed?.protocol ?? null
    const c = a.connection
    if (c !== undefined) {
      if (c.attachment === 'notAttached') add(id, { code: 'ACCOUNT_NOT_ATTACHED', params: { protocol } })
      if (c.attachment === 'detached') add(id, { code: 'ACCOUNT_DETACHED', params: { protocol } })
      const p = c.problem
      if (p?._tag === 'AuthExpired') add(id, { code: 'CREDENTIALS_EXPIRED', params: { since: p.since } })
      if (p?._tag === 'ActionRequired')
        add(id, { code: 'ACTION_REQUIRED', params: { since: p.since, action: p.action } })
      if (p?._tag === 'RateLimited')
        add(id, { code: 'RATE_LIMITED', params: { since: p.since, retryAfterSeconds: p.retryAfterSeconds } })
      if (p?._tag === 'Unavailable') add(id, { code: 'PROVIDER_UNAVAILABLE', params: { since: p.since } })
      if (p?._tag === 'ConfigurationError') {
        // One firm-level item per setting, naming every account it stops, not one per account.
        const key = `${protocol ?? ''}|${p.setting ?? ''}`
        const held = configuration.get(key)
        configuration.set(key, {
          setting: p.setting ?? '',
          protocol,
          since: held === undefined || p.since < held.since ? p.since : held.since,
          bankAccountIds: [...(held?.bankAccountIds ?? []), id],
        })
      }
      if (p?._tag === 'ConsentExpired' || (c.consentExpiresOn !== null && c.consentExpiresOn < input.today))
        add(id, {
          code: 'CONSENT_EXPIRED',
          params: { expiredOn: c.consentExpiresOn ?? p?.since ?? input.today },
        })
      else if (c.consentExpiresOn !== null) {
        const daysLeft = daysBetween(input.today, c.consentExpiresOn)
        if (daysLeft <= warnDays)
          add(id, { code: 'CONSENT_EXPIRING', params: { expiresOn: c.consentExpiresOn, daysLeft } })
      }
    }
    if (a.ledger !== undefined)
      for (const issue of proveBalances(a.ledger).issues) {
        if (issue._tag === 'BalanceDiscrepancy')
          add(id, {
            code: 'BALANCE_DISCREPANCY',
            params: {
              kind: issue.kind,
              fromDate: issue.fromDate,
              toDate: issue.toDate,
              expected: issue.expected.amount.toFixed(),
              actual: issue.actual.amount.toFixed(),
              difference: issue.difference.amount.toFixed(),
              currency: issue.actual.currency,
            },
          })
        else if (issue._tag === 'StatementGap')
          add(id, {
            code: 'STATEMENTS_MISSING',
            params: {
              previousClosingDate: issue.previousClosingDate,
              openingDate: issue.openingDate,
            },
          })
        else
          add(id, {
            code: 'STATEMENTS_OVERLAP',
            params: {
              previousClosingDate: issue.previousClosingDate,
              openingDate: issue.openingDate,
            },
          })
      }
    const s = a.lastSync
    if (s !== undefined) {
      const before = s.decisions.flatMap((x) => (x._tag === 'BeforeStartDate' ? [x] : []))
      if (before.length > 0)
        add(id, {
          code: 'MOVEMENTS_BEFORE_START_DATE',
          params: {
            count: before.length,
            startDate: before[0]?.startDate as string,
            earliest: before.map((x) => x.bookingDate).sort()[0] as string,
            total: before.reduce((t, x) => t.plus(x.amount.amount), new Dec(0)).toFixed(),
          },
        })
      const currency = s.decisions.flatMap((x) => (x._tag === 'CurrencyMismatch' ? [x] : []))
      for (const received of new Set(currency.map((x) => x.received)))
        add(id, {
          code: 'CURRENCY_MISMATCH',
          params: {
            expected: currency[0]?.expected as string,
            received,
            count: currency.filter((x) => x.received === received).length,
          },
        })
      const closed = s.refused.filter((r) => r.reason === 'ClosedFiscalYear')
      const outside = s.refused.filter((r) => r.reason === 'OutsideFiscalYears')
      if (closed.length > 0) add(id, { code: 'ENTRIES_REFUSED_CLOSED_YEAR', params: refusedRange(closed) })
      if (outside.length > 0)
        add(id, { code: 'ENTRIES_REFUSED_OUTSIDE_YEARS', params: refusedRange(outside) })
      if (s.entryError !== null)
        add(id, { code: 'ENTRY_SETUP_MISSING', params: { reason: s.entryError._tag } })
      // A deletion that the same sync saw re-created under a new id is no deletion: one change at most.
      const recreated = new Set(
        s.decisions.flatMap((x) => (x._tag === 'RecreatedByProvider' ? [x.replacedId] : [])),
      )
      const deleted = s.decisions.filter(
        (x) => x._tag === 'DeletedNeedsReview' && !recreated.has(x.movementId),
      ).length
      // A re-created movement that moved to another day keeps its entry on the old day: a change too.
      const updated = s.decisions.filter(
        (x) => (x._tag === 'UpdatedByProvider' || x._tag === 'RecreatedByProvider') && x.needsReview,
      ).length
      if (deleted + updated > 0) add(id, { code: 'CHANGED_AFTER_ENTRIES', params: { deleted, updated } })
    }
  }
  for (const params of configuration.values()) add(null, { code: 'FIRM_CONFIGURATION_ERROR', params: params })
  for (const u of input.unmatched ?? [])
    add(null, {
      code: 'UNKNOWN_ACCOUNT',
      params: {
        account: accountLabel(u.account),
        items: u.items.length,
        reason: u.reason,
        candidates: u.candidates,
      },
    })
  const directory = buildAccountDirectory([input.dossier], input.bindings ?? [])
  const accountOf = (ref: AccountRef): string | null => {
    const routed = routeAccount(directory, ref)
    return routed._tag === 'Routed' ? routed.to.bankAccount.id : null
  }
  const unreadable = new Set<string>()
  const addUnreadable = (f: FeedReportParamsByCode['UNREADABLE_FILE']): void => {
    const key = JSON.stringify([f.file, f.reason, f.line])
    if (unreadable.has(key)) return
    unreadable.add(key)
    add(null, { code: 'UNREADABLE_FILE', params: { file: f.file, reason: f.reason, line: f.line } })
  }
  for (const n of input.notices ?? []) {
    if (n._tag === 'UnreadableFile') addUnreadable(n)
    else if (n._tag === 'EmptyFile')
      add(null, { code: 'EMPTY_FILE', params: { file: n.file, bytes: n.bytes, reason: n.reason } })
    else if (n._tag === 'SkippedItem')
      add(accountOf(n.account), {
        code: 'SKIPPED_ITEM',
        params: {
          account: accountLabel(n.account),
          providerId: n.providerId,
          reason: n.reason,
        },
      })
    else
      add(accountOf(n.account), {
        code: 'SKIPPED_ACCOUNT',
        params: { account: accountLabel(n.account), reason: n.reason },
      })
  }
  for (const f of input.unreadableFiles ?? []) addUnreadable(f)
  return {
    dossierCode: input.dossier.code,
    today: input.today,
    ok: items.every((i) => i.severity !== 'error'),
    items,
  }
}
