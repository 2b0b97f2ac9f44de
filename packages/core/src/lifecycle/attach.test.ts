import { describe, expect, it } from 'vitest'
import { day } from '../../test/builders.js'
import { seedDossier } from '../../test/seed.js'
import type { BankAccount } from '../domain/bank-account.js'
import type { ConnectionStatus } from '../domain/connection-status.js'
import type { Contact } from '../domain/contact.js'
import type { Dossier } from '../domain/dossier.js'
import { E } from '../fp.js'
import type { Recipient } from '../domain/notification.js'
import { detach, isCollecting, planAttach } from './attach.js'

const notAttached: ConnectionStatus = { attachment: 'notAttached', problem: null, consentExpiresOn: null }
const collaborator: Recipient = { name: 'Paul Martin', email: 'paul.martin@cabinet.example' }
const options = { connectLink: 'https://app.example/attach/ba1', collaborator }

const seedAccount = seedDossier().bankAccounts[0] as BankAccount
const seedContact = seedDossier().contacts[0] as Contact
const withAccount = (patch: Partial<BankAccount>, d: Dossier = seedDossier()): Dossier => ({
  ...d,
  bankAccounts: [{ ...seedAccount, ...patch }],
})
const withContact = (patch: Partial<Contact>): Dossier => ({
  ...seedDossier(),
  contacts: [{ ...seedContact, ...patch }],
})

describe('planAttach on a non-collaborative dossier', () => {
  it('e-mails the attach link to the attached client, the collaborator in copy', () => {
    expect(planAttach(seedDossier(), 'ba1', notAttached, options)).toEqual(
      E.right({
        mode: 'emailed',
        status: { attachment: 'attached', problem: null, consentExpiresOn: null },
        notification: {
          _tag: 'AttachLink',
          to: { name: 'Lucile B', email: 'lucile@example.fr' },
          cc: [{ name: 'Paul Martin', email: 'paul.martin@cabinet.example' }],
          dossierCode: 'CCH001',
          bankAccountId: 'ba1',
          link: 'https://app.example/attach/ba1',
        },
      }),
    )
  })

  it('copies nobody when no collaborator is given', () => {
    const plan = planAttach(seedDossier(), 'ba1', notAttached, { ...options, collaborator: null })
    expect(E.isRight(plan) && plan.right.notification?.cc).toEqual([])
  })

  it('trims the stray spaces of a typed address', () => {
    const plan = planAttach(withContact({ email: ' lucile@example.fr ' }), 'ba1', notAttached, options)
    expect(E.isRight(plan) && plan.right.notification?.to.email).toBe('lucile@example.fr')
  })

  it('needs an attached client', () => {
    expect(planAttach(withAccount({ attachedContactId: null }), 'ba1', notAttached, options)).toEqual(
      E.left({ _tag: 'ContactMissing', bankAccountId: 'ba1', contactId: null }),
    )
    expect(planAttach(withAccount({ attachedContactId: 'c9' }), 'ba1', notAttached, options)).toEqual(
      E.left({ _tag: 'ContactMissing', bankAccountId: 'ba1', contactId: 'c9' }),
    )
  })

  it('needs a deliverable address', () => {
    expect(planAttach(withContact({ email: null }), 'ba1', notAttached, options)).toEqual(
      E.left({ _tag: 'ContactEmailInvalid', contactId: 'c1', email: null }),
    )
    expect(planAttach(withContact({ email: 'lucile@example' }), 'ba1', notAttached, options)).toEqual(
      E.left({ _tag: 'ContactEmailInvalid', contactId: 'c1', email: 'lucile@example' }),
    )
  })
})

describe('planAttach on a collaborative dossier', () => {
  const collaborative = { ...seedDossier(), collaborative: true }

  it('sends no e-mail: the client attaches himself', () => {
    expect(planAttach(collaborative, 'ba1', notAttached, options)).toEqual(
      E.right({
        mode: 'selfService',
        status: { attachment: 'attached', problem: null, consentExpiresOn: null },
        notification: null,
      }),
    )
  })

  it('does not need an attached contact', () => {
    const noContact = withAccount({ attachedContactId: null }, collaborative)
    expect(E.isRight(planAttach(noContact, 'ba1', notAttached, options))).toBe(true)
  })
})

describe('planAttach refusals', () => {
  it('refuses an unknown bank account', () => {
    expect(planAttach(seedDossier(), 'nope', notAttached, options)).toEqual(
      E.left({ _tag: 'BankAccountNotFound', bankAccountId: 'nope' }),
    )
  })

  it('refuses an account with no protocol', () => {
    expect(planAttach(withAccount({ feed: null }), 'ba1', notAttached, options)).toEqual(
      E.left({ _tag: 'ProtocolNotEnabled', bankAccountId: 'ba1' }),
    )
    const feed = { ...(seedAccount.feed as NonNullable<BankAccount['feed']>), protocol: null }
    expect(planAttach(withAccount({ feed }), 'ba1', notAttached, options)).toEqual(
      E.left({ _tag: 'ProtocolNotEnabled', bankAccountId: 'ba1' }),
    )
  })

  it('refuses an account fed by files', () => {
    const feed = { ...(seedAccount.feed as NonNullable<BankAccount['feed']>), protocol: 'cfonb' as const }
    expect(planAttach(withAccount({ feed }), 'ba1', notAttached, options)).toEqual(
      E.left({ _tag: 'ProtocolWithoutAttach', bankAccountId: 'ba1', protocol: 'cfonb' }),
    )
  })

  it('refuses an account already attached', () => {
    expect(planAttach(seedDossier(), 'ba1', { ...notAttached, attachment: 'attached' }, options)).toEqual(
      E.left({ _tag: 'AlreadyAttached', bankAccountId: 'ba1' }),
    )
  })
})

describe('detach and attach again', () => {
  const attached: ConnectionStatus = {
    attachment: 'attached',
    problem: { _tag: 'AuthExpired', since: day('2026-03-10'), action: null, retryAfterSeconds: null },
    consentExpiresOn: day('2026-09-01'),
  }

  it('detaching only changes the attachment: what was known is kept', () => {
    expect(detach(attached)).toEqual(E.right({ ...attached, attachment: 'detached' }))
  })

  it('detaching twice is harmless; never attached cannot be detached', () => {
    const detached = { ...attached, attachment: 'detached' as const }
    expect(detach(detached)).toEqual(E.right(detached))
    expect(detach(notAttached)).toEqual(E.left({ _tag: 'NotAttached' }))
  })

  it('attaching a detached account restores it without an e-mail, even with no contact', () => {
    const detached = { ...attached, attachment: 'detached' as const }
    expect(planAttach(withAccount({ attachedContactId: null }), 'ba1', detached, options)).toEqual(
      E.right({ mode: 'restored', status: attached, notification: null }),
    )
  })

  it('collects attached accounts only', () => {
    expect(isCollecting(attached)).toBe(true)
    expect(isCollecting({ ...attached, attachment: 'detached' })).toBe(false)
    expect(isCollecting(notAttached)).toBe(false)
  })
})
