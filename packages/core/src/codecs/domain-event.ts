import { t } from '../fp.js'
import type { DomainEvent } from '../domain/domain-event.js'

// Events as a store keeps them (the outbox's `type`, `data` JSON and envelope columns) read back:
// a row that is not one of core's events is refused with its path, never taken as one.

const Count = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'count ≥ 0')
const Envelope = {
  dossierCode: t.string,
  bankAccountId: t.union([t.string, t.null]),
  occurredAt: t.string,
}

/** A {@link DomainEvent} as JSON (its own shape: no field needs converting). */
export const DomainEventCodec: t.Type<DomainEvent, DomainEvent, unknown> = t.union(
  [
    t.strict({
      type: t.literal('movements.ingested'),
      ...Envelope,
      data: t.strict({ connectionId: t.string, added: Count, updated: Count, removed: Count }),
    }),
    t.strict({ type: t.literal('entries.generated'), ...Envelope, data: t.strict({ count: Count }) }),
  ],
  'DomainEvent',
)
