import { describe, expect, it } from 'vitest'
import { parseCounterpartRulesJson } from './counterpart-rules.js'

const edf = {
  id: 'edf',
  when: { counterpartyContains: 'electricite de france' },
  account: '401000',
  auxiliary: 'EDF',
}

describe('parseCounterpartRulesJson', () => {
  it('gives a dossier its own rules, then the default ones', () => {
    const file = parseCounterpartRulesJson(
      JSON.stringify({
        version: 1,
        dossiers: { CCH001: [edf] },
        default: [{ id: 'fees', when: { labelContains: ['frais'], direction: 'out' }, account: '627000' }],
        accountLabels: { '401000': 'Fournisseurs' },
      }),
    )
    if (file._tag === 'Left') throw new Error(JSON.stringify(file.left))
    expect(file.right.accountLabels.get('401000')).toBe('Fournisseurs')
    expect(file.right.auxiliaryLabels.size).toBe(0)
    expect(file.right.rulesOf('CCH001').map((r) => r.id)).toEqual(['edf', 'fees'])
    expect(file.right.rulesOf('OTHER').map((r) => r.id)).toEqual(['fees'])
  })

  it('names every failing path, amounts as decimal strings only', () => {
    const file = parseCounterpartRulesJson(
      JSON.stringify({
        version: 1,
        dossiers: { CCH001: [{ id: 'x', when: { minAmount: 12.5, direction: 'both' }, account: 401000 }] },
      }),
    )
    expect(file._tag).toBe('Left')
    if (file._tag === 'Right') return
    expect(file.left.map((i) => i.path).sort()).toEqual([
      'dossiers.CCH001[0].account',
      'dossiers.CCH001[0].when.direction',
      'dossiers.CCH001[0].when.minAmount',
    ])
  })

  it('refuses a rule id used twice for a dossier, a wrong version and invalid JSON', () => {
    const twice = parseCounterpartRulesJson(
      JSON.stringify({ version: 1, dossiers: { A: [edf] }, default: [edf] }),
    )
    expect(twice._tag === 'Left' && twice.left[0]?.path).toBe('default[0].id')
    const version = parseCounterpartRulesJson(JSON.stringify({ version: 2 }))
    expect(version._tag === 'Left' && version.left[0]?.path).toBe('version')
    const broken = parseCounterpartRulesJson('{')
    expect(broken._tag === 'Left' && broken.left[0]?.message).toMatch(/^\(root\): invalid JSON/)
  })
})
