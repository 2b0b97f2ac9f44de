/** Step 6: Trésorerie > Outils > Relevés Bankin' en erreur, while the password is wrong. */
import { feedErrorReport } from '@bankfeed/core'
import type { FeedReportItem } from '@bankfeed/core'
import { ledgerNow } from '../connection.js'
import type { BankinAccount, LinkState } from '../connection.js'
import type { World } from '../world.js'

/** Prints the error report: the bank password expired. */
export const errorReport = (
  world: World,
  account: BankinAccount,
  link: LinkState,
): ReadonlyArray<Pick<FeedReportItem, 'code' | 'message'>> => {
  world.step(6, 'Trésorerie > Outils > Relevés Bankin’ en erreur')
  const report = feedErrorReport({
    dossier: account.dossier,
    today: world.today(),
    accounts: [
      { bankAccountId: account.bankAccountId, ledger: ledgerNow(world, account), connection: link.status },
    ],
  })
  for (const i of report.items) world.print(`   ✖ ${i.bankAccountId ?? '-'} [${i.code}] ${i.message}`)
  return report.items.map((i) => ({ code: i.code, message: i.message }))
}
