/**
 * Step 5: on the evening of 16 March the client changes her online banking password; Bridge's item
 * goes to status 402. Two nights fail, and only the first sends the re-authentication e-mail.
 */
import { formatLocalDateFr, getOrThrow, isOk } from '@bankfeed/core'
import { onConnectorError } from '@bankfeed/core/lifecycle'
import type { LocalDate, SyncError } from '@bankfeed/core'
import { nightAt, syncNow } from '../connection.js'
import type { BankinAccount, BankinConnection, LinkState } from '../connection.js'
import { reauthenticationLinkOf } from '../story.js'
import type { World } from '../world.js'

/** One night's pull that failed. */
export interface FailedNight {
  readonly today: LocalDate
  readonly due: boolean
  readonly error: string
  /** Whether this night sent the automatic re-authentication e-mail. */
  readonly emailed: boolean
}

/** The connector's messages are for logs (English, technical); the walkthrough glosses the tag. */
const GLOSS: Partial<Record<string, string>> = {
  AuthExpired: 'identifiants refusés par la banque, statut Bridge 402',
  ActionRequired: 'action du client requise',
  Unavailable: 'Bridge indisponible',
  RateLimited: 'quota de requêtes atteint',
}
const syncError = (e: SyncError): string =>
  e._tag === 'PullFailed' ? `${e.error._tag} (${GLOSS[e.error._tag] ?? e.error.message})` : e._tag

/** Plays the two nights of 17 and 18 March with the item at status 402. */
export const passwordChanged = async (
  world: World,
  account: BankinAccount,
  bankin: BankinConnection,
  link: LinkState,
): Promise<{ readonly failedNights: ReadonlyArray<FailedNight>; readonly link: LinkState }> => {
  const { dossier, bankAccountId } = account
  world.step(5, 'Le 16/03 au soir, Lucile change le mot de passe de sa banque en ligne')
  world.sim.setItemStatus(bankin.item, 402, 'wrong credentials')
  const reauthLink = reauthenticationLinkOf(dossier.code, bankAccountId)
  world.secrets.push(reauthLink)
  const failedNights: FailedNight[] = []
  let { status, reauth } = link
  for (const instant of ['2026-03-17T02:05:00Z', '2026-03-18T02:05:00Z']) {
    const due = nightAt(world, account, link, instant)
    const failed = await syncNow(world, account, bankin)
    if (isOk(failed)) throw new Error('the pull succeeded with a changed password')
    const error = failed.left
    world.print(
      `   Nuit du ${formatLocalDateFr(due.today)} : relevé à récupérer (${due.reason}) → échec ${syncError(error)}`,
    )
    if (error._tag !== 'PullFailed') throw new Error(`unexpected ${error._tag}`)
    const outcome = onConnectorError(status, reauth, error.error, {
      today: due.today,
      dossierCode: dossier.code,
      bankAccountId,
      link: reauthLink,
      recipients: { to: bankin.to, cc: [] },
    })
    status = outcome.status
    if (outcome.notification !== null) {
      world.print('   E-mail automatique de réauthentification :')
      getOrThrow(await world.notifier.send(outcome.notification)(), 'notifier')
    } else world.print('   Pas de second e-mail : un seul envoi automatique par épisode.')
    // Stored only once the e-mail went out, so a failed send is retried the next night.
    reauth = outcome.reauth
    failedNights.push({
      today: due.today,
      due: due.due,
      error: error.error._tag,
      emailed: outcome.notification !== null,
    })
  }
  return { failedNights, link: { ...link, status, reauth } }
}
