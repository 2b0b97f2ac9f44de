import type { CfonbDiagnosticCounts } from './diagnostic-counts.js'
import type { CfonbDiagnostic } from './diagnostics.js'

/** An exact decimal amount decoded from a CFONB zone (no binary floating point anywhere). */
export interface CfonbAmount {
  /** Decimal string with exactly `decimals` fraction digits, `-` for debits, zero unsigned: `-1480.37`. */
  readonly value: string
  /** Signed integer number of minor units: `value × 10^decimals`. */
  readonly minorUnits: bigint
  /** Number of decimals declared by the record (position 20), 0–3. */
  readonly decimals: number
}

/** A reserved zone that was not blank, kept raw (banks write text or dates there). */
export interface CfonbReservedZone {
  /** 1-based first position of the zone in the record. */
  readonly start: number
  /** 1-based last position (inclusive). */
  readonly end: number
  /** The zone's characters, untrimmed. */
  readonly text: string
}

/** An old (`01`) or new (`07`) balance record. */
export interface CfonbBalance {
  /** Source line (see {@link CfonbDiagnostic.line}). */
  readonly line: number
  /** Balance date, ISO `YYYY-MM-DD`. */
  readonly date: string
  readonly amount: CfonbAmount
  /** Non-blank reserved zones (8–11, 21, 33–34, 41–90, 105–120). */
  readonly reserved: readonly CfonbReservedZone[]
}

/** Fields shared by every `05` complement record. */
export interface CfonbDetailBase {
  /** Source line. */
  readonly line: number
  /** Positions 46–48 trimmed (may be empty). */
  readonly qualifier: string
  /** Positions 49–118 with trailing spaces removed. */
  readonly text: string
  /** Non-blank reserved zones (21, 41–45, 119–120). */
  readonly reserved: readonly CfonbReservedZone[]
}

/** A free-text qualifier: label (`LIB`), names (`NPY`, `NBE`, `NPO`, `NBU`), unstructured remittance (`LCC`, `LC2`). */
export interface CfonbTextDetail extends CfonbDetailBase {
  readonly kind: 'LIB' | 'NPY' | 'NBE' | 'NPO' | 'NBU' | 'LCC' | 'LC2'
}

/** A party identifier (49–83) and its type (84–118): payer `IPY`, beneficiary `IBE`, ultimate parties `IPO`/`IBU`. */
export interface CfonbPartyIdDetail extends CfonbDetailBase {
  readonly kind: 'IPY' | 'IBE' | 'IPO' | 'IBU'
  readonly identifier: string
  readonly identifierType: string
}

/** `LCS`: structured remittance information (creditor reference, 49–83). */
export interface CfonbStructuredRemittanceDetail extends CfonbDetailBase {
  readonly kind: 'LCS'
  readonly creditorReference: string
}

/** `RCN`: end-to-end reference (49–83) and payment purpose (84–118). */
export interface CfonbEndToEndDetail extends CfonbDetailBase {
  readonly kind: 'RCN'
  readonly endToEndReference: string
  readonly purpose: string
}

/** `REF`: remittance (payment information) reference (49–83) and instruction reference (84–118). */
export interface CfonbReferenceDetail extends CfonbDetailBase {
  readonly kind: 'REF'
  readonly remittanceReference: string
  readonly transactionReference: string
}

/** `CBE` beneficiary account or `CPY` payer account (49–83). */
export interface CfonbAccountDetail extends CfonbDetailBase {
  readonly kind: 'CBE' | 'CPY'
  readonly account: string
}

/** `RUM`: SEPA mandate reference (49–83) and sequence type (84–87: `OOFF`, `FRST`, `RCUR`, `FNAL`). */
export interface CfonbMandateDetail extends CfonbDetailBase {
  readonly kind: 'RUM'
  readonly mandateReference: string
  readonly sequenceType: string
}

/**
 * `MMO`: original amount and exchange rate — currency 49–51, decimals 52, unsigned amount 53–66,
 * rate decimals 67–68, rate 69–79. A sub-field that is blank or malformed is `null`.
 */
export interface CfonbOriginalAmountDetail extends CfonbDetailBase {
  readonly kind: 'MMO'
  readonly originalCurrency: string
  readonly originalAmount: CfonbAmount | null
  /** Exchange rate as a decimal string with its declared number of decimals. */
  readonly exchangeRate: string | null
}

/** A blank or unknown qualifier, kept raw. */
export interface CfonbRawDetail extends CfonbDetailBase {
  readonly kind: 'raw'
}

/** A `05` complement record, decoded according to its qualifier (`kind` is the qualifier when known). */
export type CfonbDetail =
  | CfonbTextDetail
  | CfonbPartyIdDetail
  | CfonbStructuredRemittanceDetail
  | CfonbEndToEndDetail
  | CfonbReferenceDetail
  | CfonbAccountDetail
  | CfonbMandateDetail
  | CfonbOriginalAmountDetail
  | CfonbRawDetail

/** A `04` movement with its `05` complements. Text fields are trimmed of spaces. */
export interface CfonbMovement {
  /** Source line. */
  readonly line: number
  /** Positions 3–7. */
  readonly bankCode: string
  /** Bank-internal operation code, 8–11. */
  readonly internalCode: string
  /** Positions 12–16. */
  readonly branchCode: string
  /** ISO 4217 code, 17–19 (`EUR` when blank, with a warning). */
  readonly currency: string
  /** Positions 22–32. */
  readonly accountNumber: string
  /** Interbank operation code, 33–34 (`B1`, `05`, …). */
  readonly interbankCode: string
  /** Accounting date, 35–40, ISO. */
  readonly bookingDate: string
  /** Reject reason code, 41–42. */
  readonly rejectCode: string
  /** Value date, 43–48, ISO; `null` when blank or `000000`. */
  readonly valueDate: string | null
  /** Label, 49–79. */
  readonly label: string
  /** Entry number (numéro d'écriture), 82–88; not unique. */
  readonly entryNumber: string
  /** Commission exemption flag, 89 (`0`, `1` or empty). */
  readonly commissionExemption: string
  /** Unavailability flag, 90 (`0`, `1` or empty). */
  readonly unavailability: string
  /** Signed amount, 91–104. */
  readonly amount: CfonbAmount
  /** Bank reference zone, 105–120. */
  readonly reference: string
  /** Non-blank reserved zones (21, 80–81). */
  readonly reserved: readonly CfonbReservedZone[]
  /** The `05` records that followed, in file order (repeated qualifiers kept in order). */
  readonly details: readonly CfonbDetail[]
}

/** One `01` … `07` block: an account's statement for one period. */
export interface CfonbStatement {
  /** Bank code of the `01` record. */
  readonly bankCode: string
  /** Branch (guichet) code of the `01` record. */
  readonly branchCode: string
  /** Account number of the `01` record. */
  readonly accountNumber: string
  /** Currency of the `01` record (`EUR` when blank, with a warning). */
  readonly currency: string
  readonly openingBalance: CfonbBalance
  readonly closingBalance: CfonbBalance
  readonly movements: readonly CfonbMovement[]
  /** Whether opening + Σ movements = closing, exactly (otherwise a `BALANCE_MISMATCH` warning was reported). */
  readonly balanced: boolean
  /** Line of the `01` record. */
  readonly firstLine: number
  /** Line of the `07` record. */
  readonly lastLine: number
}

/** Counts of what was delivered, computed while parsing (also on the streaming path). */
export interface CfonbSummary {
  readonly statements: number
  readonly movements: number
  readonly details: number
  /** Every 120-character record read, delivered or not. */
  readonly records: number
  /** Every diagnostic reported, counted by code and severity, including those a result did not keep. */
  readonly diagnostics: CfonbDiagnosticCounts
}

/** Byte decoding actually used: `null` when the input was already a string. */
export type CfonbDecodedAs = 'utf-8' | 'windows-1252' | null

/** Text encoding requested for byte input. */
export type CfonbEncoding = 'auto' | 'utf-8' | 'windows-1252'

/** Parser options. */
export interface CfonbParseOptions {
  /** `strict` (default) stops at the first error; `lenient` reports errors and carries on. */
  readonly mode?: 'strict' | 'lenient'
  /**
   * `auto` (default): UTF-8 while the bytes are valid UTF-8, Windows-1252 from the first invalid
   * sequence on. `utf-8` replaces invalid sequences with U+FFFD. `windows-1252` also covers Latin-1.
   */
  readonly encoding?: CfonbEncoding
  /**
   * How many diagnostics `parseCfonb120` and `parseCfonb120Stream` keep in `diagnostics` (default
   * 1,000; `Infinity` keeps all). Later ones are only counted, in `summary.diagnostics`. The stream
   * itself yields every diagnostic: a consumer that keeps them bounds them itself.
   */
  readonly maxDiagnostics?: number
}

/** What a parse result has, whether it succeeded or not. */
export interface CfonbParseResultBase {
  /** Statements completed (for a failed strict parse: those completed before the error). */
  readonly statements: readonly CfonbStatement[]
  /**
   * The first `maxDiagnostics` diagnostics (1,000 by default), in the order found; every one of
   * them, kept or not, is counted in `summary.diagnostics`.
   */
  readonly diagnostics: readonly CfonbDiagnostic[]
  readonly summary: CfonbSummary
  readonly decodedAs: CfonbDecodedAs
}

/** Outcome of a parse: `ok` is false as soon as one error-severity diagnostic was reported. */
export type CfonbParseResult =
  | (CfonbParseResultBase & { readonly ok: true })
  | (CfonbParseResultBase & { readonly ok: false; readonly error: CfonbDiagnostic })

/** What the streaming parser yields, in input order. */
export type CfonbEvent =
  | { readonly kind: 'statement'; readonly statement: CfonbStatement }
  | { readonly kind: 'diagnostic'; readonly diagnostic: CfonbDiagnostic }
  | {
      readonly kind: 'end'
      readonly ok: boolean
      /** First error-severity diagnostic, if any. */
      readonly error: CfonbDiagnostic | null
      readonly summary: CfonbSummary
      readonly decodedAs: CfonbDecodedAs
    }
