import { describe, expect, it } from 'vitest'
import { E } from '../fp.js'
import { bicMatchesIbanCountry, makeBic } from './bic.js'
import type { Bic } from './bic.js'

describe('makeBic', () => {
  it('refuses the seed BIC, 11 digits with no country', () => {
    expect(makeBic('02155210542')).toEqual(
      E.left({ _tag: 'InvalidBic', value: '02155210542', problem: 'WRONG_FORMAT' }),
    )
  })

  it.each(['BNPAFRPP', 'AGRIFRPP882', 'bnpa fr pp xxx'])('accepts %s', (bic) => {
    expect(makeBic(bic)._tag).toBe('Right')
  })

  it('refuses an unknown country and a wrong length', () => {
    expect(makeBic('BNPAZZPP')).toEqual(
      E.left({ _tag: 'InvalidBic', value: 'BNPAZZPP', problem: 'UNKNOWN_COUNTRY' }),
    )
    expect(makeBic('BNPAFRPPX')).toEqual(
      E.left({ _tag: 'InvalidBic', value: 'BNPAFRPPX', problem: 'WRONG_FORMAT' }),
    )
  })
})

describe('bicMatchesIbanCountry', () => {
  it('accepts a French BIC for a Monaco or Réunion IBAN, but not for a German one', () => {
    const bic = 'BNPAFRPP' as Bic
    expect(bicMatchesIbanCountry(bic, 'FR')).toBe(true)
    expect(bicMatchesIbanCountry(bic, 'MC')).toBe(true)
    expect(bicMatchesIbanCountry(bic, 'RE')).toBe(true)
    expect(bicMatchesIbanCountry(bic, 'DE')).toBe(false)
  })
})
