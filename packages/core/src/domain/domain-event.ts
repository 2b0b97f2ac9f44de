/** What every {@link DomainEvent} has: its `type`, where and when it happened, and its `data`. */
export interface EventEnvelope<T extends string, D> {
  /** What happened, as downstream apps read it from the outbox (its `type` column). */
  readonly type: T
  readonly dossierCode: string
  /** The bank account it happened to, or `null` for the dossier as a whole. */
  readonly bankAccountId: string | null
  /** ISO-8601 UTC instant. */
  readonly occurredAt: string
  /** What the change was, by kind (typed below). */
  readonly data: D
}

/** A sync recorded movements of a bank account: counts only, the movements are in the ledger. */
export type MovementsIngested = EventEnvelope<
  'movements.ingested',
  {
    /** The connection whose pull brought them. */
    readonly connectionId: string
    /** New movements (pending ones booked included). */
    readonly added: number
    /** Movements the provider changed or re-created under a new id. */
    readonly updated: number
    /** Movements the provider deleted. */
    readonly removed: number
  }
>

/** Entries were booked in the bank journal for a bank account's movements. */
export type EntriesGenerated = EventEnvelope<'entries.generated', { readonly count: number }>

/**
 * A change downstream apps (a mobile app, a firm portal) want to hear about, written to the
 * store's outbox with the change and published after the commit. Discriminated by `type`, the name
 * the outbox keeps; build them with {@link DomainEvent}'s constructors.
 */
export type DomainEvent = MovementsIngested | EntriesGenerated

/** Every `type` of {@link DomainEvent}. */
export const DOMAIN_EVENT_TYPES: ReadonlyArray<DomainEvent['type']> = [
  'movements.ingested',
  'entries.generated',
]

/** Where and when an event happened: what its constructors take besides its data. */
export type EventOrigin = Omit<EventEnvelope<never, never>, 'type' | 'data'>

/** The constructors of {@link DomainEvent}, one per kind. */
export const DomainEvent = {
  movementsIngested: (where: EventOrigin, data: MovementsIngested['data']): MovementsIngested => ({
    type: 'movements.ingested',
    ...where,
    data,
  }),
  entriesGenerated: (where: EventOrigin, data: EntriesGenerated['data']): EntriesGenerated => ({
    type: 'entries.generated',
    ...where,
    data,
  }),
} as const

/** Why events could not be published. */
export interface PublishError {
  readonly _tag: 'PublishError'
  readonly message: string
}
