import { ok } from '@bankfeed/core'
import type { Notification, Notifier, Recipient } from '@bankfeed/core'

/** What the printed walkthrough replaces every link with: connect links are secrets. */
export const MASKED_LINK = '<lien masqué>'

const who = (r: Recipient): string => `${r.name} <${r.email}>`

const SUBJECTS: Record<Notification['_tag'], string> = {
  AttachLink: 'Reliez votre compte bancaire à Loop avec Bankin’',
  ReauthenticationLink: 'Votre banque demande vos nouveaux identifiants',
  ExpiryWarning: 'Votre autorisation Bankin’ arrive à échéance',
  FirmConfigurationError: 'Configuration Bankin’ du cabinet à corriger',
}

/** A {@link Notifier} that prints each e-mail, its link masked, and keeps it. */
export interface RecordingNotifier extends Notifier {
  /** Every e-mail sent, in order. */
  readonly sent: ReadonlyArray<Notification>
}

/** An e-mail notifier that prints each e-mail (the link masked) and records it. */
export const recordingNotifier = (print: (line: string) => void): RecordingNotifier => {
  const sent: Notification[] = []
  return {
    sent,
    send: (n) => async () => {
      sent.push(n)
      print(`   ✉ À : ${who(n.to)}${n.cc.length > 0 ? ` — Cc : ${n.cc.map(who).join(', ')}` : ''}`)
      if (n._tag === 'FirmConfigurationError') {
        print(`     Objet : ${SUBJECTS[n._tag]} (paramètre ${n.setting})`)
        return ok(undefined)
      }
      print(`     Objet : ${SUBJECTS[n._tag]} (dossier ${n.dossierCode}, compte ${n.bankAccountId})`)
      print(`     Lien : ${n._tag === 'ExpiryWarning' ? '—' : MASKED_LINK}`)
      return ok(undefined)
    },
  }
}
