/**
 * The seed `liaison-loop-bankin.txt` played with real HTTP against the loopback Bridge simulator:
 * checklist, [Bankin'] checked, [A attacher] e-mail, first night, password change, error report,
 * re-authentication, catch-up night with no duplicate. Each step prints French lines and records
 * its outcome, so `main.ts` only prints and the test asserts every step.
 */
import { randomUUID } from 'node:crypto'
import {
  Dec,
  NO_REAUTH_EMAIL,
  activeMovements,
  DEFAULT_EXPIRY_WARNING_DAYS,
  checkDossier,
  consentExpiresOnOf,
  expiryWarnings,
  feedErrorReport,
  formatLocalDateFr,
  formatMoneyFr,
  isDue,
  localDateOfInstant,
  makeInMemoryLedgerStore,
  makeMoney,
  enableProtocol,
  onConnectorError,
  onReauthenticated,
  parseDossierJson,
  planAttach,
  proveBalances,
  statusAfterPullSuccess,
  syncAccount,
  validateStartDate,
  makeInMemoryConnectionStateStore,
  runCollection,
} from '@bankfeed/core'
import type {
  AccountLedger,
  BankAccount,
  Clock,
  ConnectionRef,
  ConnectionStatus,
  DomainEvent,
  Dossier,
  DueDecision,
  EventPublisher,
  FeedReportItem,
  LocalDate,
  LogFields,
  Logger,
  Notification,
  Notifier,
  ReauthState,
  Recipient,
  SyncError,
  SyncReport,
} from '@bankfeed/core'
import { externalUserIdOf, makeBankinConnector, makeBridgeClient } from '@bankfeed/connector-bankin'
import { startBridgeSimulator } from '@bankfeed/connector-bankin/simulator'

/** What the printed walkthrough replaces every link with: connect links are secrets. */
export const MASKED_LINK = '<lien masqué>'

/** Options of {@link runWalkthrough}. */
export interface WalkthroughOptions {
  /** The dossier, as dossier JSON v1 text (`examples/bankin-sync/dossier.json`). */
  readonly dossierJson: string
  /** Receives each printed line; the lines are returned too. */
  readonly print?: (line: string) => void
}

/** A log line the connector wrote, kept so a test can check it holds no secret. */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error'
  readonly message: string
  readonly fields: LogFields
}

/** One night's pull that failed. */
export interface FailedNight {
  readonly today: LocalDate
  readonly due: boolean
  readonly error: string
  /** Whether this night sent the automatic re-authentication e-mail. */
  readonly emailed: boolean
}

/** A successful sync, counted. */
export interface SyncFigures {
  readonly due: DueDecision['reason']
  /** New movements in the ledger (decisions `New`). */
  readonly added: number
  /** Pending lines matched to their booked twin by ingestion itself (decision `PendingBooked`). */
  readonly pendingBooked: number
  /**
   * Pending lines withdrawn because the provider said so: Bridge books a pending line under a new id,
   * and the connector delivers `Deleted(old)` + the booked movement, so the booked one counts as `New`.
   */
  readonly pendingWithdrawn: number
  /** Deliveries recognised as already in the ledger. */
  readonly duplicates: number
  readonly entriesGenerated: number
  /** Active movements in the ledger after the sync. */
  readonly movements: number
  readonly booked: number
  readonly pending: number
  readonly balancesRecorded: number
  readonly snapshotsProven: number
  readonly balanceIssues: number
}

/** Everything the walkthrough did, step by step. */
export interface WalkthroughResult {
  readonly lines: ReadonlyArray<string>
  /** Step 1 and 2: blocking checklist codes before and after enabling Bankin'. */
  readonly checklist: { readonly before: ReadonlyArray<string>; readonly after: ReadonlyArray<string> }
  /** Step 2: the start date, validated (locked). */
  readonly startDate: { readonly date: LocalDate | null; readonly locked: boolean }
  /** Every e-mail the notifier sent, in order. */
  readonly emails: ReadonlyArray<Notification>
  /** Step 4. */
  readonly firstSync: SyncFigures
  /** Step 5: the nights the pull failed. */
  readonly failedNights: ReadonlyArray<FailedNight>
  /** Step 6: the error report while the password is wrong. */
  readonly reportWhileBroken: ReadonlyArray<Pick<FeedReportItem, 'code' | 'message'>>
  /** Step 7: the connection once the client re-authenticated. */
  readonly afterReauth: ConnectionStatus
  /** Step 9: the consent end read from Bridge, the warnings sent that night and the next, the report. */
  readonly expiry: {
    readonly expiresOn: LocalDate | null
    readonly warningsSent: number
    readonly warningsNextNight: number
    readonly reportCodes: ReadonlyArray<string>
  }
  /** Step 10: the nightly job over three runs of the night of 20 March (03:20, 03:40, noon). */
  readonly nightly: {
    readonly tonight: string | null
    readonly added: number
    readonly entriesGenerated: number
    readonly consentExpiresOn: LocalDate | null
    readonly lastCollectedOn: LocalDate | null
    readonly again: string | null
    readonly noon: string | null
    readonly emails: number
  }
  /** Step 8. */
  readonly catchUp: SyncFigures & {
    /** Movements added when the same sync is played again at once: 0 means no duplicate. */
    readonly replayAdded: number
    /** Provider ids present on more than one active movement (should be 0). */
    readonly duplicateProviderIds: number
    readonly reportCodes: ReadonlyArray<string>
  }
  /** HTTP requests the simulator received. */
  readonly bridgeRequests: number
  /** The connector's log lines. */
  readonly logs: ReadonlyArray<LogLine>
  /** Values that must never be printed nor logged (links, Connect URLs, credentials, tokens). */
  readonly secrets: ReadonlyArray<string>
}

const FIRM = 'cab1'
const PARIS_MIDNIGHT_17_MARCH = '2026-03-16T23:00:00Z'
const PAUL: Recipient = { name: 'Paul Martin', email: 'paul.martin@cabinet.example' }

/** What the bank holds on 16 March (the first night), amounts as decimal text. */
const HISTORY: ReadonlyArray<{ date: string; amount: string; label: string; pending?: true }> = [
  { date: '2026-01-05', amount: '-1480.37', label: 'PRLV SEPA URSSAF ILE DE FRANCE' },
  { date: '2026-01-12', amount: '2350.00', label: 'REMISE CB 11/01 BOULANGERIE DUPONT' },
  { date: '2026-01-20', amount: '-642.18', label: 'PRLV SEPA EDF PRO' },
  { date: '2026-01-30', amount: '-1200.00', label: 'VIR SEPA LOYER JANVIER SCI DES LILAS' },
  { date: '2026-02-03', amount: '2810.40', label: 'REMISE CB 02/02 BOULANGERIE DUPONT' },
  { date: '2026-02-13', amount: '-389.90', label: 'CB METRO CASH 12/02' },
  { date: '2026-02-27', amount: '-1200.00', label: 'VIR SEPA LOYER FEVRIER SCI DES LILAS' },
  { date: '2026-03-02', amount: '3105.25', label: 'REMISE CB 01/03 BOULANGERIE DUPONT' },
  { date: '2026-03-05', amount: '-1480.37', label: 'PRLV SEPA URSSAF ILE DE FRANCE' },
  { date: '2026-03-10', amount: '-54.90', label: 'FRAIS TENUE DE COMPTE' },
  // A card payment of Sunday the 15th the bank has not booked yet: Bridge sends it `is_future`.
  { date: '2026-03-15', amount: '-87.60', label: 'CB MOULIN DE LA VALLEE 15/03', pending: true },
]
/** The balance before the history above (31 December 2025). */
const OPENING = '4218.73'
/** What the bank books on 17 March, while the link is broken. */
const MEANWHILE: ReadonlyArray<{ date: string; amount: string; label: string }> = [
  { date: '2026-03-17', amount: '2964.80', label: 'REMISE CB 16/03 BOULANGERIE DUPONT' },
  { date: '2026-03-17', amount: '-318.45', label: 'PRLV SEPA ORANGE PRO' },
  { date: '2026-03-17', amount: '-26.00', label: 'CB PRESSING DU CENTRE 16/03' },
]

const sum = (amounts: ReadonlyArray<string>): Dec => amounts.reduce((t, a) => t.plus(a), new Dec(0))

/** Fails the walkthrough loudly: every step is expected to succeed unless it says otherwise. */
const right = <A>(
  e: { readonly _tag: 'Left'; readonly left: unknown } | { readonly _tag: 'Right'; readonly right: A },
  what: string,
): A => {
  if (e._tag === 'Left') throw new Error(`${what}: ${JSON.stringify(e.left)}`)
  return e.right
}

/** A clock the walkthrough moves from night to night; the simulator and the client read it too. */
const settableClock = (at: string): Clock & { readonly set: (instant: string) => void } => {
  let now = at
  return { now: () => now, set: (instant) => (now = instant) }
}

/** Keeps the connector's log lines instead of printing them: the walkthrough prints its own story. */
const memoryLogger = (): Logger & { readonly lines: LogLine[] } => {
  const lines: LogLine[] = []
  const at =
    (level: LogLine['level']) =>
    (message: string, fields: LogFields = {}): void => {
      lines.push({ level, message, fields })
    }
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

const who = (r: Recipient): string => `${r.name} <${r.email}>`

const SUBJECTS: Record<Notification['_tag'], string> = {
  AttachLink: 'Reliez votre compte bancaire à Loop avec Bankin’',
  ReauthenticationLink: 'Votre banque demande vos nouveaux identifiants',
  ExpiryWarning: 'Votre autorisation Bankin’ arrive à échéance',
  FirmConfigurationError: 'Configuration Bankin’ du cabinet à corriger',
}

/** An e-mail notifier that prints each e-mail (the link masked) and records it. */
const recordingNotifier = (print: (line: string) => void): Notifier & { readonly sent: Notification[] } => {
  const sent: Notification[] = []
  return {
    sent,
    send: (n) => async () => {
      sent.push(n)
      print(`   ✉ À : ${who(n.to)}${n.cc.length > 0 ? ` — Cc : ${n.cc.map(who).join(', ')}` : ''}`)
      if (n._tag === 'FirmConfigurationError') {
        print(`     Objet : ${SUBJECTS[n._tag]} (paramètre ${n.setting})`)
        return { _tag: 'Right', right: undefined }
      }
      print(`     Objet : ${SUBJECTS[n._tag]} (dossier ${n.dossierCode}, compte ${n.bankAccountId})`)
      print(`     Lien : ${n._tag === 'ExpiryWarning' ? '—' : MASKED_LINK}`)
      return { _tag: 'Right', right: undefined }
    },
  }
}

/** Events are only counted here; an application would forward them to its portal or mobile app. */
const recordingEvents = (): EventPublisher & { readonly published: DomainEvent[] } => {
  const published: DomainEvent[] = []
  return {
    published,
    publish: (events) => async () => {
      published.push(...events)
      return { _tag: 'Right', right: undefined }
    },
  }
}

const figures = (due: DueDecision, report: SyncReport, ledger: AccountLedger): SyncFigures => {
  const decisions = report.accounts.flatMap((a) => a.decisions)
  const active = activeMovements(ledger)
  const proofs = proveBalances(ledger)
  return {
    due: due.reason,
    added: decisions.filter((d) => d._tag === 'New').length,
    pendingBooked: decisions.filter((d) => d._tag === 'PendingBooked').length,
    pendingWithdrawn: decisions.filter((d) => d._tag === 'Deleted' && d.wasPending).length,
    duplicates: decisions.filter((d) => d._tag === 'DuplicateProviderId' || d._tag === 'DuplicateContent')
      .length,
    entriesGenerated: report.accounts.reduce((n, a) => n + a.entriesGenerated, 0),
    movements: active.length,
    booked: active.filter((m) => m.status === 'booked').length,
    pending: active.filter((m) => m.status === 'pending').length,
    balancesRecorded: ledger.balances.length,
    snapshotsProven: proofs.snapshotsProven,
    balanceIssues: proofs.issues.length,
  }
}

const plural = (n: number, one: string, many: string): string => `${n} ${n > 1 ? many : one}`

/** The connector's messages are for logs (English, technical); the walkthrough glosses the tag. */
const GLOSS: Partial<Record<string, string>> = {
  AuthExpired: 'identifiants refusés par la banque, statut Bridge 402',
  ActionRequired: 'action du client requise',
  Unavailable: 'Bridge indisponible',
  RateLimited: 'quota de requêtes atteint',
}
const syncError = (e: SyncError): string =>
  e._tag === 'PullFailed' ? `${e.error._tag} (${GLOSS[e.error._tag] ?? e.error.message})` : e._tag

/**
 * Runs the whole story against a fresh simulator and closes it. Throws when a step does not go as
 * the seed says (a walkthrough that silently diverged would teach the wrong thing).
 */
export const runWalkthrough = async (options: WalkthroughOptions): Promise<WalkthroughResult> => {
  const lines: string[] = []
  const print = (line: string): void => {
    lines.push(line)
    options.print?.(line)
  }
  const step = (n: number, title: string): void => print(`\n${n}. ${title}`)

  // Sunday 15 March 2026, 10:00 in Paris: the collaborator sets the dossier up.
  const clock = settableClock('2026-03-15T09:00:00Z')
  const today = (): LocalDate => localDateOfInstant(clock.now())
  const logger = memoryLogger()
  const notifier = recordingNotifier(print)
  const events = recordingEvents()
  const store = makeInMemoryLedgerStore()
  const secrets: string[] = []

  // The simulator stamps each change one second after the previous one. Starting it so that the
  // bank's data of the first night ends at 23:59:59 on 16 March puts every later change, and the
  // balance Bridge refreshes with them, on 17 March: the catch-up then has two dated balances to prove.
  const initialStamps = 1 + HISTORY.length // the account, then each transaction
  const sim = await startBridgeSimulator({
    now: clock.now,
    startAt: new Date(Date.parse(PARIS_MIDNIGHT_17_MARCH) - (initialStamps + 1) * 1000).toISOString(),
  })
  secrets.push(sim.clientSecret)
  try {
    const client = makeBridgeClient({
      baseUrl: sim.url,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      logger,
      clock,
    })

    // 1. The checklist, as the collaborator sees it before checking [Bankin'].
    let dossier: Dossier = right(parseDossierJson(options.dossierJson), 'dossier.json')
    step(1, `Contrôle des prérequis du dossier ${dossier.code} — ${dossier.name}`)
    const blockingCodes = (d: Dossier): string[] =>
      checkDossier(d, { today: today(), locale: 'fr' }).bankAccounts.flatMap((a) =>
        a.findings.filter((f) => f.severity === 'blocking').map((f) => f.code),
      )
    const before = checkDossier(dossier, { today: today(), locale: 'fr' })
    for (const account of before.bankAccounts) {
      const name = dossier.bankAccounts.find((b) => b.id === account.bankAccountId)?.name ?? '?'
      print(`   ${account.ok ? '✔' : '✖'} ${name} (${account.bankAccountId})`)
      for (const f of account.findings) print(`     - [${f.code}] ${f.message}`)
    }
    print('   Compte bancaire (Trésorerie), compte 512 et journal de banque en pied de page : en place.')

    // 2. Configuration > Trésorerie: [Bankin'] checked, start date defaulted then validated.
    step(2, 'Configuration > Trésorerie : case [Bankin’] cochée')
    const enabled = right(enableProtocol(dossier, 'bankin', { today: today() }), 'enableProtocol')
    const bankAccountId = enabled.accountsToInterface[0]
    if (bankAccountId === undefined) throw new Error('the dossier has no bank account')
    const accountOf = (d: Dossier): BankAccount => {
      const found = d.bankAccounts.find((b) => b.id === bankAccountId)
      if (found?.feed == null) throw new Error(`${bankAccountId} has no feed`)
      return found
    }
    dossier = enabled.dossier
    const feed = right(validateStartDate(accountOf(dossier).feed!), 'validateStartDate')
    dossier = {
      ...dossier,
      bankAccounts: dossier.bankAccounts.map((b) => (b.id === bankAccountId ? { ...b, feed } : b)),
    }
    const account = accountOf(dossier)
    const after = blockingCodes(dossier)
    print(`   Comptes à interfacer avec Bankin’ : ${enabled.accountsToInterface.join(', ')}`)
    print(
      `   Date de début d’appel à Bankin’ : ${formatLocalDateFr(feed.startDate!)} (début de l’exercice), validée : plus modifiable.`,
    )
    print(`   Génération automatique des écritures : ${feed.autoGenerateEntries ? 'oui' : 'non'}`)
    print(`   Prérequis : ${after.length === 0 ? 'aucun point bloquant' : after.join(', ')}`)
    const user = externalUserIdOf(FIRM, dossier.code)
    print(`   Utilisateur Bankin’ du dossier : ${user}`)

    // 3. [A attacher]: the attached client gets the link, the collaborator in copy.
    step(3, `Trésorerie > Comptes bancaires : [A attacher] sur « ${account.name} »`)
    let status: ConnectionStatus = { attachment: 'notAttached', problem: null, consentExpiresOn: null }
    let reauth: ReauthState = NO_REAUTH_EMAIL
    const attachLink = `https://loop.cabinet.example/${dossier.code}/tresorerie/${bankAccountId}/bankin?jeton=${randomUUID()}`
    secrets.push(attachLink)
    const plan = right(
      planAttach(dossier, bankAccountId, status, { connectLink: attachLink, collaborator: PAUL }),
      'planAttach',
    )
    if (plan.notification === null) throw new Error(`attach sent no e-mail (${plan.mode})`)
    right(await notifier.send(plan.notification)(), 'notifier')
    print('   « Mail envoyé avec succès » ; la colonne [Lien avec Bankin’] affiche [A détacher].')
    status = plan.status

    // Lucile follows the link: the firm's application creates the Bridge user and opens Connect.
    right(await client.ensureUser(user)(), 'ensureUser')
    const session = right(
      await client.connectAddItem(user, {
        prefillEmail: plan.notification.to.email,
        context: bankAccountId,
      })(),
      'connectAddItem',
    )
    secrets.push(session.redirectUrl)
    print(`   Lucile suit le lien : session Bankin’ ouverte (${MASKED_LINK}), elle choisit BNP Paribas et`)
    print('   saisit les identifiants de sa banque en ligne.')
    // What her Connect session produces at Bridge: an item, the account, its history.
    const item = sim.seedItem({ externalUserId: user, bankId: 30004 })
    const bridgeAccount = sim.seedAccount({
      itemId: item,
      name: 'Compte courant professionnel',
      balance: sum([OPENING, ...HISTORY.filter((x) => x.pending !== true).map((x) => x.amount)]).toFixed(2),
      iban: account.iban,
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
    const offered = right(await client.listAccounts(user)(), 'listAccounts')
    for (const a of offered) {
      const balance = right(makeMoney(a.balance, a.currency), 'balance')
      print(
        `   Choix du compte : « ${a.name} » (solde ${formatMoneyFr(balance)}) ↔ ${account.name}${a.iban === account.iban ? ' (même IBAN)' : ''}`,
      )
    }

    const connection: ConnectionRef = { id: `bankin-${dossier.code}-${bankAccountId}`, protocol: 'bankin' }
    const connector = makeBankinConnector({ client, logger, clock, userFor: () => user })
    const deps = { connector, store, clock, events, logger }
    const sync = () => syncAccount(deps, { connection, dossier, bankAccountId })()
    const ledgerNow = (): AccountLedger => {
      const l = store.ledger({ dossierCode: dossier.code, bankAccountId })
      if (l === undefined) throw new Error('no ledger yet')
      return l
    }
    const night = (instant: string): DueDecision => {
      clock.set(instant)
      return right(isDue({ frequency: feed.frequency, lastCollectedOn, now: instant }), 'isDue')
    }
    let lastCollectedOn: LocalDate | null = null

    // 4. The night of 16 March, 03:15 in Paris: the automatism finds the account due.
    step(4, 'Nuit du 16/03/2026, 03h15 : collecte automatique (fenêtre 3h–4h)')
    const night1 = night('2026-03-16T02:15:00Z')
    print(`   Relevé à récupérer ? ${night1.due ? 'oui' : 'non'} (${night1.reason})`)
    if (!night1.due) throw new Error('the first night is not due')
    const first = right(await sync(), 'first sync')
    status = statusAfterPullSuccess(status)
    lastCollectedOn = night1.today
    const firstFigures = figures(night1, first, ledgerNow())
    print(
      `   ${firstFigures.added} mouvements intégrés (${firstFigures.booked} comptabilisés, ${firstFigures.pending} en attente)`,
    )
    print(
      `   ${plural(firstFigures.entriesGenerated, 'écriture générée', 'écritures générées')} au journal ${dossier.journals[0]?.code ?? '?'} (le mouvement en attente n’en a pas)`,
    )
    const firstBalance = ledgerNow().balances.at(-1)?.balance
    if (firstBalance !== undefined)
      print(
        `   Solde Bankin’ au ${formatLocalDateFr(firstBalance.date)} : ${formatMoneyFr(firstBalance.amount)}`,
      )
    print(
      `   Preuves de solde : ${firstFigures.balancesRecorded} solde relevé, rien à comparer encore ; ${firstFigures.balanceIssues} anomalie`,
    )
    const later = night('2026-03-16T03:40:00Z')
    print(`   À 04h40, relevé à récupérer ? ${later.due ? 'oui' : 'non'} (${later.reason})`)

    // 5. Lucile changes her online banking password: Bridge's item goes to status 402.
    step(5, 'Le 16/03 au soir, Lucile change le mot de passe de sa banque en ligne')
    sim.setItemStatus(item, 402, 'wrong credentials')
    const reauthLink = `https://loop.cabinet.example/${dossier.code}/tresorerie/${bankAccountId}/bankin/identifiants?jeton=${randomUUID()}`
    secrets.push(reauthLink)
    const to = plan.notification.to
    const failedNights: FailedNight[] = []
    for (const instant of ['2026-03-17T02:05:00Z', '2026-03-18T02:05:00Z']) {
      const due = night(instant)
      const failed = await sync()
      if (failed._tag === 'Right') throw new Error('the pull succeeded with a changed password')
      const error = failed.left
      print(
        `   Nuit du ${formatLocalDateFr(due.today)} : relevé à récupérer (${due.reason}) → échec ${syncError(error)}`,
      )
      if (error._tag !== 'PullFailed') throw new Error(`unexpected ${error._tag}`)
      const outcome = onConnectorError(status, reauth, error.error, {
        today: due.today,
        dossierCode: dossier.code,
        bankAccountId,
        link: reauthLink,
        recipients: { to, cc: [] },
      })
      status = outcome.status
      if (outcome.notification !== null) {
        print('   E-mail automatique de réauthentification :')
        right(await notifier.send(outcome.notification)(), 'notifier')
      } else print('   Pas de second e-mail : un seul envoi automatique par épisode.')
      // Stored only once the e-mail went out, so a failed send is retried the next night.
      reauth = outcome.reauth
      failedNights.push({
        today: due.today,
        due: due.due,
        error: error.error._tag,
        emailed: outcome.notification !== null,
      })
    }

    // 6. Trésorerie > Outils > Relevés Bankin' en erreur.
    step(6, 'Trésorerie > Outils > Relevés Bankin’ en erreur')
    const broken = feedErrorReport({
      dossier,
      today: today(),
      accounts: [{ bankAccountId, ledger: ledgerNow(), connection: status }],
    })
    for (const i of broken.items) print(`   ✖ ${i.bankAccountId ?? '-'} [${i.code}] ${i.message}`)

    // 7. Lucile re-enters her credentials through the e-mail's link; the bank kept moving meanwhile.
    step(7, 'Le 18/03, Lucile suit le lien et saisit son nouveau mot de passe')
    for (const x of MEANWHILE)
      sim.seedTransaction({ accountId: bridgeAccount, amount: x.amount, date: x.date, description: x.label })
    const booked = sim.bookPending(pendingId, null, '2026-03-17')
    const moved = [...MEANWHILE.map((x) => x.amount), HISTORY[HISTORY.length - 1]?.amount ?? '0']
    const newBalance = sum([
      OPENING,
      ...HISTORY.filter((x) => x.pending !== true).map((x) => x.amount),
      ...moved,
    ]).toFixed(2)
    sim.setBalance(bridgeAccount, newBalance)
    clock.set('2026-03-18T08:30:00Z')
    const edit = right(await client.connectEditItem(user, item)(), 'connectEditItem')
    secrets.push(edit.redirectUrl)
    print(`   Session Bankin’ de modification ouverte (${MASKED_LINK}) ; « Synchroniser ».`)
    sim.setItemStatus(item, 0)
    ;({ status, reauth } = onReauthenticated(status))
    const afterReauth = status
    print('   « Vos comptes sont prêts à être utilisés dans l’application » : la liaison est rétablie.')
    print(
      `   Entre-temps, la banque a comptabilisé ${MEANWHILE.length} mouvements, et le paiement CB en attente`,
    )
    print(`   du 15/03 sous un nouvel identifiant (${pendingId} → ${booked}).`)

    // 8. The next night catches up: only what is new, nothing twice.
    step(8, 'Nuit du 19/03/2026, 03h10 : collecte de rattrapage')
    const night4 = night('2026-03-19T02:10:00Z')
    const movementsBefore = activeMovements(ledgerNow()).length
    const catchUp = right(await sync(), 'catch-up sync')
    status = statusAfterPullSuccess(status)
    lastCollectedOn = night4.today
    const catchUpFigures = figures(night4, catchUp, ledgerNow())
    print(`   Relevé à récupérer ? ${night4.due ? 'oui' : 'non'} (${night4.reason})`)
    print(
      `   ${catchUpFigures.added} nouveaux mouvements (dont le paiement CB du 15/03, comptabilisé), ${catchUpFigures.pendingWithdrawn} mouvement en attente retiré`,
    )
    print(
      `   Mouvements du compte : ${movementsBefore} → ${catchUpFigures.movements} (${catchUpFigures.booked} comptabilisés, ${catchUpFigures.pending} en attente)`,
    )
    print(
      `   ${plural(catchUpFigures.entriesGenerated, 'écriture générée', 'écritures générées')} (pied de page : une écriture par jour de relevé)`,
    )
    const lastBalance = ledgerNow().balances.at(-1)?.balance
    if (lastBalance !== undefined)
      print(
        `   Solde Bankin’ au ${formatLocalDateFr(lastBalance.date)} : ${formatMoneyFr(lastBalance.amount)}`,
      )
    print(
      `   Preuves de solde : ${catchUpFigures.snapshotsProven} solde expliqué exactement par le précédent et les mouvements, ${catchUpFigures.balanceIssues} anomalie`,
    )
    // Played again at once (a collaborator clicking "relancer"): the inclusive cursor brings the
    // last change again, and ingestion recognises it.
    const replay = right(await sync(), 'replayed sync')
    const replayAdded = replay.accounts
      .flatMap((a) => a.decisions)
      .filter((d) => d._tag === 'New' || d._tag === 'PendingBooked').length
    const ids = activeMovements(ledgerNow()).map((m) => m.providerId)
    const duplicateProviderIds = ids.length - new Set(ids).size
    print(
      `   Collecte relancée aussitôt : ${replayAdded} mouvement ajouté ; doublons : ${duplicateProviderIds}`,
    )
    const clean = feedErrorReport({
      dossier,
      today: today(),
      accounts: [{ bankAccountId, ledger: ledgerNow(), connection: status }],
    })
    print(
      `   Relevés Bankin’ en erreur : ${clean.items.length === 0 ? 'aucun' : clean.items.map((i) => i.code).join(', ')}`,
    )
    // 9. Bridge says when the bank authentication (the DSP2 consent) ends: the client is warned a
    // week before, once, and the error report says so until he renews it.
    step(9, 'Le 19/03 : l’authentification bancaire de Lucile expire le 24/03')
    sim.setAuthenticationExpiresAt(item, '2026-03-24T08:00:00Z')
    const items = right(await client.listItems(user)(), 'items')
    const expiresAt = items.find((i) => i.id === item)?.authenticationExpiresAt ?? null
    const expiresOn = expiresAt === null ? null : right(consentExpiresOnOf(expiresAt), 'consent end')
    status = { ...status, consentExpiresOn: expiresOn }
    const candidate = { dossierCode: dossier.code, bankAccountId, status, warnedFor: null, to, cc: [] }
    const warnings = expiryWarnings([candidate], { today: today(), warnDays: DEFAULT_EXPIRY_WARNING_DAYS })
    for (const warning of warnings) right(await notifier.send(warning)(), 'notifier')
    // The same check the next night: that expiry was already warned about.
    const warningsAgain = expiryWarnings([{ ...candidate, warnedFor: warnings[0]?.expiresOn ?? null }], {
      today: today(),
      warnDays: DEFAULT_EXPIRY_WARNING_DAYS,
    })
    const expiring = feedErrorReport({
      dossier,
      today: today(),
      accounts: [{ bankAccountId, connection: status }],
    })
    print(
      `   Relevés Bankin’ en erreur : ${expiring.items.map((i) => `[${i.code}] ${i.message}`).join(' ; ')}`,
    )
    print(
      `   Avertissement renvoyé la nuit suivante : ${warningsAgain.length === 0 ? 'non (déjà prévenu)' : 'oui'}`,
    )

    // 10. From now on the nightly job runs it all: window, sync, e-mails, state kept between nights.
    step(10, 'Nuit du 20/03/2026, 03h20 : la tâche de nuit (runCollection) prend le relais')
    sim.seedTransaction({
      accountId: bridgeAccount,
      amount: '-64.90',
      date: '2026-03-19',
      description: 'PRLV SEPA ORANGE',
    })
    const states = makeInMemoryConnectionStateStore([
      [
        connection.id,
        { status, reauth, lastCollectedOn, lastFailedOn: null, warnedFor: warnings[0]?.expiresOn ?? null },
      ],
    ])
    const nightly = {
      connection,
      connector,
      accounts: [{ dossierCode: dossier.code, bankAccountId }],
      reauthenticationLink: () => {
        const link = `https://loop.cabinet.example/${dossier.code}/tresorerie/${bankAccountId}/bankin/identifiants?jeton=${randomUUID()}`
        secrets.push(link)
        return link
      },
    }
    const runAt = async (instant: string) => {
      clock.set(instant)
      const run = await runCollection(
        { store, states, clock, events, logger, notifier },
        { dossiers: [dossier], targets: [nightly] },
      )()
      return run.connections[0]?.outcome
    }
    const emailsBefore = notifier.sent.length
    const tonight = await runAt('2026-03-20T02:20:00Z')
    const collected = tonight?._tag === 'Collected' ? tonight.report : null
    const nightlyAdded =
      collected?.accounts.flatMap((a) => a.decisions).filter((d) => d._tag === 'New').length ?? 0
    print(
      `   ${tonight?._tag === 'Collected' ? 'Collecté' : (tonight?._tag ?? '?')} : ${nightlyAdded} mouvement nouveau, ${collected?.accounts[0]?.entriesGenerated ?? 0} écriture ; fin du consentement lue chez Bridge : ${formatLocalDateFr(states.state(connection.id)?.status.consentExpiresOn ?? today())}`,
    )
    const again = await runAt('2026-03-20T02:40:00Z')
    const noon = await runAt('2026-03-20T11:00:00Z')
    print(
      `   Relancée à 03h40 : ${again?._tag === 'NotDue' ? again.reason : (again?._tag ?? '?')} ; à midi : ${noon?._tag === 'NotDue' ? `${noon.reason}, prochaine fenêtre ${noon.nextWindowStart}` : (noon?._tag ?? '?')}`,
    )
    print(
      `   E-mails envoyés cette nuit : ${notifier.sent.length - emailsBefore} (consentement déjà signalé)`,
    )

    print(
      `\n${notifier.sent.length} e-mails envoyés, ${sim.requests().length} requêtes HTTP à Bridge (simulateur), ${events.published.length} événements publiés.`,
    )

    secrets.push(...sim.issuedTokens())
    return {
      lines,
      checklist: { before: blockingCodes(right(parseDossierJson(options.dossierJson), 'dossier')), after },
      startDate: { date: feed.startDate, locked: feed.startDateLocked },
      emails: [...notifier.sent],
      firstSync: firstFigures,
      failedNights,
      reportWhileBroken: broken.items.map((i) => ({ code: i.code, message: i.message })),
      afterReauth,
      catchUp: {
        ...catchUpFigures,
        replayAdded,
        duplicateProviderIds,
        reportCodes: clean.items.map((i) => i.code),
      },
      expiry: {
        expiresOn,
        warningsSent: warnings.length,
        warningsNextNight: warningsAgain.length,
        reportCodes: expiring.items.map((i) => i.code),
      },
      nightly: {
        tonight: tonight?._tag ?? null,
        added: nightlyAdded,
        entriesGenerated: collected?.accounts[0]?.entriesGenerated ?? 0,
        consentExpiresOn: states.state(connection.id)?.status.consentExpiresOn ?? null,
        lastCollectedOn: states.state(connection.id)?.lastCollectedOn ?? null,
        again: again?._tag === 'NotDue' ? again.reason : (again?._tag ?? null),
        noon: noon?._tag === 'NotDue' ? noon.reason : (noon?._tag ?? null),
        emails: notifier.sent.length - emailsBefore,
      },
      bridgeRequests: sim.requests().length,
      logs: [...logger.lines],
      secrets,
    }
  } finally {
    await sim.close()
  }
}
