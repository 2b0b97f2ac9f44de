/** Step 8: the night of 19 March catches up: only what is new, nothing twice. */
import { activeMovements } from '@bankfeed/core/reconcile'
import { feedErrorReport, getOrThrow } from '@bankfeed/core'
import { collect, ledgerNow, nightAt, plural, printLastBalance, syncNow } from '../connection.js'
import type { BankinAccount, BankinConnection, LinkState, SyncFigures } from '../connection.js'
import type { World } from '../world.js'

/** The catch-up, counted, then played again at once. */
export interface CatchUp extends SyncFigures {
  /** Movements added when the same sync is played again at once: 0 means no duplicate. */
  readonly replayAdded: number
  /** Provider ids present on more than one active movement (should be 0). */
  readonly duplicateProviderIds: number
  readonly reportCodes: ReadonlyArray<string>
}

/** Syncs the account the night after re-authentication, then once more, and prints the error report. */
export const catchUpNight = async (
  world: World,
  account: BankinAccount,
  bankin: BankinConnection,
  link: LinkState,
): Promise<{ readonly catchUp: CatchUp; readonly link: LinkState }> => {
  world.step(8, 'Nuit du 19/03/2026, 03h10 : collecte de rattrapage')
  const due = nightAt(world, account, link, '2026-03-19T02:10:00Z')
  const movementsBefore = activeMovements(ledgerNow(world, account)).length
  const { figures: counted, link: after } = await collect(world, account, bankin, link, due, 'catch-up sync')
  world.print(`   Relevé à récupérer ? ${due.due ? 'oui' : 'non'} (${due.reason})`)
  world.print(
    `   ${counted.added} nouveaux mouvements (dont le paiement CB du 15/03, comptabilisé), ${counted.pendingWithdrawn} mouvement en attente retiré`,
  )
  world.print(
    `   Mouvements du compte : ${movementsBefore} → ${counted.movements} (${counted.booked} comptabilisés, ${counted.pending} en attente)`,
  )
  world.print(
    `   ${plural(counted.entriesGenerated, 'écriture générée', 'écritures générées')} (pied de page : une écriture par jour de relevé)`,
  )
  printLastBalance(world, account)
  world.print(
    `   Preuves de solde : ${counted.snapshotsProven} solde expliqué exactement par le précédent et les mouvements, ${counted.balanceIssues} anomalie`,
  )
  // Played again at once (a collaborator clicking "relancer"): the inclusive cursor brings the
  // last change again, and ingestion recognises it.
  const replay = getOrThrow(await syncNow(world, account, bankin), 'replayed sync')
  const replayAdded = replay.accounts
    .flatMap((a) => a.decisions)
    .filter((d) => d._tag === 'New' || d._tag === 'PendingBooked').length
  const ids = activeMovements(ledgerNow(world, account)).map((m) => m.providerId)
  const duplicateProviderIds = ids.length - new Set(ids).size
  world.print(
    `   Collecte relancée aussitôt : ${replayAdded} mouvement ajouté ; doublons : ${duplicateProviderIds}`,
  )
  const clean = feedErrorReport({
    dossier: account.dossier,
    today: world.today(),
    accounts: [
      { bankAccountId: account.bankAccountId, ledger: ledgerNow(world, account), connection: after.status },
    ],
  })
  world.print(
    `   Relevés Bankin’ en erreur : ${clean.items.length === 0 ? 'aucun' : clean.items.map((i) => i.code).join(', ')}`,
  )
  return {
    catchUp: { ...counted, replayAdded, duplicateProviderIds, reportCodes: clean.items.map((i) => i.code) },
    link: after,
  }
}
