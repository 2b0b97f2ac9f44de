import type { CurrencyCode } from '../domain/currency.js'
import type { LocalDate } from '../domain/local-date.js'
import type { Movement } from '../domain/statement.js'
import type { JournalEntry } from '../domain/journal-entry.js'
import type {
  LedgerChanges,
  LedgerMeta,
  LedgerMovement,
  LedgerStatement,
  RecordedBalance,
} from '../domain/ledger-records.js'
import { persistentMap, persistentSet } from './persistent-map.js'
import type { PersistentMap, PersistentSet } from './persistent-map.js'

/**
 * What ingestion and entry generation look up, kept up to date by {@link applyLedgerChanges} so that
 * deciding a batch costs in proportion to the batch, not to the account's history.
 */
export interface LedgerIndex {
  /** Alias keys (pending copies booked since, other connections' copies) → ledger id. */
  readonly aliases: ReadonlyMap<string, string>
  /** Ids of movements waiting for their entry, in ingestion order. */
  readonly awaitingEntry: ReadonlySet<string>
  /** Ids of the active pending movements, for the pending → booked matcher. */
  readonly pending: ReadonlySet<string>
  /** How many active pending movements there are. */
  readonly pendingCount: number
  /**
   * Ids of the movements the provider deleted after they produced entries (`deletedNeedsReview`):
   * one re-created under a new id takes over its identity and entry instead of being booked twice.
   */
  readonly deletedWithEntry: ReadonlySet<string>
  /**
   * Ids of the active movements by booking date, in ingestion order: the matchers that look for a
   * twin within a few days (pending and booked copies, other connections' copies) read a few days.
   */
  readonly byDate: ReadonlyMap<LocalDate, ReadonlyArray<string>>
  /** The connections that ever delivered movements here (kept when their movements go). */
  readonly connections: ReadonlySet<string>
}

const NONE: ReadonlyArray<never> = Object.freeze([])

/**
 * A ledger movement from a bank movement and its ledger facts. Fields are listed one by one: a spread
 * of the incoming object (which may carry extra properties) costs several times more on the ingestion
 * hot path and gives objects of varying shapes. `entryId` overrides the one in `meta`.
 */
export const makeLedgerMovement = (
  m: Movement,
  meta: LedgerMeta,
  entryId: string | null = meta.entryId,
): LedgerMovement => ({
  providerId: m.providerId,
  status: m.status,
  bookingDate: m.bookingDate,
  valueDate: m.valueDate,
  amount: m.amount,
  label: m.label,
  reference: m.reference,
  counterpartyName: m.counterpartyName,
  interbankCode: m.interbankCode,
  // Ledgers hold millions of movements: empty lists share one array.
  details: m.details.length === 0 ? NONE : m.details,
  id: meta.id,
  seq: meta.seq,
  source: meta.source,
  statementId: meta.statementId,
  state: meta.state,
  entryId,
  replacedPendingId: meta.replacedPendingId,
  aliases: meta.aliases.length === 0 ? NONE : meta.aliases,
  pendingClaims: meta.pendingClaims.length === 0 ? NONE : meta.pendingClaims,
})

/** The movement with its entry recorded. */
export const withEntryId = (m: LedgerMovement, entryId: string): LedgerMovement =>
  makeLedgerMovement(m, m, entryId)

/** True when a movement still waits for its entry. Zero amounts book nothing and never wait. */
export const awaitsEntry = (m: LedgerMovement): boolean =>
  m.state === 'active' && m.status === 'booked' && m.entryId === null && !m.amount.amount.isZero()

const isActivePending = (m: LedgerMovement): boolean => m.state === 'active' && m.status === 'pending'
const isDeletedWithEntry = (m: LedgerMovement): boolean => m.state === 'deletedNeedsReview'

/** Everything known of one bank account: the state ingestion decisions are taken against. */
export interface AccountLedger {
  readonly dossierCode: string
  readonly bankAccountId: string
  readonly currency: CurrencyCode
  /** Optimistic-concurrency version: a commit made from an older version is refused. */
  readonly version: number
  /** The `seq` the next new movement takes. */
  readonly nextSeq: number
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
  nextSeq: 1,
  movements: persistentMap(),
  statements: [],
  balances: [],
  entries: [],
  index: {
    aliases: persistentMap(),
    awaitingEntry: persistentSet(),
    pending: persistentSet(),
    pendingCount: 0,
    deletedWithEntry: persistentSet(),
    byDate: persistentMap(),
    connections: new Set(),
  },
})

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
  // A movement added by `a` then updated by `b` is simply added in its updated form. Loops rather
  // than chains of map/filter: this runs once per account and sync, on every new movement.
  const updatedById = new Map<string, LedgerMovement>()
  for (const m of b.updated) updatedById.set(m.id, m)
  const removed = new Set(b.removed)
  const aAdded = new Set<string>()
  const added: LedgerMovement[] = []
  for (const m of a.added) {
    aAdded.add(m.id)
    if (!removed.has(m.id)) added.push(updatedById.get(m.id) ?? m)
  }
  const kept = (id: string): boolean => aAdded.has(id) && !removed.has(id)
  const updated: LedgerMovement[] = []
  for (const m of a.updated) if (!updatedById.has(m.id) && !removed.has(m.id)) updated.push(m)
  for (const m of b.updated) if (!kept(m.id)) updated.push(m)
  for (const m of b.added) added.push(m)
  return {
    added,
    updated,
    removed: [...a.removed, ...b.removed.filter((id) => !aAdded.has(id))],
    statements: a.statements.concat(b.statements),
    balances: a.balances.concat(b.balances),
    entries: a.entries.concat(b.entries),
  }
}

/** The ledger after `changes`, version bumped when anything changed; its index follows. */
export const applyLedgerChanges = (ledger: AccountLedger, changes: LedgerChanges): AccountLedger => {
  if (isEmptyChanges(changes)) return ledger
  // Persistent structures: the cost follows the changes, and `ledger` stays as it was.
  const before = persistentMap(ledger.movements)
  const index = ledger.index
  const aliasesBefore = persistentMap(index.aliases)
  const awaitingBefore = persistentSet(index.awaitingEntry)
  const pendingBefore = persistentSet(index.pending)
  const reviewBefore = persistentSet(index.deletedWithEntry)
  // What this apply did so far, so that each change sees the earlier ones.
  const written = new Map<string, LedgerMovement>()
  const removedIds = new Set<string>()
  const aliasesSet = new Map<string, string>()
  const aliasesGone = new Set<string>()
  const awaiting = new Map<string, boolean>()
  const pending = new Map<string, boolean>()
  const review = new Map<string, boolean>()
  let connections: Set<string> | null = null
  const movementOf = (id: string): LedgerMovement | undefined =>
    written.get(id) ?? (removedIds.has(id) ? undefined : before.get(id))
  const aliasOf = (key: string): string | undefined =>
    aliasesSet.get(key) ?? (aliasesGone.has(key) ? undefined : aliasesBefore.get(key))
  // Per booking date: ids leaving and ids arriving.
  const days = new Map<LocalDate, DayChanges>()
  const dayOf = (d: LocalDate): DayChanges => {
    let day = days.get(d)
    if (day === undefined) days.set(d, (day = { out: null, into: [] }))
    return day
  }
  const forget = (old: LedgerMovement | undefined): void => {
    if (old === undefined) return
    if (old.state === 'active') (dayOf(old.bookingDate).out ??= new Set()).add(old.id)
    for (const a of old.aliases)
      if (aliasOf(a) === old.id) {
        aliasesSet.delete(a)
        aliasesGone.add(a)
      }
    // The index holds exactly the movements that await (or are pending): only those can leave it.
    if (awaitsEntry(old)) awaiting.set(old.id, false)
    if (isActivePending(old)) pending.set(old.id, false)
    if (isDeletedWithEntry(old)) review.set(old.id, false)
  }
  const remember = (m: LedgerMovement): void => {
    if (m.state === 'active') dayOf(m.bookingDate).into.push(m.id)
    for (const a of m.aliases) aliasesSet.set(a, m.id)
    if (awaitsEntry(m)) awaiting.set(m.id, true)
    if (isActivePending(m)) pending.set(m.id, true)
    if (isDeletedWithEntry(m)) review.set(m.id, true)
    if (!(connections ?? index.connections).has(m.source.connectionId)) {
      connections ??= new Set(index.connections)
      connections.add(m.source.connectionId)
    }
  }
  for (const id of changes.removed) {
    const old = movementOf(id)
    if (old === undefined) continue
    forget(old)
    written.delete(id)
    removedIds.add(id)
  }
  changes.updated.forEach((m) => {
    forget(movementOf(m.id))
    written.set(m.id, m)
    remember(m)
  })
  // Added movements are new to the ledger (that is what `added` means): no need to look for an older
  // version in the history, a lookup that misses the cache on large ledgers.
  changes.added.forEach((m) => {
    forget(written.get(m.id))
    written.set(m.id, m)
    remember(m)
  })
  const nextPending = updateMembers(pendingBefore, pending)
  return {
    ...ledger,
    version: ledger.version + 1,
    nextSeq: nextSeqAfter(ledger.nextSeq, changes),
    movements: before.update([...removedIds], written, true),
    statements: withStatements(ledger.statements, changes.statements),
    balances: changes.balances.length === 0 ? ledger.balances : ledger.balances.concat(changes.balances),
    entries: changes.entries.length === 0 ? ledger.entries : ledger.entries.concat(changes.entries),
    index: {
      aliases: aliasesBefore.update([...aliasesGone], aliasesSet, true),
      awaitingEntry: updateMembers(awaitingBefore, awaiting),
      pending: nextPending,
      pendingCount: nextPending.size,
      deletedWithEntry: review.size === 0 ? index.deletedWithEntry : updateMembers(reviewBefore, review),
      byDate: updateDays(persistentMap(index.byDate), days),
      connections: connections ?? index.connections,
    },
  }
}

/** The next free `seq` once `changes` are applied: past every movement and statement they hold. */
export const nextSeqAfter = (nextSeq: number, changes: LedgerChanges): number => {
  let next = nextSeq
  for (const m of changes.added) if (m.seq >= next) next = m.seq + 1
  for (const m of changes.updated) if (m.seq >= next) next = m.seq + 1
  for (const s of changes.statements) if (s.seq >= next) next = s.seq + 1
  return next
}

/**
 * The statements after recording `incoming`: appended, except that one with the id of a statement
 * already there replaces it (a statement placed again once a later one showed where it sits).
 */
const withStatements = (
  held: ReadonlyArray<LedgerStatement>,
  incoming: ReadonlyArray<LedgerStatement>,
): ReadonlyArray<LedgerStatement> => {
  if (incoming.length === 0) return held
  const latest = new Map<string, LedgerStatement>()
  for (const s of incoming) latest.set(s.id, s)
  let replaced = false
  const kept = held.map((s) => {
    const next = latest.get(s.id)
    if (next === undefined) return s
    replaced = true
    latest.delete(s.id)
    return next
  })
  return replaced || latest.size < incoming.length ? kept.concat([...latest.values()]) : held.concat(incoming)
}

/**
 * The by-date index after the day changes. A movement that leaves and comes back on the same day (an
 * update) keeps its place; others leave, or are appended.
 */
interface DayChanges {
  /** Ids leaving the day; `null` when none (the usual case), to allocate nothing. */
  out: Set<string> | null
  readonly into: string[]
}

const updateDays = (
  byDate: PersistentMap<LocalDate, ReadonlyArray<string>>,
  days: ReadonlyMap<LocalDate, DayChanges>,
): PersistentMap<LocalDate, ReadonlyArray<string>> => {
  if (days.size === 0) return byDate
  const removed: LocalDate[] = []
  const set = new Map<LocalDate, ReadonlyArray<string>>()
  days.forEach(({ out, into }, date) => {
    const before = byDate.get(date)
    if (out === null) {
      // Only arrivals (the usual case: new movements): they are new to the day.
      set.set(date, before === undefined ? into : before.concat(into))
      return
    }
    const staying = new Set(into)
    const kept = (before ?? []).filter((id) => !out.has(id) || staying.has(id))
    const present = new Set(kept)
    const after = kept.concat(into.filter((id) => !present.has(id)))
    if (after.length > 0) set.set(date, after)
    else if (before !== undefined) removed.push(date)
  })
  return byDate.update(removed, set, true)
}

/**
 * A set after per-member decisions (`true` in, `false` out). Members that stay keep their place; a
 * new one goes to the end.
 */
const updateMembers = <T>(set: PersistentSet<T>, decided: ReadonlyMap<T, boolean>): PersistentSet<T> => {
  const out: T[] = []
  const into: T[] = []
  decided.forEach((member, k) => {
    if (member !== set.has(k)) (member ? into : out).push(k)
  })
  return set.update(out, into)
}

/** The active movements of a ledger, in ingestion order. */
export const activeMovements = (ledger: AccountLedger): ReadonlyArray<LedgerMovement> =>
  [...ledger.movements.values()].filter((m) => m.state === 'active')
