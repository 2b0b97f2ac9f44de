import type { Dossier } from '../domain/dossier.js'
import { isBankGlAccount } from '../domain/gl-account.js'
import type { GlAccount } from '../domain/gl-account.js'
import { raw } from './context.js'
import type { Check, RawFinding } from './context.js'

/** The GL accounts that follow a bank account, with their index in the dossier, in dossier order. */
export const linkedGlAccounts = (
  dossier: Dossier,
  bankAccountId: string,
): ReadonlyArray<{ readonly gl: GlAccount; readonly index: number }> =>
  dossier.glAccounts.flatMap((gl, index) => (gl.bankAccountId === bankAccountId ? [{ gl, index }] : []))

/**
 * One bank account, one 512 account: exactly one GL account follows the bank account, it is a 512,
 * and no other bank account claims the same number.
 */
export const checkGlAccount: Check = (ctx) => {
  const linked = linkedGlAccounts(ctx.dossier, ctx.account.id)
  const first = linked[0]
  if (first === undefined) return [raw('GL_ACCOUNT_MISSING', 'glAccounts', { bankAccountId: ctx.account.id })]
  const out: RawFinding[] = []
  const path = `glAccounts[${first.index}]`
  if (!isBankGlAccount(first.gl.number))
    out.push(raw('GL_ACCOUNT_NOT_512', `${path}.number`, { number: first.gl.number }))
  const sharing = ctx.dossier.glAccounts.filter(
    (gl) => gl.number === first.gl.number && gl.bankAccountId !== null && gl.bankAccountId !== ctx.account.id,
  )
  if (linked.length > 1 || sharing.length > 0) {
    const second = linked[1]
    out.push(
      raw(
        'GL_ACCOUNT_LINKED_TWICE',
        second === undefined ? `${path}.bankAccountId` : `glAccounts[${second.index}].bankAccountId`,
        {
          numbers: [...new Set(linked.map((l) => l.gl.number))],
          bankAccountIds: [
            ...new Set([
              ctx.account.id,
              ...sharing.flatMap((gl) => (gl.bankAccountId === null ? [] : [gl.bankAccountId])),
            ]),
          ],
        },
      ),
    )
  }
  return out
}
