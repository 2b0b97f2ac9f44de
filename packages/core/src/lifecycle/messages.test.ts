import { describe, expect, it } from 'vitest'
import { day } from '../../test/builders.js'
import { textProblems } from '../../test/catalog-texts.js'
import type { CatalogSamples } from '../../test/catalog-texts.js'
import type { ParamsByTag } from '../messages/catalog.js'
import type { LifecycleError } from './errors.js'
import { LIFECYCLE_ERROR_CATALOG, lifecycleErrorMessage } from './messages.js'

// Typed by the errors: a new error kind without a sample does not compile.
const SAMPLES: CatalogSamples<ParamsByTag<LifecycleError>> = {
  BankAccountNotFound: [{ _tag: 'BankAccountNotFound', bankAccountId: 'ba9' }],
  NoCurrentFiscalYear: [{ _tag: 'NoCurrentFiscalYear', today: day('2026-03-15'), bankAccountIds: ['ba1'] }],
  StartDateLocked: [
    { _tag: 'StartDateLocked', startDate: null, requested: day('2026-01-01') },
    { _tag: 'StartDateLocked', startDate: day('2026-01-01'), requested: day('2025-12-01') },
  ],
  StartDateMissing: [{ _tag: 'StartDateMissing' }],
  ProtocolNotEnabled: [{ _tag: 'ProtocolNotEnabled', bankAccountId: 'ba1' }],
  ProtocolWithoutAttach: [{ _tag: 'ProtocolWithoutAttach', bankAccountId: 'ba1', protocol: 'cfonb' }],
  ContactMissing: [
    { _tag: 'ContactMissing', bankAccountId: 'ba1', contactId: null },
    { _tag: 'ContactMissing', bankAccountId: 'ba1', contactId: 'c9' },
  ],
  ContactEmailInvalid: [
    { _tag: 'ContactEmailInvalid', contactId: 'c1', email: ' ' },
    { _tag: 'ContactEmailInvalid', contactId: 'c1', email: 'lucile@example' },
  ],
  AlreadyAttached: [{ _tag: 'AlreadyAttached', bankAccountId: 'ba1' }],
  NotAttached: [{ _tag: 'NotAttached' }],
  InvalidCollectionWindow: [{ _tag: 'InvalidCollectionWindow', start: '25:00', end: '06:00', zone: 'Mars' }],
  InvalidInstant: [{ _tag: 'InvalidInstant', value: '2026-03-15 10:00' }],
}

describe('lifecycle error messages', () => {
  it('speak French by default, English on request', () => {
    const e = { _tag: 'StartDateLocked' as const, startDate: day('2026-01-01'), requested: day('2025-12-01') }
    expect(lifecycleErrorMessage(e)).toBe(
      'La date de début d’appel (01/01/2026) a été validée : elle n’est plus modifiable.',
    )
    expect(lifecycleErrorMessage(e, 'en')).toBe(
      'The feed start date (2026-01-01) was validated: it can no longer change.',
    )
  })

  it('tell a missing contact from an unknown one', () => {
    expect(
      lifecycleErrorMessage({ _tag: 'ContactMissing', bankAccountId: 'ba1', contactId: null }),
    ).toContain('Aucun client attaché')
    expect(
      lifecycleErrorMessage({ _tag: 'ContactMissing', bankAccountId: 'ba1', contactId: 'c9' }),
    ).toContain('« c9 » n’existe pas')
  })

  it('cover the twelve errors, each with a non-empty French and English text in each branch', () => {
    expect(LIFECYCLE_ERROR_CATALOG.codes).toHaveLength(12)
    expect(textProblems(LIFECYCLE_ERROR_CATALOG, SAMPLES)).toEqual([])
  })
})
