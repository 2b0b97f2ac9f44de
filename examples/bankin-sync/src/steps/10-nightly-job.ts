/**
 * Step 10: from now on the nightly job (`runCollection`) runs it all — the window, the sync, the
 * e-mails, the state kept between nights — on the same context as every step before.
 */
import { formatLocalDateFr, runCollection } from '@bankfeed/core'
import { makeInMemoryConnectionStateStore } from '@bankfeed/core/memory'
import type { LocalDate } from '@bankfeed/core'
import type { BankinAccount, BankinConnection, LinkState } from '../connection.js'
import { reauthenticationLinkOf } from '../story.js'
import type { World } from '../world.js'

/** The nightly job over three runs of the night of 20 March (03:20, 03:40, noon). */
export interface Nightly {
  readonly tonight: string | null
  readonly added: number
  readonly entriesGenerated: number
  readonly consentExpiresOn: LocalDate | null
  readonly lastCollectedOn: LocalDate | null
  readonly again: string | null
  readonly noon: string | null
  readonly emails: number
}

/** Hands the connection's state over to the nightly job and runs it three times on 20 March. */
export const nightlyJob = async (
  world: World,
  account: BankinAccount,
  bankin: BankinConnection,
  link: LinkState,
  warnedFor: LocalDate | null,
): Promise<Nightly> => {
  const { dossier, bankAccountId } = account
  const { connection } = bankin
  world.step(10, 'Nuit du 20/03/2026, 03h20 : la tâche de nuit (runCollection) prend le relais')
  world.sim.seedTransaction({
    accountId: bankin.bridgeAccount,
    amount: '-64.90',
    date: '2026-03-19',
    description: 'PRLV SEPA ORANGE',
  })
  const states = makeInMemoryConnectionStateStore([
    [connection.id, { ...link, lastFailedOn: null, warnedFor }],
  ])
  const target = {
    connection,
    connector: bankin.connector,
    accounts: [{ dossierCode: dossier.code, bankAccountId }],
    reauthenticationLink: () => {
      const secret = reauthenticationLinkOf(dossier.code, bankAccountId)
      world.secrets.push(secret)
      return secret
    },
  }
  const runAt = async (instant: string) => {
    world.clock.set(instant)
    const run = await runCollection(
      { ...world.context, store: world.store, states, notifier: world.notifier, events: world.events },
      { dossiers: [dossier], targets: [target] },
    )()
    return run.connections[0]?.outcome
  }
  const emailsBefore = world.notifier.sent.length
  const tonight = await runAt('2026-03-20T02:20:00Z')
  const collected = tonight?._tag === 'Collected' ? tonight.report : null
  const added = collected?.accounts.flatMap((a) => a.decisions).filter((d) => d._tag === 'New').length ?? 0
  world.print(
    `   ${tonight?._tag === 'Collected' ? 'Collecté' : (tonight?._tag ?? '?')} : ${added} mouvement nouveau, ${collected?.accounts[0]?.entriesGenerated ?? 0} écriture ; fin du consentement lue chez Bridge : ${formatLocalDateFr(states.state(connection.id)?.status.consentExpiresOn ?? world.today())}`,
  )
  const again = await runAt('2026-03-20T02:40:00Z')
  const noon = await runAt('2026-03-20T11:00:00Z')
  world.print(
    `   Relancée à 03h40 : ${again?._tag === 'NotDue' ? again.reason : (again?._tag ?? '?')} ; à midi : ${noon?._tag === 'NotDue' ? `${noon.reason}, prochaine fenêtre ${noon.nextWindowStart}` : (noon?._tag ?? '?')}`,
  )
  const emails = world.notifier.sent.length - emailsBefore
  world.print(`   E-mails envoyés cette nuit : ${emails} (consentement déjà signalé)`)
  return {
    tonight: tonight?._tag ?? null,
    added,
    entriesGenerated: collected?.accounts[0]?.entriesGenerated ?? 0,
    consentExpiresOn: states.state(connection.id)?.status.consentExpiresOn ?? null,
    lastCollectedOn: states.state(connection.id)?.lastCollectedOn ?? null,
    again: again?._tag === 'NotDue' ? again.reason : (again?._tag ?? null),
    noon: noon?._tag === 'NotDue' ? noon.reason : (noon?._tag ?? null),
    emails,
  }
}
