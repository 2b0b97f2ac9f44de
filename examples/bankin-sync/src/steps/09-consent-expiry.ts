/**
 * Step 9: Bridge says when the bank authentication (the DSP2 consent) ends: the client is warned a
 * week before, once, and the error report says so until she renews it.
 */
import { consentExpiresOnOf, DEFAULT_EXPIRY_WARNING_DAYS, expiryWarnings } from '@bankfeed/core/lifecycle'
import { feedErrorReport, getOrThrow } from '@bankfeed/core'
import type { LocalDate } from '@bankfeed/core'
import type { BankinAccount, BankinConnection, LinkState } from '../connection.js'
import type { World } from '../world.js'

/** The consent end read from Bridge, the warnings sent that night and the next, the report. */
export interface Expiry {
  readonly expiresOn: LocalDate | null
  readonly warningsSent: number
  readonly warningsNextNight: number
  readonly reportCodes: ReadonlyArray<string>
}

/** Reads the consent end at Bridge, warns the client, and prints the report. */
export const consentExpiry = async (
  world: World,
  account: BankinAccount,
  bankin: BankinConnection,
  link: LinkState,
): Promise<{ readonly expiry: Expiry; readonly link: LinkState; readonly warnedFor: LocalDate | null }> => {
  const { dossier, bankAccountId } = account
  world.step(9, 'Le 19/03 : l’authentification bancaire de Lucile expire le 24/03')
  world.sim.setAuthenticationExpiresAt(bankin.item, '2026-03-24T08:00:00Z')
  const items = getOrThrow(await world.client.listItems(account.user)(), 'items')
  const expiresAt = items.find((i) => i.id === bankin.item)?.authenticationExpiresAt ?? null
  const expiresOn = expiresAt === null ? null : getOrThrow(consentExpiresOnOf(expiresAt), 'consent end')
  const status = { ...link.status, consentExpiresOn: expiresOn }
  const candidate = {
    dossierCode: dossier.code,
    bankAccountId,
    status,
    warnedFor: null,
    to: bankin.to,
    cc: [],
  }
  const warnings = expiryWarnings([candidate], {
    today: world.today(),
    warnDays: DEFAULT_EXPIRY_WARNING_DAYS,
  })
  for (const warning of warnings) getOrThrow(await world.notifier.send(warning)(), 'notifier')
  const warnedFor = warnings[0]?.expiresOn ?? null
  // The same check the next night: that expiry was already warned about.
  const warningsAgain = expiryWarnings([{ ...candidate, warnedFor }], {
    today: world.today(),
    warnDays: DEFAULT_EXPIRY_WARNING_DAYS,
  })
  const expiring = feedErrorReport({
    dossier,
    today: world.today(),
    accounts: [{ bankAccountId, connection: status }],
  })
  world.print(
    `   Relevés Bankin’ en erreur : ${expiring.items.map((i) => `[${i.code}] ${i.message}`).join(' ; ')}`,
  )
  world.print(
    `   Avertissement renvoyé la nuit suivante : ${warningsAgain.length === 0 ? 'non (déjà prévenu)' : 'oui'}`,
  )
  return {
    expiry: {
      expiresOn,
      warningsSent: warnings.length,
      warningsNextNight: warningsAgain.length,
      reportCodes: expiring.items.map((i) => i.code),
    },
    link: { ...link, status },
    warnedFor,
  }
}
