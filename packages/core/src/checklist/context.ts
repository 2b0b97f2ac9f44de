import type { BankAccount } from '../domain/bank-account.js'
import type { Dossier } from '../domain/dossier.js'
import type { LocalDate } from '../domain/local-date.js'
import type { FindingCode, FindingParamsByCode } from './finding.js'

/** What every check reads: the dossier, the bank account under check and its index, and today. */
export interface CheckContext {
  readonly dossier: Dossier
  readonly account: BankAccount
  readonly index: number
  readonly today: LocalDate
}

/** A finding before its severity and message are looked up in the catalog. */
export type RawFinding = {
  readonly [C in FindingCode]: {
    readonly code: C
    readonly path: string
    readonly params: FindingParamsByCode[C]
  }
}[FindingCode]

/** Builds a {@link RawFinding} with its parameters type-checked against its code. */
export const raw = <C extends FindingCode>(
  code: C,
  path: string,
  params: FindingParamsByCode[C],
): RawFinding => ({ code, path, params }) as RawFinding

/** The JSON path of the bank account under check, e.g. `bankAccounts[2]`. */
export const accountPath = (ctx: CheckContext): string => `bankAccounts[${ctx.index}]`

/** A check: findings about one concern. */
export type Check = (ctx: CheckContext) => ReadonlyArray<RawFinding>

/** True when a text field holds something other than spaces. */
export const isFilled = (value: string | null | undefined): value is string =>
  value !== null && value !== undefined && value.trim() !== ''
