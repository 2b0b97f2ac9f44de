import { addDays, daysBetween } from '../domain/local-date.js'
import type { LocalDate } from '../domain/local-date.js'
import type { BalanceSnapshot, BankStatement, Movement } from '../domain/statement.js'
import type { FeedItem } from '../domain/feed.js'
import type { IngestionDecision } from '../domain/ingestion-decision.js'
import type { AccountLedger } from './ledger.js'
import type {
  LedgerChanges,
  LedgerMovement,
  LedgerStatement,
  MovementSource,
  RecordedBalance,
} from '../domain/ledger-records.js'
import { contentId, contentKey, labelSimilarity, providerKey, usableProviderId } from './movement-identity.js'
import { makeLedgerMovement } from './ledger.js'
import {
  closingPoint,
  openingPoint,
  placeStatement,
  sameBalancePoint,
  statementId,
} from './statement-chain.js'

/** How ingestion matches; every window is bounded so a decision can always be explained. */
export interface IngestionSettings {
  /** Movements booked before this day are ignored and reported; `null`: none. */
  readonly startDate: LocalDate | null
  /** How many days a booked movement may be dated after (or before) its pending twin. Default 7. */
  readonly pendingWindowDays: number
  /** Cross-source duplicates: dates at most this many days apart. Default 3. */
  readonly crossSourceWindowDays: number
  /** Cross-source duplicates: labels at least this alike (0–1, shared words), unless references agree. Default 0.3. */
  readonly crossSourceMinSimilarity: number
}

/** The defaults of {@link IngestionSettings}. */
export const defaultIngestionSettings = (startDate: LocalDate | null): IngestionSettings => ({
  startDate,
  pendingWindowDays: 7,
  crossSourceWindowDays: 3,
  crossSourceMinSimilarity: 0.3,
})

/** Decisions for each incoming item, and the ledger changes they make. */
export interface IngestionResult {
  readonly decisions: ReadonlyArray<IngestionDecision>
  readonly changes: LedgerChanges
}

const sameMovement = (a: Movement, b: Movement): boolean =>
  a.status === b.status &&
  a.bookingDate === b.bookingDate &&
  a.valueDate === b.valueDate &&
  a.amount.amount.equals(b.amount.amount) &&
  a.label === b.label &&
  a.reference === b.reference &&
  a.counterpartyName === b.counterpartyName

/**
 * The working state of one ingestion: an overlay on the ledger (what this batch added, changed or
 * removed) plus the indexes the matchers need, updated as items are decided so later items of the
 * same batch see earlier ones. Nothing is copied from the ledger: its index answers the common
 * questions, and the content and amount indexes are built only when a matcher needs them.
 */
interface WorkingState {
  readonly base: AccountLedger
  /** Movements added or changed by this batch. */
  readonly local: Map<string, LedgerMovement>
  readonly removedIds: Set<string>
  /** Aliases created by this batch (the ledger's own are in its index). */
  readonly aliases: Map<string, string>
  /** Amount (decimal string) → ids of pending movements, for the pending matcher; built on first use. */
  pendingByAmount: Map<string, string[]> | null
  /** Booking date → ids of the movements this batch added or changed, to complement the ledger's. */
  readonly localByDate: Map<LocalDate, string[]>
  /**
   * Per booking date, amount (decimal string) → ids: built for a day the first time a matcher reads
   * it, so a busy day is scanned once per batch, not once per incoming movement.
   */
  readonly dayAmounts: Map<LocalDate, Map<string, string[]>>
  /** Whether the pending matcher can find anything at all. */
  hasPending: boolean
  /** Amount → ids of movements deleted after their entry, for re-creations; built on first use. */
  reviewByAmount: Map<string, string[]> | null
  /** Whether a re-created movement can find anything to take over. */
  hasReview: boolean
  /** Whether another connection delivered movements here (cross-source matching). */
  readonly otherConnections: boolean
  readonly added: Map<string, LedgerMovement>
  readonly updated: Map<string, LedgerMovement>
  readonly removed: Set<string>
}

const get = (w: WorkingState, id: string): LedgerMovement | undefined =>
  w.local.get(id) ?? (w.removedIds.has(id) ? undefined : w.base.movements.get(id))

/** The movement a key denotes, directly or through an alias, as this batch sees it. */
const resolve = (w: WorkingState, key: string): LedgerMovement | undefined => {
  const target = w.aliases.get(key) ?? w.base.index.aliases.get(key)
  // An alias whose movement this batch removed (a late pending copy merged into a booked movement
  // since deleted) no longer denotes anything: the key itself may name a movement again.
  const aliased = target === undefined ? undefined : get(w, target)
  return aliased ?? get(w, key)
}

const amountKey = (m: Movement): string => m.amount.amount.toFixed()

/** Amount → ids of the movements of one day, as this batch sees them; built on first use. */
const dayIndex = (w: WorkingState, d: LocalDate): Map<string, string[]> => {
  let index = w.dayAmounts.get(d)
  if (index === undefined) {
    index = new Map()
    for (const list of [w.base.index.byDate.get(d), w.localByDate.get(d)])
      if (list !== undefined)
        for (const id of list) {
          const m = get(w, id)
          if (m !== undefined) addByAmount(index, m)
        }
    w.dayAmounts.set(d, index)
  }
  return index
}

/**
 * Ids of the movements of `m`'s amount booked within `window` days of it, as this batch sees them
 * (callers check each candidate's current version): a few days of the ledger's by-date index plus
 * this batch's own, instead of the account's history.
 */
const idsAround = (w: WorkingState, m: Movement, window: number): string[] => {
  const amount = amountKey(m)
  const ids: string[] = []
  for (let k = -window; k <= window; k++) {
    const found = dayIndex(w, addDays(m.bookingDate, k)).get(amount)
    if (found !== undefined) for (const id of found) ids.push(id)
  }
  return ids
}

const addByAmount = (index: Map<string, string[]>, m: LedgerMovement): void => {
  const amount = amountKey(m)
  const list = index.get(amount)
  if (list === undefined) index.set(amount, [m.id])
  else list.push(m.id)
}

// Only the ledger's pending movements, which its index lists: the cost follows them, not the history.
const pendingByAmountOf = (w: WorkingState): Map<string, string[]> => {
  if (w.pendingByAmount === null) {
    const index = new Map<string, string[]>()
    for (const id of w.base.index.pending) {
      const m = get(w, id)
      if (m !== undefined) addByAmount(index, m)
    }
    for (const m of w.local.values()) if (m.status === 'pending') addByAmount(index, m)
    w.pendingByAmount = index
  }
  return w.pendingByAmount
}

// Only the ledger's movements deleted after their entry, which its index lists (usually none).
const reviewByAmountOf = (w: WorkingState): Map<string, string[]> => {
  if (w.reviewByAmount === null) {
    const index = new Map<string, string[]>()
    for (const id of w.base.index.deletedWithEntry) {
      const m = get(w, id)
      if (m !== undefined) addByAmount(index, m)
    }
    for (const m of w.local.values()) if (m.state === 'deletedNeedsReview') addByAmount(index, m)
    w.reviewByAmount = index
  }
  return w.reviewByAmount
}

const indexMovement = (w: WorkingState, m: LedgerMovement): void => {
  for (const alias of m.aliases) w.aliases.set(alias, m.id)
  if (m.state === 'deletedNeedsReview') {
    w.hasReview = true
    if (w.reviewByAmount !== null) addByAmount(w.reviewByAmount, m)
  }
  if (m.status === 'pending') {
    w.hasPending = true
    if (w.pendingByAmount !== null) addByAmount(w.pendingByAmount, m)
  }
  if (m.state === 'active') {
    const day = w.localByDate.get(m.bookingDate)
    if (day === undefined) w.localByDate.set(m.bookingDate, [m.id])
    else day.push(m.id)
    const built = w.dayAmounts.get(m.bookingDate)
    if (built !== undefined) addByAmount(built, m)
  }
}

const workingStateOf = (ledger: AccountLedger, source: MovementSource): WorkingState => {
  let otherConnections = false
  for (const c of ledger.index.connections) if (c !== source.connectionId) otherConnections = true
  return {
    base: ledger,
    local: new Map(),
    removedIds: new Set(),
    aliases: new Map(),
    pendingByAmount: null,
    localByDate: new Map(),
    dayAmounts: new Map(),
    hasPending: ledger.index.pendingCount > 0,
    reviewByAmount: null,
    hasReview: ledger.index.deletedWithEntry.size > 0,
    otherConnections,
    added: new Map(),
    updated: new Map(),
    removed: new Set(),
  }
}

const put = (w: WorkingState, m: LedgerMovement, isNew: boolean): void => {
  w.local.set(m.id, m)
  w.removedIds.delete(m.id)
  if (isNew) w.added.set(m.id, m)
  else if (w.added.has(m.id)) w.added.set(m.id, m)
  else w.updated.set(m.id, m)
}

const remove = (w: WorkingState, id: string): void => {
  const m = get(w, id)
  if (m === undefined) return
  w.local.delete(id)
  if (w.added.has(id)) {
    w.added.delete(id)
    // Added under an id this batch had removed from the ledger (a deleted pending sent again): the
    // ledger's version stays removed, or the next look-up would see it again.
    if (w.removed.has(id)) w.removedIds.add(id)
  } else {
    w.removedIds.add(id)
    w.updated.delete(id)
    w.removed.add(id)
  }
}

// One empty list for the movements that have no aliases (nearly all): nothing to allocate per line.
const NO_KEYS: ReadonlyArray<string> = Object.freeze([])

const toLedgerMovement = (
  m: Movement,
  id: string,
  seq: number,
  source: MovementSource,
  statement: string | null,
  extra: {
    readonly replacedPendingId?: string
    readonly aliases?: ReadonlyArray<string>
    readonly pendingClaims?: ReadonlyArray<string>
  } = {},
): LedgerMovement =>
  makeLedgerMovement(m, {
    id,
    seq,
    source,
    statementId: statement,
    state: 'active',
    entryId: null,
    replacedPendingId: extra.replacedPendingId ?? null,
    aliases: extra.aliases ?? NO_KEYS,
    pendingClaims: extra.pendingClaims ?? NO_KEYS,
  })

/** How the lines of one incoming statement are matched: against the held lines of the span it overlaps. */
interface StatementLines {
  readonly statementId: string
  /** Content key → ledger ids of the held lines not yet matched by a line of this statement. */
  readonly held: Map<string, string[]>
  /** The held line at this line's place in the span, if the overlap says which. */
  readonly atPosition: string | null
}

interface Twin {
  readonly movement: LedgerMovement
  readonly dayGap: number
  readonly similarity: number
}

/**
 * Among the candidates, the active movement of `m`'s amount that `eligible` accepts, dated at most
 * `window` days from it and `alike` enough: the closest date wins, then the closest label. Every
 * matcher decides this way, so each decision can be explained by its day gap and similarity.
 */
const closestTwin = (
  w: WorkingState,
  candidates: ReadonlyArray<string>,
  m: Movement,
  window: number,
  eligible: (c: LedgerMovement) => boolean,
  alike: (c: LedgerMovement, similarity: number) => boolean = () => true,
  state: LedgerMovement['state'] = 'active',
): Twin | undefined => {
  let best: Twin | undefined
  for (const id of candidates) {
    const c = get(w, id)
    if (c === undefined || c.state !== state || !c.amount.amount.equals(m.amount.amount) || !eligible(c))
      continue
    const dayGap = Math.abs(daysBetween(c.bookingDate, m.bookingDate))
    if (dayGap > window) continue
    const similarity = labelSimilarity(c.label, m.label)
    if (!alike(c, similarity)) continue
    // Ties go to the movement that came first: the same choice whatever order candidates are read in.
    if (
      best === undefined ||
      dayGap < best.dayGap ||
      (dayGap === best.dayGap &&
        (similarity > best.similarity || (similarity === best.similarity && c.seq < best.movement.seq)))
    )
      best = { movement: c, dayGap, similarity }
  }
  return best
}

/** The pending twin a booked movement claims: same connection and amount, closest date, then closest label. */
const findPendingTwin = (
  w: WorkingState,
  m: Movement,
  source: MovementSource,
  settings: IngestionSettings,
): Twin | undefined =>
  w.hasPending
    ? closestTwin(
        w,
        pendingByAmountOf(w).get(amountKey(m)) ?? [],
        m,
        settings.pendingWindowDays,
        (c) => c.status === 'pending' && c.source.connectionId === source.connectionId,
      )
    : undefined

/**
 * The booked movement a late pending copy belongs to: same connection and amount, dates within the
 * pending window, not already the booked side of a pending twin; closest date, then closest label.
 * The mirror of {@link findPendingTwin}, so the order in which the two copies arrive does not matter.
 */
const findBookedTwin = (
  w: WorkingState,
  m: Movement,
  source: MovementSource,
  settings: IngestionSettings,
): Twin | undefined =>
  closestTwin(
    w,
    idsAround(w, m, settings.pendingWindowDays),
    m,
    settings.pendingWindowDays,
    (c) =>
      c.status === 'booked' && c.replacedPendingId === null && c.source.connectionId === source.connectionId,
  )

/**
 * The movement a booked one re-creates: the provider deleted a movement of this connection after it
 * produced its entry and sends it again under a new id (Bridge does). Same amount, dates within the
 * pending window; closest date, then closest label.
 */
const findDeletedTwin = (
  w: WorkingState,
  m: Movement,
  source: MovementSource,
  settings: IngestionSettings,
): Twin | undefined =>
  w.hasReview
    ? closestTwin(
        w,
        reviewByAmountOf(w).get(amountKey(m)) ?? [],
        m,
        settings.pendingWindowDays,
        (c) => c.status === 'booked' && c.source.connectionId === source.connectionId,
        undefined,
        'deletedNeedsReview',
      )
    : undefined

/**
 * The movement a deletion's re-creation already is: the provider deleted a booked movement with an
 * entry, and the same batch (or an earlier one, before any entry) brought it under a new id. Same
 * connection and amount, booked, with a provider id, no entry yet, dates within the pending window.
 */
const findRecreation = (
  w: WorkingState,
  deleted: LedgerMovement,
  source: MovementSource,
  settings: IngestionSettings,
): Twin | undefined =>
  closestTwin(
    w,
    idsAround(w, deleted, settings.pendingWindowDays),
    deleted,
    settings.pendingWindowDays,
    (c) =>
      c.id !== deleted.id &&
      c.status === 'booked' &&
      c.entryId === null &&
      c.source.connectionId === source.connectionId &&
      c.id.startsWith(`p:${source.connectionId}:`),
  )

/**
 * A movement of another connection that this one is a copy of: same amount, dates within the window,
 * labels alike (or equal references), not already claimed by a delivery of this connection.
 */
const findCrossSourceTwin = (
  w: WorkingState,
  m: Movement,
  source: MovementSource,
  settings: IngestionSettings,
): Twin | undefined => {
  if (!w.otherConnections) return undefined
  const prefixes = [`p:${source.connectionId}:`, `c:${source.connectionId}:`]
  // Each movement of another connection stands for one booked movement of this one and its pending
  // copy: a booked delivery claims it unless a booked one of this connection did, a pending one unless
  // a pending one did — so pending and booked copies meet there, in whichever order they come.
  const ours = (a: string): boolean => prefixes.some((p) => a.startsWith(p))
  const claimedHere = (c: LedgerMovement): boolean =>
    m.status === 'booked'
      ? c.aliases.some((a) => ours(a) && !c.pendingClaims.includes(a))
      : c.pendingClaims.some(ours)
  return closestTwin(
    w,
    idsAround(w, m, settings.crossSourceWindowDays),
    m,
    settings.crossSourceWindowDays,
    (c) => c.source.connectionId !== source.connectionId && !claimedHere(c),
    (c, similarity) =>
      similarity >= settings.crossSourceMinSimilarity ||
      (m.reference !== null && m.reference !== '' && m.reference === c.reference),
  )
}

/**
 * Decides each incoming item of one bank account against its ledger: new, duplicate (by provider id,
 * or by content counting occurrences), updated, pending claimed by its booked twin, deleted, before the
 * start date, copy of another connection's movement, or refused for its currency. Pure: the ledger is
 * not touched; the result says what to change.
 */
export const ingest = (
  ledger: AccountLedger,
  source: MovementSource,
  items: ReadonlyArray<FeedItem>,
  settings: IngestionSettings,
): IngestionResult => {
  const w = workingStateOf(ledger, source)
  const decisions: IngestionDecision[] = []
  const statements: LedgerStatement[] = []
  const balances: RecordedBalance[] = []
  const knownStatements = new Set(ledger.statements.map((s) => s.id))
  // Content occurrences delivered so far in this batch, per content key, for movements without ids.
  const batchOccurrences = new Map<string, number>()

  const startDate = settings.startDate
  // New movements take the next places of the ledger's ingestion order.
  let nextSeq = ledger.nextSeq
  const newSeq = (): number => nextSeq++

  /**
   * A movement under a new id that re-creates one deleted after its entry: it takes over that one's
   * identity (its key becomes an alias) and entry, instead of being booked a second time.
   */
  const takeOver = (
    m: Movement,
    id: string,
    seq: number,
    statement: string | null,
    deleted: LedgerMovement,
    dayGap: number,
    own: Pick<LedgerMovement, 'aliases' | 'replacedPendingId'> = { aliases: [], replacedPendingId: null },
  ): LedgerMovement => {
    remove(w, deleted.id)
    const created = makeLedgerMovement(
      m,
      {
        id,
        seq,
        source,
        statementId: statement,
        state: 'active',
        entryId: deleted.entryId,
        replacedPendingId: own.replacedPendingId ?? deleted.replacedPendingId,
        aliases: [...own.aliases, deleted.id, ...deleted.aliases],
        pendingClaims: deleted.pendingClaims,
      },
      deleted.entryId,
    )
    indexMovement(w, created)
    decisions.push({
      _tag: 'RecreatedByProvider',
      movement: created,
      replacedId: deleted.id,
      entryId: deleted.entryId as string,
      dayGap,
      needsReview: deleted.bookingDate !== m.bookingDate,
    })
    return created
  }

  /** Adds a new movement unless it is a copy from another connection; returns its ledger id. */
  const addNew = (m: Movement, id: string, statement: string | null): string => {
    if (w.hasReview && m.status === 'booked' && id.startsWith('p:')) {
      const deleted = findDeletedTwin(w, m, source, settings)
      if (deleted !== undefined) {
        put(w, takeOver(m, id, newSeq(), statement, deleted.movement, deleted.dayGap), true)
        return id
      }
    }
    const twin = findCrossSourceTwin(w, m, source, settings)
    if (twin !== undefined) {
      const c = twin.movement
      const aliased: LedgerMovement = {
        ...c,
        aliases: [...c.aliases, id],
        pendingClaims: m.status === 'pending' ? [...c.pendingClaims, id] : c.pendingClaims,
      }
      put(w, aliased, false)
      w.aliases.set(id, twin.movement.id)
      decisions.push({
        _tag: 'CrossSourceDuplicate',
        matchedId: twin.movement.id,
        matchedConnectionId: twin.movement.source.connectionId,
        dayGap: twin.dayGap,
        labelSimilarity: Math.round(twin.similarity * 100) / 100,
        bookingDate: m.bookingDate,
        amount: m.amount,
      })
      return twin.movement.id
    }
    const created = toLedgerMovement(m, id, newSeq(), source, statement)
    indexMovement(w, created)
    put(w, created, true)
    decisions.push({ _tag: 'New', movement: created })
    return id
  }

  /**
   * Adds a movement not matched by id or content: a booked one first claims its pending twin (which
   * goes, leaving its keys as aliases), else it is new — or a copy of another connection's movement.
   */
  const addBooked = (m: Movement, id: string, statement: string | null): string => {
    if (m.status === 'pending') {
      // A pending copy arriving after its booked twin (same sync page, or a provider late to delete
      // it) is that movement: counted once, its key kept as an alias, as if it had come first.
      const late = findBookedTwin(w, m, source, settings)
      if (late !== undefined) {
        const b = late.movement
        put(w, makeLedgerMovement(b, { ...b, replacedPendingId: id, aliases: [...b.aliases, id] }), false)
        w.aliases.set(id, b.id)
        decisions.push({ _tag: 'PendingAlreadyBooked', pendingId: id, movementId: b.id, dayGap: late.dayGap })
        return b.id
      }
    }
    const twin = m.status === 'booked' ? findPendingTwin(w, m, source, settings) : undefined
    if (twin === undefined) return addNew(m, id, statement)
    remove(w, twin.movement.id)
    const created = toLedgerMovement(m, id, newSeq(), source, statement, {
      replacedPendingId: twin.movement.id,
      aliases: [twin.movement.id, ...twin.movement.aliases],
      pendingClaims: twin.movement.pendingClaims,
    })
    indexMovement(w, created)
    put(w, created, true)
    decisions.push({
      _tag: 'PendingBooked',
      pendingId: twin.movement.id,
      movement: created,
      dayGap: twin.dayGap,
    })
    return id
  }

  /** A movement the provider identifies; returns its ledger id. */
  const ingestIdentified = (m: Movement, pid: string, statement: string | null): string => {
    const key = providerKey(source, pid)
    const existing = resolve(w, key)
    if (existing !== undefined) {
      // Resolved through an alias (a pending copy since booked, a copy from another connection): the
      // movement belongs to the delivery that created it, and this copy changes nothing.
      if (existing.id !== key || sameMovement(existing, m)) {
        decisions.push({ _tag: 'DuplicateProviderId', movementId: existing.id })
        return existing.id
      }
      const after = makeLedgerMovement({ ...m, providerId: existing.providerId }, existing)
      const needsReview =
        existing.entryId !== null &&
        (existing.bookingDate !== m.bookingDate || !existing.amount.amount.equals(m.amount.amount))
      indexMovement(w, after)
      put(w, after, false)
      decisions.push({ _tag: 'UpdatedByProvider', before: existing, after, needsReview })
      return existing.id
    }
    return addBooked(m, key, statement)
  }

  /**
   * A movement without provider id: the `occurrence`-th line with its content in this delivery, the
   * same movement as the ledger's `occurrence`-th one with that content, if there is one. A line of a
   * statement (`lines`) is one of the held lines of the span it overlaps, while some of that content
   * remain; otherwise it is new and takes the next free occurrence.
   */
  const ingestByContent = (m: Movement, statement: string | null, lines: StatementLines | null): string => {
    const key = contentKey(m)
    if (lines !== null) {
      const heldId = lines.atPosition ?? lines.held.get(key)?.shift()
      if (heldId !== undefined) {
        decisions.push({ _tag: 'AlreadyHeld', movementId: heldId, statementId: lines.statementId })
        return heldId
      }
      // Occurrences of a content are few (identical lines of one day): probing them is cheap.
      let free = 1
      while (resolve(w, contentId(source, key, free)) !== undefined) free++
      return addBooked(m, contentId(source, key, free), statement)
    }
    const occurrence = (batchOccurrences.get(key) ?? 0) + 1
    batchOccurrences.set(key, occurrence)
    const id = contentId(source, key, occurrence)
    const existing = resolve(w, id)
    if (existing !== undefined) {
      decisions.push({ _tag: 'DuplicateContent', movementId: existing.id, occurrence })
      return existing.id
    }
    return addBooked(m, id, statement)
  }

  const ingestMovement = (
    m: Movement,
    statement: string | null,
    lines: StatementLines | null = null,
  ): string | null => {
    if (m.amount.currency !== ledger.currency) {
      decisions.push({
        _tag: 'CurrencyMismatch',
        expected: ledger.currency,
        received: m.amount.currency,
        what: 'movement',
        date: m.bookingDate,
      })
      return null
    }
    if (startDate !== null && m.bookingDate < startDate) {
      decisions.push({
        _tag: 'BeforeStartDate',
        providerId: m.providerId,
        bookingDate: m.bookingDate,
        amount: m.amount,
        label: m.label,
        startDate,
      })
      return null
    }
    const pid = usableProviderId(m.providerId)
    return pid === null ? ingestByContent(m, statement, lines) : ingestIdentified(m, pid, statement)
  }

  /** The statements this ingestion sees: the ledger's, with this batch's replacing theirs by id. */
  const heldStatements = (): ReadonlyArray<LedgerStatement> => {
    if (statements.length === 0) return ledger.statements
    const local = new Set(statements.map((x) => x.id))
    return ledger.statements.filter((x) => !local.has(x.id)).concat(statements)
  }

  /**
   * A statement taken, when it came, for another cut of held ones may turn out, once `s` sits next
   * to it, to continue the chain instead: a day's third part delivered before its second, whose
   * lines repeat the end of the first (a direct debit, its rejection, and the debit presented again).
   * Placed again beside `s`, what it holds that is no held line any more is new.
   */
  const replaceNeighbours = (s: BankStatement): void => {
    const all = heldStatements()
    for (const z of all) {
      if (z.source.connectionId !== source.connectionId) continue
      const touches =
        sameBalancePoint(openingPoint(z.statement), closingPoint(s)) ||
        sameBalancePoint(closingPoint(z.statement), openingPoint(s))
      if (!touches) continue
      const borrowed = z.movementIds.flatMap((mid, j) => {
        if (mid === null) return []
        const m = resolve(w, mid)
        return m !== undefined &&
          m.statementId !== null &&
          m.statementId !== z.id &&
          m.statementId.startsWith(`s:${source.connectionId}:`)
          ? [j]
          : []
      })
      if (borrowed.length === 0) continue
      const again = placeStatement(
        all.filter((x) => x.id !== z.id),
        source,
        z.statement,
        contentKey,
      )
      if (again._tag !== 'Fresh') continue
      const fresh: StatementLines = { statementId: z.id, held: new Map(), atPosition: null }
      const movementIds = [...z.movementIds]
      for (const j of borrowed) {
        const line = z.statement.movements[j]
        if (line !== undefined) movementIds[j] = ingestMovement(line, z.id, fresh)
      }
      const replaced: LedgerStatement = { ...z, movementIds }
      const at = statements.findIndex((x) => x.id === z.id)
      if (at >= 0) statements[at] = replaced
      else statements.push(replaced)
      decisions.push({ _tag: 'StatementReplaced', statementId: z.id, newLines: borrowed.length })
    }
  }

  const ingestStatement = (s: BankStatement): void => {
    if (s.currency !== ledger.currency || s.movements.some((m) => m.amount.currency !== ledger.currency)) {
      // All or nothing: a statement with a foreign amount is refused whole.
      decisions.push({
        _tag: 'CurrencyMismatch',
        expected: ledger.currency,
        received: s.currency,
        what: 'statement',
        date: s.closingBalance.date,
      })
      return
    }
    const id = statementId(source, s)
    if (knownStatements.has(id)) {
      decisions.push({ _tag: 'StatementDuplicate', statementId: id })
      return
    }
    knownStatements.add(id)
    // Its place in the connection's balance chain says which lines are new: all of them when it
    // covers a span nothing held covers (even a line identical to an earlier one: two real
    // payments), only what the span lacks when it overlaps held statements (another cut of them).
    const placement = placeStatement(heldStatements(), source, s, contentKey)
    const held = new Map<string, string[]>()
    const byPosition = placement._tag === 'Overlap' ? placement.byPosition : new Map<number, string>()
    if (placement._tag === 'Overlap')
      for (const line of placement.heldLines) {
        const list = held.get(line.key)
        if (list === undefined) held.set(line.key, [line.movementId])
        else list.push(line.movementId)
      }
    const lines: StatementLines = { statementId: id, held, atPosition: null }
    const movementIds = s.movements.map((m, j) =>
      ingestMovement(m, id, { ...lines, atPosition: byPosition.get(j) ?? null }),
    )
    statements.push({ id, seq: newSeq(), source, statement: s, movementIds })
    replaceNeighbours(s)
    decisions.push({
      _tag: 'StatementRecorded',
      statementId: id,
      placement:
        placement._tag === 'Overlap'
          ? 'overlap'
          : placement.continues && placement.precedes
            ? 'between'
            : placement.continues
              ? 'continues'
              : placement.precedes
                ? 'precedes'
                : 'detached',
      overlaps: placement._tag === 'Overlap' ? placement.statementIds : [],
    })
  }

  const ingestBalance = (b: BalanceSnapshot): void => {
    if (b.amount.currency !== ledger.currency) {
      decisions.push({
        _tag: 'CurrencyMismatch',
        expected: ledger.currency,
        received: b.amount.currency,
        what: 'balance',
        date: b.date,
      })
      return
    }
    const same = (r: RecordedBalance) =>
      r.source.connectionId === source.connectionId &&
      r.balance.kind === b.kind &&
      r.balance.date === b.date &&
      r.balance.amount.amount.equals(b.amount.amount)
    if (ledger.balances.some(same) || balances.some(same)) {
      decisions.push({ _tag: 'BalanceDuplicate', date: b.date })
      return
    }
    balances.push({ source, balance: b })
    decisions.push({ _tag: 'BalanceRecorded', date: b.date })
  }

  const ingestDeletion = (providerId: string): void => {
    const pid = usableProviderId(providerId)
    const key = pid === null ? undefined : providerKey(source, pid)
    const m = key === undefined ? undefined : resolve(w, key)
    if (m !== undefined && m.id !== key) {
      // Found through an alias: the deleted item was a copy merged into `m`, which stays.
      decisions.push({ _tag: 'DeletionOfMerged', providerId, movementId: m.id })
      return
    }
    if (m === undefined || m.state !== 'active') {
      decisions.push({ _tag: 'DeletionOfUnknown', providerId })
      return
    }
    if (m.entryId !== null && m.status === 'booked') {
      // Deleted and already re-created under a new id (same batch, or before any entry): that one
      // takes over this one's identity and entry.
      const recreation = findRecreation(w, m, source, settings)
      if (recreation !== undefined) {
        const r = recreation.movement
        put(w, takeOver(r, r.id, r.seq, r.statementId, m, recreation.dayGap, r), false)
        return
      }
      const flagged: LedgerMovement = { ...m, state: 'deletedNeedsReview' }
      indexMovement(w, flagged)
      put(w, flagged, false)
      decisions.push({ _tag: 'DeletedNeedsReview', movementId: m.id, entryId: m.entryId })
      return
    }
    remove(w, m.id)
    decisions.push({ _tag: 'Deleted', movementId: m.id, wasPending: m.status === 'pending' })
  }

  for (const item of items) {
    switch (item._tag) {
      case 'Statement':
        ingestStatement(item.statement)
        break
      case 'Movement':
        ingestMovement(item.movement, null)
        break
      case 'Deleted':
        ingestDeletion(item.providerId)
        break
      case 'Balance':
        ingestBalance(item.balance)
        break
    }
  }

  return {
    decisions,
    changes: {
      added: [...w.added.values()],
      updated: [...w.updated.values()],
      removed: [...w.removed],
      statements,
      balances,
      entries: [],
    },
  }
}
