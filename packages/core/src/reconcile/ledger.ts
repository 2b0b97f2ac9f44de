import type { CurrencyCode } from '../domain/currency.js'
import type { BalanceSnapshot, BankStatement, Movement } from '../domain/statement.js'
import type { JournalEntry } from '../entries/journal-entry.js'

/** Where a movement came from: the connection (a CFONB inbox, a Bridge item, a DSP2 consent…). */
export interface MovementSource {
  readonly protocol: string
  readonly connectionId: string
}

/** What became of a movement in the ledger. */
export type LedgerMovementState =
  /** Counted: part of the account's movements. */
  | 'active'
  /** The provider deleted it after it produced entries: kept, and shown to a person. */
  | 'deletedNeedsReview'

/** A movement as the ledger keeps it. */
export interface LedgerMovement extends Movement {
  /** Ledger id, derived from the source and the provider id, or from the content and its occurrence. */
  readonly id: string
  readonly source: MovementSource
  readonly statementId: string | null
  readonly state: LedgerMovementState
  /** The entry that books it, once generated. */
  readonly entryId: string | null
  /** The pending movement this booked one replaced, if any. */
  readonly replacedPendingId: string | null
  /**
   * Other deliveries that denote this same movement: the provider key of the pending twin it replaced,
   * or of a copy delivered by another connection (cross-source duplicate). Re-deliveries of those
   * resolve here instead of counting twice, and each can claim only one movement.
   */
  readonly aliases: ReadonlyArray<string>
}

/** A statement as received, with the ledger ids of its movements. */
export interface LedgerStatement {
  readonly id: string
  readonly source: MovementSource
  readonly statement: BankStatement
  readonly movementIds: ReadonlyArray<string>
}

/** A balance reported on its own by an API, as received. */
export interface RecordedBalance {
  readonly source: MovementSource
  readonly balance: BalanceSnapshot
}

/**
 * What ingestion and entry generation look up, kept up to date by {@link applyLedgerChanges} so that
 * deciding a batch costs in proportion to the batch, not to the account's history.
 */
export interface LedgerIndex {
  /** Alias keys (pending copies booked since, other connections' copies) → ledger id. */
  readonly aliases: ReadonlyMap<string, string>
  /** Ids of movements waiting for their entry, in ingestion order. */
  readonly awaitingEntry: ReadonlySet<string>
  /** How many active pending movements there are. */
  readonly pendingCount: number
  /** The connections that delivered movements. */
  readonly connections: ReadonlySet<string>
}

/** What the ledger knows of a movement besides what the bank said. */
export type LedgerMeta = Omit<LedgerMovement, keyof Movement>

/**
 * A ledger movement from a bank movement and its ledger facts. Fields are listed one by one: a spread
 * of the incoming object (which may carry extra properties) costs several times more on the ingestion
 * hot path and gives objects of varying shapes.
 */
export const makeLedgerMovement = (m: Movement, meta: LedgerMeta): LedgerMovement => ({
  providerId: m.providerId,
  status: m.status,
  bookingDate: m.bookingDate,
  valueDate: m.valueDate,
  amount: m.amount,
  label: m.label,
  reference: m.reference,
  counterpartyName: m.counterpartyName,
  interbankCode: m.interbankCode,
  details: m.details,
  id: meta.id,
  source: meta.source,
  statementId: meta.statementId,
  state: meta.state,
  entryId: meta.entryId,
  replacedPendingId: meta.replacedPendingId,
  aliases: meta.aliases,
})

/** The movement with its entry recorded. */
export const withEntryId = (m: LedgerMovement, entryId: string): LedgerMovement =>
  makeLedgerMovement(m, { ...m, entryId })

/** True when a movement still waits for its entry. Zero amounts book nothing and never wait. */
export const awaitsEntry = (m: LedgerMovement): boolean =>
  m.state === 'active' && m.status === 'booked' && m.entryId === null && !m.amount.amount.isZero()

/** Everything known of one bank account: the state ingestion decisions are taken against. */
export interface AccountLedger {
  readonly dossierCode: string
  readonly bankAccountId: string
  readonly currency: CurrencyCode
  /** Optimistic-concurrency version: a commit made from an older version is refused. */
  readonly version: number
  /** Movements by ledger id, in ingestion order. */
  readonly movements: ReadonlyMap<string, LedgerMovement>
  readonly statements: ReadonlyArray<LedgerStatement>
  readonly balances: ReadonlyArray<RecordedBalance>
  readonly entries: ReadonlyArray<JournalEntry>
  readonly index: LedgerIndex
}

/** An account's ledger before anything was received. */
export const emptyLedger = (
  dossierCode: string,
  bankAccountId: string,
  currency: CurrencyCode,
): AccountLedger => ({
  dossierCode,
  bankAccountId,
  currency,
  version: 0,
  movements: new Map(),
  statements: [],
  balances: [],
  entries: [],
  index: { aliases: new Map(), awaitingEntry: new Set(), pendingCount: 0, connections: new Set() },
})

/**
 * What a decision changes in a ledger, as data: stores apply it in one atomic commit, and
 * {@link applyLedgerChanges} applies it in memory.
 */
export interface LedgerChanges {
  readonly added: ReadonlyArray<LedgerMovement>
  /** Movements replaced by a new version of themselves (same id). */
  readonly updated: ReadonlyArray<LedgerMovement>
  /** Ids of movements removed (pending ones booked under another id, deletions). */
  readonly removed: ReadonlyArray<string>
  readonly statements: ReadonlyArray<LedgerStatement>
  readonly balances: ReadonlyArray<RecordedBalance>
  readonly entries: ReadonlyArray<JournalEntry>
}

/** No change. */
export const noChanges: LedgerChanges = {
  added: [],
  updated: [],
  removed: [],
  statements: [],
  balances: [],
  entries: [],
}

/** True when the changes change nothing. */
export const isEmptyChanges = (c: LedgerChanges): boolean =>
  c.added.length +
    c.updated.length +
    c.removed.length +
    c.statements.length +
    c.balances.length +
    c.entries.length ===
  0

/** Concatenates two sets of changes made one after the other (the second sees the first). */
export const concatChanges = (a: LedgerChanges, b: LedgerChanges): LedgerChanges => {
  if (isEmptyChanges(a)) return b
  if (isEmptyChanges(b)) return a
  // A movement added by `a` then updated by `b` is simply added in its updated form.
  const updatedById = new Map(b.updated.map((m) => [m.id, m]))
  const removed = new Set(b.removed)
  const added = a.added.filter((m) => !removed.has(m.id)).map((m) => updatedById.get(m.id) ?? m)
  const addedIds = new Set(added.map((m) => m.id))
  const updated = [
    ...a.updated.filter((m) => !updatedById.has(m.id) && !removed.has(m.id)),
    ...b.updated.filter((m) => !addedIds.has(m.id)),
  ]
  const aAdded = new Set(a.added.map((m) => m.id))
  return {
    added: [...added, ...b.added],
    updated,
    removed: [...a.removed, ...b.removed.filter((id) => !aAdded.has(id))],
    statements: [...a.statements, ...b.statements],
    balances: [...a.balances, ...b.balances],
    entries: [...a.entries, ...b.entries],
  }
}

/** The ledger after `changes`, version bumped when anything changed; its index follows. */
export const applyLedgerChanges = (ledger: AccountLedger, changes: LedgerChanges): AccountLedger => {
  if (isEmptyChanges(changes)) return ledger
  const movements = new Map(ledger.movements)
  const index = ledger.index
  let aliases: Map<string, string> | null = null
  let awaiting: Set<string> | null = null
  let connections: Set<string> | null = null
  let pendingCount = index.pendingCount
  const isPending = (m: LedgerMovement | undefined): boolean =>
    m !== undefined && m.state === 'active' && m.status === 'pending'
  const forget = (old: LedgerMovement | undefined): void => {
    if (old === undefined) return
    if (isPending(old)) pendingCount--
    if (old.aliases.length > 0) {
      aliases ??= new Map(index.aliases)
      for (const a of old.aliases) if (aliases.get(a) === old.id) aliases.delete(a)
    }
    if (index.awaitingEntry.has(old.id) || awaiting?.has(old.id) === true) {
      awaiting ??= new Set(index.awaitingEntry)
      awaiting.delete(old.id)
    }
  }
  const remember = (m: LedgerMovement): void => {
    if (isPending(m)) pendingCount++
    if (m.aliases.length > 0) {
      aliases ??= new Map(index.aliases)
      for (const a of m.aliases) aliases.set(a, m.id)
    }
    if (awaitsEntry(m)) {
      awaiting ??= new Set(index.awaitingEntry)
      awaiting.add(m.id)
    }
    if (!(connections ?? index.connections).has(m.source.connectionId)) {
      connections ??= new Set(index.connections)
      connections.add(m.source.connectionId)
    }
  }
  for (const id of changes.removed) {
    forget(movements.get(id))
    movements.delete(id)
  }
  for (const m of [...changes.updated, ...changes.added]) {
    forget(movements.get(m.id))
    movements.set(m.id, m)
    remember(m)
  }
  return {
    ...ledger,
    version: ledger.version + 1,
    movements,
    statements:
      changes.statements.length === 0 ? ledger.statements : [...ledger.statements, ...changes.statements],
    balances: changes.balances.length === 0 ? ledger.balances : [...ledger.balances, ...changes.balances],
    entries: changes.entries.length === 0 ? ledger.entries : [...ledger.entries, ...changes.entries],
    index: {
      aliases: aliases ?? index.aliases,
      awaitingEntry: awaiting ?? index.awaitingEntry,
      pendingCount,
      connections: connections ?? index.connections,
    },
  }
}

/** The active movements of a ledger, in ingestion order. */
export const activeMovements = (ledger: AccountLedger): ReadonlyArray<LedgerMovement> =>
  [...ledger.movements.values()].filter((m) => m.state === 'active')
