import { isWaitingGlAccount } from '../domain/gl-account.js'
import { isFilled, raw } from './context.js'
import type { Check } from './context.js'

/** A waiting account, when the dossier sets one, is a class-47 account; unset means 471000. */
export const checkWaitingAccount: Check = (ctx) => {
  const account = ctx.dossier.waitingAccount
  return account !== null && !(isFilled(account) && isWaitingGlAccount(account))
    ? [raw('WAITING_ACCOUNT_INVALID', 'waitingAccount', { account })]
    : []
}
