/**
 * Step 3: [A attacher]. The attached client gets the link by e-mail, the collaborator in copy; she
 * follows it, the firm's application creates her Bridge user and opens a Connect session, and she
 * picks her bank. The connection's connector is made then, over the world's Bridge client.
 */
import { NO_REAUTH_EMAIL, planAttach } from '@bankfeed/core/lifecycle'
import { formatMoneyFr, getOrThrow, makeMoney } from '@bankfeed/core'
import type { ConnectionStatus } from '@bankfeed/core'
import { makeBankinConnector } from '@bankfeed/connector-bankin'
import type { BankinAccount, BankinConnection, LinkState } from '../connection.js'
import { MASKED_LINK } from '../notifier.js'
import { HISTORY, PAUL, attachLinkOf, bookedBalance } from '../story.js'
import type { World } from '../world.js'

/** Plans the attachment, sends its e-mail, and plays the client's Connect session at the simulator. */
export const attachAccount = async (
  world: World,
  account: BankinAccount,
): Promise<BankinConnection & { readonly link: LinkState }> => {
  const { dossier, bankAccountId, user } = account
  const { client, sim } = world
  world.step(3, `Trésorerie > Comptes bancaires : [A attacher] sur « ${account.account.name} »`)
  const notAttached: ConnectionStatus = { attachment: 'notAttached', problem: null, consentExpiresOn: null }
  const attachLink = attachLinkOf(dossier.code, bankAccountId)
  world.secrets.push(attachLink)
  const plan = getOrThrow(
    planAttach(dossier, bankAccountId, notAttached, { connectLink: attachLink, collaborator: PAUL }),
    'planAttach',
  )
  if (plan.notification === null) throw new Error(`attach sent no e-mail (${plan.mode})`)
  getOrThrow(await world.notifier.send(plan.notification)(), 'notifier')
  world.print('   « Mail envoyé avec succès » ; la colonne [Lien avec Bankin’] affiche [A détacher].')

  // Lucile follows the link: the firm's application creates the Bridge user and opens Connect.
  getOrThrow(await client.ensureUser(user)(), 'ensureUser')
  const session = getOrThrow(
    await client.connectAddItem(user, { prefillEmail: plan.notification.to.email, context: bankAccountId })(),
    'connectAddItem',
  )
  world.secrets.push(session.redirectUrl)
  world.print(
    `   Lucile suit le lien : session Bankin’ ouverte (${MASKED_LINK}), elle choisit BNP Paribas et`,
  )
  world.print('   saisit les identifiants de sa banque en ligne.')
  // What her Connect session produces at Bridge: an item, the account, its history.
  const item = sim.seedItem({ externalUserId: user, bankId: 30004 })
  const bridgeAccount = sim.seedAccount({
    itemId: item,
    name: 'Compte courant professionnel',
    balance: bookedBalance(),
    iban: account.account.iban,
  })
  const bridgeIds = HISTORY.map((x) =>
    sim.seedTransaction({
      accountId: bridgeAccount,
      amount: x.amount,
      date: x.date,
      description: x.label,
      ...(x.pending === true ? { future: true } : {}),
    }),
  )
  const pendingId = bridgeIds[HISTORY.length - 1] as string
  for (const a of getOrThrow(await client.listAccounts(user)(), 'listAccounts')) {
    const balance = getOrThrow(makeMoney(a.balance, a.currency), 'balance')
    world.print(
      `   Choix du compte : « ${a.name} » (solde ${formatMoneyFr(balance)}) ↔ ${account.account.name}${a.iban === account.account.iban ? ' (même IBAN)' : ''}`,
    )
  }

  return {
    connection: { id: `bankin-${dossier.code}-${bankAccountId}`, protocol: 'bankin' },
    // No clock nor logger here: the connector takes the client's context.
    connector: makeBankinConnector({ client, userFor: () => user }),
    to: plan.notification.to,
    item,
    bridgeAccount,
    pendingId,
    link: { status: plan.status, reauth: NO_REAUTH_EMAIL, lastCollectedOn: null },
  }
}
