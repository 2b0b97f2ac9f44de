import { syncConnection } from '@bankfeed/core'
import type {
  BankConnector,
  Clock,
  Dossier,
  EventPublisher,
  Logger,
  SyncError,
  SyncReport,
} from '@bankfeed/core'
import type { CounterpartRulesFile } from '@bankfeed/core'
import type { SqlStore } from '@bankfeed/store-postgres'
import type { StoreError } from '@bankfeed/core'

/** Every bank account of every dossier: the accounts a firm-wide import can route to. */
export const accountsOf = (
  dossiers: ReadonlyArray<Dossier>,
): ReadonlyArray<{ readonly dossierCode: string; readonly bankAccountId: string }> =>
  dossiers.flatMap((d) => d.bankAccounts.map((b) => ({ dossierCode: d.code, bankAccountId: b.id })))

/**
 * A connector that brings nothing new and keeps its connection's cursor: a sync through it only
 * routes again what the connection's earlier syncs left in the unmatched queue.
 */
const queueOnly = (protocol: string): BankConnector => ({
  protocol,
  capabilities: {
    statements: false,
    balances: false,
    pending: false,
    stableIds: false,
    deletions: false,
    historyDays: null,
    push: false,
  },
  pull: (request) => () =>
    Promise.resolve({ _tag: 'Right', right: { items: [], cursor: request.cursor ?? { value: '' } } }),
})

/**
 * Books what waits in the unmatched queue for accounts the dossiers now have: one sync per
 * connection that queued something, bringing nothing new, so that a dossier imported after its
 * statements gets them at once (each exactly once; what still matches no account keeps waiting).
 */
export const releaseQueue = async (
  store: SqlStore,
  deps: { readonly clock: Clock; readonly events: EventPublisher; readonly logger: Logger },
  dossiers: ReadonlyArray<Dossier>,
  rules: CounterpartRulesFile,
): Promise<
  | { readonly _tag: 'Right'; readonly right: ReadonlyArray<SyncReport> }
  | { readonly _tag: 'Left'; readonly left: { readonly store: StoreError } | { readonly sync: SyncError } }
> => {
  const queued = await store.ledgers.loadUnmatched(null)()
  if (queued._tag === 'Left') return { _tag: 'Left', left: { store: queued.left } }
  const connections = new Map(queued.right.map((q) => [q.connectionId, q.protocol]))
  const reports: SyncReport[] = []
  for (const [id, protocol] of connections) {
    const synced = await syncConnection(
      { connector: queueOnly(protocol), store: store.ledgers, ...deps },
      { connection: { id, protocol }, dossiers, accounts: accountsOf(dossiers), rules: rules.rulesOf },
    )()
    if (synced._tag === 'Left') return { _tag: 'Left', left: { sync: synced.left } }
    if (synced.right.released > 0) reports.push(synced.right)
  }
  return { _tag: 'Right', right: reports }
}
