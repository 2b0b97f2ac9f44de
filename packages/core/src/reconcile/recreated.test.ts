import { describe, expect, it } from 'vitest'
import { bnpRef, mv } from '../../test/builders.js'
import { seedDossierOnBnp } from '../../test/seed.js'
import { E } from '../fp.js'
import { Dec } from '../domain/money.js'
import { compileCounterpartRules } from '../entries/counterpart-rules.js'
import { generateEntries } from '../entries/generate-entries.js'
import type { FeedItem } from '../domain/feed.js'
import { defaultIngestionSettings, ingest } from './ingest.js'
import { activeMovements, applyLedgerChanges, concatChanges, emptyLedger } from './ledger.js'
import type { AccountLedger } from './ledger.js'
import type { MovementSource } from '../domain/ledger-records.js'
import { currencyCode } from '../domain/literals.js'

const bridge: MovementSource = { protocol: 'bankin', connectionId: 'item-1' }
const dossier = seedDossierOnBnp()
const rules = compileCounterpartRules([], '471000')
const empty = emptyLedger(dossier.code, 'ba1', currencyCode('EUR'))

const booked = (id: string, date = '2026-03-02', label = 'VIR CLIENT A'): FeedItem => ({
  _tag: 'Movement',
  account: bnpRef,
  movement: mv(date, '2500.00', label, { providerId: id }),
})
const deleted = (id: string): FeedItem => ({ _tag: 'Deleted', account: bnpRef, providerId: id })

/** One sync: ingest, then book entries for what awaits them, as `syncConnection` does. */
const sync = (ledger: AccountLedger, items: ReadonlyArray<FeedItem>) => {
  const ingested = ingest(ledger, bridge, items, defaultIngestionSettings(null))
  if (E.isLeft(rules)) throw new Error('rules')
  const generated = generateEntries(dossier, ledger, { rules: rules.right }, ingested.changes)
  if (E.isLeft(generated)) throw new Error(generated.left._tag)
  return {
    ledger: applyLedgerChanges(ledger, concatChanges(ingested.changes, generated.right.changes)),
    decisions: ingested.decisions,
  }
}

/** What the journal says of the 512 account: the sum of its lines, debit minus credit. */
const bankTotal = (l: AccountLedger): string =>
  l.entries
    .flatMap((e) => e.lines)
    .filter((line) => line.account.startsWith('512'))
    .reduce((t, line) => t.plus(line.debit).minus(line.credit), new Dec(0))
    .toFixed(2)

describe('a movement deleted after its entry and re-created under a new id', () => {
  const first = sync(empty, [booked('t1')]).ledger

  it('is booked once when the re-creation comes in the next batch', () => {
    const afterDelete = sync(first, [deleted('t1')])
    expect(afterDelete.decisions.map((d) => d._tag)).toEqual(['DeletedNeedsReview'])
    const after = sync(afterDelete.ledger, [booked('t2')])
    expect(after.decisions).toMatchObject([
      { _tag: 'RecreatedByProvider', replacedId: 'p:item-1:t1', needsReview: false },
    ])
    expect(after.ledger.entries).toHaveLength(1)
    expect(bankTotal(after.ledger)).toBe('2500.00')
    expect(activeMovements(after.ledger).map((m) => m.id)).toEqual(['p:item-1:t2'])
    expect([...after.ledger.movements.values()]).toHaveLength(1)
    expect(after.ledger.index.deletedWithEntry.size).toBe(0)
  })

  it('is booked once when both come in one batch, in either order', () => {
    for (const items of [
      [deleted('t1'), booked('t2')],
      [booked('t2'), deleted('t1')],
    ]) {
      const after = sync(first, items)
      expect(after.decisions.map((d) => d._tag)).toContain('RecreatedByProvider')
      expect(after.ledger.entries).toHaveLength(1)
      expect(bankTotal(after.ledger)).toBe('2500.00')
      expect(activeMovements(after.ledger)).toHaveLength(1)
      expect(activeMovements(after.ledger)[0]?.entryId).toBe(first.entries[0]?.id)
    }
  })

  it('follows the new id afterwards: its updates and deletion apply', () => {
    const recreated = sync(sync(first, [deleted('t1')]).ledger, [booked('t2')]).ledger
    const updated = sync(recreated, [booked('t2', '2026-03-02', 'VIR CLIENT A FACT 12')])
    expect(updated.decisions.map((d) => d._tag)).toEqual(['UpdatedByProvider'])
    const again = sync(updated.ledger, [deleted('t2')])
    expect(again.decisions.map((d) => d._tag)).toEqual(['DeletedNeedsReview'])
    // The old id sent again is the same movement.
    expect(sync(recreated, [booked('t1')]).decisions.map((d) => d._tag)).toEqual(['DuplicateProviderId'])
  })

  it('asks for review when the re-created movement moved to another day', () => {
    const after = sync(sync(first, [deleted('t1')]).ledger, [booked('t2', '2026-03-04')])
    expect(after.decisions).toMatchObject([{ _tag: 'RecreatedByProvider', needsReview: true, dayGap: 2 }])
    expect(after.ledger.entries).toHaveLength(1)
  })

  it('does not take over a deletion of another amount or outside the window', () => {
    const afterDelete = sync(first, [deleted('t1')]).ledger
    const far = sync(afterDelete, [booked('t3', '2026-03-20')])
    expect(far.decisions.map((d) => d._tag)).toEqual(['New'])
  })
})
