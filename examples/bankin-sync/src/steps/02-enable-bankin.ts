/** Step 2: Configuration > Trésorerie: [Bankin'] checked, the start date defaulted, then validated. */
import { enableProtocol, validateStartDate } from '@bankfeed/core/lifecycle'
import { formatLocalDateFr, getOrThrow } from '@bankfeed/core'
import type { Dossier } from '@bankfeed/core'
import { externalUserIdOf } from '@bankfeed/connector-bankin'
import type { BankinAccount } from '../connection.js'
import { FIRM } from '../story.js'
import type { World } from '../world.js'
import { blockingCodes } from './01-checklist.js'

/** Enables Bankin' on the dossier's account and locks its start date; prints the new set-up. */
export const enableBankin = (
  world: World,
  dossier: Dossier,
): BankinAccount & { readonly blocking: ReadonlyArray<string> } => {
  world.step(2, 'Configuration > Trésorerie : case [Bankin’] cochée')
  const enabled = getOrThrow(enableProtocol(dossier, 'bankin', { today: world.today() }), 'enableProtocol')
  const bankAccountId = enabled.accountsToInterface[0]
  if (bankAccountId === undefined) throw new Error('the dossier has no bank account')
  const defaulted = enabled.dossier.bankAccounts.find((b) => b.id === bankAccountId)?.feed
  if (defaulted == null) throw new Error(`${bankAccountId} has no feed`)
  const feed = getOrThrow(validateStartDate(defaulted), 'validateStartDate')
  const configured: Dossier = {
    ...enabled.dossier,
    bankAccounts: enabled.dossier.bankAccounts.map((b) => (b.id === bankAccountId ? { ...b, feed } : b)),
  }
  const account = configured.bankAccounts.find((b) => b.id === bankAccountId)
  if (account === undefined) throw new Error(`${bankAccountId} is gone`)
  const blocking = blockingCodes(world, configured)
  world.print(`   Comptes à interfacer avec Bankin’ : ${enabled.accountsToInterface.join(', ')}`)
  world.print(
    `   Date de début d’appel à Bankin’ : ${feed.startDate === null ? '—' : formatLocalDateFr(feed.startDate)} (début de l’exercice), validée : plus modifiable.`,
  )
  world.print(`   Génération automatique des écritures : ${feed.autoGenerateEntries ? 'oui' : 'non'}`)
  world.print(`   Prérequis : ${blocking.length === 0 ? 'aucun point bloquant' : blocking.join(', ')}`)
  const user = externalUserIdOf(FIRM, configured.code)
  world.print(`   Utilisateur Bankin’ du dossier : ${user}`)
  return { dossier: configured, bankAccountId, account, feed, user, blocking }
}
