import { E } from '../fp.js'
import { makeBic, bicCountry, bicMatchesIbanCountry } from '../domain/bic.js'
import { isCurrencyCode } from '../domain/currency.js'
import { electronicIban, ibanCountry, isRibCountry, makeIban, ribFieldsOfIban } from '../domain/iban.js'
import { computeRibKey, ribFormatProblems, ribToBban } from '../domain/rib.js'
import type { RibFields } from '../domain/rib.js'
import { accountPath, isFilled, raw } from './context.js'
import type { Check, RawFinding } from './context.js'

/** Name and holder: what the bank statement and the connection screens show. */
export const checkIdentity: Check = (ctx) => {
  const path = accountPath(ctx)
  const out: RawFinding[] = []
  if (!isFilled(ctx.account.name))
    out.push(raw('BANK_ACCOUNT_NAME_MISSING', `${path}.name`, { bankAccountId: ctx.account.id }))
  if (!isFilled(ctx.account.holder))
    out.push(raw('BANK_ACCOUNT_HOLDER_MISSING', `${path}.holder`, { bankAccountId: ctx.account.id }))
  if (!isCurrencyCode(ctx.account.currency))
    out.push(raw('CURRENCY_INVALID', `${path}.currency`, { currency: ctx.account.currency }))
  return out
}

/**
 * RIB, IBAN and BIC. The RIB is required for French-zone accounts (or when no IBAN says otherwise);
 * an IBAN with a wrong mod-97 and a RIB with a wrong key are reported separately, since a person fixes
 * them in different fields; the IBAN and the RIB must name the same account.
 */
export const checkBankIdentifiers: Check = (ctx) => {
  const path = accountPath(ctx)
  const { rib, iban, bic } = ctx.account
  const out: RawFinding[] = []
  const ibanText = isFilled(iban) ? electronicIban(iban) : null
  const ribFromIban = ibanText === null ? null : ribFieldsOfIban(ibanText)
  const ibanValid = ibanText !== null && E.isRight(makeIban(ibanText))

  const ribRequired = ibanText === null || isRibCountry(ibanCountry(ibanText))
  const ribProblems =
    rib === null ? ['bankCode', 'branchCode', 'accountNumber', 'key'] : ribFormatProblems(rib)
  if (ribRequired && ribProblems.length > 0) {
    out.push(
      raw('RIB_INCOMPLETE', rib === null ? `${path}.rib` : `${path}.rib.${ribProblems[0]}`, {
        fields: ribProblems,
        fromIban: ibanValid && ribFromIban !== null ? { ...ribFromIban } : null,
      }),
    )
  } else if (rib !== null && ribProblems.length === 0) {
    const expected = computeRibKey(rib.bankCode, rib.branchCode, rib.accountNumber)
    if (expected !== rib.key)
      out.push(
        raw('RIB_KEY_INVALID', `${path}.rib.key`, {
          given: rib.key,
          expected,
          bankCode: rib.bankCode,
          branchCode: rib.branchCode,
          accountNumber: rib.accountNumber,
        }),
      )
  }

  if (ibanText === null) {
    out.push(raw('IBAN_MISSING', `${path}.iban`, {}))
  } else {
    const result = makeIban(ibanText)
    if (E.isLeft(result))
      out.push(raw('IBAN_INVALID', `${path}.iban`, { iban: ibanText, problems: result.left.problems }))
    if (rib !== null && ribProblems.length === 0 && ribFromIban !== null && !sameRib(rib, ribFromIban))
      out.push(
        raw('IBAN_RIB_MISMATCH', `${path}.iban`, {
          iban: ibanText,
          ibanBban: ribToBban(ribFromIban),
          ribBban: ribToBban(rib),
        }),
      )
  }

  if (!isFilled(bic)) {
    out.push(raw('BIC_MISSING', `${path}.bic`, {}))
  } else {
    const result = makeBic(bic)
    if (E.isLeft(result)) out.push(raw('BIC_INVALID', `${path}.bic`, { bic, problem: result.left.problem }))
    else if (ibanValid && ibanText !== null && !bicMatchesIbanCountry(result.right, ibanCountry(ibanText)))
      out.push(
        raw('BIC_COUNTRY_MISMATCH', `${path}.bic`, {
          bic: result.right,
          bicCountry: bicCountry(result.right),
          ibanCountry: ibanCountry(ibanText),
        }),
      )
  }
  return out
}

const sameRib = (a: RibFields, b: RibFields): boolean => ribToBban(a) === ribToBban(b)
