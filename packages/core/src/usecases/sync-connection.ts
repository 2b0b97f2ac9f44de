import { E, TE, pipe } from '../fp.js'
import type { Either, TaskEither } from '../fp.js'
import { isCurrencyCode } from '../domain/currency.js'
import type { CurrencyCode } from '../domain/currency.js'
import { defaultFeedStartDate } from '../domain/dossier.js'
import type { Dossier } from '../domain/dossier.js'
import { localDateOfInstant, minLocalDate } from '../domain/local-date.js'
import type { LocalDate } from '../domain/local-date.js'
import { compileCounterpartRules } from '../entries/counterpart-rules.js'
import type { CounterpartRule, InvalidCounterpartRule } from '../entries/counterpart-rules.js'
import { generateEntries } from '../entries/generate-entries.js'
import type { EntryGenerationError, RefusedMovement } from '../entries/generate-entries.js'
import { DEFAULT_WAITING_ACCOUNT } from '../domain/gl-account.js'
import type { BankConnector } from '../ports/connector.js'
import type { ConnectionRef, FeedBatch, FeedItem, FeedNotice } from '../domain/feed.js'
import { ConnectorError } from '../domain/connector-error.js'
import { noopEventPublisher } from '../adapters/event-publishers.js'
import type { Context } from '../ports/context.js'
import type { EventPublisher } from '../ports/event-publisher.js'
import { DomainEvent } from '../domain/domain-event.js'
import type { StoreError } from '../domain/store-error.js'
import type { LedgerStore } from '../ports/stores.js'
import { loadWorkingLedgers } from './working-ledger.js'
import type { LedgerCommit } from '../domain/store-records.js'
import type { QueuedItem } from '../domain/unmatched.js'
import { queuedItemId } from '../reconcile/unmatched-queue.js'
import { defaultIngestionSettings, ingest } from '../reconcile/ingest.js'
import type { IngestionSettings } from '../reconcile/ingest.js'
import type { IngestionDecision } from '../domain/ingestion-decision.js'
import { concatChanges } from '../reconcile/ledger.js'
import type { AccountLedger } from '../reconcile/ledger.js'
import { accountRefOf, buildAccountDirectory, routeItems } from '../reconcile/routing.js'
import type { ProviderBinding, UnmatchedAccount } from '../reconcile/routing.js'
import { guardTask, thrownName } from './guard-task.js'

/**
 * The ports a sync drives: the program's {@link Context} (its clock and logger), the connector and
 * the store. Spread the context the connector's client was made with, so the sync and the connector
 * tell the same day: `{ ...context, connector, store }`.
 */
export interface SyncDeps extends Context {
  readonly connector: BankConnector
  readonly store: LedgerStore
  /**
   * Where the changes go once committed, for downstream apps; nowhere by default
   * ({@link noopEventPublisher}). They are committed to the store with the data either way.
   */
  readonly events?: EventPublisher
}

/** What to sync: one connection, the firm's dossiers to route into, and which bank accounts it feeds. */
export interface SyncRequest {
  readonly connection: ConnectionRef
  readonly dossiers: ReadonlyArray<Dossier>
  /** The bank accounts this connection feeds (all of them are named to the connector). */
  readonly accounts: ReadonlyArray<{ readonly dossierCode: string; readonly bankAccountId: string }>
  readonly bindings?: ReadonlyArray<ProviderBinding>
  /** Counterpart rules per dossier, in order; the dossier's waiting account is the fallback. */
  readonly rules?: (dossierCode: string) => ReadonlyArray<CounterpartRule>
  readonly footerStyle?: 'net' | 'receiptsAndPayments'
  /**
   * How many times in all the sync runs when another process commits the same ledgers or cursor in
   * between (`ConcurrentUpdate`): each attempt starts again from the stored cursor and a fresh read.
   * Default 3; 1 never retries.
   */
  readonly maxAttempts?: number
}

/** What happened to one bank account. */
export interface AccountSyncReport {
  readonly dossierCode: string
  readonly bankAccountId: string
  readonly decisions: ReadonlyArray<IngestionDecision>
  readonly entriesGenerated: number
  readonly refused: ReadonlyArray<RefusedMovement>
  /** Set when entries were due but the account's set-up does not allow them. */
  readonly entryError: EntryGenerationError | null
}

/** The outcome of a committed sync. */
export interface SyncReport {
  readonly connectionId: string
  readonly today: LocalDate
  readonly accounts: ReadonlyArray<AccountSyncReport>
  /** Accounts the connector delivered that no bank account matches: reported, never dropped silently. */
  readonly unmatched: ReadonlyArray<UnmatchedAccount>
  /** How many items queued by earlier syncs (no bank account took them then) this one booked. */
  readonly released: number
  /** What the connector could not read (unreadable files…), for the error report. */
  readonly notices: ReadonlyArray<FeedNotice>
  /** Events could not be published after the commit (the data is committed; they can be re-derived). */
  readonly publishFailed: boolean
  /** The consent end the connector reported with this batch, if it did (see `FeedBatch`). */
  readonly consentExpiresOn?: LocalDate | null
}

/** Why a sync committed nothing. The cursor never moves in these cases. */
export type SyncError =
  | { readonly _tag: 'PullFailed'; readonly error: ConnectorError }
  | { readonly _tag: 'StoreFailed'; readonly error: StoreError }
  /**
   * The connector's `pull` threw, rejected its promise or answered something that is not an
   * `Either`, instead of returning a `ConnectorError`: a bug of the connector. `message` names what
   * it did (`pull threw TypeError`), never the thrown message, which may carry a secret.
   */
  | { readonly _tag: 'ConnectorThrew'; readonly message: string }
  /**
   * The same for a store: `operation` is the call (`commit`; `loadState` and `saveState` are the
   * nightly job's connection states), `message` what it did, no secret.
   */
  | {
      readonly _tag: 'StoreThrew'
      readonly operation: 'loadCursor' | 'loadSlices' | 'loadUnmatched' | 'commit' | 'loadState' | 'saveState'
      readonly message: string
    }
  | {
      readonly _tag: 'InvalidRules'
      readonly dossierCode: string
      readonly errors: ReadonlyArray<InvalidCounterpartRule>
    }
  | { readonly _tag: 'UnknownBankAccount'; readonly dossierCode: string; readonly bankAccountId: string }

const storeFailed = (error: StoreError): SyncError => ({ _tag: 'StoreFailed', error })

/** A store call that cannot throw past the sync: a throw or a rejection is a `StoreThrew`. */
const storeCall = <A>(
  operation: 'loadCursor' | 'loadSlices' | 'loadUnmatched' | 'commit',
  run: () => TaskEither<StoreError, A>,
): TaskEither<SyncError, A> =>
  guardTask(
    () => pipe(run(), TE.mapLeft(storeFailed)),
    (what): SyncError => ({ _tag: 'StoreThrew', operation, message: `${operation} ${what}` }),
  )

const CONNECTOR_ERROR_TAGS: ReadonlySet<string> = new Set<ConnectorError['_tag']>([
  'AuthExpired',
  'ConsentExpired',
  'ActionRequired',
  'RateLimited',
  'Unavailable',
  'InvalidData',
  'NotFound',
  'ConfigurationError',
])

/** A plain-JavaScript connector's `Left` may hold anything; what follows reads its `_tag`. */
const isConnectorError = (e: unknown): e is ConnectorError =>
  typeof e === 'object' &&
  e !== null &&
  CONNECTOR_ERROR_TAGS.has((e as { _tag?: unknown })._tag as string) &&
  typeof (e as { message?: unknown }).message === 'string'

/** A connector's answer that is not even shaped like a batch is bad data, like an undecodable page. */
const notABatch = (batch: unknown): ConnectorError | null => {
  const b = batch as Partial<Record<keyof FeedBatch, unknown>> | null
  const ok =
    typeof b === 'object' &&
    b !== null &&
    Array.isArray(b.items) &&
    typeof b.cursor === 'object' &&
    b.cursor !== null &&
    typeof (b.cursor as { value?: unknown }).value === 'string' &&
    (b.notices === undefined || Array.isArray(b.notices))
  return ok
    ? null
    : ConnectorError.invalidData({
        where: 'FeedBatch',
        message: 'the connector answered something that is not a FeedBatch (items, cursor.value)',
      })
}

/**
 * Pulls what is new on a connection since its stored cursor, routes every item to its bank account,
 * ingests it exactly once, generates entries where `autoGenerateEntries` is on, and commits all the
 * ledgers and the new cursor in one store commit; events are published after. A failed pull or commit
 * changes nothing and leaves the cursor where it was.
 *
 * The task never rejects: a connector or store that throws, rejects its promise or answers
 * something that is not an `Either` gives `ConnectorThrew` / `StoreThrew` (what it did, never its
 * message), a batch that is not shaped as the port says gives `PullFailed` with `InvalidData`, and
 * nothing is committed. After the commit, a failing `acknowledge` or event publisher is only logged.
 */
export const syncConnection = (deps: SyncDeps, request: SyncRequest): TaskEither<SyncError, SyncReport> => {
  const attempts = Math.max(1, request.maxAttempts ?? 3)
  const attempt = (n: number): TaskEither<SyncError, SyncReport> =>
    pipe(
      syncOnce(deps, request),
      TE.orElse((error) => {
        if (n >= attempts || error._tag !== 'StoreFailed' || error.error._tag !== 'ConcurrentUpdate')
          return TE.left(error)
        deps.logger.info('another process committed first: syncing again from the stored cursor', {
          connectionId: request.connection.id,
          attempt: n + 1,
        })
        return attempt(n + 1)
      }),
    )
  return attempt(1)
}

const syncOnce = (deps: SyncDeps, request: SyncRequest): TaskEither<SyncError, SyncReport> => {
  const today = localDateOfInstant(deps.clock.now())
  const targets: Array<{ dossier: Dossier; bankAccountId: string; currency: CurrencyCode }> = []
  for (const a of request.accounts) {
    const dossier = request.dossiers.find((d) => d.code === a.dossierCode)
    const account = dossier?.bankAccounts.find((b) => b.id === a.bankAccountId)
    if (dossier === undefined || account === undefined || !isCurrencyCode(account.currency))
      return TE.left({
        _tag: 'UnknownBankAccount',
        dossierCode: a.dossierCode,
        bankAccountId: a.bankAccountId,
      })
    targets.push({ dossier, bankAccountId: a.bankAccountId, currency: account.currency })
  }
  const startOf = (dossier: Dossier, bankAccountId: string): LocalDate | null =>
    dossier.bankAccounts.find((b) => b.id === bankAccountId)?.feed?.startDate ??
    defaultFeedStartDate(dossier, today)
  const since = targets.reduce<LocalDate>(
    (acc, t) => minLocalDate(acc, startOf(t.dossier, t.bankAccountId) ?? today),
    today,
  )

  return pipe(
    storeCall('loadCursor', () => deps.store.loadCursor(request.connection.id)),
    TE.chain((cursorState) =>
      pipe(
        guardTask(
          () =>
            pipe(
              deps.connector.pull({
                connection: request.connection,
                accounts: targets.map((t) =>
                  accountRefOf(
                    t.dossier.bankAccounts.find(
                      (b) => b.id === t.bankAccountId,
                    ) as Dossier['bankAccounts'][number],
                  ),
                ),
                since,
                cursor: cursorState.cursor,
              }),
              TE.mapLeft((error): SyncError =>
                isConnectorError(error)
                  ? { _tag: 'PullFailed', error }
                  : { _tag: 'ConnectorThrew', message: 'pull answered a Left that is not a ConnectorError' },
              ),
            ),
          (what): SyncError => {
            deps.logger.warn('connector pull misbehaved', { connectionId: request.connection.id, what })
            return { _tag: 'ConnectorThrew', message: `pull ${what}` }
          },
        ),
        TE.chain((batch) => {
          const bad = notABatch(batch)
          return bad === null
            ? pipe(
                storeCall('loadUnmatched', () => deps.store.loadUnmatched(request.connection.id)),
                TE.chain((queued) => ingestBatch(deps, request, today, batch, cursorState.version, queued)),
              )
            : TE.left<SyncError, SyncReport>({ _tag: 'PullFailed', error: bad })
        }),
      ),
    ),
  )
}

const ingestBatch = (
  deps: SyncDeps,
  request: SyncRequest,
  today: LocalDate,
  batch: FeedBatch,
  cursorVersion: number,
  queued: ReadonlyArray<QueuedItem>,
): TaskEither<SyncError, SyncReport> => {
  const routedBatch = unlessItThrows(() => E.right(routeBatch(request, batch, queued, today)))
  if (E.isLeft(routedBatch)) return TE.left(routedBatch.left)
  const { inside, allUnmatched, unmatched } = routedBatch.right
  const source = { protocol: request.connection.protocol, connectionId: request.connection.id }
  const itemsOf = new Map<string, ReadonlyArray<FeedItem>>()
  for (const r of inside) itemsOf.set(`${r.to.dossier.code}|${r.to.bankAccount.id}`, r.items)
  const dossierOf = new Map(request.dossiers.map((d) => [d.code, d]))
  // Every account was checked before the pull (a dossier's account with a known currency): the
  // guard only tells the compiler so.
  const accounts = request.accounts.flatMap((k) => {
    const dossier = dossierOf.get(k.dossierCode)
    const account = dossier?.bankAccounts.find((b) => b.id === k.bankAccountId)
    if (dossier === undefined || account === undefined || !isCurrencyCode(account.currency)) return []
    return [
      {
        dossier,
        account,
        key: k,
        currency: account.currency,
        items: itemsOf.get(`${k.dossierCode}|${k.bankAccountId}`) ?? [],
        settings: defaultIngestionSettings(account.feed?.startDate ?? defaultFeedStartDate(dossier, today)),
      },
    ]
  })
  return pipe(
    storeCall('loadSlices', () => loadWorkingLedgers(deps.store, source, accounts)),
    TE.map((ledgers) => accounts.map((a, i) => ({ ...a, ledger: ledgers[i] as AccountLedger }))),
    TE.chain((loaded) => {
      const decided = unlessItThrows(() => decideLedgers(request, loaded))
      if (E.isLeft(decided)) return TE.left<SyncError, SyncReport>(decided.left)
      const { reports, ledgers } = decided.right
      const events = eventsOf(reports, request.connection.id, deps.clock.now())
      return pipe(
        storeCall('commit', () =>
          deps.store.commit({
            connectionId: request.connection.id,
            expectedCursorVersion: cursorVersion,
            cursor: batch.cursor,
            ledgers,
            events,
            notices: batch.notices ?? [],
            unmatched,
          }),
        ),
        TE.chainW(() => acknowledge(deps, batch)),
        TE.chainW(() => publish(deps, events, request.connection.id)),
        TE.map((publishFailed) => ({
          connectionId: request.connection.id,
          today,
          accounts: reports,
          unmatched: allUnmatched,
          released: unmatched.released.length,
          notices: batch.notices ?? [],
          publishFailed,
          ...(batch.consentExpiresOn === undefined ? {} : { consentExpiresOn: batch.consentExpiresOn }),
        })),
      )
    }),
  )
}

/** Where each item of a batch goes: the accounts this connection feeds, and the rest (reported). */
const routeBatch = (
  request: SyncRequest,
  batch: FeedBatch,
  queued: ReadonlyArray<QueuedItem>,
  today: LocalDate,
) => {
  const directory = buildAccountDirectory(request.dossiers, request.bindings ?? [])
  const wanted = new Set(request.accounts.map((a) => `${a.dossierCode}|${a.bankAccountId}`))
  // Queued items first (they are older): those a bank account of this connection now takes leave
  // the queue in this commit and are ingested before the batch; the others stay queued.
  const released: string[] = []
  const fromQueue = new Map<string, FeedItem[]>()
  for (const q of queued) {
    const to = routeItems(directory, [q.item]).routed[0]?.to
    const k = to === undefined ? null : `${to.dossier.code}|${to.bankAccount.id}`
    if (k === null || !wanted.has(k)) continue
    released.push(q.id)
    const list = fromQueue.get(k)
    if (list === undefined) fromQueue.set(k, [q.item])
    else list.push(q.item)
  }
  const routedNow = routeItems(directory, batch.items)
  const routed = routedNow.routed.map((r) => {
    const k = `${r.to.dossier.code}|${r.to.bankAccount.id}`
    const before = fromQueue.get(k)
    fromQueue.delete(k)
    return before === undefined ? r : { ...r, items: [...before, ...r.items] }
  })
  for (const [k, items] of fromQueue) {
    const [dossierCode, bankAccountId] = k.split('|') as [string, string]
    const dossier = request.dossiers.find((d) => d.code === dossierCode) as Dossier
    const bankAccount = dossier.bankAccounts.find(
      (b) => b.id === bankAccountId,
    ) as Dossier['bankAccounts'][number]
    routed.push({ to: { dossier, bankAccount }, items })
  }
  const { unmatched } = routedNow
  // Items for a known bank account that this connection does not feed are reported like unknown ones.
  const outside = routed.filter((r) => !wanted.has(`${r.to.dossier.code}|${r.to.bankAccount.id}`))
  const inside = routed.filter((r) => wanted.has(`${r.to.dossier.code}|${r.to.bankAccount.id}`))
  const allUnmatched: UnmatchedAccount[] = [
    ...unmatched,
    ...outside.map((r) => ({
      account: r.items[0]?.account ?? accountRefOf(r.to.bankAccount),
      reason: 'UNKNOWN_ACCOUNT' as const,
      candidates: [`${r.to.dossier.code}/${r.to.bankAccount.id}`],
      items: r.items,
    })),
  ]
  const source = request.connection
  const queuedNow: QueuedItem[] = allUnmatched.flatMap((u) =>
    u.items.map((item) => ({
      id: queuedItemId(source.id, item),
      connectionId: source.id,
      protocol: source.protocol,
      reason: u.reason,
      candidates: u.candidates,
      item,
      queuedOn: today,
    })),
  )
  return { inside, allUnmatched, unmatched: { queued: queuedNow, released } }
}

/**
 * Runs a pure step on the connector's items. Core's functions trust the port's types; a connector
 * that breaks them (an item without an account, a movement without an amount) would make them throw,
 * which must not reject the sync: it is the batch's bad data, and nothing is committed.
 */
const unlessItThrows = <A>(step: () => Either<SyncError, A>): Either<SyncError, A> => {
  try {
    return step()
  } catch (thrown) {
    return E.left({
      _tag: 'PullFailed',
      error: ConnectorError.invalidData({
        where: 'FeedBatch.items',
        message: `the batch could not be ingested (${thrownName(thrown)}): an item is not shaped as the connector port says`,
      }),
    })
  }
}

/** Ingests each account's items and generates its entries: the ledger changes to commit, and the reports. */
const decideLedgers = (
  request: SyncRequest,
  loaded: ReadonlyArray<{
    readonly dossier: Dossier
    readonly account: Dossier['bankAccounts'][number]
    readonly ledger: AccountLedger
    readonly items: ReadonlyArray<FeedItem>
    readonly settings: IngestionSettings
  }>,
): Either<
  SyncError,
  { readonly reports: ReadonlyArray<AccountSyncReport>; readonly ledgers: LedgerCommit['ledgers'] }
> => {
  const reports: AccountSyncReport[] = []
  const ledgers: Array<LedgerCommit['ledgers'][number]> = []
  for (const { dossier, account, ledger, items, settings } of loaded) {
    const ingested = ingest(
      ledger,
      { protocol: request.connection.protocol, connectionId: request.connection.id },
      items,
      settings,
    )
    let changes = ingested.changes
    let entriesGenerated = 0
    let refused: ReadonlyArray<RefusedMovement> = []
    let entryError: EntryGenerationError | null = null
    if (account.feed?.autoGenerateEntries === true) {
      const rules = compileCounterpartRules(
        request.rules?.(dossier.code) ?? [],
        dossier.waitingAccount ?? DEFAULT_WAITING_ACCOUNT,
      )
      if (E.isLeft(rules))
        return E.left({
          _tag: 'InvalidRules',
          dossierCode: dossier.code,
          errors: rules.left,
        })
      const generated = generateEntries(
        dossier,
        ledger,
        {
          rules: rules.right,
          ...(request.footerStyle === undefined ? {} : { footerStyle: request.footerStyle }),
        },
        changes,
      )
      if (E.isRight(generated)) {
        changes = concatChanges(changes, generated.right.changes)
        entriesGenerated = generated.right.entries.length
        refused = generated.right.refused
      } else entryError = generated.left
    }
    ledgers.push({
      key: { dossierCode: dossier.code, bankAccountId: account.id },
      currency: ledger.currency,
      expectedVersion: ledger.version,
      changes,
    })
    reports.push({
      dossierCode: dossier.code,
      bankAccountId: account.id,
      decisions: ingested.decisions,
      entriesGenerated,
      refused,
      entryError,
    })
  }
  return E.right({ reports, ledgers })
}

/** Lets the connector tidy up after the commit; a failure is logged, never a sync failure. */
const acknowledge = (deps: SyncDeps, batch: FeedBatch): TaskEither<never, void> => {
  const ack = deps.connector.acknowledge
  if (typeof ack !== 'function') return TE.right(undefined)
  return pipe(
    // A Left, a throw or a rejection alike: the commit is done, the next pull starts after it anyway.
    guardTask(
      () =>
        pipe(
          ack.call(deps.connector, batch.cursor),
          TE.mapLeft((e) => e.message),
        ),
      (what) => `acknowledge ${what}`,
    ),
    TE.orElse((reason) => {
      deps.logger.warn('connector acknowledgement failed after commit', { reason })
      return TE.right<never, void>(undefined)
    }),
  )
}

/** What a sync changed, as events: committed to the store's outbox with the data, published after. */
const eventsOf = (
  reports: ReadonlyArray<AccountSyncReport>,
  connectionId: string,
  occurredAt: string,
): ReadonlyArray<DomainEvent> => {
  const events: DomainEvent[] = []
  for (const r of reports) {
    const added = r.decisions.filter((d) => d._tag === 'New' || d._tag === 'PendingBooked').length
    // A movement re-created under a new id is the same movement, updated (its id and perhaps its label).
    const updated = r.decisions.filter(
      (d) => d._tag === 'UpdatedByProvider' || d._tag === 'RecreatedByProvider',
    ).length
    const removed = r.decisions.filter((d) => d._tag === 'Deleted').length
    const where = { dossierCode: r.dossierCode, bankAccountId: r.bankAccountId, occurredAt }
    if (added + updated + removed > 0)
      events.push(DomainEvent.movementsIngested(where, { connectionId, added, updated, removed }))
    if (r.entriesGenerated > 0)
      events.push(DomainEvent.entriesGenerated(where, { count: r.entriesGenerated }))
  }
  return events
}

/** Publishes what a committed sync changed; a failure is logged and reported, not a sync failure. */
const publish = (
  deps: SyncDeps,
  events: ReadonlyArray<DomainEvent>,
  connectionId: string,
): TaskEither<never, boolean> => {
  if (events.length === 0) return TE.right(false)
  return pipe(
    guardTask(
      () =>
        pipe(
          (deps.events ?? noopEventPublisher).publish(events),
          TE.mapLeft((e) => e.message),
        ),
      (what) => `publish ${what}`,
    ),
    TE.map(() => false),
    TE.orElse((reason) => {
      deps.logger.warn('events not published after commit', { reason, connectionId })
      return TE.right(true)
    }),
  )
}

/** Syncs one bank account: {@link syncConnection} for a connection that feeds only it. */
export const syncAccount = (
  deps: SyncDeps,
  request: Omit<SyncRequest, 'accounts' | 'dossiers'> & {
    readonly dossier: Dossier
    readonly bankAccountId: string
  },
): TaskEither<SyncError, SyncReport> => {
  const { dossier, bankAccountId, ...rest } = request
  return syncConnection(deps, {
    ...rest,
    dossiers: [dossier],
    accounts: [{ dossierCode: dossier.code, bankAccountId }],
  })
}
