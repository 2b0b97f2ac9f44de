import { E } from '../fp.js'
import type { Either } from '../fp.js'

declare const journalCodeBrand: unique symbol
/** A journal code, 1 to 8 letters or digits (`BQ1`, `BNP`, `512`), unique in a dossier. */
export type JournalCode = string & { readonly [journalCodeBrand]: 'JournalCode' }

/** Why a string is not a {@link JournalCode}. */
export interface InvalidJournalCode {
  readonly _tag: 'InvalidJournalCode'
  readonly value: string
}

const JOURNAL_CODE = /^[A-Za-z0-9]{1,8}$/

/** Makes a {@link JournalCode}. */
export const makeJournalCode = (value: string): Either<InvalidJournalCode, JournalCode> =>
  JOURNAL_CODE.test(value) ? E.right(value as JournalCode) : E.left({ _tag: 'InvalidJournalCode', value })

/** The nature of a journal: banque, achats, ventes, opérations diverses, à-nouveaux. */
export type JournalType = 'bank' | 'purchase' | 'sale' | 'general' | 'opening'

/** Every {@link JournalType}, for codecs and generators. */
export const JOURNAL_TYPES: ReadonlyArray<JournalType> = ['bank', 'purchase', 'sale', 'general', 'opening']

/**
 * Where the balancing 512 line of a bank journal goes: `footer` (pied de page: one or two 512 lines
 * per statement page) or `perLine` (ligne à ligne: one 512 line per movement).
 */
export type CounterpartMode = 'footer' | 'perLine'

/** Every {@link CounterpartMode}. */
export const COUNTERPART_MODES: ReadonlyArray<CounterpartMode> = ['footer', 'perLine']

/** A journal of the dossier. A bank journal names its 512 account as counterpart. */
export interface Journal {
  readonly code: string
  readonly label: string
  readonly type: JournalType
  /** The treasury account (512…) of a bank journal; `null` when none is set. */
  readonly counterpartAccount: string | null
  /** Where the 512 line goes; `null` when not set. */
  readonly counterpartMode: CounterpartMode | null
}

/** A journal of type bank. */
export type BankJournal = Journal & { readonly type: 'bank' }
