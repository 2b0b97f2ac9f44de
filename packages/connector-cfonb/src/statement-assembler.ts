import { decodeSignedAmount } from './amount.js'
import { BLANK_DATE, decodeDate } from './date.js'
import { decodeDetail } from './detail.js'
import type { CfonbDiagnostic, CfonbDiagnosticCode } from './diagnostics.js'
import { diagnostic } from './diagnostics.js'
import type { ZoneSpec } from './fields.js'
import { isBlank, reservedZones, sliceTrim } from './fields.js'
import type { CfonbAmount, CfonbBalance, CfonbDetail, CfonbMovement, CfonbStatement } from './types.js'

// Turns 120-character records into statements: one `01`, then `04` each followed by its `05`s,
// then one `07`. Fields are read by fixed offsets straight from the source text (0-based offsets
// below are the 1-based positions of the spec minus one).

const BALANCE_RESERVED: readonly ZoneSpec[] = [
  [8, 11],
  [21, 21],
  [33, 34],
  [41, 90],
  [105, 120],
]
const MOVEMENT_RESERVED: readonly ZoneSpec[] = [
  [21, 21],
  [80, 81],
]

// Balances are compared after scaling every amount to 3 decimals, the most the parser accepts,
// so that records with different decimals still add up exactly.
const MAX_DECIMALS = 3
const SCALE = [BigInt(1000), BigInt(100), BigInt(10), BigInt(1)]
const scaled = (a: CfonbAmount): bigint => a.minorUnits * (SCALE[a.decimals] ?? BigInt(1))
const DEFAULT_CURRENCY = 'EUR'
const DEFAULT_DECIMALS = 2

/** Whether `a[aOff + from, aOff + to)` equals `b[bOff + from, bOff + to)`; a character loop beats `startsWith` here. */
const sameChars = (a: string, aOff: number, b: string, bOff: number, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (a.charCodeAt(aOff + i) !== b.charCodeAt(bOff + i)) return false
  return true
}

/** Receives what the assembler produces. */
export interface AssemblerSink {
  statement(statement: CfonbStatement, movements: number, details: number): void
  diagnostic(d: CfonbDiagnostic): void
}

/** The record-level state machine. */
export interface Assembler {
  /** Handles the 120-character record `src[off, off + 120)` found at `line`. */
  record(src: string, off: number, line: number): void
  /** Reports a statement left open at the end of the input. */
  finish(): void
  /** Reports a diagnostic produced outside the record layer (physical layout, encoding). */
  report(d: CfonbDiagnostic): void
  /** True once a strict parse met an error (or any parse met a fatal one): nothing more is read. */
  readonly stopped: () => boolean
}

interface OpenStatement {
  readonly bankCode: string
  readonly branchCode: string
  readonly accountNumber: string
  readonly currency: string
  // Where the `01` record sits, to compare its account zones in place with those of later records.
  readonly src: string
  readonly off: number
  readonly opening: CfonbBalance
  readonly movements: CfonbMovement[]
  sum: bigint
  details: number
}

interface MutableMovement extends CfonbMovement {
  readonly details: CfonbDetail[]
}

/** What to do with a record whose parent was rejected (lenient mode only). */
type Skipping = 'none' | 'block' | 'movement'

/** Creates the state machine; `strict` stops at the first error. */
export const createAssembler = (strict: boolean, sink: AssemblerSink): Assembler => {
  let open: OpenStatement | null = null
  let movement: MutableMovement | null = null
  // Positions 3–40 of the current `04` when it names the statement's account: a `05` repeating
  // them exactly names the same account, which spares the field-by-field comparison.
  let movementKey: string | null = null
  let skipping: Skipping = 'none'
  let skipCause = 0
  let stopped = false

  const report = (d: CfonbDiagnostic): void => {
    if (stopped) return
    sink.diagnostic(d)
    if (d.severity === 'error' && (strict || d.code === 'CFONB240_UNSUPPORTED')) stopped = true
  }
  const fail = (
    code: CfonbDiagnosticCode,
    line: number,
    message: string,
    column?: number,
    field?: string,
  ): void => report(diagnostic(code, line, message, column, field))

  /** Decimals at position 20: 0–3, blank → 2 with a warning; -1 when invalid (reported). */
  const decimalsOf = (src: string, off: number, line: number): number => {
    const c = src.charCodeAt(off + 19)
    if (c >= 48 && c <= 48 + MAX_DECIMALS) return c - 48
    if (c === 32) {
      fail(
        'DECIMALS_DEFAULTED',
        line,
        `blank number of decimals, ${DEFAULT_DECIMALS} assumed`,
        20,
        'decimals',
      )
      return DEFAULT_DECIMALS
    }
    fail(
      'INVALID_DECIMALS',
      line,
      `number of decimals must be 0–${MAX_DECIMALS}, got "${src.charAt(off + 19)}"`,
      20,
      'decimals',
    )
    return -1
  }

  /** Currency at 17–19, `EUR` with a warning when blank. */
  const currencyOf = (src: string, off: number, line: number): string => {
    const currency = sliceTrim(src, off + 16, off + 19)
    if (currency !== '') return currency
    fail('CURRENCY_DEFAULTED', line, `blank currency, ${DEFAULT_CURRENCY} assumed`, 17, 'currency')
    return DEFAULT_CURRENCY
  }

  /** Amount at 91–104; `null` when invalid (reported). */
  const amountOf = (src: string, off: number, line: number, decimals: number): CfonbAmount | null => {
    const amount = decodeSignedAmount(src, off + 90, decimals)
    if (amount === null) {
      fail(
        'INVALID_AMOUNT',
        line,
        `amount "${src.slice(off + 90, off + 104)}" is not 13 digits and a sign character`,
        91,
        'amount',
      )
    }
    return amount
  }

  /** Mandatory date; `null` when invalid or blank (reported). */
  const dateOf = (src: string, off: number, at: number, line: number, field: string): string | null => {
    const date = decodeDate(src, off + at)
    if (date === null || date === BLANK_DATE) {
      fail(
        'INVALID_DATE',
        line,
        `${field} "${src.slice(off + at, off + at + 6)}" is not a DDMMYY date`,
        at + 1,
        field,
      )
      return null
    }
    return date
  }

  /** Reports an `ACCOUNT_MISMATCH` when the record names another account than the open `01`. */
  const checkAccount = (src: string, off: number, line: number, st: OpenStatement): boolean => {
    if (
      sameChars(src, off, st.src, st.off, 2, 7) &&
      sameChars(src, off, st.src, st.off, 11, 16) &&
      sameChars(src, off, st.src, st.off, 21, 32) &&
      (sameChars(src, off, st.src, st.off, 16, 19) ||
        (isBlank(src, off + 16, off + 19)
          ? st.currency === DEFAULT_CURRENCY
          : sliceTrim(src, off + 16, off + 19) === st.currency))
    ) {
      return true
    }
    fail(
      'ACCOUNT_MISMATCH',
      line,
      `record names account ${src.slice(off + 2, off + 7)}/${src.slice(off + 11, off + 16)}/${src.slice(off + 21, off + 32).trim()} ` +
        `${src.slice(off + 16, off + 19)} but its statement (line ${st.opening.line}) is ${st.bankCode}/${st.branchCode}/${st.accountNumber} ${st.currency}`,
    )
    return false
  }

  const skip = (line: number, what: string): void =>
    fail('RECORD_SKIPPED', line, `${what} skipped: the record it belongs to (line ${skipCause}) was rejected`)

  const balanceOf = (src: string, off: number, line: number): CfonbBalance | null => {
    const decimals = decimalsOf(src, off, line)
    const date = dateOf(src, off, 34, line, 'date')
    const amount = decimals < 0 ? null : amountOf(src, off, line, decimals)
    if (date === null || amount === null) return null
    return { line, date, amount, reserved: reservedZones(src, off, BALANCE_RESERVED) }
  }

  const onOpening = (src: string, off: number, line: number): void => {
    if (open !== null) {
      fail(
        'STATEMENT_NOT_CLOSED',
        line,
        `the statement opened at line ${open.opening.line} has no closing 07 before this 01; it is discarded`,
      )
      open = null
      movement = null
    }
    skipping = 'none'
    const currency = currencyOf(src, off, line)
    const opening = balanceOf(src, off, line)
    if (opening === null) {
      skipping = 'block'
      skipCause = line
      return
    }
    open = {
      bankCode: sliceTrim(src, off + 2, off + 7),
      branchCode: sliceTrim(src, off + 11, off + 16),
      accountNumber: sliceTrim(src, off + 21, off + 32),
      currency,
      src,
      off,
      opening,
      movements: [],
      sum: scaled(opening.amount),
      details: 0,
    }
    movement = null
  }

  const onMovement = (src: string, off: number, line: number): void => {
    const st = open
    if (st === null) {
      if (skipping === 'block') skip(line, '04 movement')
      else {
        fail('MOVEMENT_OUTSIDE_STATEMENT', line, '04 movement with no open statement (no 01 before it)')
        // Its 05 records are then reported as skipped, not as details without movement.
        skipping = 'movement'
        skipCause = line
      }
      movement = null
      return
    }
    const sameAccount = checkAccount(src, off, line, st)
    const currency = currencyOf(src, off, line)
    const decimals = decimalsOf(src, off, line)
    const bookingDate = dateOf(src, off, 34, line, 'bookingDate')
    const valueDate = decodeDate(src, off + 42)
    if (valueDate === null) {
      fail(
        'INVALID_DATE',
        line,
        `valueDate "${src.slice(off + 42, off + 48)}" is not a DDMMYY date`,
        43,
        'valueDate',
      )
    }
    const amount = decimals < 0 ? null : amountOf(src, off, line, decimals)
    if (bookingDate === null || valueDate === null || amount === null) {
      movement = null
      skipping = 'movement'
      skipCause = line
      return
    }
    skipping = 'none'
    const m: MutableMovement = {
      line,
      bankCode: sliceTrim(src, off + 2, off + 7),
      internalCode: sliceTrim(src, off + 7, off + 11),
      branchCode: sliceTrim(src, off + 11, off + 16),
      currency,
      accountNumber: sliceTrim(src, off + 21, off + 32),
      interbankCode: sliceTrim(src, off + 32, off + 34),
      bookingDate,
      rejectCode: sliceTrim(src, off + 40, off + 42),
      valueDate: valueDate === BLANK_DATE ? null : valueDate,
      label: sliceTrim(src, off + 48, off + 79),
      entryNumber: sliceTrim(src, off + 81, off + 88),
      commissionExemption: sliceTrim(src, off + 88, off + 89),
      unavailability: sliceTrim(src, off + 89, off + 90),
      amount,
      reference: sliceTrim(src, off + 104, off + 120),
      reserved: reservedZones(src, off, MOVEMENT_RESERVED),
      details: [],
    }
    st.movements.push(m)
    st.sum += scaled(amount)
    movement = m
    movementKey = sameAccount ? src.slice(off + 2, off + 40) : null
  }

  const onDetail = (src: string, off: number, line: number): void => {
    const st = open
    if (movement === null || st === null) {
      if (skipping !== 'none') skip(line, '05 detail')
      else fail('DETAIL_WITHOUT_MOVEMENT', line, '05 detail with no 04 movement before it')
      return
    }
    if (src.slice(off + 2, off + 40) !== movementKey) checkAccount(src, off, line, st)
    movement.details.push(decodeDetail(src, off, line, report))
    st.details++
  }

  const onClosing = (src: string, off: number, line: number): void => {
    const st = open
    if (st === null) {
      if (skipping === 'block') skip(line, '07 closing balance')
      else
        fail('CLOSING_WITHOUT_OPENING', line, '07 closing balance with no open statement (no 01 before it)')
      skipping = 'none'
      return
    }
    checkAccount(src, off, line, st)
    open = null
    movement = null
    skipping = 'none'
    const closing = balanceOf(src, off, line)
    if (closing === null) {
      if (!stopped) {
        fail(
          'RECORD_SKIPPED',
          line,
          `the statement opened at line ${st.opening.line} is discarded: its 07 is invalid`,
        )
      }
      return
    }
    const balanced = st.sum === scaled(closing.amount)
    if (!balanced) {
      fail(
        'BALANCE_MISMATCH',
        line,
        `opening ${st.opening.amount.value} + movements ≠ closing ${closing.amount.value} (difference ${formatScaled(scaled(closing.amount) - st.sum)})`,
      )
    }
    sink.statement(
      {
        bankCode: st.bankCode,
        branchCode: st.branchCode,
        accountNumber: st.accountNumber,
        currency: st.currency,
        openingBalance: st.opening,
        closingBalance: closing,
        movements: st.movements,
        balanced,
        firstLine: st.opening.line,
        lastLine: line,
      },
      st.movements.length,
      st.details,
    )
  }

  const unknown = (src: string, off: number, line: number): void => {
    fail(
      'UNKNOWN_RECORD',
      line,
      `unknown record code "${src.slice(off, off + 2)}" (expected 01, 04, 05 or 07)`,
      1,
      'recordCode',
    )
  }

  return {
    record(src, off, line) {
      if (stopped) return
      if (src.charCodeAt(off) !== 48 /* 0 */) return unknown(src, off, line)
      switch (src.charCodeAt(off + 1)) {
        case 49:
          return onOpening(src, off, line)
        case 52:
          return onMovement(src, off, line)
        case 53:
          return onDetail(src, off, line)
        case 55:
          return onClosing(src, off, line)
        default:
          return unknown(src, off, line)
      }
    },
    finish() {
      if (open !== null) {
        fail(
          'STATEMENT_NOT_CLOSED',
          open.opening.line,
          'the input ends before this statement is closed by a 07; it is discarded',
        )
        open = null
      }
    },
    report,
    stopped: () => stopped,
  }
}

/** Formats a difference scaled to 3 decimals, for messages only. */
const formatScaled = (v: bigint): string => {
  const negative = v < BigInt(0)
  const digits = (negative ? -v : v).toString().padStart(MAX_DECIMALS + 1, '0')
  return `${negative ? '-' : ''}${digits.slice(0, -MAX_DECIMALS)}.${digits.slice(-MAX_DECIMALS)}`
}
