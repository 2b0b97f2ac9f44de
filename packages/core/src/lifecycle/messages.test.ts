import { describe, expect, it } from 'vitest'
import { day } from '../../test/builders.js'
import { LIFECYCLE_ERROR_CATALOG, lifecycleErrorMessage } from './messages.js'

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

  it('cover the twelve errors', () => {
    expect(Object.keys(LIFECYCLE_ERROR_CATALOG)).toHaveLength(12)
  })
})
