import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { bnpRef, mv } from '../../test/builders.js'
import { seedDossierOnBnp } from '../../test/seed.js'
import { E } from '../fp.js'
import { addDays } from '../domain/local-date.js'
import { compileCounterpartRules } from '../entries/counterpart-rules.js'
import { generateEntries } from '../entries/generate-entries.js'
import type { FeedItem } from '../domain/feed.js'
import { defaultIngestionSettings, ingest } from './ingest.js'
import { applyLedgerChanges, awaitsEntry, concatChanges, emptyLedger } from './ledger.js'
import type { AccountLedger } from './ledger.js'
import type { MovementSource } from '../domain/ledger-records.js'
import { currencyCode, localDate } from '../domain/literals.js'

// Small universes, so that ids, dates and amounts collide: updates, twins, pending copies, deletions
// and cross-source copies all happen.
const sources: ReadonlyArray<MovementSource> = [
  { protocol: 'dsp2', connectionId: 'api' },
  { protocol: 'cfonb', connectionId: 'files' },
]
const itemArb: fc.Arbitrary<FeedItem> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({
        id: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
        day: fc.integer({ min: 0, max: 12 }),
        amount: fc.constantFrom('-10.00', '-25.50', '42.00', '0.00'),
        label: fc.constantFrom('CB CARREFOUR', 'PRLV EDF', 'VIR CLIENT'),
        pending: fc.boolean(),
      })
      .map(({ id, day, amount, label, pending }): FeedItem => ({
        _tag: 'Movement',
        account: bnpRef,
        movement: mv(addDays(localDate('2026-03-01'), day), amount, label, {
          providerId: id === null ? null : `t${id}`,
          status: pending ? 'pending' : 'booked',
        }),
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0, max: 8 })
      .map((id): FeedItem => ({ _tag: 'Deleted', account: bnpRef, providerId: `t${id}` })),
  },
)
const stepArb = fc.record({
  source: fc.constantFrom(...sources),
  items: fc.array(itemArb, { maxLength: 8 }),
  generate: fc.boolean(),
})

const dossier = seedDossierOnBnp()
const rules = compileCounterpartRules([], '471000')

/** The index as it should be, recomputed from the movements. */
const expectedIndex = (l: AccountLedger) => {
  const all = [...l.movements.values()]
  const active = all.filter((m) => m.state === 'active')
  const byDate = new Map<string, string[]>()
  for (const m of active) byDate.set(m.bookingDate, [...(byDate.get(m.bookingDate) ?? []), m.id])
  const aliases = new Map<string, string>()
  for (const m of all) for (const a of m.aliases) aliases.set(a, m.id)
  return {
    awaiting: all
      .filter(awaitsEntry)
      .map((m) => m.id)
      .sort(),
    pending: active
      .filter((m) => m.status === 'pending')
      .map((m) => m.id)
      .sort(),
    byDate: [...byDate].map(([d, ids]) => `${d}:${[...ids].sort().join(',')}`).sort(),
    aliases: [...aliases].map(([a, id]) => `${a}->${id}`).sort(),
    deletedWithEntry: all
      .filter((m) => m.state === 'deletedNeedsReview')
      .map((m) => m.id)
      .sort(),
  }
}
const actualIndex = (l: AccountLedger) => ({
  awaiting: [...l.index.awaitingEntry].sort(),
  pending: [...l.index.pending].sort(),
  byDate: [...l.index.byDate].map(([d, ids]) => `${d}:${[...ids].sort().join(',')}`).sort(),
  aliases: [...l.index.aliases].map(([a, id]) => `${a}->${id}`).sort(),
  deletedWithEntry: [...l.index.deletedWithEntry].sort(),
})

describe('the ledger index', () => {
  test.prop([fc.array(stepArb, { minLength: 1, maxLength: 12 })], { numRuns: 1000 })(
    'always says what the movements say, whatever was ingested, deleted or booked, in any order',
    (steps) => {
      if (E.isLeft(rules)) throw new Error('rules')
      let ledger = emptyLedger('CCH001', 'ba1', currencyCode('EUR'))
      for (const step of steps) {
        const ingested = ingest(ledger, step.source, step.items, defaultIngestionSettings(null))
        let changes = ingested.changes
        if (step.generate) {
          const g = generateEntries(dossier, ledger, { rules: rules.right }, changes)
          if (E.isRight(g)) changes = concatChanges(changes, g.right.changes)
        }
        ledger = applyLedgerChanges(ledger, changes)
        expect(actualIndex(ledger)).toEqual(expectedIndex(ledger))
        expect(ledger.index.pendingCount).toBe(ledger.index.pending.size)
        // Connections are remembered once they delivered, even if their movements went since.
        for (const m of ledger.movements.values())
          expect(ledger.index.connections.has(m.source.connectionId)).toBe(true)
        // No id sits twice on one day, and no movement on two days.
        const placed = [...ledger.index.byDate.values()].flat()
        expect(new Set(placed).size).toBe(placed.length)
      }
    },
  )
})
