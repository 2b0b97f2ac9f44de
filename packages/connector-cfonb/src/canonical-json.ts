import type { CfonbDiagnostic, CfonbSeverity } from './diagnostics.js'
import type { CfonbBalance, CfonbMovement, CfonbStatement } from './types.js'

/** A balance in canonical JSON. */
export interface CanonicalBalance {
  readonly date: string
  readonly amount: string
}

/** A `05` detail in canonical JSON. */
export interface CanonicalDetail {
  readonly qualifier: string
  readonly text: string
}

/** A movement in canonical JSON. */
export interface CanonicalMovement {
  readonly bookingDate: string
  readonly valueDate: string | null
  readonly amount: string
  readonly label: string
  readonly interbankCode: string
  readonly internalCode: string
  readonly rejectCode: string
  readonly entryNumber: string
  readonly reference: string
  readonly details: readonly CanonicalDetail[]
}

/** A statement in canonical JSON. */
export interface CanonicalStatement {
  readonly bankCode: string
  readonly branchCode: string
  readonly accountNumber: string
  readonly currency: string
  readonly openingBalance: CanonicalBalance
  readonly closingBalance: CanonicalBalance
  readonly movements: readonly CanonicalMovement[]
}

/** A diagnostic in canonical JSON (messages are left out: they are for people and may change). */
export interface CanonicalDiagnostic {
  readonly line: number
  readonly severity: CfonbSeverity
  readonly code: string
  readonly field?: string
}

/** The canonical JSON document: a stable, comparable projection of a parse. */
export interface CanonicalDocument {
  readonly statements: readonly CanonicalStatement[]
  readonly diagnostics: readonly CanonicalDiagnostic[]
}

const balance = (b: CfonbBalance): CanonicalBalance => ({ date: b.date, amount: b.amount.value })

const movement = (m: CfonbMovement): CanonicalMovement => ({
  bookingDate: m.bookingDate,
  valueDate: m.valueDate,
  amount: m.amount.value,
  label: m.label,
  interbankCode: m.interbankCode,
  internalCode: m.internalCode,
  rejectCode: m.rejectCode,
  entryNumber: m.entryNumber,
  reference: m.reference,
  details: m.details.map((d) => ({ qualifier: d.qualifier, text: d.text })),
})

const statement = (s: CfonbStatement): CanonicalStatement => ({
  bankCode: s.bankCode,
  branchCode: s.branchCode,
  accountNumber: s.accountNumber,
  currency: s.currency,
  openingBalance: balance(s.openingBalance),
  closingBalance: balance(s.closingBalance),
  movements: s.movements.map(movement),
})

const diagnosticJson = (d: CfonbDiagnostic): CanonicalDiagnostic =>
  d.field === undefined
    ? { line: d.line, severity: d.severity, code: d.code }
    : { line: d.line, severity: d.severity, code: d.code, field: d.field }

/**
 * Projects a parse (or merged statements with their diagnostics) to the canonical JSON document:
 * pure, key order fixed, ready for `JSON.stringify`.
 */
export const toCanonicalJson = (result: {
  readonly statements: readonly CfonbStatement[]
  readonly diagnostics: readonly CfonbDiagnostic[]
}): CanonicalDocument => ({
  statements: result.statements.map(statement),
  diagnostics: result.diagnostics.map(diagnosticJson),
})
