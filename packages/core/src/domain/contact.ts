/** What a contact is to the dossier: the client's people, or the firm's collaborators. */
export type SubscriberType = 'client' | 'collaborator' | 'other'

/** Every {@link SubscriberType}. */
export const SUBSCRIBER_TYPES: ReadonlyArray<SubscriberType> = ['client', 'collaborator', 'other']

/**
 * A person at the client (interlocuteur): the one attached to a bank account receives the e-mails
 * that ask him to connect his bank.
 */
export interface Contact {
  readonly id: string
  readonly firstName: string
  readonly lastName: string
  readonly email: string | null
  readonly mobile: string | null
  /** Rôle organisationnel, e.g. "Chef d'entreprise". */
  readonly role: string | null
  readonly subscriberType: SubscriberType
  /** Accès en consultation: the contact may log in to see the dossier. */
  readonly consultationAccess: boolean
}

// Deliberately simple: one @, no spaces, a dot in the domain. Full RFC 5322 accepts addresses no
// mail server of a firm would deliver to; this catches the typos people actually make.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/

/** True when `value` looks like a deliverable e-mail address. */
export const isEmailAddress = (value: string): boolean => EMAIL.test(value)
