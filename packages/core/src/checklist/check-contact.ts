import { isEmailAddress } from '../domain/contact.js'
import { accountPath, raw } from './context.js'
import type { Check, RawFinding } from './context.js'

/**
 * The attached client contact. With Bankin' on a non-collaborative dossier, the firm sends the attach
 * link to that contact, so one must be chosen; on a collaborative dossier the client attaches himself.
 * Whoever is attached must have an address the e-mails can reach.
 */
export const checkAttachedContact: Check = (ctx) => {
  const { attachedContactId, feed } = ctx.account
  const path = `${accountPath(ctx)}.attachedContactId`
  const needsContact = feed?.protocol === 'bankin' && !ctx.dossier.collaborative
  const index =
    attachedContactId === null ? -1 : ctx.dossier.contacts.findIndex((c) => c.id === attachedContactId)
  const contact = ctx.dossier.contacts[index]
  const out: RawFinding[] = []
  if (contact === undefined) {
    if (needsContact || attachedContactId !== null)
      out.push(raw('ATTACHED_CONTACT_MISSING', path, { contactId: attachedContactId }))
    return out
  }
  if (contact.email === null || !isEmailAddress(contact.email.trim()))
    out.push(
      raw('CONTACT_EMAIL_INVALID', `contacts[${index}].email`, {
        contactId: contact.id,
        email: contact.email,
      }),
    )
  return out
}
