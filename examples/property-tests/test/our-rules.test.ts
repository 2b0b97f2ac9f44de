import { test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { chooseCounterpart } from '@bankfeed/core/reconcile'
import { compileCounterpartRules } from '@bankfeed/core'
import type { CounterpartRule, Movement } from '@bankfeed/core'
import { BANK_LABELS, movementArb, runReconciliationLaws } from '@bankfeed/testkit'

// The firm's rules, in order: the first that applies names the counterpart account.
const RULES: ReadonlyArray<CounterpartRule> = [
  { id: 'urssaf', when: { labelContains: ['urssaf'], direction: 'out' }, account: '431000', label: 'URSSAF' },
  { id: 'edf', when: { labelPattern: '^PRLV SEPA EDF' }, account: '606100', label: 'Électricité' },
  {
    id: 'fees',
    when: { labelContains: ['frais'], direction: 'out' },
    account: '627800',
    label: 'Frais bancaires',
  },
  {
    id: 'small-card',
    when: { labelPattern: '^CB ', direction: 'out', maxAmount: '50.00' },
    account: '625700',
    label: 'Réceptions',
  },
]
// Labels that exercise every rule, and some that none knows.
const LABELS = [...BANK_LABELS, 'PRLV SEPA URSSAF IDF', 'FRAIS COMMISSION CB', 'VIR URSSAF REMBOURSEMENT']
const WAITING = '471000'

const compiled = compileCounterpartRules(RULES, WAITING)
if (compiled._tag === 'Left') throw new Error(`rules do not compile: ${JSON.stringify(compiled.left)}`)
const rules = compiled.right
const counterpart = (m: Movement) => chooseCounterpart(rules, m)

// 1. The laws of reconciliation still hold with our rules: entries balance, the 512 matches the bank,
//    the FEC passes, and nothing is lost or doubled however the feed arrives.
runReconciliationLaws({
  describe,
  test: it,
  name: 'our rules keep the reconciliation laws',
  rules: RULES,
  labels: LABELS,
})

// 2. What our rules mean, as properties over generated movements.
describe('our counterpart rules', () => {
  test.prop([movementArb({ labels: ['PRLV SEPA URSSAF', 'PRLV SEPA URSSAF IDF'], sign: 'negative' })])(
    'every URSSAF payment goes to 431000',
    (m) => {
      expect(counterpart(m).account).toBe('431000')
    },
  )

  test.prop([movementArb({ labels: LABELS, sign: 'positive' })])(
    'money coming in is never booked as an expense',
    (m) => {
      expect(['431000', '627800', '625700']).not.toContain(counterpart(m).account)
    },
  )

  test.prop([movementArb({ labels: ['VIR SEPA LOYER', 'CHQ 1234567', 'REM CHQ 0004512'] })])(
    'a movement no rule knows waits in 471000, with its raw label',
    (m) => {
      expect(counterpart(m)).toEqual({ account: WAITING, auxiliary: null, ruleId: null, label: null })
    },
  )

  test.prop([movementArb({ labels: ['CB BOULANGERIE DUPONT', 'CB AMAZON EU'], sign: 'negative' })])(
    'card payments are receptions up to 50 € and wait above',
    (m) => {
      const small = m.amount.amount.abs().lessThanOrEqualTo(50)
      expect(counterpart(m).account).toBe(small ? '625700' : WAITING)
    },
  )

  test.prop([movementArb({ labels: ['FRAIS COMMISSION CB'], sign: 'negative' })])(
    'order matters: bank fees on cards are fees, not receptions',
    (m) => {
      expect(counterpart(m).ruleId).toBe('fees')
    },
  )
})
