import { describe, test } from 'vitest'
import { runReconciliationLaws } from '../src/index.js'

// The laws of the reconciliation issue, with core's defaults and no rules: everything is booked
// against the waiting account.
runReconciliationLaws({ describe, test })

// The same laws with rules and settings a firm might have: rules must never break them.
runReconciliationLaws({
  describe,
  test,
  name: 'reconciliation laws with rules',
  rules: [
    { id: 'fees', when: { labelContains: ['frais'] }, account: '627800', label: 'Frais bancaires' },
    { id: 'edf', when: { labelPattern: '^PRLV SEPA EDF', direction: 'out' }, account: '606100' },
    {
      id: 'clients',
      when: { labelContains: ['vir', 'client'], direction: 'in' },
      account: '411000',
      auxiliary: 'CMARTIN',
    },
  ],
  settings: { pendingWindowDays: 2 },
  footerStyles: ['receiptsAndPayments'],
})
