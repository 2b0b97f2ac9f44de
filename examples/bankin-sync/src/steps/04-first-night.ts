/** Step 4: the night of 16 March, 03:15 in Paris: the automatism finds the account due and syncs it. */
import { collect, nightAt, plural, printLastBalance } from '../connection.js'
import type { BankinAccount, BankinConnection, LinkState, SyncFigures } from '../connection.js'
import type { World } from '../world.js'

/** The first sync brings the history since the start date; asked again at 04:40, it is not due. */
export const firstNight = async (
  world: World,
  account: BankinAccount,
  bankin: BankinConnection,
  link: LinkState,
): Promise<{ readonly figures: SyncFigures; readonly link: LinkState }> => {
  world.step(4, 'Nuit du 16/03/2026, 03h15 : collecte automatique (fenêtre 3h–4h)')
  const due = nightAt(world, account, link, '2026-03-16T02:15:00Z')
  world.print(`   Relevé à récupérer ? ${due.due ? 'oui' : 'non'} (${due.reason})`)
  if (!due.due) throw new Error('the first night is not due')
  const { figures: counted, link: after } = await collect(world, account, bankin, link, due, 'first sync')
  world.print(
    `   ${counted.added} mouvements intégrés (${counted.booked} comptabilisés, ${counted.pending} en attente)`,
  )
  world.print(
    `   ${plural(counted.entriesGenerated, 'écriture générée', 'écritures générées')} au journal ${account.dossier.journals[0]?.code ?? '?'} (le mouvement en attente n’en a pas)`,
  )
  printLastBalance(world, account)
  world.print(
    `   Preuves de solde : ${counted.balancesRecorded} solde relevé, rien à comparer encore ; ${counted.balanceIssues} anomalie`,
  )
  const later = nightAt(world, account, after, '2026-03-16T03:40:00Z')
  world.print(`   À 04h40, relevé à récupérer ? ${later.due ? 'oui' : 'non'} (${later.reason})`)
  return { figures: counted, link: after }
}
