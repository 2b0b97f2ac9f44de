/**
 * Step 7: on 18 March the client follows the e-mail's link and enters her new password; the bank
 * kept moving meanwhile, and booked the pending card payment under a new id.
 */
import { getOrThrow } from '@bankfeed/core'
import { onReauthenticated } from '@bankfeed/core/lifecycle'
import type { BankinAccount, BankinConnection, LinkState } from '../connection.js'
import { MASKED_LINK } from '../notifier.js'
import { HISTORY, MEANWHILE, bookedBalance } from '../story.js'
import type { World } from '../world.js'

/** Moves the bank on, plays the Connect edit session, and clears the connection's problem. */
export const reauthenticate = async (
  world: World,
  account: BankinAccount,
  bankin: BankinConnection,
  link: LinkState,
): Promise<LinkState> => {
  const { sim } = world
  world.step(7, 'Le 18/03, Lucile suit le lien et saisit son nouveau mot de passe')
  for (const x of MEANWHILE)
    sim.seedTransaction({
      accountId: bankin.bridgeAccount,
      amount: x.amount,
      date: x.date,
      description: x.label,
    })
  const booked = sim.bookPending(bankin.pendingId, null, '2026-03-17')
  sim.setBalance(
    bankin.bridgeAccount,
    bookedBalance(...MEANWHILE.map((x) => x.amount), HISTORY[HISTORY.length - 1]?.amount ?? '0'),
  )
  world.clock.set('2026-03-18T08:30:00Z')
  const edit = getOrThrow(await world.client.connectEditItem(account.user, bankin.item)(), 'connectEditItem')
  world.secrets.push(edit.redirectUrl)
  world.print(`   Session Bankin’ de modification ouverte (${MASKED_LINK}) ; « Synchroniser ».`)
  sim.setItemStatus(bankin.item, 0)
  const { status, reauth } = onReauthenticated(link.status)
  world.print('   « Vos comptes sont prêts à être utilisés dans l’application » : la liaison est rétablie.')
  world.print(
    `   Entre-temps, la banque a comptabilisé ${MEANWHILE.length} mouvements, et le paiement CB en attente`,
  )
  world.print(`   du 15/03 sous un nouvel identifiant (${bankin.pendingId} → ${booked}).`)
  return { ...link, status, reauth }
}
