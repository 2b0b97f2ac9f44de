import type { Locale } from '../checklist/finding.js'
import type { ConnectionProblem } from '../domain/connection-status.js'
import { formatLocalDateFr, minLocalDate } from '../domain/local-date.js'
import type { LocalDate } from '../domain/local-date.js'
import type { Notification, StoppedConnection } from '../domain/notification.js'

/** The e-mail telling the firm that its own set-up stops collection. */
export type FirmConfigurationNotice = Extract<Notification, { readonly _tag: 'FirmConfigurationError' }>

/** What a firm notice says, before it has an address: the setting, since when, which connections. */
export type FirmConfigurationProblem = Omit<FirmConfigurationNotice, '_tag' | 'to' | 'cc'>

/** A connection stopped by the firm's configuration, as the nightly job found it. */
export interface ConfigurationCase extends StoppedConnection {
  readonly protocol: string
  /** Its stored problem, a `ConfigurationError`. */
  readonly problem: ConnectionProblem
  /** The firm was already told about this episode (its `ReauthState.emailedOn` is set). */
  readonly notified: boolean
}

/**
 * The firm notices due: one per protocol and setting, naming every connection it stops, unless the
 * firm was already told about one of them in this episode — a connection that joins an episode
 * already told (another item of the same Bridge application failing a night later) joins quietly.
 * Many connections failing on one wrong secret thus make one notice, once, not one per connection
 * per night.
 */
export const firmNoticesDue = (
  cases: ReadonlyArray<ConfigurationCase>,
): ReadonlyArray<FirmConfigurationProblem> => {
  const groups = new Map<string, ConfigurationCase[]>()
  for (const c of cases) {
    if (c.problem._tag !== 'ConfigurationError') continue
    const key = JSON.stringify([c.protocol, c.problem.setting ?? ''])
    groups.set(key, [...(groups.get(key) ?? []), c])
  }
  const due: FirmConfigurationProblem[] = []
  for (const group of groups.values()) {
    const first = group[0] as ConfigurationCase
    if (group.some((c) => c.notified)) continue
    due.push({
      protocol: first.protocol,
      setting: first.problem.setting ?? '',
      since: group.reduce<LocalDate>((d, c) => minLocalDate(d, c.problem.since), first.problem.since),
      connections: group.map((c) => ({ connectionId: c.connectionId, accounts: c.accounts })),
    })
  }
  return due
}

const PROTOCOL_LABELS: Readonly<Record<string, string>> = {
  bankin: 'Bankin’ (Bridge)',
  dsp2: 'DSP2',
  cfonb: 'CFONB',
  sobank: 'So bank',
}

/** A protocol as people name it (`bankin` → `Bankin’ (Bridge)`); another connector's id as it is. */
export const protocolLabel = (protocol: string): string => PROTOCOL_LABELS[protocol] ?? protocol

const accountsOf = (p: FirmConfigurationProblem): string =>
  p.connections.flatMap((c) => c.accounts.map((a) => `${a.dossierCode}/${a.bankAccountId}`)).join(', ')

/**
 * The subject and text of a firm notice, in French by default (English for integrators' logs and
 * support). It names the setting, never its value, and tells that no client was written to.
 */
export const firmNoticeMessage = (
  notice: FirmConfigurationProblem,
  locale: Locale = 'fr',
): { readonly subject: string; readonly text: string } => {
  const n = notice.connections.length
  const label = protocolLabel(notice.protocol)
  return locale === 'fr'
    ? {
        subject: `Collecte bancaire suspendue : paramètre « ${notice.setting} » du cabinet à corriger`,
        text:
          `Depuis le ${formatLocalDateFr(notice.since)}, ${label} refuse le paramètre « ${notice.setting} » ` +
          `de la configuration du cabinet. La collecte est suspendue sur ${n} connexion${n > 1 ? 's' : ''} ` +
          `(comptes ${accountsOf(notice)}) jusqu’à sa correction, puis reprend d’elle-même. ` +
          `C’est un réglage du cabinet : les clients n’ont rien à faire et n’ont reçu aucun e-mail.`,
      }
    : {
        subject: `Bank collection suspended: the firm's setting "${notice.setting}" needs fixing`,
        text:
          `Since ${notice.since}, ${label} refuses the firm's setting "${notice.setting}". Collection is ` +
          `suspended on ${n} connection${n > 1 ? 's' : ''} (accounts ${accountsOf(notice)}) until it is ` +
          `fixed, then resumes by itself. It is the firm's set-up: clients have nothing to do and were not e-mailed.`,
      }
}
