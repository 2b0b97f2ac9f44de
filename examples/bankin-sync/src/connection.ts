/**
 * The account the steps follow and its Bankin' connection, as one step hands them to the next, and
 * what they do with them night after night: move the clock, ask whether the account is due, sync it.
 */
import { activeMovements, proveBalances } from '@bankfeed/core/reconcile'
import { formatLocalDateFr, formatMoneyFr, getOrThrow, syncAccount } from '@bankfeed/core'
import { isDue, statusAfterPullSuccess } from '@bankfeed/core/lifecycle'
import type { AccountLedger } from '@bankfeed/core/reconcile'
import type {
  BankAccount,
  BankConnector,
  ConnectionRef,
  ConnectionStatus,
  Dossier,
  FeedSettings,
  LocalDate,
  Recipient,
  Result,
  SyncError,
  SyncReport,
} from '@bankfeed/core'
import type { DueDecision, ReauthState } from '@bankfeed/core/lifecycle'
import type { World } from './world.js'

/** The dossier once Bankin' is enabled (step 2), and the bank account it feeds. */
export interface BankinAccount {
  readonly dossier: Dossier
  readonly bankAccountId: string
  readonly account: BankAccount
  readonly feed: FeedSettings
  /** The dossier's Bridge user (`externalUserIdOf(firm, dossier code)`). */
  readonly user: string
}

/** The connection made when the client attached the account (step 3). */
export interface BankinConnection {
  readonly connection: ConnectionRef
  /** Over the world's Bridge client, so on the world's context. */
  readonly connector: BankConnector
  /** Who the e-mails about the connection go to: the client attached to the account. */
  readonly to: Recipient
  /** Bridge's ids: the item, the account, the pending card payment. */
  readonly item: string
  readonly bridgeAccount: string
  readonly pendingId: string
}

/** What the firm's application keeps about the connection between nights. */
export interface LinkState {
  readonly status: ConnectionStatus
  readonly reauth: ReauthState
  readonly lastCollectedOn: LocalDate | null
}

/** Moves the clock to `instant` and asks whether the account is due then. */
export const nightAt = (
  world: World,
  account: BankinAccount,
  link: LinkState,
  instant: string,
): DueDecision => {
  world.clock.set(instant)
  return getOrThrow(
    isDue({ frequency: account.feed.frequency, lastCollectedOn: link.lastCollectedOn, now: instant }),
    'isDue',
  )
}

/** Syncs the account now: the world's context spread into the use case, with the connector and the store. */
export const syncNow = (
  world: World,
  account: BankinAccount,
  bankin: BankinConnection,
): Promise<Result<SyncError, SyncReport>> =>
  syncAccount(
    { ...world.context, connector: bankin.connector, store: world.store, events: world.events },
    { connection: bankin.connection, dossier: account.dossier, bankAccountId: account.bankAccountId },
  )()

/**
 * A due night's sync that must succeed, as the nightly automatism records it: the connection's
 * problem cleared, the day collected; and the sync counted.
 */
export const collect = async (
  world: World,
  account: BankinAccount,
  bankin: BankinConnection,
  link: LinkState,
  due: DueDecision,
  what: string,
): Promise<{ readonly report: SyncReport; readonly figures: SyncFigures; readonly link: LinkState }> => {
  const report = getOrThrow(await syncNow(world, account, bankin), what)
  return {
    report,
    figures: figures(due, report, ledgerNow(world, account)),
    link: { ...link, status: statusAfterPullSuccess(link.status), lastCollectedOn: due.today },
  }
}

/** The account's stored ledger. */
export const ledgerNow = (world: World, account: BankinAccount): AccountLedger => {
  const l = world.store.ledger({ dossierCode: account.dossier.code, bankAccountId: account.bankAccountId })
  if (l === undefined) throw new Error('no ledger yet')
  return l
}

/** Prints the last balance Bankin' gave, if any. */
export const printLastBalance = (world: World, account: BankinAccount): void => {
  const balance = ledgerNow(world, account).balances.at(-1)?.balance
  if (balance !== undefined)
    world.print(`   Solde Bankin’ au ${formatLocalDateFr(balance.date)} : ${formatMoneyFr(balance.amount)}`)
}

/** A successful sync, counted. */
export interface SyncFigures {
  readonly due: DueDecision['reason']
  /** New movements in the ledger (decisions `New`). */
  readonly added: number
  /** Pending lines matched to their booked twin by ingestion itself (decision `PendingBooked`). */
  readonly pendingBooked: number
  /**
   * Pending lines withdrawn because the provider said so: Bridge books a pending line under a new id,
   * and the connector delivers `Deleted(old)` + the booked movement, so the booked one counts as `New`.
   */
  readonly pendingWithdrawn: number
  /** Deliveries recognised as already in the ledger. */
  readonly duplicates: number
  readonly entriesGenerated: number
  /** Active movements in the ledger after the sync. */
  readonly movements: number
  readonly booked: number
  readonly pending: number
  readonly balancesRecorded: number
  readonly snapshotsProven: number
  readonly balanceIssues: number
}

/** Counts what a sync did and what the ledger holds after it. */
const figures = (due: DueDecision, report: SyncReport, ledger: AccountLedger): SyncFigures => {
  const decisions = report.accounts.flatMap((a) => a.decisions)
  const active = activeMovements(ledger)
  const proofs = proveBalances(ledger)
  return {
    due: due.reason,
    added: decisions.filter((d) => d._tag === 'New').length,
    pendingBooked: decisions.filter((d) => d._tag === 'PendingBooked').length,
    pendingWithdrawn: decisions.filter((d) => d._tag === 'Deleted' && d.wasPending).length,
    duplicates: decisions.filter((d) => d._tag === 'DuplicateProviderId' || d._tag === 'DuplicateContent')
      .length,
    entriesGenerated: report.accounts.reduce((n, a) => n + a.entriesGenerated, 0),
    movements: active.length,
    booked: active.filter((m) => m.status === 'booked').length,
    pending: active.filter((m) => m.status === 'pending').length,
    balancesRecorded: ledger.balances.length,
    snapshotsProven: proofs.snapshotsProven,
    balanceIssues: proofs.issues.length,
  }
}

/** `n` and the French word, singular or plural. */
export const plural = (n: number, one: string, many: string): string => `${n} ${n > 1 ? many : one}`
