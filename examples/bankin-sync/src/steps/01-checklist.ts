/** Step 1: the checklist, as the collaborator sees it before checking [Bankin']. */
import { checkDossier, isErr, parseDossierJson } from '@bankfeed/core'
import type { Dossier } from '@bankfeed/core'
import type { World } from '../world.js'

/** The blocking finding codes of a dossier's checklist today. */
export const blockingCodes = (world: World, dossier: Dossier): string[] =>
  checkDossier(dossier, { today: world.today(), locale: 'fr' }).bankAccounts.flatMap((a) =>
    a.findings.filter((f) => f.severity === 'blocking').map((f) => f.code),
  )

/** Reads the dossier and prints its checklist: no collection protocol is chosen yet. */
export const showChecklist = (
  world: World,
  dossierJson: string,
): { readonly dossier: Dossier; readonly blocking: ReadonlyArray<string> } => {
  const parsed = parseDossierJson(dossierJson)
  // Every failing path, so a dossier.json of one's own can be fixed from the message.
  if (isErr(parsed)) throw new Error(`dossier.json: ${parsed.left.issues.map((i) => i.message).join('; ')}`)
  const dossier = parsed.right
  world.step(1, `Contrôle des prérequis du dossier ${dossier.code} — ${dossier.name}`)
  const checklist = checkDossier(dossier, { today: world.today(), locale: 'fr' })
  for (const account of checklist.bankAccounts) {
    const name = dossier.bankAccounts.find((b) => b.id === account.bankAccountId)?.name ?? '?'
    world.print(`   ${account.ok ? '✔' : '✖'} ${name} (${account.bankAccountId})`)
    for (const f of account.findings) world.print(`     - [${f.code}] ${f.message}`)
  }
  world.print('   Compte bancaire (Trésorerie), compte 512 et journal de banque en pied de page : en place.')
  return { dossier, blocking: blockingCodes(world, dossier) }
}
