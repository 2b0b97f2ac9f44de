import { E } from '../fp.js'
import type { Either } from '../fp.js'
import type { Dossier } from '../domain/dossier.js'
import { fiscalYearOf } from '../domain/fiscal-year.js'
import type { Journal } from '../domain/journal.js'
import type { LocalDate } from '../domain/local-date.js'
import { Dec } from '../domain/money.js'
import { awaitsEntry, withEntryId } from '../reconcile/ledger.js'
import { noChanges } from '../domain/ledger-records.js'
import type { AccountLedger } from '../reconcile/ledger.js'
import type { LedgerChanges, LedgerMovement } from '../domain/ledger-records.js'
import { chooseCounterpart } from './counterpart-rules.js'
import type { CompiledRules } from './counterpart-rules.js'
import type { EntryLine, JournalEntry } from '../domain/journal-entry.js'

/** How entries are shaped. */
export interface EntryGenerationOptions {
  readonly rules: CompiledRules
  /**
   * In footer (pied de page) mode: one net 512 line per entry (`net`, default), or two lines
   * "Total recettes" / "Total dépenses" (`receiptsAndPayments`), as Quadra's F5 does.
   */
  readonly footerStyle?: 'net' | 'receiptsAndPayments'
}

/** Why no entry at all can be generated for the account: its set-up is incomplete. */
export type EntryGenerationError =
  | { readonly _tag: 'NoGlAccount'; readonly bankAccountId: string }
  | { readonly _tag: 'NoBankJournal'; readonly bankAccountId: string; readonly glAccount: string }

/** A movement whose entry is refused; it stays waiting and is reported. */
export interface RefusedMovement {
  readonly movementId: string
  readonly date: LocalDate
  readonly reason: 'ClosedFiscalYear' | 'OutsideFiscalYears'
}

/** The entries generated, the ledger changes that record them, and the movements refused. */
export interface EntryGeneration {
  readonly entries: ReadonlyArray<JournalEntry>
  readonly changes: LedgerChanges
  readonly refused: ReadonlyArray<RefusedMovement>
}

const ZERO = new Dec(0)

/** The bank journal of a bank account: the bank journal whose counterpart is its 512 account. */
export const bankJournalOf = (
  dossier: Dossier,
  bankAccountId: string,
): Either<EntryGenerationError, { readonly journal: Journal; readonly glAccount: string }> => {
  const gl = dossier.glAccounts.find((g) => g.bankAccountId === bankAccountId)
  if (gl === undefined) return E.left({ _tag: 'NoGlAccount', bankAccountId })
  const journal =
    dossier.journals.find((j) => j.counterpartAccount === gl.number && j.type === 'bank') ??
    dossier.journals.find((j) => j.counterpartAccount === gl.number)
  return journal === undefined
    ? E.left({ _tag: 'NoBankJournal', bankAccountId, glAccount: gl.number })
    : E.right({ journal, glAccount: gl.number })
}

export { awaitsEntry }

// Usually already in order (new movements, in the order they came): then there is nothing to sort.
const isSortedBySeq = (ms: ReadonlyArray<LedgerMovement>): boolean => {
  for (let i = 1; i < ms.length; i++)
    if ((ms[i - 1] as LedgerMovement).seq > (ms[i] as LedgerMovement).seq) return false
  return true
}

const compact = (d: LocalDate): string => d.replaceAll('-', '')

/**
 * Generates the bank-journal entries of the movements that have none: money in debits the 512 and
 * credits the counterpart, money out the reverse. Footer mode groups a statement's movements of one
 * booking date in one entry balanced by one (or two) 512 lines; per-line mode gives each movement its
 * entry. Counterparts come from the ordered rules, else the waiting account; lines keep the raw bank
 * label and link to their movement. A movement gets an entry at most once; one dated in a closed
 * fiscal year, or in none, is refused and keeps waiting.
 *
 * With `after` (an ingestion's changes, not applied yet), generation sees the ledger as those changes
 * will leave it, without applying them: `concatChanges(after, result.changes)` then records both in
 * one commit. That is what a sync with automatic entries does.
 */
export const generateEntries = (
  dossier: Dossier,
  ledger: AccountLedger,
  options: EntryGenerationOptions,
  after: LedgerChanges = noChanges,
): Either<EntryGenerationError, EntryGeneration> => {
  const found = bankJournalOf(dossier, ledger.bankAccountId)
  if (E.isLeft(found)) return found
  const { journal, glAccount } = found.right
  const mode = journal.counterpartMode ?? 'footer'
  const refused: RefusedMovement[] = []
  const groups: LedgerMovement[][] = []
  const footerGroups = new Map<string | null, Map<LocalDate, LedgerMovement[]>>()
  const consider = (m: LedgerMovement | null | undefined): void => {
    if (m === undefined || m === null || !awaitsEntry(m)) return
    const year = fiscalYearOf(dossier.fiscalYears, m.bookingDate)
    if (year === undefined || year.closed) {
      refused.push({
        movementId: m.id,
        date: m.bookingDate,
        reason: year === undefined ? 'OutsideFiscalYears' : 'ClosedFiscalYear',
      })
      return
    }
    if (mode === 'perLine') {
      groups.push([m])
      return
    }
    // Footer: one entry per statement and booking date. Nested maps keyed by the movement's own
    // strings: no key to build per movement.
    let byDate = footerGroups.get(m.statementId)
    if (byDate === undefined) footerGroups.set(m.statementId, (byDate = new Map()))
    const group = byDate.get(m.bookingDate)
    if (group === undefined) {
      const created = [m]
      byDate.set(m.bookingDate, created)
      groups.push(created)
    } else group.push(m)
  }
  // The index lists the waiting movements: the cost follows them, not the account's history. The
  // movements `after` changes are seen in their changed form, as applyLedgerChanges would leave them.
  // Taken in ingestion order (`seq`), whatever order the index or a store lists them in: the groups,
  // their first movement (hence the entry ids) and the lines' order follow the bank's.
  const candidates: Array<LedgerMovement | null | undefined> = []
  const waiting = ledger.index.awaitingEntry
  if (waiting.size > 0) {
    const changed = new Map<string, LedgerMovement | null>()
    for (const id of after.removed) changed.set(id, null)
    for (const m of after.updated) changed.set(m.id, m)
    for (const m of after.added) changed.set(m.id, m)
    waiting.forEach((id) => {
      const m = changed.get(id)
      candidates.push(m === undefined ? ledger.movements.get(id) : m)
    })
    for (const list of [after.updated, after.added])
      for (const m of list) if (!waiting.has(m.id) && changed.get(m.id) === m) candidates.push(m)
  } else {
    for (const m of after.updated) candidates.push(m)
    for (const m of after.added) candidates.push(m)
  }
  const ordered = candidates.filter((m): m is LedgerMovement => m !== undefined && m !== null)
  if (!isSortedBySeq(ordered)) ordered.sort((a, b) => a.seq - b.seq)
  ordered.forEach(consider)

  const entries: JournalEntry[] = []
  const updated: LedgerMovement[] = []
  for (const movements of groups) {
    const first = movements[0] as LedgerMovement
    const id = `e:${ledger.dossierCode}:${ledger.bankAccountId}:${first.bookingDate}:${first.id}`
    const lines: EntryLine[] = []
    let receipts = ZERO
    let payments = ZERO
    for (const m of movements) {
      const choice = chooseCounterpart(options.rules, m)
      const amount = m.amount.amount
      // Zero amounts never wait for an entry: the sign alone says which side.
      const isIn = amount.isPositive()
      const abs = isIn ? amount : amount.negated()
      const link = { movementId: m.id, statementId: m.statementId }
      lines.push({
        account: choice.account,
        auxiliary: choice.auxiliary,
        label: choice.label ?? m.label,
        debit: isIn ? ZERO : abs,
        credit: isIn ? abs : ZERO,
        movement: link,
      })
      if (mode === 'perLine')
        lines.push({
          account: glAccount,
          auxiliary: null,
          label: m.label,
          debit: isIn ? abs : ZERO,
          credit: isIn ? ZERO : abs,
          movement: link,
        })
      if (isIn) receipts = receipts.plus(abs)
      else payments = payments.plus(abs)
      updated.push(withEntryId(m, id))
    }
    if (mode === 'footer') {
      if (options.footerStyle === 'receiptsAndPayments') {
        if (!receipts.isZero())
          lines.push({
            account: glAccount,
            auxiliary: null,
            label: 'Total recettes',
            debit: receipts,
            credit: ZERO,
            movement: null,
          })
        if (!payments.isZero())
          lines.push({
            account: glAccount,
            auxiliary: null,
            label: 'Total dépenses',
            debit: ZERO,
            credit: payments,
            movement: null,
          })
      } else {
        const net = receipts.minus(payments)
        if (!net.isZero())
          lines.push({
            account: glAccount,
            auxiliary: null,
            label: `Relevé du ${first.bookingDate.slice(8, 10)}/${first.bookingDate.slice(5, 7)}/${first.bookingDate.slice(0, 4)}`,
            debit: net.isPositive() ? net : ZERO,
            credit: net.isNegative() ? net.abs() : ZERO,
            movement: null,
          })
      }
    }
    entries.push({
      id,
      dossierCode: ledger.dossierCode,
      bankAccountId: ledger.bankAccountId,
      journalCode: journal.code,
      journalLabel: journal.label,
      date: first.bookingDate,
      pieceRef:
        mode === 'perLine' && first.reference !== null && first.reference.trim() !== ''
          ? first.reference.trim()
          : `RLV${compact(first.bookingDate)}`,
      pieceDate: first.bookingDate,
      label: mode === 'perLine' ? first.label : `Relevé ${journal.code} du ${first.bookingDate}`,
      currency: ledger.currency,
      lines,
      validatedOn: null,
    })
  }
  return E.right({
    entries,
    refused,
    changes: { added: [], updated, removed: [], statements: [], balances: [], entries },
  })
}
