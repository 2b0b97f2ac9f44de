import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { mv } from '../../test/builders.js'
import type { Movement } from '../domain/statement.js'
import { normalizeLabel } from '../reconcile/movement-identity.js'
import { chooseCounterpart, compileCounterpartRules } from './counterpart-rules.js'
import type { CounterpartRule } from './counterpart-rules.js'

const movement = (label: string, amount = '-12.50'): Movement => mv('2026-03-02', amount, label)

const compile = (rules: ReadonlyArray<CounterpartRule>) => {
  const r = compileCounterpartRules(rules, '471000')
  if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
  return r.right
}

describe('labelContains', () => {
  it('ignores case, accents and punctuation, on ASCII and accented labels alike', () => {
    const rules = compile([{ id: 'fees', when: { labelContains: ['frais tenue'] }, account: '627800' }])
    expect(chooseCounterpart(rules, movement('FRAIS/TENUE DE COMPTE')).account).toBe('627800')
    expect(chooseCounterpart(rules, movement('frais -- tenue')).account).toBe('627800')
    expect(chooseCounterpart(rules, movement('Frais de tenue')).account).toBe('471000')
    expect(chooseCounterpart(rules, movement('FRAÏS TENUE été')).account).toBe('627800')
  })

  // The ASCII fast path tests patterns on the raw label; it must agree with the definition: the
  // normalized label contains the normalized word.
  const asciiText = fc.string({
    unit: fc.constantFrom('a', 'B', 'c', 'É', '1', ' ', '-', '/', '.', '*', '_', 'x', 'Y'),
    maxLength: 24,
  })
  test.prop([asciiText, asciiText])(
    'matches exactly when the normalized label contains the normalized word',
    (label, word) => {
      const normalizedWord = normalizeLabel(word)
      const rules = compile([{ id: 'r', when: { labelContains: [word] }, account: '600000' }])
      const expected = normalizedWord === '' || normalizeLabel(label).includes(normalizedWord)
      expect(chooseCounterpart(rules, movement(label)).account === '600000').toBe(expected)
    },
  )
})

describe('chooseCounterpart', () => {
  it('takes the first rule that applies, else the waiting account, and says which', () => {
    const rules = compile([
      { id: 'big', when: { minAmount: '1000.00' }, account: '401000', auxiliary: 'FOURN1' },
      { id: 'out', when: { direction: 'out' }, account: '606000', label: 'Achats' },
    ])
    expect(chooseCounterpart(rules, movement('X', '-1500.00'))).toEqual({
      account: '401000',
      auxiliary: 'FOURN1',
      ruleId: 'big',
      label: null,
    })
    expect(chooseCounterpart(rules, movement('X', '-15.00'))).toEqual({
      account: '606000',
      auxiliary: null,
      ruleId: 'out',
      label: 'Achats',
    })
    expect(chooseCounterpart(rules, movement('X', '15.00'))).toEqual({
      account: '471000',
      auxiliary: null,
      ruleId: null,
      label: null,
    })
  })
})
