import type { FeedSettings } from './feed-settings.js'
import type { RibFields } from './rib.js'

/**
 * A bank account of the dossier as entered in Trésorerie > Comptes bancaires. Identifiers are kept as
 * typed by a person: checking them is the prerequisite checklist's job, not the decoder's.
 */
export interface BankAccount {
  readonly id: string
  /** Nom - domiciliation. */
  readonly name: string
  /** Nom du titulaire. */
  readonly holder: string
  /** Titulaire (complément). */
  readonly holderComplement: string | null
  readonly rib: RibFields | null
  readonly iban: string | null
  readonly bic: string | null
  /** ISO 4217 code as entered. */
  readonly currency: string
  /** The client contact who receives the attach and re-authentication e-mails (client attaché). */
  readonly attachedContactId: string | null
  /** Compte principal. */
  readonly main: boolean
  readonly feed: FeedSettings | null
}
