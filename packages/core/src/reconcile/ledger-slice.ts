import type { CurrencyCode } from '../domain/currency.js'
import type { FeedItem } from '../domain/feed.js'
import type { LedgerMovement, LedgerStatement, MovementSource } from '../domain/ledger-records.js'
import { identityFamily } from '../domain/ledger-slice.js'
import type { DayRange, LedgerRecords, LedgerSlice, LedgerSliceRequest } from '../domain/ledger-slice.js'
import { addDays } from '../domain/local-date.js'
import type { LocalDate } from '../domain/local-date.js'
import type { Movement } from '../domain/statement.js'
import type { LedgerKey } from '../domain/store-records.js'
import type { IngestionSettings } from './ingest.js'
import { awaitsEntry } from './ledger.js'
import type { AccountLedger } from './ledger.js'
import { contentFamily, contentKey, providerKey, usableProviderId } from './movement-identity.js'

/**
 * How a sync reads a ledger: two small requests instead of the account's history. The first names
 * what the batch's items name (their identities, the days around their dates when the batch makes
 * the matchers read them, the statements and balances of their days); the second what only the
 * first answer reveals (the days around the incoming dates when the ledger holds another
 * connection's movements; the lines of the held statements next to an incoming one, which ingestion
 * may place again). {@link ledgerOfSlice} then builds the working ledger ingestion and entry
 * generation run against: they decide exactly as they would against the whole ledger.
 */

/** How many days around a date the matchers read: the widest of the twin windows. */
const windowOf = (settings: IngestionSettings): number =>
  Math.max(settings.pendingWindowDays, settings.crossSourceWindowDays)

/** Collects a request's parts, each once. */
interface RequestParts {
  readonly families: Set<string>
  readonly days: DayRange[]
  readonly statements: Map<string, DayRange & { readonly connectionId: string }>
  readonly balanceDays: Set<LocalDate>
}

const noParts = (): RequestParts => ({
  families: new Set(),
  days: [],
  statements: new Map(),
  balanceDays: new Set(),
})

const around = (date: LocalDate, window: number): DayRange => ({
  from: addDays(date, -window),
  to: addDays(date, window),
})

/** Adds a movement's identity family, and the days around it when the matchers will read them. */
const addMovement = (
  parts: RequestParts,
  source: MovementSource,
  m: Movement,
  window: number | null,
): void => {
  const pid = usableProviderId(m.providerId)
  parts.families.add(pid === null ? contentFamily(source, contentKey(m)) : providerKey(source, pid))
  if (window !== null) parts.days.push(around(m.bookingDate, window))
}

/**
 * Whether the batch itself sends the matchers to the days around its dates, whatever the ledger
 * holds: a pending copy looks there for its booked twin (same connection). A booked movement's
 * pending twin is among the open pending movements of every slice, a deletion's re-creation among
 * the movements awaiting an entry; so otherwise only the cross-source matcher reads days, and only
 * in a ledger that holds another connection's movements — which the first answer tells (see
 * {@link followUpRequest}). A file-only feed (booked statements, one connection) thus reads no day
 * of history.
 */
const batchReadsDays = (items: ReadonlyArray<FeedItem>): boolean =>
  items.some(
    (i) =>
      (i._tag === 'Movement' && i.movement.status === 'pending') ||
      (i._tag === 'Statement' && i.statement.movements.some((m) => m.status === 'pending')),
  )

/** Whether another connection ever delivered to the ledger: cross-source copies are then looked for. */
const holdsOtherConnection = (slice: LedgerSlice, source: MovementSource): boolean =>
  slice.connections.some((c) => c !== source.connectionId)

/** Each incoming movement of a batch, with nothing else. */
const incomingMovements = (items: ReadonlyArray<FeedItem>): ReadonlyArray<Movement> =>
  items.flatMap((i) =>
    i._tag === 'Movement' ? [i.movement] : i._tag === 'Statement' ? i.statement.movements : [],
  )

const addStatementSpan = (
  parts: RequestParts,
  connectionId: string,
  from: LocalDate,
  to: LocalDate,
): void => {
  const k = `${connectionId}|${from}|${to}`
  if (!parts.statements.has(k)) parts.statements.set(k, { connectionId, from, to })
}

/** Sorted, overlapping or adjacent ranges joined: a store reads each day once. */
export const mergeDayRanges = (ranges: ReadonlyArray<DayRange>): ReadonlyArray<DayRange> => {
  const sorted = [...ranges].sort((a, b) => a.from.localeCompare(b.from))
  const out: DayRange[] = []
  for (const r of sorted) {
    const last = out[out.length - 1]
    if (last !== undefined && r.from <= addDays(last.to, 1)) {
      if (r.to > last.to) out[out.length - 1] = { from: last.from, to: r.to }
    } else out.push(r)
  }
  return out
}

const requestOf = (key: LedgerKey, currency: CurrencyCode, parts: RequestParts): LedgerSliceRequest => ({
  key,
  currency,
  families: [...parts.families].sort(),
  days: mergeDayRanges(parts.days),
  statements: [...parts.statements.values()],
  balanceDays: [...parts.balanceDays].sort(),
})

/** The first request of a sync: what the items of one account's batch name. */
export const sliceRequestOf = (
  key: LedgerKey,
  currency: CurrencyCode,
  source: MovementSource,
  items: ReadonlyArray<FeedItem>,
  settings: IngestionSettings,
): LedgerSliceRequest => {
  const window = batchReadsDays(items) ? windowOf(settings) : null
  const parts = noParts()
  for (const item of items)
    switch (item._tag) {
      case 'Movement':
        addMovement(parts, source, item.movement, window)
        break
      case 'Statement': {
        const s = item.statement
        for (const m of s.movements) addMovement(parts, source, m, window)
        addStatementSpan(parts, source.connectionId, s.openingBalance.date, s.closingBalance.date)
        break
      }
      case 'Deleted': {
        const pid = usableProviderId(item.providerId)
        if (pid !== null) parts.families.add(providerKey(source, pid))
        break
      }
      case 'Balance':
        parts.balanceDays.add(item.balance.date)
        break
    }
  return requestOf(key, currency, parts)
}

/**
 * The second request of a sync, or `null` when the first answer suffices: the days around the
 * incoming movements when the ledger turns out to hold another connection's movements (the
 * cross-source window, which the first request leaves out unless the batch reads days itself); and,
 * for the held statements of this connection that meet the batch's statements, everything ingestion
 * needs to place them again beside an incoming one (their lines' identities and, when days are read,
 * days; the statements of their days) — a held statement may run weeks past the incoming one. A deletion needs nothing more: the
 * re-creation it may meet has no entry yet, and the movements awaiting an entry are in every slice.
 */
export const followUpRequest = (
  first: LedgerSlice,
  source: MovementSource,
  items: ReadonlyArray<FeedItem>,
  settings: IngestionSettings,
): LedgerSliceRequest | null => {
  const readsDays = batchReadsDays(items) || holdsOtherConnection(first, source)
  const window = readsDays ? windowOf(settings) : null
  const parts = noParts()
  let needed = false
  if (window !== null && !batchReadsDays(items)) {
    // Another connection's movements may be copies of the incoming ones: their days, now.
    for (const m of incomingMovements(items)) parts.days.push(around(m.bookingDate, window))
    needed = parts.days.length > 0
  }
  if (items.some((i) => i._tag === 'Statement'))
    for (const z of first.statements) {
      if (z.source.connectionId !== source.connectionId) continue
      for (const m of z.statement.movements) addMovement(parts, source, m, window)
      for (const id of z.movementIds) if (id !== null) parts.families.add(identityFamily(id))
      addStatementSpan(
        parts,
        source.connectionId,
        z.statement.openingBalance.date,
        z.statement.closingBalance.date,
      )
      needed = true
    }
  return needed ? requestOf(first.key, first.currency, parts) : null
}

/**
 * Two answers of one ledger put together, each record once. `ConcurrentUpdate` is the caller's to
 * detect: two answers of different versions do not describe one ledger.
 */
export const mergeSlices = (a: LedgerSlice, b: LedgerSlice): LedgerSlice => {
  const movements = new Map<string, LedgerMovement>()
  for (const m of a.movements) movements.set(m.id, m)
  for (const m of b.movements) movements.set(m.id, m)
  const statements = new Map<string, LedgerStatement>()
  for (const s of a.statements) statements.set(s.id, s)
  for (const s of b.statements) statements.set(s.id, s)
  const balances = [...a.balances]
  const seen = new Set(a.balances.map(balanceKey))
  for (const r of b.balances) if (!seen.has(balanceKey(r))) balances.push(r)
  return {
    ...a,
    connections: [...new Set([...a.connections, ...b.connections])],
    movements: [...movements.values()].sort((x, y) => x.seq - y.seq),
    statements: [...statements.values()].sort((x, y) => x.seq - y.seq),
    balances,
  }
}

const balanceKey = (r: LedgerSlice['balances'][number]): string =>
  `${r.source.connectionId}|${r.balance.kind}|${r.balance.date}|${r.balance.amount.amount.toFixed()}`

/**
 * The working ledger of a slice: its movements with the index ingestion and entry generation read
 * (aliases, pending, awaiting, deleted after their entry, by date), built from the slice alone.
 */
export const ledgerOfSlice = (slice: LedgerSlice): AccountLedger => {
  const movements = new Map<string, LedgerMovement>()
  const aliases = new Map<string, string>()
  const awaiting = new Set<string>()
  const pending = new Set<string>()
  const review = new Set<string>()
  const byDate = new Map<LocalDate, string[]>()
  for (const m of slice.movements) {
    movements.set(m.id, m)
    for (const a of m.aliases) aliases.set(a, m.id)
    if (awaitsEntry(m)) awaiting.add(m.id)
    if (m.state === 'active' && m.status === 'pending') pending.add(m.id)
    if (m.state === 'deletedNeedsReview') review.add(m.id)
    if (m.state === 'active') {
      const day = byDate.get(m.bookingDate)
      if (day === undefined) byDate.set(m.bookingDate, [m.id])
      else day.push(m.id)
    }
  }
  return {
    dossierCode: slice.key.dossierCode,
    bankAccountId: slice.key.bankAccountId,
    currency: slice.currency,
    version: slice.version,
    nextSeq: slice.nextSeq,
    movements,
    statements: slice.statements,
    balances: slice.balances,
    entries: [],
    index: {
      aliases,
      awaitingEntry: awaiting,
      pending,
      pendingCount: pending.size,
      deletedWithEntry: review,
      byDate,
      connections: new Set(slice.connections),
    },
  }
}

/** Which records of a ledger a request names: the definition every store answers by. */
export interface SliceSelection {
  readonly movement: (m: LedgerMovement) => boolean
  readonly statement: (s: LedgerStatement) => boolean
  readonly balance: (b: LedgerSlice['balances'][number]) => boolean
}

/** The selection a request makes (see {@link LedgerSliceRequest}). */
export const sliceSelection = (request: LedgerSliceRequest): SliceSelection => {
  const families = new Set(request.families)
  const inDays = (d: LocalDate): boolean => request.days.some((r) => r.from <= d && d <= r.to)
  const balanceDays = new Set(request.balanceDays)
  return {
    movement: (m) =>
      (m.state === 'active' && m.status === 'pending') ||
      m.state === 'deletedNeedsReview' ||
      awaitsEntry(m) ||
      (m.state === 'active' && inDays(m.bookingDate)) ||
      families.has(identityFamily(m.id)) ||
      m.aliases.some((a) => families.has(identityFamily(a))),
    statement: (s) =>
      request.statements.some(
        (r) =>
          r.connectionId === s.source.connectionId &&
          s.statement.openingBalance.date <= r.to &&
          s.statement.closingBalance.date >= r.from,
      ),
    balance: (b) => balanceDays.has(b.balance.date),
  }
}

/**
 * The slice of a whole ledger for a request, by reading every record: the reference a store's
 * answer is checked against (a store answers from its indexes).
 */
export const sliceOfRecords = (records: LedgerRecords, request: LedgerSliceRequest): LedgerSlice => {
  const select = sliceSelection(request)
  return {
    key: records.key,
    currency: records.currency,
    version: records.version,
    nextSeq: records.nextSeq,
    connections: records.connections,
    movements: records.movements.filter(select.movement),
    statements: records.statements.filter(select.statement),
    balances: records.balances.filter(select.balance),
  }
}

/** The records of an in-memory ledger, movements by `seq`. */
export const recordsOfLedger = (ledger: AccountLedger): LedgerRecords => ({
  key: { dossierCode: ledger.dossierCode, bankAccountId: ledger.bankAccountId },
  currency: ledger.currency,
  version: ledger.version,
  nextSeq: ledger.nextSeq,
  connections: [...ledger.index.connections],
  movements: [...ledger.movements.values()].sort((a, b) => a.seq - b.seq),
  statements: ledger.statements,
  balances: ledger.balances,
  entries: ledger.entries,
})
