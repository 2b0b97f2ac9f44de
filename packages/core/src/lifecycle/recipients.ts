import type { BankAccount } from '../domain/bank-account.js'
import { isEmailAddress } from '../domain/contact.js'
import type { Dossier } from '../domain/dossier.js'
import { E } from '../fp.js'
import type { Either } from '../fp.js'
import type { Recipient } from '../domain/notification.js'
import type { ContactEmailInvalid, ContactMissing } from './errors.js'

/** Who an e-mail goes to, and who is in copy. */
export interface Recipients {
  readonly to: Recipient
  readonly cc: ReadonlyArray<Recipient>
}

/**
 * The client attached to a bank account ("Client attaché"), as an address: the seed sends the attach
 * and password e-mails "au client attaché défini dans le compte bancaire". The address is trimmed,
 * since a stray space typed in a form is the commonest reason a firm's mail bounces.
 */
export const attachedClientRecipient = (
  dossier: Dossier,
  account: BankAccount,
): Either<ContactMissing | ContactEmailInvalid, Recipient> => {
  const contact =
    account.attachedContactId === null
      ? undefined
      : dossier.contacts.find((c) => c.id === account.attachedContactId)
  if (contact === undefined)
    return E.left({ _tag: 'ContactMissing', bankAccountId: account.id, contactId: account.attachedContactId })
  const email = contact.email?.trim() ?? ''
  if (!isEmailAddress(email))
    return E.left({ _tag: 'ContactEmailInvalid', contactId: contact.id, email: contact.email })
  return E.right({ name: `${contact.firstName} ${contact.lastName}`.trim(), email })
}
