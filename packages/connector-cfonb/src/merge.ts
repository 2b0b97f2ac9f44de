import type { CfonbStatement } from './types.js'

const sameAccount = (a: CfonbStatement, b: CfonbStatement): boolean =>
  a.bankCode === b.bankCode &&
  a.branchCode === b.branchCode &&
  a.accountNumber === b.accountNumber &&
  a.currency === b.currency

/** Exact comparison of two amounts that may have different decimals. */
const sameAmount = (a: CfonbStatement['closingBalance'], b: CfonbStatement['openingBalance']): boolean => {
  const da = a.amount.decimals
  const db = b.amount.decimals
  const ten = BigInt(10)
  return da >= db
    ? a.amount.minorUnits === b.amount.minorUnits * ten ** BigInt(da - db)
    : a.amount.minorUnits * ten ** BigInt(db - da) === b.amount.minorUnits
}

/**
 * Merges consecutive blocks of the same account (bank, branch, account number, currency) into one
 * statement — banks often send one block per day. Blocks are merged only when they chain: the
 * closing balance of one equals the opening balance of the next. A gap keeps them apart, so a
 * merged statement never hides a missing day. The merged statement has the first opening balance,
 * the last closing balance, the movements in order, and is balanced only if every block was.
 */
export const mergeConsecutiveStatements = (
  statements: readonly CfonbStatement[],
): readonly CfonbStatement[] => {
  const merged: CfonbStatement[] = []
  for (const s of statements) {
    const last = merged[merged.length - 1]
    if (last !== undefined && sameAccount(last, s) && sameAmount(last.closingBalance, s.openingBalance)) {
      merged[merged.length - 1] = {
        ...last,
        closingBalance: s.closingBalance,
        movements: [...last.movements, ...s.movements],
        balanced: last.balanced && s.balanced,
        lastLine: s.lastLine,
      }
    } else merged.push(s)
  }
  return merged
}
